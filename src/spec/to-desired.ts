/**
 * Validated spec → DesiredState: defaults applied, references resolved to keys (things the spec
 * declares) or AWS ids, friendly YAML names turned into the API's member names.
 * Reports what only a whole-spec view can see: unknown references and resources declared twice.
 */
import type { WorkspaceProperties } from '@aws-sdk/client-workspaces';
import type { SourceLocation } from '../errors.js';
import type {
  AccountLinkProperties,
  AccountProperties,
  ApplicationAssociationProperties,
  BundleProperties,
  ClientBrandingProperties,
  ConnectClientAddInProperties,
  ConnectionAliasProperties,
  DesiredResource,
  DesiredState,
  DirectoryProperties,
  ImageProperties,
  ImageSource,
  IpGroupProperties,
  Policy,
  PoolProperties,
  ResourceRef,
  LdapSettings,
  Tags,
  UserSource,
  UserSourceTemplate,
  WorkspaceDesiredProperties,
} from '../model/desired.js';
import { DEFAULT_DISRUPTION } from '../model/desired.js';
import {
  accountKey,
  accountLinkKey,
  applicationAssociationKey,
  bundleKey,
  clientBrandingKey,
  connectClientAddInKey,
  connectionAliasKey,
  directoryKey,
  imageKey,
  ipGroupKey,
  poolKey,
  workspaceKey,
  groupTagValue,
  type KindName,
  type ResourceKey,
} from '../model/keys.js';
import { toCidrNotation } from '../kinds/ip-group/cidr-notation.js';
import { specError, type Diagnostic } from './diagnostic.js';
import { suggestion } from './did-you-mean.js';
import type { SourceLocator, SpecPath } from './source-locator.js';
import type { SpecDirectory, SpecDocument, SpecImage, SpecImportCustom, SpecLdap, SpecPolicy, SpecUsers } from './spec-document.js';
import { effectiveTemplate } from './workspace-template.js';

export interface ToDesiredResult {
  desired: DesiredState;
  diagnostics: Diagnostic[];
}

const DEFAULT_BATCH_SIZE = 25;

const SELF_SERVICE_MEMBERS = {
  restartWorkspace: 'RestartWorkspace',
  increaseVolumeSize: 'IncreaseVolumeSize',
  changeComputeType: 'ChangeComputeType',
  switchRunningMode: 'SwitchRunningMode',
  rebuildWorkspace: 'RebuildWorkspace',
} as const;

const ACCESS_MEMBERS = {
  windows: 'DeviceTypeWindows',
  macos: 'DeviceTypeOsx',
  web: 'DeviceTypeWeb',
  ios: 'DeviceTypeIos',
  android: 'DeviceTypeAndroid',
  chromeos: 'DeviceTypeChromeOs',
  zeroClient: 'DeviceTypeZeroClient',
  linux: 'DeviceTypeLinux',
  thinClient: 'DeviceTypeWorkSpacesThinClient',
} as const;

export const BRANDING_PLATFORMS = {
  windows: 'DeviceTypeWindows',
  macos: 'DeviceTypeOsx',
  android: 'DeviceTypeAndroid',
  ios: 'DeviceTypeIos',
  linux: 'DeviceTypeLinux',
  web: 'DeviceTypeWeb',
} as const;

interface IdFormat {
  readonly prefix: string;
  readonly pattern: RegExp;
  /** What a valid id looks like, for messages. */
  readonly shape: string;
}

const DIRECTORY_ID: IdFormat = { prefix: 'd-', pattern: /^(d-[0-9a-f]{8,63}|wsd-[0-9a-z]{8,63})$/, shape: 'd- and 8–63 hex digits' };
const BUNDLE_ID: IdFormat = { prefix: 'wsb-', pattern: /^wsb-[0-9a-z]{8,63}$/, shape: 'wsb- and 8–63 lowercase letters or digits' };
const IMAGE_ID: IdFormat = { prefix: 'wsi-', pattern: /^wsi-[0-9a-z]{9,63}$/, shape: 'wsi- and 9–63 lowercase letters or digits' };
const IP_GROUP_ID: IdFormat = { prefix: 'wsipg-', pattern: /^wsipg-[0-9a-z]{8,63}$/, shape: 'wsipg- and 8–63 lowercase letters or digits' };

