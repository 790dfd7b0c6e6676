/**
 * Adoption: live state → a wsr/v1 spec document that plans to "No changes" against the same
 * account. Pure: the engine reads (with the reader, tags included), this decides what goes in.
 * Resources another environment owns (`wsr:env=<other>`) stay out unless asked for; what is
 * left out, and why, is returned as data for the file's header.
 */
import type {
  BundleProperties,
  ConnectionAliasProperties,
  DirectoryProperties,
  ImageProperties,
  IpGroupProperties,
  PoolProperties,
  WorkspaceDesiredProperties,
} from '../model/desired.js';
import { OWNERSHIP_TAG_KEY, type KindName } from '../model/keys.js';
import type { LiveResource, LiveState } from '../model/live.js';
import type {
  SpecBundle,
  SpecConnectionAlias,
  SpecDirectory,
  SpecDocument,
  SpecImage,
  SpecIpGroup,
  SpecPool,
  SpecWorkspaceFields,
} from '../spec/spec-document.js';
import { exportDirectory } from './export-directory.js';
import { exportableTags } from './exportable-tags.js';
import { directoryNames } from './directory-names.js';
import { workspaceTemplates, type DesktopEntry } from './workspace-templates.js';

export interface ExportOptions {
  /** metadata.name of the spec (the ownership tag value it will manage). */
  readonly name: string;
  readonly account: string;
  readonly region: string;
  /** Only these directories (and what lives in or is used by them). @default every registered one */
  readonly directories?: readonly string[];
  /** Adopt resources tagged for another environment too. @default false */
  readonly includeManaged?: boolean;
}

/** A live resource the export left out, with the reason as a short sentence. */
export interface SkippedResource {
  readonly key: string;
  readonly id?: string;
  readonly reason: string;
  /** The other environment's name, for resources skipped because it owns them. */
  readonly managedBy?: string;
}

export interface ExportedSpec {
  readonly document: SpecDocument;
  readonly skipped: readonly SkippedResource[];
  /** Adopted with `includeManaged` although another environment's tag is on them: two specs will fight over these. */
  readonly alsoManaged: readonly SkippedResource[];
  /** How many resources of each kind the document adopts. */
  readonly counts: Readonly<Partial<Record<KindName, number>>>;
}

const EXPORTED_KINDS: readonly KindName[] = ['ipGroup', 'directory', 'image', 'bundle', 'workspace', 'pool', 'connectionAlias'];
/** Directories in these states are on their way out (or not in yet): nothing to adopt. */
const DIRECTORY_GONE = new Set(['DEREGISTERING', 'DEREGISTERED', 'ERROR']);
const WORKSPACE_GONE = new Set(['TERMINATING', 'TERMINATED']);
const IMAGE_OR_BUNDLE_NAME = /^[a-zA-Z0-9_./()\\-]{1,64}$/;
const DESCRIPTION = /^[a-zA-Z0-9_./() -]{1,255}$/;
const POOL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const CONNECTION_STRING = /^[.0-9a-zA-Z-]{1,255}$/;
const WORKSPACE_NAME = /^[a-zA-Z0-9_()][a-zA-Z0-9_.()-]{1,63}$/;
const COMPUTE_TYPE = /^[A-Z0-9_]+$/;

export function exportSpec(live: LiveState, options: ExportOptions): ExportedSpec {
  return new SpecExporter(live, options).export();
}

class SpecExporter {
  private readonly skipped: SkippedResource[] = [];
  private readonly alsoManaged: SkippedResource[] = [];
  private readonly byKind = new Map<KindName, LiveResource[]>();
  /** Exported resources, by AWS id → the name the spec uses for them. */
  private readonly ipGroupNames = new Map<string, string>();
  private readonly directoryNames = new Map<string, string>();
  private readonly imageNames = new Map<string, string>();
  private readonly bundleNames = new Map<string, string>();
  /** Registered directories in scope, adopted or not: desktops and pools in them are in scope too. */
  private readonly scopeDirectoryIds = new Set<string>();

  constructor(
    live: LiveState,
    private readonly options: ExportOptions,
  ) {
    for (const kind of EXPORTED_KINDS) this.byKind.set(kind, []);
    const wanted = options.directories === undefined ? undefined : new Set(options.directories);
    for (const resource of live.resources) {
      if (resource.kind !== 'directory' || DIRECTORY_GONE.has(resource.state ?? '')) continue;
      if (wanted === undefined || wanted.has(resource.id!)) this.scopeDirectoryIds.add(resource.id!);
    }
    const sorted = [...live.resources].sort((a, b) => compareText(a.key, b.key) || compareText(a.id ?? '', b.id ?? ''));
    for (const resource of sorted) this.byKind.get(resource.kind)?.push(resource);
  }

