/** Directory registration and every directory-level property set, plus IP-group (dis)association. */
import { DURATION } from '../clock.js';
import { alreadyExists, invalidParameter, invalidState, limitExceeded, notFound, notSupported } from '../errors.js';
import { randomAlnum } from '../ids.js';
import { pageOf } from '../pagination.js';
import type { ResolvedDirectory } from '../seed.js';
import type { Json, Rec, Store } from '../store.js';
import { limitOf, requireRec, tagOnCreate, transition, type Context, type Handlers } from './context.js';

const DIRECTORY_TYPE: Record<string, string> = { SIMPLE_AD: 'SIMPLE_AD', MICROSOFT_AD: 'SIMPLE_AD', AD_CONNECTOR: 'AD_CONNECTOR' };
const ALL_ACCESS = [
  'DeviceTypeWindows',
  'DeviceTypeOsx',
  'DeviceTypeWeb',
  'DeviceTypeIos',
  'DeviceTypeAndroid',
  'DeviceTypeChromeOs',
  'DeviceTypeZeroClient',
  'DeviceTypeLinux',
  'DeviceTypeWorkSpacesThinClient',
];

function registerDirectory(input: Json, ctx: Context): Json {
  const { store } = ctx;
  if (store.maps.directories.size >= store.quotas.directories) throw limitExceeded(`At most ${store.quotas.directories} directories can be registered.`);
  const native = input.DirectoryId === undefined;
  const seeded = native ? undefined : store.dsDirectories.get(input.DirectoryId);
  if (!native && !seeded) throw notFound(input.DirectoryId, 'directory');
  if (native && !input.WorkspaceDirectoryName) throw invalidParameter('WorkspaceDirectoryName is required when no DirectoryId is given.');
  checkPoolsRegistration(input);
  const id: string = native ? `wsd-${randomAlnum(9)}` : input.DirectoryId;
  if (store.maps.directories.has(id)) throw alreadyExists(`The directory ${id} is already registered.`);
  const subnets: string[] = input.SubnetIds ?? seeded?.subnets ?? [];
  if (seeded && subnets.some((s) => !seeded.subnets.includes(s)))
    throw invalidParameter(`Subnets ${subnets.join(', ')} are not all in the directory's VPC (${seeded.subnets.join(', ')}).`);
  if (new Set(subnets).size !== subnets.length) throw invalidParameter('The two subnets must be distinct (different Availability Zones).');
  if (input.Tenancy === 'DEDICATED' && store.accountSettings.DedicatedTenancySupport !== 'ENABLED')
    throw invalidParameter('DEDICATED tenancy needs an account enabled for BYOL (ModifyAccount).');
  store.maps.directories.set(id, directoryRecord(store, id, input, subnets, seeded));
  tagOnCreate(ctx, id, input.Tags);
  transition(ctx, 'directories', id, 'REGISTERED', DURATION.register);
  return { DirectoryId: id, State: 'REGISTERING' };
}

/** A REGISTERING directory as RegisterWorkspaceDirectory makes it (also used for directories the seed registers). */
export function directoryRecord(store: Store, id: string, input: Json, subnets: string[], seeded: ResolvedDirectory | undefined): Rec {
  const data: Json = {
    DirectoryId: id,
    Alias: seeded ? seeded.name.split('.')[0] : id,
    DirectoryName: seeded?.name ?? input.WorkspaceDirectoryName,
    RegistrationCode: `SLiad+${randomAlnum(6).toUpperCase()}`,
    SubnetIds: subnets,
    DnsIpAddresses: seeded ? ['10.0.0.10', '10.0.1.10'] : [],
    CustomerUserName: 'Administrator',
    IamRoleId: `arn:aws:iam::${store.account}:role/workspaces_DefaultRole`,
    DirectoryType: seeded ? DIRECTORY_TYPE[seeded.type] : input.UserIdentityType === 'AWS_IAM_IDENTITY_CENTER' ? 'AWS_IAM_IDENTITY_CENTER' : 'CUSTOMER_MANAGED',
    WorkspaceSecurityGroupId: `sg-${randomAlnum(17).replace(/[g-z]/g, 'a')}`,
    State: 'REGISTERING',
    WorkspaceCreationProperties: { EnableInternetAccess: false, UserEnabledAsLocalAdministrator: true, EnableMaintenanceMode: true },
    ipGroupIds: [],
    WorkspaceAccessProperties: Object.fromEntries(ALL_ACCESS.map((k) => [k, 'ALLOW'])),
    Tenancy: input.Tenancy ?? 'SHARED',
    SelfservicePermissions: selfService(input.EnableSelfService === true),
    SamlProperties: { Status: 'DISABLED' },
    CertificateBasedAuthProperties: { Status: 'DISABLED' },
    EndpointEncryptionMode: 'STANDARD_TLS',
    UserIdentityType: input.UserIdentityType ?? 'AWS_DIRECTORY_SERVICE',
    WorkspaceType: input.WorkspaceType ?? 'PERSONAL',
    ...(input.WorkspaceDirectoryName ? { WorkspaceDirectoryName: input.WorkspaceDirectoryName } : {}),
    ...(input.WorkspaceDirectoryDescription ? { WorkspaceDirectoryDescription: input.WorkspaceDirectoryDescription } : {}),
    ...(input.MicrosoftEntraConfig ? { MicrosoftEntraConfig: input.MicrosoftEntraConfig } : {}),
    ...(input.ActiveDirectoryConfig ? { ActiveDirectoryConfig: input.ActiveDirectoryConfig } : {}),
    ...(input.IdcInstanceArn ? { IDCConfig: { InstanceArn: input.IdcInstanceArn } } : {}),
  };
  return { seq: store.nextSeq(), data, clientProperties: { ReconnectEnabled: 'ENABLED', LogUploadEnabled: 'DISABLED' } };
}