/** `unresolvable`: reference kinds not to report as unknown (their entries failed the schema). */
export function toDesired(spec: SpecDocument, locator: SourceLocator, unresolvable: ReadonlySet<string> = new Set()): ToDesiredResult {
  return new DesiredBuilder(spec, locator, unresolvable).build();
}

class DesiredBuilder {
  private readonly resources: DesiredResource[] = [];
  private readonly declaredAt = new Map<ResourceKey, SourceLocation>();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly directoryIds = new Map<string, string>();
  /** Workspace references (image fromWorkspace, application targets) checked once all workspaces exist. */
  private readonly workspaceRefs: { key: ResourceKey; path: SpecPath; text: string }[] = [];
  /** Templates whose users are read at plan time (a directory group, a file). */
  private readonly pendingUsers: UserSourceTemplate[] = [];

  constructor(
    private readonly spec: SpecDocument,
    private readonly locator: SourceLocator,
    private readonly unresolvable: ReadonlySet<string>,
  ) {
    for (const [name, directory] of Object.entries(spec.directories ?? {})) this.directoryIds.set(name, directory.id);
  }

  build(): ToDesiredResult {
    this.addAccount();
    this.addAccountLinks();
    this.addIpGroups();
    this.addDirectories();
    this.addImages();
    this.addBundles();
    this.addWorkspaces();
    this.addPools();
    this.addConnectionAliases();
    this.addClientBranding();
    this.addConnectClientAddIns();
    this.addApplications();
    this.checkWorkspaceRefs();
    const { name, account, region, roleArn } = this.spec.metadata;
    const environment = roleArn === undefined ? { name, account, region } : { name, account, region, roleArn };
    const policy = this.policy(this.spec.policy ?? {});
    const pending = this.pendingUsers.length > 0 ? { pendingUsers: this.pendingUsers } : {};
    return { desired: { environment, policy, resources: this.resources, ...pending }, diagnostics: this.diagnostics };
  }

  // --- kinds -----------------------------------------------------------------------------------

  private addAccount(): void {
    const account = this.spec.account;
    if (!account) return;
    const properties: AccountProperties = compact({
      accountId: this.spec.metadata.account,
      dedicatedTenancySupport: account.dedicatedTenancySupport,
      dedicatedTenancyManagementCidrRange: account.managementCidrRange,
    });
    this.add('account', accountKey(this.spec.metadata.account), properties, {}, ['account']);
  }

  private addAccountLinks(): void {
    for (const [account, role] of Object.entries(this.spec.accountLinks ?? {})) {
      const properties: AccountLinkProperties = { account, role };
      this.add('accountLink', accountLinkKey(account), properties, {}, ['accountLinks', account]);
    }
  }

  private addIpGroups(): void {
    for (const [name, group] of Object.entries(this.spec.ipGroups ?? {})) {
      const path = ['ipGroups', name];
      const properties: IpGroupProperties = compact({
        name,
        description: group.description,
        rules: (group.rules ?? []).map((rule) => compact({ cidr: toCidrNotation(rule.cidr), description: rule.description })),
      });
      this.add('ipGroup', ipGroupKey(name), properties, group.tags ?? {}, path);
    }
  }

  private addDirectories(): void {
    for (const [name, directory] of Object.entries(this.spec.directories ?? {})) {
      const path = ['directories', name];
      const properties = this.directoryProperties(directory, path);
      this.add('directory', directoryKey(directory.id), properties, directory.tags ?? {}, path);
    }
  }