  export(): ExportedSpec {
    // scope first (what the directories in scope hold and use), then ownership: only what is in
    // scope is adopted or reported as skipped
    const scope = this.scope();
    const adopt = (resources: readonly LiveResource[]): LiveResource[] => resources.filter((resource) => this.isAdoptable(resource));
    const ipGroups = adopt(scope.ipGroups);
    const directories = new Map(adopt(scope.directories).map((directory) => [directory.id!, directory]));
    const images = adopt(scope.images);
    const bundles = adopt(scope.bundles);
    const workspaces = adopt(scope.workspaces);
    const pools = adopt(scope.pools);
    const aliases = adopt(scope.aliases);
    this.nameResources(directories, ipGroups, images, bundles);
    const templates = workspaceTemplates(workspaces.map((ws) => this.desktopEntry(ws)));
    const document: SpecDocument = compact({
      apiVersion: 'wsr/v1' as const,
      kind: 'Environment' as const,
      metadata: { name: this.options.name, account: this.options.account, region: this.options.region },
      defaults: templates.defaults && { workspace: templates.defaults },
      ipGroups: nonEmptyMap(ipGroups.map((group) => [props<IpGroupProperties>(group).name, exportIpGroup(group)])),
      directories: nonEmptyMap([...directories.values()].map((directory) => [this.directoryNames.get(directory.id!)!, this.exportDirectory(directory)])),
      images: nonEmptyMap(images.map((image) => [props<ImageProperties>(image).name, exportImage(image)])),
      bundles: nonEmptyMap(bundles.map((bundle) => [props<BundleProperties>(bundle).name, this.exportBundle(bundle)])),
      workspaces: templates.templates.length > 0 ? templates.templates : undefined,
      connectionAliases: nonEmptyMap(aliases.map((alias) => [props<ConnectionAliasProperties>(alias).connectionString, this.exportAlias(alias)])),
      pools: nonEmptyMap(pools.map((pool) => [props<PoolProperties>(pool).name, this.exportPool(pool)])),
    }) as SpecDocument;
    const counts = compact({
      ipGroup: ipGroups.length || undefined,
      directory: directories.size || undefined,
      image: images.length || undefined,
      bundle: bundles.length || undefined,
      workspace: workspaces.length || undefined,
      pool: pools.length || undefined,
      connectionAlias: aliases.length || undefined,
    });
    const inDocument = new Set([...ipGroups, ...directories.values(), ...images, ...bundles, ...workspaces, ...pools, ...aliases].map((resource) => resource.key));
    return {
      document,
      skipped: this.skipped.sort((a, b) => compareText(a.key, b.key)),
      alsoManaged: this.alsoManaged.filter((entry) => inDocument.has(entry.key)).sort((a, b) => compareText(a.key, b.key)),
      counts,
    };
  }

  // --- what is adopted ---------------------------------------------------------------------------

  private isAdoptable(resource: LiveResource): boolean {
    const owner = resource.tags?.[OWNERSHIP_TAG_KEY];
    const managedElsewhere = owner !== undefined && owner !== this.options.name;
    if (managedElsewhere && !this.options.includeManaged) return this.skip(resource, `managed by environment ${owner} (wsr:env=${owner})`, owner);
    const unwritable = unwritableReason(resource);
    if (unwritable !== undefined) return this.skip(resource, unwritable);
    if (managedElsewhere) this.alsoManaged.push(compact({ key: resource.key, id: resource.id, reason: `also managed by environment ${owner}`, managedBy: owner }));
    return true;
  }

  private skip(resource: LiveResource, reason: string, managedBy?: string): false {
    this.skipped.push(compact({ key: resource.key, id: resource.id, reason, managedBy }));
    return false;
  }

  private of(kind: KindName): LiveResource[] {
    return this.byKind.get(kind) ?? [];
  }

