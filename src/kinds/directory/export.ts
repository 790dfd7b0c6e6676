/**
 * Directories as spec entries for `wsr export`: the registration (subnets, tenancy) and only the
 * members of each property set that differ from what a fresh registration has, so the entry reads
 * like a person wrote it. Leaving a member out means "don't care" to the diff, so this never hides
 * drift the spec claims to manage. Directories are what `--directory` scopes an export by.
 */
import type { DirectoryProperties } from './properties.js';
import { directoryKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { SpecDirectory } from './spec.js';
import { compact, nonEmptyMap, refId, withTags } from '../export-entry.js';
import type { ExportReferences, KindExport } from '../kind.js';
import { directoryNames } from './export-names.js';

/** Directories in these states are on their way out (or not in yet): nothing to adopt. */
const GONE_STATES = new Set(['DEREGISTERING', 'DEREGISTERED', 'ERROR']);

export const directoryExport: KindExport<DirectoryProperties> = {
  readFor: 'everything-and-scope',
  scopeRoot: {
    // AWS Directory Service ids, or WorkSpaces-native ones (api notes: directory registration)
    idPattern: /^(d-[0-9a-f]{8,63}|wsd-[0-9a-z]{8,63})$/,
    isRegistered: (directory) => !GONE_STATES.has(directory.state ?? ''),
    // declared with client settings, so the reader reads its desktops and DescribeClientProperties
    declaredForRead: (directory) => ({
      kind: 'directory',
      key: directoryKey(directory.id!),
      properties: { directoryId: directory.id!, clientProperties: {} },
      tags: {},
      declaresTags: false,
    }),
  },
  inScope: (directory, scope) => scope.rootInScope(directory.id!),
  uses: (directory) => (props(directory).ipGroups ?? []).map(refId),
  names: directoryNames,
  toSpec: (adopted, references) => ({
    directories: nonEmptyMap(adopted.map((directory) => [references.nameOf(directory.id!), withTags(directoryEntry(directory, references), directory)])),
  }),
};

function props(directory: LiveResource<DirectoryProperties>): DirectoryProperties {
  return directory.properties;
}

/** What RegisterWorkspaceDirectory leaves a directory with (and what AWS shows until someone changes it). */
/** Restart is the one self-service permission a new directory has enabled. */
const SELF_SERVICE_DEFAULTS: Record<string, string> = {
  RestartWorkspace: 'ENABLED',
  IncreaseVolumeSize: 'DISABLED',
  ChangeComputeType: 'DISABLED',
  SwitchRunningMode: 'DISABLED',
  RebuildWorkspace: 'DISABLED',
};
const ACCESS_DEFAULT = 'ALLOW';
const CREATION_DEFAULTS = { EnableInternetAccess: false, UserEnabledAsLocalAdministrator: true, EnableMaintenanceMode: true } as const;

const SELF_SERVICE_NAMES = {
  RestartWorkspace: 'restartWorkspace',
  IncreaseVolumeSize: 'increaseVolumeSize',
  ChangeComputeType: 'changeComputeType',
  SwitchRunningMode: 'switchRunningMode',
  RebuildWorkspace: 'rebuildWorkspace',
} as const;

const ACCESS_NAMES = {
  DeviceTypeWindows: 'windows',
  DeviceTypeOsx: 'macos',
  DeviceTypeWeb: 'web',
  DeviceTypeIos: 'ios',
  DeviceTypeAndroid: 'android',
  DeviceTypeChromeOs: 'chromeos',
  DeviceTypeZeroClient: 'zeroClient',
  DeviceTypeLinux: 'linux',
  DeviceTypeWorkSpacesThinClient: 'thinClient',
} as const;

const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const SECURITY_GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
const ROLE_ARN = /^arn:aws[a-z-]{0,7}:/;
const HTTP_URL = /^(http|https):\/\/\S+$/;

/** IP groups by the names the spec declares them under (or their ids). */
function directoryEntry(live: LiveResource<DirectoryProperties>, references: ExportReferences): SpecDirectory {
  const p = props(live);
  const ipGroups = (p.ipGroups ?? []).map((ref) => references.nameOf(refId(ref))).sort();
  return compact({
    id: p.directoryId,
    subnets: subnetsOf(p.subnetIds),
    tenancy: p.tenancy === 'DEDICATED' ? 'DEDICATED' : undefined,
    ipGroups: ipGroups.length > 0 ? ipGroups : undefined,
    selfService: selfServiceOf(p),
    creationDefaults: creationDefaultsOf(p),
    access: accessOf(p),
    saml: samlOf(p),
    certificateBasedAuth: certificateBasedAuthOf(p),
    client: clientOf(p),
    streaming: streamingOf(p),
    endpointEncryptionMode: p.endpointEncryptionMode === 'FIPS_VALIDATED' ? 'FIPS_VALIDATED' : undefined,
  });
}

/** Registration takes one or two subnets; anything else cannot be written and is left unmanaged. */
function subnetsOf(subnetIds: readonly string[] | undefined): string[] | undefined {
  if (subnetIds === undefined || subnetIds.length === 0 || subnetIds.length > 2) return undefined;
  if (!subnetIds.every((id) => SUBNET_ID.test(id))) return undefined;
  return [...subnetIds];
}

function selfServiceOf(p: DirectoryProperties): Record<string, boolean> | undefined {
  const set = (p.selfservicePermissions ?? {}) as Record<string, string | undefined>;
  const entries = Object.entries(SELF_SERVICE_NAMES)
    .filter(([member]) => set[member] !== undefined && set[member] !== SELF_SERVICE_DEFAULTS[member])
    .map(([member, name]) => [name, set[member] === 'ENABLED'] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function accessOf(p: DirectoryProperties): Record<string, 'ALLOW' | 'DENY'> | undefined {
  const set = (p.workspaceAccessProperties ?? {}) as Record<string, string | undefined>;
  const entries = Object.entries(ACCESS_NAMES)
    .filter(([member]) => set[member] !== undefined && set[member] !== ACCESS_DEFAULT)
    .map(([, name]) => [name, 'DENY' as const] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function creationDefaultsOf(p: DirectoryProperties): SpecDirectory['creationDefaults'] {
  const set = (p.workspaceCreationProperties ?? {}) as Record<string, unknown>;
  const differs = (member: keyof typeof CREATION_DEFAULTS): boolean | undefined =>
    typeof set[member] === 'boolean' && set[member] !== CREATION_DEFAULTS[member] ? (set[member] as boolean) : undefined;
  const fields = compact({
    internetAccess: differs('EnableInternetAccess'),
    userIsLocalAdmin: differs('UserEnabledAsLocalAdministrator'),
    maintenanceMode: differs('EnableMaintenanceMode'),
    defaultOu: nonEmpty(set.DefaultOu),
    customSecurityGroupId: matching(set.CustomSecurityGroupId, SECURITY_GROUP_ID),
    instanceIamRoleArn: matching(set.InstanceIamRoleArn, ROLE_ARN),
  });
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function samlOf(p: DirectoryProperties): SpecDirectory['saml'] {
  const saml = p.samlProperties;
  if (saml === undefined || (saml.Status === 'DISABLED' && saml.UserAccessUrl === undefined)) return undefined;
  const url = saml.UserAccessUrl;
  return compact({
    status: saml.Status,
    userAccessUrl: url !== undefined && url.length >= 8 && url.length <= 200 && HTTP_URL.test(url) ? url : undefined,
    relayStateParameterName: nonEmpty(saml.RelayStateParameterName),
  });
}

function certificateBasedAuthOf(p: DirectoryProperties): SpecDirectory['certificateBasedAuth'] {
  const cba = p.certificateBasedAuthProperties;
  if (cba === undefined || (cba.Status === 'DISABLED' && cba.CertificateAuthorityArn === undefined)) return undefined;
  const arn = cba.CertificateAuthorityArn;
  return compact({ status: cba.Status, certificateAuthorityArn: arn?.startsWith('arn:') && arn.length >= 5 && arn.length <= 200 ? arn : undefined });
}

/**
 * Reconnect is documented as enabled by default; log upload has no documented default, so it is
 * written whenever it was read (the reader reads client properties only when asked to).
 */
function clientOf(p: DirectoryProperties): SpecDirectory['client'] {
  const client = p.clientProperties;
  if (client === undefined) return undefined;
  const fields = compact({
    reconnect: client.ReconnectEnabled === 'DISABLED' ? false : undefined,
    logUpload: client.LogUploadEnabled === undefined ? undefined : client.LogUploadEnabled === 'ENABLED',
  });
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function streamingOf(p: DirectoryProperties): SpecDirectory['streaming'] {
  const streaming = p.streamingProperties;
  if (streaming === undefined) return undefined;
  const fields = compact({
    preferredProtocol: streaming.StreamingExperiencePreferredProtocol as 'TCP' | 'UDP' | undefined,
    userSettings:
      streaming.UserSettings && streaming.UserSettings.length > 0
        ? streaming.UserSettings.map((s) => compact({ action: s.Action!, permission: s.Permission!, maximumLength: s.MaximumLength }))
        : undefined,
    storageConnectors:
      streaming.StorageConnectors && streaming.StorageConnectors.length > 0
        ? streaming.StorageConnectors.map((c) => ({ type: c.ConnectorType!, status: c.Status! }))
        : undefined,
  });
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function matching(value: unknown, pattern: RegExp): string | undefined {
  return typeof value === 'string' && pattern.test(value) ? value : undefined;
}