  private directoryProperties(d: SpecDirectory, path: SpecPath): DirectoryProperties {
    return compact({
      directoryId: d.id,
      subnetIds: d.subnets,
      enableSelfService: d.enableSelfService,
      tenancy: d.tenancy,
      ipGroups: d.ipGroups?.map((ref, i) => this.ipGroupRef(ref, [...path, 'ipGroups', i])),
      selfservicePermissions: d.selfService && renameEnabled(d.selfService, SELF_SERVICE_MEMBERS),
      workspaceCreationProperties:
        d.creationDefaults &&
        compact({
          EnableInternetAccess: d.creationDefaults.internetAccess,
          DefaultOu: d.creationDefaults.defaultOu,
          CustomSecurityGroupId: d.creationDefaults.customSecurityGroupId,
          UserEnabledAsLocalAdministrator: d.creationDefaults.userIsLocalAdmin,
          EnableMaintenanceMode: d.creationDefaults.maintenanceMode,
          InstanceIamRoleArn: d.creationDefaults.instanceIamRoleArn,
        }),
      workspaceAccessProperties: d.access && rename(d.access, ACCESS_MEMBERS),
      samlProperties:
        d.saml && compact({ Status: d.saml.status, UserAccessUrl: d.saml.userAccessUrl, RelayStateParameterName: d.saml.relayStateParameterName }),
      certificateBasedAuthProperties:
        d.certificateBasedAuth && compact({ Status: d.certificateBasedAuth.status, CertificateAuthorityArn: d.certificateBasedAuth.certificateAuthorityArn }),
      clientProperties: d.client && compact({ ReconnectEnabled: enabled(d.client.reconnect), LogUploadEnabled: enabled(d.client.logUpload) }),
      streamingProperties:
        d.streaming &&
        compact({
          StreamingExperiencePreferredProtocol: d.streaming.preferredProtocol,
          UserSettings: d.streaming.userSettings?.map((s) => compact({ Action: s.action, Permission: s.permission, MaximumLength: s.maximumLength })),
          StorageConnectors: d.streaming.storageConnectors?.map((c) => ({ ConnectorType: c.type, Status: c.status })),
        }),
      endpointEncryptionMode: d.endpointEncryptionMode,
    }) as DirectoryProperties;
  }

  private addImages(): void {
    for (const [name, image] of Object.entries(this.spec.images ?? {})) {
      const path = ['images', name];
      const source = this.imageSource(image, path);
      if (!source) continue;
      const properties: ImageProperties = compact({ name, description: image.description, source, sharedWith: image.sharedWith ?? [] });
      this.add('image', imageKey(name), properties, image.tags ?? {}, path);
    }
  }

  private imageSource(image: SpecImage, path: SpecPath): ImageSource | undefined {
    const given = (['fromWorkspace', 'copyFrom', 'importByol', 'importCustom', 'updatedFrom', 'id'] as const).filter((s) => image[s] !== undefined);
    if (given.length !== 1) {
      const what = given.length === 0 ? 'none is given' : `${given.join(' and ')} are given`;
      this.error('SPEC_IMAGE_SOURCE', `image needs exactly one source (fromWorkspace, copyFrom, importByol, importCustom, updatedFrom or id); ${what}`, this.locator.key(path));
      return undefined;
    }
    if (image.fromWorkspace !== undefined) return { type: 'fromWorkspace', workspace: this.workspaceRef(image.fromWorkspace, [...path, 'fromWorkspace']) };
    if (image.copyFrom) return { type: 'copyFrom', sourceImageId: image.copyFrom.imageId, sourceRegion: image.copyFrom.region };
    if (image.importByol) {
      const { ec2ImageId, ingestionProcess, applications } = image.importByol;
      return compact({ type: 'importByol' as const, ec2ImageId, ingestionProcess, applications });
    }
    if (image.importCustom) return this.customImportSource(image.importCustom, [...path, 'importCustom']);
    if (image.updatedFrom !== undefined) return { type: 'updatedFrom', image: this.imageRef(image.updatedFrom, [...path, 'updatedFrom']) };
    return { type: 'existing', imageId: image.id! };
  }