  /** Every live resource of the export's kinds, or with `--directory` what those directories hold and use. */
  private scope() {
    const everything = this.options.directories === undefined;
    const inScope = (directoryId: string): boolean => this.scopeDirectoryIds.has(directoryId);
    const directories = this.of('directory').filter((directory) => inScope(directory.id!));
    const workspaces = this.of('workspace').filter((ws) => inScope(props<WorkspaceDesiredProperties>(ws).directoryId));
    const pools = this.of('pool').filter((pool) => everything || inScope(idOf(props<PoolProperties>(pool).directory)));
    const usedBundles = new Set([...workspaces, ...pools].map((resource) => idOf(props<WorkspaceDesiredProperties | PoolProperties>(resource).bundle)));
    const bundles = this.of('bundle').filter((bundle) => everything || usedBundles.has(bundle.id!));
    const usedImages = new Set(bundles.map((bundle) => idOf(props<BundleProperties>(bundle).image)));
    const usedGroups = new Set(directories.flatMap((directory) => (props<DirectoryProperties>(directory).ipGroups ?? []).map(idOf)));
    return {
      directories,
      workspaces,
      pools,
      bundles,
      images: this.of('image').filter((image) => everything || usedImages.has(image.id!)),
      ipGroups: this.of('ipGroup').filter((group) => everything || usedGroups.has(group.id!)),
      aliases: this.of('connectionAlias').filter((alias) => everything || props<ConnectionAliasProperties>(alias).associate.some((ref) => inScope(idOf(ref)))),
    };
  }

  private nameResources(directories: ReadonlyMap<string, LiveResource>, ipGroups: readonly LiveResource[], images: readonly LiveResource[], bundles: readonly LiveResource[]): void {
    for (const [id, name] of directoryNames([...directories.values()])) this.directoryNames.set(id, name);
    for (const group of ipGroups) this.ipGroupNames.set(group.id!, props<IpGroupProperties>(group).name);
    for (const image of images) this.imageNames.set(image.id!, props<ImageProperties>(image).name);
    for (const bundle of bundles) this.bundleNames.set(bundle.id!, props<BundleProperties>(bundle).name);
  }

  // --- references: the spec's name when it declares the resource, else the AWS id ------------------

  private directoryRef(id: string): string {
    return this.directoryNames.get(id) ?? id;
  }

  private bundleRef(id: string): string {
    return this.bundleNames.get(id) ?? id;
  }

  // --- entries -------------------------------------------------------------------------------------

  private exportDirectory(directory: LiveResource): SpecDirectory {
    const entry = exportDirectory(directory, (id) => this.ipGroupNames.get(id) ?? id);
    return withTags(entry, directory);
  }

  private exportBundle(bundle: LiveResource): SpecBundle {
    const p = props<BundleProperties>(bundle);
    const imageId = idOf(p.image);
    return withTags(
      compact({
        description: describable(p.description),
        image: this.imageNames.get(imageId) ?? imageId,
        computeType: p.computeType,
        rootVolumeGib: p.rootVolumeGib,
        userVolumeGib: p.userVolumeGib,
      }),
      bundle,
    );
  }

  private exportAlias(alias: LiveResource): SpecConnectionAlias {
    const p = props<ConnectionAliasProperties>(alias);
    const associate = p.associate.map((ref) => this.directoryRef(idOf(ref))).sort();
    return withTags(compact({ associate: associate.length > 0 ? associate : undefined, sharedWith: p.sharedWith.length > 0 ? [...p.sharedWith].sort() : undefined }), alias);
  }

  private exportPool(pool: LiveResource): SpecPool {
    const p = props<PoolProperties>(pool);
    const timeouts = p.timeoutSettings;
    return withTags(
      compact({
        description: p.description,
        directory: this.directoryRef(idOf(p.directory)),
        bundle: this.bundleRef(idOf(p.bundle)),
        capacity: p.capacity.DesiredUserSessions ?? 0,
        runningMode: p.runningMode,
        applicationSettings: p.applicationSettings && compact({ status: p.applicationSettings.Status!, settingsGroup: p.applicationSettings.SettingsGroup }),
        timeouts:
          timeouts &&
          nonEmptyObject(
            compact({
              disconnectSeconds: timeouts.DisconnectTimeoutInSeconds,
              idleDisconnectSeconds: timeouts.IdleDisconnectTimeoutInSeconds,
              maxUserDurationSeconds: timeouts.MaxUserDurationInSeconds,
            }),
          ),
      }),
      pool,
    );
  }

  private desktopEntry(workspace: LiveResource): DesktopEntry {
    const p = props<WorkspaceDesiredProperties>(workspace);
    const wp = p.workspaceProperties;
    const alwaysOn = wp.RunningMode === 'ALWAYS_ON';
    const timeout = wp.RunningModeAutoStopTimeoutInMinutes;
    const fields: SpecWorkspaceFields = compact({
      directory: this.directoryRef(p.directoryId),
      bundle: this.bundleRef(idOf(p.bundle)),
      runningMode: wp.RunningMode as SpecWorkspaceFields['runningMode'],
      // meaningless on ALWAYS_ON (the diff ignores it there), and the spec accepts only hours
      autoStopTimeoutMinutes: !alwaysOn && timeout !== undefined && timeout >= 60 && timeout <= 2880 && timeout % 60 === 0 ? timeout : undefined,
      computeType: wp.ComputeTypeName,
      rootVolumeGib: wp.RootVolumeSizeGib,
      userVolumeGib: wp.UserVolumeSizeGib,
      protocols: wp.Protocols && wp.Protocols.length > 0 ? ([...wp.Protocols].sort() as SpecWorkspaceFields['protocols']) : undefined,
      encryption: encryptionOf(p),
      tags: exportableTags(workspace.tags),
    });
    return compact({ userName: p.userName, workspaceName: p.workspaceName, fields });
  }
}