/**
 * A WorkSpaces Pools directory is a WorkSpaces-native one (a `wsd-` id, no Directory Service id)
 * whose users sign in through SAML 2.0 (UserIdentityType CUSTOMER_MANAGED), as the admin guide's
 * "Create a directory for WorkSpaces Pools" and the API's RegisterWorkspaceDirectory members show.
 * The error code is an emulator choice (AWS documents none for this case).
 */
function checkPoolsRegistration(input: Json): void {
  if (input.WorkspaceType !== 'POOLS') return;
  if (input.DirectoryId !== undefined)
    throw invalidParameter('A WorkSpaces Pools directory is registered without a DirectoryId (WorkspaceDirectoryName, UserIdentityType CUSTOMER_MANAGED).');
  if (input.UserIdentityType !== 'CUSTOMER_MANAGED')
    throw invalidParameter('A WorkSpaces Pools directory authenticates users with SAML 2.0: UserIdentityType must be CUSTOMER_MANAGED.');
}

/** Pools live only in POOLS directories (REGISTERED); personal WorkSpaces only in PERSONAL ones. */
export function requirePoolsDirectory(ctx: Context, directoryId: string): Rec {
  const directory = ctx.store.maps.directories.get(directoryId);
  if (directory?.data.State !== 'REGISTERED') throw notFound(directoryId, 'directory');
  if (directory.data.WorkspaceType !== 'POOLS')
    throw invalidParameter(
      `Directory ${directoryId} is a ${directory.data.WorkspaceType} directory; a pool needs a directory registered with WorkspaceType POOLS.`,
    );
  return directory;
}

const selfService = (enabled: boolean): Json => {
  const value = enabled ? 'ENABLED' : 'DISABLED';
  return { RestartWorkspace: 'ENABLED', IncreaseVolumeSize: value, ChangeComputeType: value, SwitchRunningMode: value, RebuildWorkspace: value };
};

function deregisterDirectory(input: Json, ctx: Context): Json {
  const rec = requireDirectory(ctx, input.DirectoryId);
  if (ctx.store.workspaceCountIn(input.DirectoryId) > 0)
    throw notSupported(`Directory ${input.DirectoryId} still has WorkSpaces; terminate them first.`, 'DirectoryHasWorkspaces');
  const pool = [...ctx.store.maps.pools.values()].find((p) => p.data.DirectoryId === input.DirectoryId);
  if (pool) throw notSupported(`Directory ${input.DirectoryId} is used by pool ${pool.data.PoolId}.`, 'DirectoryHasPools');
  if (rec.data.State !== 'REGISTERED') throw invalidState(`Directory ${input.DirectoryId} is ${rec.data.State}.`);
  rec.data.State = 'DEREGISTERING';
  ctx.store.maps.branding.delete(input.DirectoryId);
  transition(ctx, 'directories', input.DirectoryId, null, DURATION.deregister);
  return {};
}