  /** ImportCustomWorkspaceImage's ImageSource is a union: exactly one of its three members. */
  private customImportSource(custom: SpecImportCustom, path: SpecPath): ImageSource | undefined {
    const sources = [
      ...(custom.ec2ImageId === undefined ? [] : [{ Ec2ImageId: custom.ec2ImageId }]),
      ...(custom.ec2ImportTaskId === undefined ? [] : [{ Ec2ImportTaskId: custom.ec2ImportTaskId }]),
      ...(custom.imageBuildVersionArn === undefined ? [] : [{ ImageBuildVersionArn: custom.imageBuildVersionArn }]),
    ];
    if (sources.length !== 1) {
      this.error('SPEC_IMAGE_SOURCE', `importCustom needs exactly one of ec2ImageId, ec2ImportTaskId, imageBuildVersionArn; ${sources.length} given`, this.locator.key(path));
      return undefined;
    }
    return {
      type: 'importCustom',
      imageSource: sources[0]!,
      infrastructureConfigurationArn: custom.infrastructureConfigurationArn,
      computeType: custom.computeType ?? 'BASE',
      protocol: custom.protocol,
      osVersion: custom.osVersion,
    };
  }

  private addBundles(): void {
    for (const [name, bundle] of Object.entries(this.spec.bundles ?? {})) {
      const path = ['bundles', name];
      const properties: BundleProperties = compact({
        name,
        description: bundle.description,
        image: this.imageRef(bundle.image, [...path, 'image']),
        computeType: bundle.computeType,
        rootVolumeGib: bundle.rootVolumeGib,
        userVolumeGib: bundle.userVolumeGib,
      });
      this.add('bundle', bundleKey(name), properties, bundle.tags ?? {}, path);
    }
  }

  private addWorkspaces(): void {
    const defaultTags = this.spec.defaults?.workspace?.tags;
    (this.spec.workspaces ?? []).forEach((template, index) => {
      const path = ['workspaces', index];
      const { fields, pathOf } = effectiveTemplate(this.spec, index);
      if (fields.directory === undefined || fields.bundle === undefined) {
        const missing = fields.directory === undefined ? 'directory' : 'bundle';
        this.error('SPEC_MISSING_FIELD', `missing required field "${missing}" in workspaces[${index}] (set it here or in defaults.workspace)`, this.locator.key(path));
        return;
      }
      const directoryId = this.directoryId(fields.directory, pathOf('directory'));
      const bundle = this.bundleRef(fields.bundle, pathOf('bundle'));
      if (directoryId === undefined) return;
      const tags: Tags = { ...defaultTags, ...template.tags };
      const shared = compact({
        bundle,
        workspaceProperties: workspaceProperties(fields),
        volumeEncryptionKey: fields.encryption?.volumeKey,
        userVolumeEncryptionEnabled: fields.encryption?.userVolume,
        rootVolumeEncryptionEnabled: fields.encryption?.rootVolume,
        runningState: fields.state,
        actions: fields.actions && compact({ ...fields.actions }),
        maintenance: fields.maintenance,
        standby: fields.standby && compact({ region: fields.standby.region, directoryId: fields.standby.directory, dataReplication: fields.standby.dataReplication, volumeEncryptionKey: fields.standby.volumeKey }),
      });
      const users = template.users;
      if (!Array.isArray(users)) {
        const source = this.userSource(users, fields.directory, [...path, 'users']);
        if (source === undefined) return;
        const properties = compact({ directoryId, workspaceName: template.workspaceName, ...shared });
        const declaresTags = Object.keys(tags).length > 0;
        this.pendingUsers.push({ source, template: index, properties, tags, declaresTags, location: this.locator.key([...path, 'users']) });
        return;
      }
      const fieldSources = this.workspaceFieldSources(fields, pathOf);
      users.forEach((userName, userIndex) => {
        const properties: WorkspaceDesiredProperties = compact({ directoryId, userName, workspaceName: template.workspaceName, ...shared });
        const key = workspaceKey(directoryId, userName, template.workspaceName);
        this.add('workspace', key, properties, tags, [...path, 'users', userIndex], 'SPEC_DUPLICATE_WORKSPACE', fieldSources);
      });
    });
  }