// --- entries that need no references ---------------------------------------------------------------

function exportIpGroup(group: LiveResource): SpecIpGroup {
  const p = props<IpGroupProperties>(group);
  return withTags(
    compact({
      description: p.description,
      rules: p.rules.length > 0 ? [...p.rules].sort((a, b) => compareText(a.cidr, b.cidr)).map((rule) => compact({ cidr: rule.cidr, description: rule.description })) : undefined,
    }),
    group,
  );
}

function exportImage(image: LiveResource): SpecImage {
  const p = props<ImageProperties>(image);
  return withTags(compact({ id: image.id!, description: describable(p.description), sharedWith: p.sharedWith.length > 0 ? [...p.sharedWith].sort() : undefined }), image);
}

/** Encryption is chosen at launch: written only when something is encrypted (else "don't care"). */
function encryptionOf(p: WorkspaceDesiredProperties): SpecWorkspaceFields['encryption'] {
  if (!p.rootVolumeEncryptionEnabled && !p.userVolumeEncryptionEnabled && p.volumeEncryptionKey === undefined) return undefined;
  return compact({ volumeKey: p.volumeEncryptionKey, rootVolume: p.rootVolumeEncryptionEnabled ?? false, userVolume: p.userVolumeEncryptionEnabled ?? false });
}

/**
 * Resources a spec cannot name (names outside the spec's patterns) or that are on their way out;
 * undefined when the resource can be written.
 */
function unwritableReason(resource: LiveResource): string | undefined {
  const p = resource.properties as Record<string, any>;
  if (resource.kind === 'workspace') {
    if (WORKSPACE_GONE.has(resource.state ?? '')) return `${resource.state} (on its way out)`;
    if (p.workspaceName !== undefined && !WORKSPACE_NAME.test(p.workspaceName)) return `workspace name "${p.workspaceName}" does not fit the spec's pattern`;
    const compute = p.workspaceProperties?.ComputeTypeName;
    if (compute !== undefined && !COMPUTE_TYPE.test(compute)) return `compute type "${compute}" cannot be written in a spec`;
  }
  if ((resource.kind === 'image' || resource.kind === 'bundle') && !IMAGE_OR_BUNDLE_NAME.test(p.name ?? '')) return `name "${p.name}" does not fit the spec's pattern`;
  if (resource.kind === 'image' && resource.state === 'ERROR') return 'image is in ERROR';
  if (resource.kind === 'pool') {
    if (!POOL_NAME.test(p.name ?? '')) return `pool name "${p.name}" does not fit the spec's pattern`;
    if (!DESCRIPTION.test(p.description ?? '')) return 'pool description is empty or has characters the spec does not allow';
  }
  if (resource.kind === 'connectionAlias' && !CONNECTION_STRING.test(p.connectionString ?? '')) return `connection string "${p.connectionString}" does not fit the spec's pattern`;
  if (resource.kind === 'ipGroup' && ((p.name ?? '') === '' || p.name.length > 255)) return 'IP group name cannot be written in a spec';
  return undefined;
}

function withTags<T extends object>(entry: T, resource: LiveResource): T & { tags?: Record<string, string> } {
  const tags = exportableTags(resource.tags);
  return tags === undefined ? entry : { ...entry, tags };
}

/** A description the spec's pattern cannot hold is left out (the diff then does not compare it). */
function describable(description: string | undefined): string | undefined {
  return description !== undefined && DESCRIPTION.test(description) ? description : undefined;
}

function props<P>(resource: LiveResource): P {
  return resource.properties as P;
}

function idOf(ref: { key: string } | { id: string }): string {
  return 'id' in ref ? ref.id : ref.key;
}

function nonEmptyMap<V>(entries: readonly (readonly [string, V])[]): Record<string, V> | undefined {
  if (entries.length === 0) return undefined;
  return Object.fromEntries([...entries].sort(([a], [b]) => compareText(a, b)));
}

function nonEmptyObject<T extends object>(value: T): T | undefined {
  return Object.keys(value).length > 0 ? value : undefined;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