function describeDirectories(input: Json, ctx: Context): Json {
  let recs: Rec[] = [...ctx.store.maps.directories.values()];
  if (input.DirectoryIds) recs = recs.filter((r) => input.DirectoryIds.includes(r.data.DirectoryId));
  if (input.WorkspaceDirectoryNames) recs = recs.filter((r) => input.WorkspaceDirectoryNames.includes(r.data.WorkspaceDirectoryName ?? r.data.DirectoryName));
  for (const filter of (input.Filters ?? []) as Json[]) {
    const member = filter.Name === 'USER_IDENTITY_TYPE' ? 'UserIdentityType' : 'WorkspaceType';
    recs = recs.filter((r) => filter.Values.includes(r.data[member]));
  }
  const page = pageOf('DescribeWorkspaceDirectories', recs, input.NextToken, limitOf(ctx, input));
  return { Directories: page.items.map((r) => r.data), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

export function requireDirectory(ctx: Context, id: string): Rec {
  return requireRec(ctx, 'directories', id, 'directory');
}

/** The ModifyX calls that merge a structure into the directory. */
function mergeInto(member: string, inputMember = member, idMember = 'ResourceId'): (input: Json, ctx: Context) => Json {
  return (input, ctx) => {
    const rec = requireDirectory(ctx, input[idMember]);
    rec.data[member] = { ...(rec.data[member] ?? {}), ...input[inputMember] };
    return {};
  };
}

function modifyWithDeletes(member: string, deletable: Record<string, string>): (input: Json, ctx: Context) => Json {
  return (input, ctx) => {
    const rec = requireDirectory(ctx, input.ResourceId);
    const next = { ...(rec.data[member] ?? {}), ...(input[member] ?? {}) };
    for (const property of (input.PropertiesToDelete ?? []) as string[]) delete next[deletable[property]];
    rec.data[member] = next;
    return {};
  };
}

function modifyClientProperties(input: Json, ctx: Context): Json {
  const rec = requireDirectory(ctx, input.ResourceId);
  rec.clientProperties = { ...rec.clientProperties, ...input.ClientProperties };
  return {};
}

function describeClientProperties(input: Json, ctx: Context): Json {
  const recs = (input.ResourceIds as string[]).map((id) => requireDirectory(ctx, id));
  return { ClientPropertiesList: recs.map((r) => ({ ResourceId: r.data.DirectoryId, ClientProperties: r.clientProperties })) };
}

function modifyEndpointEncryptionMode(input: Json, ctx: Context): Json {
  const rec = requireDirectory(ctx, input.DirectoryId);
  rec.data.EndpointEncryptionMode = input.EndpointEncryptionMode;
  return {};
}

function associateIpGroups(input: Json, ctx: Context): Json {
  const rec = requireDirectory(ctx, input.DirectoryId);
  for (const groupId of input.GroupIds as string[]) requireRec(ctx, 'ipGroups', groupId, 'IP access control group');
  if (rec.data.State !== 'REGISTERED') throw invalidState(`Directory ${input.DirectoryId} is ${rec.data.State}.`);
  const next = [...new Set([...rec.data.ipGroupIds, ...input.GroupIds])];
  if (next.length > ctx.store.quotas.ipGroupsPerDirectory)
    throw limitExceeded(`A directory can have at most ${ctx.store.quotas.ipGroupsPerDirectory} IP access control groups.`);
  rec.data.ipGroupIds = next;
  return {};
}

function disassociateIpGroups(input: Json, ctx: Context): Json {
  const rec = requireDirectory(ctx, input.DirectoryId);
  for (const groupId of input.GroupIds as string[]) requireRec(ctx, 'ipGroups', groupId, 'IP access control group');
  if (rec.data.State !== 'REGISTERED') throw invalidState(`Directory ${input.DirectoryId} is ${rec.data.State}.`);
  rec.data.ipGroupIds = rec.data.ipGroupIds.filter((id: string) => !input.GroupIds.includes(id));
  return {};
}

export const directoryHandlers: Handlers = {
  RegisterWorkspaceDirectory: registerDirectory,
  DeregisterWorkspaceDirectory: deregisterDirectory,
  DescribeWorkspaceDirectories: describeDirectories,
  ModifyWorkspaceCreationProperties: mergeInto('WorkspaceCreationProperties'),
  ModifyWorkspaceAccessProperties: mergeInto('WorkspaceAccessProperties'),
  ModifySelfservicePermissions: mergeInto('SelfservicePermissions'),
  ModifyStreamingProperties: mergeInto('StreamingProperties'),
  ModifySamlProperties: modifyWithDeletes('SamlProperties', {
    SAML_PROPERTIES_USER_ACCESS_URL: 'UserAccessUrl',
    SAML_PROPERTIES_RELAY_STATE_PARAMETER_NAME: 'RelayStateParameterName',
  }),
  ModifyCertificateBasedAuthProperties: modifyWithDeletes('CertificateBasedAuthProperties', {
    CERTIFICATE_BASED_AUTH_PROPERTIES_CERTIFICATE_AUTHORITY_ARN: 'CertificateAuthorityArn',
  }),
  ModifyClientProperties: modifyClientProperties,
  DescribeClientProperties: describeClientProperties,
  ModifyEndpointEncryptionMode: modifyEndpointEncryptionMode,
  AssociateIpGroups: associateIpGroups,
  DisassociateIpGroups: disassociateIpGroups,
};