  /** `{fromGroup}` needs a directory declared here with `ldap`; `{fromFile}` is read at plan time. */
  private userSource(users: Exclude<SpecUsers, string[]>, directoryRef: string, path: SpecPath): UserSource | undefined {
    const given = (['fromGroup', 'fromFile'] as const).filter((member) => typeof (users as Record<string, unknown>)[member] === 'string');
    if (given.length !== 1) {
      const what = given.length === 0 ? 'neither is given' : 'both are given';
      this.error('SPEC_USERS_SOURCE', `users needs a list of user names, or exactly one of fromGroup and fromFile; ${what}`, this.locator.key(path));
      return undefined;
    }
    if ('fromFile' in users) return compact({ type: 'file' as const, file: users.fromFile, column: users.column });
    if ('column' in users) {
      this.error('SPEC_USERS_SOURCE', 'users.column goes with fromFile (it names a CSV column), not with fromGroup', this.locator.key([...path, 'column']));
      return undefined;
    }
    const directory = this.spec.directories?.[directoryRef];
    if (directory?.ldap === undefined) {
      const which = directory === undefined ? `directory "${directoryRef}" is not declared under directories` : `directories.${directoryRef} has no ldap settings`;
      this.error('SPEC_GROUP_NO_LDAP', `users.fromGroup needs the directory's LDAP settings, but ${which}`, this.locator.key(path));
      return undefined;
    }
    return { type: 'group', group: users.fromGroup, tag: groupTagValue(users.fromGroup), ldap: ldapSettings(directory.ldap), directoryName: directoryRef };
  }

  private addPools(): void {
    for (const [name, pool] of Object.entries(this.spec.pools ?? {})) {
      const path = ['pools', name];
      const directory = this.directoryRef(pool.directory, [...path, 'directory']);
      if (!directory) continue;
      const properties: PoolProperties = compact({
        name,
        description: pool.description,
        bundle: this.bundleRef(pool.bundle, [...path, 'bundle']),
        directory,
        capacity: { DesiredUserSessions: pool.capacity },
        runningMode: pool.runningMode,
        applicationSettings: pool.applicationSettings && compact({ Status: pool.applicationSettings.status, SettingsGroup: pool.applicationSettings.settingsGroup }),
        timeoutSettings:
          pool.timeouts &&
          compact({
            DisconnectTimeoutInSeconds: pool.timeouts.disconnectSeconds,
            IdleDisconnectTimeoutInSeconds: pool.timeouts.idleDisconnectSeconds,
            MaxUserDurationInSeconds: pool.timeouts.maxUserDurationSeconds,
          }),
        desiredState: pool.state,
      });
      this.add('pool', poolKey(name), properties, pool.tags ?? {}, path);
    }
  }

  private addConnectionAliases(): void {
    for (const [connectionString, alias] of Object.entries(this.spec.connectionAliases ?? {})) {
      const path = ['connectionAliases', connectionString];
      const associate = (alias.associate ?? []).flatMap((ref, i) => this.directoryRef(ref, [...path, 'associate', i]) ?? []);
      const properties: ConnectionAliasProperties = { connectionString, associate, sharedWith: alias.sharedWith ?? [] };
      this.add('connectionAlias', connectionAliasKey(connectionString), properties, alias.tags ?? {}, path);
    }
  }

  private addClientBranding(): void {
    for (const [directoryRef, platforms] of Object.entries(this.spec.clientBranding ?? {})) {
      const path = ['clientBranding', directoryRef];
      const directoryId = this.directoryId(directoryRef, path);
      if (directoryId === undefined) continue;
      for (const [platformName, branding] of Object.entries(platforms)) {
        const platform = BRANDING_PLATFORMS[platformName as keyof typeof BRANDING_PLATFORMS];
        const properties: ClientBrandingProperties = compact({
          directoryId,
          platform,
          supportEmail: branding.supportEmail,
          supportLink: branding.supportLink,
          forgotPasswordLink: branding.forgotPasswordLink,
          loginMessage: branding.loginMessage,
          logoFile: branding.logo,
        });
        this.add('clientBranding', clientBrandingKey(directoryId, platform), properties, {}, [...path, platformName]);
      }
    }
  }

  private addConnectClientAddIns(): void {
    (this.spec.connectClientAddIns ?? []).forEach((addIn, index) => {
      const path = ['connectClientAddIns', index];
      const directoryId = this.directoryId(addIn.directory, [...path, 'directory']);
      if (directoryId === undefined) return;
      const properties: ConnectClientAddInProperties = { directoryId, name: addIn.name, url: addIn.url };
      this.add('connectClientAddIn', connectClientAddInKey(directoryId, addIn.name), properties, {}, path);
    });
  }

  private addApplications(): void {
    (this.spec.applications ?? []).forEach((entry, index) => {
      const path = ['applications', index];
      const targets = (['workspace', 'bundle', 'image'] as const).filter((t) => entry[t] !== undefined);
      if (targets.length !== 1) {
        this.error('SPEC_APPLICATION_TARGET', 'an application association needs exactly one of workspace, bundle or image', this.locator.key(path));
        return;
      }
      const targetType = targets[0];
      const text = entry[targetType]!;
      const refPath = [...path, targetType];
      const target =
        targetType === 'workspace' ? this.workspaceRef(text, refPath) : targetType === 'bundle' ? this.bundleRef(text, refPath) : this.imageRef(text, refPath);
      const targetKey = 'key' in target ? target.key : `${targetType}/${target.id}`;
      const properties: ApplicationAssociationProperties = { target, targetType, applicationId: entry.application };
      this.add('applicationAssociation', applicationAssociationKey(targetKey, entry.application), properties, {}, path);
    });
  }

  // --- policy, tags, references -----------------------------------------------------------------

  private policy(policy: SpecPolicy): Policy {
    return compact({
      prune: policy.prune ?? false,
      maxDestroy: policy.maxDestroy,
      protect: policy.protect ?? [],
      allowDestroy: policy.allowDestroy ?? false,
      rollout: { mode: policy.rollout?.mode ?? 'none', batchSize: policy.rollout?.batchSize ?? DEFAULT_BATCH_SIZE },
      gracePeriodSeconds: policy.gracePeriod === undefined ? undefined : durationSeconds(policy.gracePeriod),
      ...(policy.disruption === undefined
        ? {}
        : { disruption: { whenConnected: policy.disruption.whenConnected ?? DEFAULT_DISRUPTION.whenConnected, endPoolSessions: policy.disruption.endPoolSessions ?? false } }),
      ...(policy.windows === undefined
        ? {}
        : {
            windows: policy.windows.map((window) => ({
              kind: window.kind,
              schedule: window.schedule,
              durationMinutes: durationMinutes(window.duration),
              timeZone: window.timeZone ?? 'UTC',
              ...(window.kinds === undefined ? {} : { kinds: window.kinds as KindName[] }),
            })),
          }),
    });
  }

  private directoryId(ref: string, path: SpecPath): string | undefined {
    const declared = this.directoryIds.get(ref);
    if (declared !== undefined) return declared;
    if (DIRECTORY_ID.pattern.test(ref)) return ref;
    if (ref.startsWith('d-') || ref.startsWith('wsd-')) this.badId('directory', ref, DIRECTORY_ID, path);
    else this.unknownRef('directory', ref, this.directoryIds.keys(), path);
    return undefined;
  }

  /** A declared directory by key, an outside one by id. */
  private directoryRef(ref: string, path: SpecPath): ResourceRef | undefined {
    const id = this.directoryId(ref, path);
    if (id === undefined) return undefined;
    const declared = [...this.directoryIds.values()].includes(id);
    return declared ? { key: directoryKey(id) } : { id };
  }

  private bundleRef(ref: string, path: SpecPath): ResourceRef {
    return this.namedRef('bundle', ref, BUNDLE_ID, this.spec.bundles, bundleKey, path);
  }

  private imageRef(ref: string, path: SpecPath): ResourceRef {
    return this.namedRef('image', ref, IMAGE_ID, this.spec.images, imageKey, path);
  }

  private ipGroupRef(ref: string, path: SpecPath): ResourceRef {
    return this.namedRef('IP group', ref, IP_GROUP_ID, this.spec.ipGroups, ipGroupKey, path);
  }

  private namedRef(what: string, ref: string, id: IdFormat, declared: Record<string, unknown> | undefined, keyOf: (name: string) => ResourceKey, path: SpecPath): ResourceRef {
    if (declared && Object.hasOwn(declared, ref)) return { key: keyOf(ref) };
    if (id.pattern.test(ref)) return { id: ref };
    if (ref.startsWith(id.prefix)) this.badId(what, ref, id, path);
    else this.unknownRef(what, ref, Object.keys(declared ?? {}), path);
    return { key: keyOf(ref) };
  }

  /** Looks like an id but is not one: say what an id looks like rather than "unknown name". */
  private badId(what: string, ref: string, id: IdFormat, path: SpecPath): void {
    this.error('SPEC_PATTERN', `"${ref}" is not a valid ${what} id (${id.shape})`, this.locator.value(path));
  }

  /** `ws-…` id, or `directory/user[/workspaceName]` naming a workspace this spec declares. */
  private workspaceRef(ref: string, path: SpecPath): ResourceRef {
    if (/^ws-[0-9a-z]{8,63}$/.test(ref)) return { id: ref };
    const [directory, userName, workspaceName, ...rest] = ref.split('/');
    if (!userName || rest.length > 0) {
      this.error('SPEC_UNKNOWN_REF', `"${ref}" is not a workspace reference (use ws-… or directory/user)`, this.locator.value(path));
      return { id: ref };
    }
    const directoryId = this.directoryId(directory, path) ?? directory;
    const key = workspaceKey(directoryId, userName, workspaceName);
    this.workspaceRefs.push({ key, path, text: ref });
    return { key };
  }

  private checkWorkspaceRefs(): void {
    if (this.unresolvable.has('workspace')) return;
    for (const ref of this.workspaceRefs) {
      if (this.declaredAt.has(ref.key)) continue;
      this.error('SPEC_UNKNOWN_REF', `unknown workspace "${ref.text}" (no workspace for that directory and user in this spec)`, this.locator.value(ref.path));
    }
  }

  private unknownRef(what: string, ref: string, known: Iterable<string>, path: SpecPath): void {
    if (this.unresolvable.has(what) || this.unresolvable.has(`${what}/${ref}`)) return;
    this.error('SPEC_UNKNOWN_REF', `unknown ${what} "${ref}"${suggestion(ref, known)}`, this.locator.value(path));
  }

  /** Lines of the fields a plan-time check may name (volumes, compute type, bundle). */
  private workspaceFieldSources(fields: ReturnType<typeof effectiveTemplate>['fields'], pathOf: ReturnType<typeof effectiveTemplate>['pathOf']): Record<string, SourceLocation> {
    const named = { rootVolumeGib: 'workspaceProperties.RootVolumeSizeGib', userVolumeGib: 'workspaceProperties.UserVolumeSizeGib', computeType: 'workspaceProperties.ComputeTypeName', bundle: 'bundle', standby: 'standby' } as const;
    const sources: Record<string, SourceLocation> = {};
    for (const [field, path] of Object.entries(named)) {
      if (fields[field as keyof typeof named] !== undefined) sources[path] = this.locator.value(pathOf(field as keyof typeof named));
    }
    return sources;
  }

  private add<P>(
    kind: KindName,
    key: ResourceKey,
    properties: P,
    tags: Tags,
    path: SpecPath,
    duplicateCode = 'SPEC_DUPLICATE_RESOURCE',
    fieldSources?: Record<string, SourceLocation>,
  ): void {
    const source = this.locator.key(path);
    const first = this.declaredAt.get(key);
    if (first) {
      this.error(duplicateCode, `${key} is declared twice (first at ${first.line}:${first.col})`, source);
      return;
    }
    this.declaredAt.set(key, source);
    this.resources.push({ kind, key, properties, tags, declaresTags: Object.keys(tags).length > 0, source, ...(fieldSources && Object.keys(fieldSources).length > 0 ? { fieldSources } : {}) });
  }

  private error(code: string, summary: string, location: SourceLocation): void {
    this.diagnostics.push(specError(code, summary, location));
  }
}

const LDAP_DEFAULTS = { userAttribute: 'sAMAccountName', nested: 'auto', maxDepth: 16, timeoutSeconds: 10 } as const;

function ldapSettings(ldap: SpecLdap): LdapSettings {
  const bindPassword = ldap.bindPasswordEnv === undefined && ldap.bindPasswordFile === undefined ? undefined : compact({ env: ldap.bindPasswordEnv, file: ldap.bindPasswordFile });
  return compact({
    urls: Array.isArray(ldap.url) ? ldap.url : [ldap.url],
    baseDn: ldap.baseDn,
    bindDn: ldap.bindDn,
    bindPassword,
    userAttribute: ldap.userAttribute ?? LDAP_DEFAULTS.userAttribute,
    nested: ldap.nested ?? LDAP_DEFAULTS.nested,
    maxDepth: ldap.maxDepth ?? LDAP_DEFAULTS.maxDepth,
    timeoutSeconds: ldap.timeoutSeconds ?? LDAP_DEFAULTS.timeoutSeconds,
    caFile: ldap.caFile,
  });
}

/** `30m`, `72h`, `7d` → seconds (the schema allows only these forms). */
function durationSeconds(text: string): number {
  const unit = { m: 60, h: 3600, d: 86400 }[text.slice(-1) as 'm' | 'h' | 'd'];
  return Number.parseInt(text.slice(0, -1), 10) * unit;
}

function workspaceProperties(fields: ReturnType<typeof effectiveTemplate>['fields']): WorkspaceProperties {
  return compact({
    RunningMode: fields.runningMode,
    RunningModeAutoStopTimeoutInMinutes: fields.autoStopTimeoutMinutes,
    RootVolumeSizeGib: fields.rootVolumeGib,
    UserVolumeSizeGib: fields.userVolumeGib,
    ComputeTypeName: fields.computeType,
    Protocols: fields.protocols,
  }) as WorkspaceProperties;
}

function enabled(value: boolean | undefined): 'ENABLED' | 'DISABLED' | undefined {
  return value === undefined ? undefined : value ? 'ENABLED' : 'DISABLED';
}

function rename<T extends Record<string, string>>(values: Record<string, unknown>, members: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [members[name as keyof T], value]));
}

function renameEnabled<T extends Record<string, string>>(values: Record<string, boolean>, members: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [members[name as keyof T], enabled(value)]));
}

/** Drops undefined members: an absent member means "don't care" to the diff. */
/** `6h`, `90m`, `1h30m` → minutes (the schema checked the form). */
export function durationMinutes(text: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(text);
  return Number(match?.[1] ?? 0) * 60 + Number(match?.[2] ?? 0);
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
