/**
 * Test data builders: `aWorkspace({...})`, `aLiveWorkspace({...})`, `aDesiredState([...])`.
 * Defaults describe a healthy, in-sync desktop so a test states only what its rule is about.
 */
import type { DesiredResource, DesiredState, Policy, Tags } from '../../src/model/desired.js';
import type { DirectoryProperties } from '../../src/kinds/directory/properties.js';
import type { IpGroupProperties } from '../../src/kinds/ip-group/properties.js';
import type { WorkspaceDesiredProperties } from '../../src/kinds/workspace/properties.js';
import { directoryKey, ipGroupKey, OWNERSHIP_TAG_KEY, workspaceKey } from '../../src/model/keys.js';
import type { LiveResource, LiveState } from '../../src/model/live.js';
import type { PlanOptions } from '../../src/model/plan-options.js';
import { buildPlan } from '../../src/plan/build.js';
import type { Plan } from '../../src/model/plan.js';
import { expect } from 'vitest';

export const ENV = 'test-env';
export const OWNED: Tags = { [OWNERSHIP_TAG_KEY]: ENV };
export const NOW = '2026-11-25T12:00:00.000Z';

export const DEFAULT_POLICY: Policy = { prune: false, protect: [], allowDestroy: false, rollout: { mode: 'none', batchSize: 25 } };

export function aDesiredState(resources: readonly DesiredResource[], policy: Partial<Policy> = {}): DesiredState {
  return {
    environment: { name: ENV, account: '123456789012', region: 'eu-west-1' },
    policy: { ...DEFAULT_POLICY, ...policy },
    resources,
  };
}

export function aLiveState(resources: readonly LiveResource[], calls: Record<string, number> = {}): LiveState {
  return { account: '123456789012', region: 'eu-west-1', resources, stats: { calls } };
}

interface DesiredExtras {
  readonly tags?: Tags;
}

function desired<P>(kind: DesiredResource['kind'], key: string, properties: P, extras: DesiredExtras = {}): DesiredResource<P> {
  return { kind, key, properties, tags: extras.tags ?? {}, declaresTags: extras.tags !== undefined };
}

// ----- workspaces
export const DEFAULT_WORKSPACE_PROPERTIES = {
  RunningMode: 'AUTO_STOP',
  RunningModeAutoStopTimeoutInMinutes: 60,
  ComputeTypeName: 'STANDARD',
  RootVolumeSizeGib: 80,
  UserVolumeSizeGib: 50,
} as const;

export type WorkspaceOverrides = Partial<Omit<WorkspaceDesiredProperties, 'workspaceProperties'>> & {
  readonly workspaceProperties?: WorkspaceDesiredProperties['workspaceProperties'];
  readonly tags?: Tags;
};

export function aWorkspace(overrides: WorkspaceOverrides = {}): DesiredResource<WorkspaceDesiredProperties> {
  const { tags, ...rest } = overrides;
  const properties: WorkspaceDesiredProperties = {
    directoryId: 'd-1111111111',
    userName: 'alice',
    bundle: { id: 'wsb-standard1' },
    ...rest,
    workspaceProperties: { ...DEFAULT_WORKSPACE_PROPERTIES, ...overrides.workspaceProperties },
  };
  return desired('workspace', workspaceKey(properties.directoryId, properties.userName, properties.workspaceName), properties, { tags });
}

export interface LiveOverrides extends WorkspaceOverrides {
  readonly id?: string;
  readonly state?: string;
  readonly liveTags?: Tags;
}

export function aLiveWorkspace(overrides: LiveOverrides = {}): LiveResource<WorkspaceDesiredProperties> {
  const { id, state, liveTags, tags: _tags, ...rest } = overrides;
  const liveState = state ?? 'AVAILABLE';
  const properties: WorkspaceDesiredProperties = {
    directoryId: 'd-1111111111',
    userName: 'alice',
    bundle: { id: 'wsb-standard1' },
    userVolumeEncryptionEnabled: false,
    rootVolumeEncryptionEnabled: false,
    ...rest,
    workspaceProperties: { ...DEFAULT_WORKSPACE_PROPERTIES, ...overrides.workspaceProperties },
    ...(liveState === 'STOPPED' || liveState === 'STOPPING'
      ? { runningState: 'stopped' as const }
      : ['ERROR', 'SUSPENDED', 'TERMINATING'].includes(liveState)
        ? {}
        : { runningState: 'running' as const }),
  };
  return {
    kind: 'workspace',
    key: workspaceKey(properties.directoryId, properties.userName, properties.workspaceName),
    id: id ?? `ws-${properties.userName.toLowerCase().replace(/[^a-z0-9]/g, '')}0001`,
    state: liveState,
    properties,
    details: { modificationStates: [] },
    ...(liveTags === undefined ? {} : { tags: liveTags }),
  };
}

// ----- directories
export function aDirectory(overrides: Partial<DirectoryProperties> & { tags?: Tags } = {}): DesiredResource<DirectoryProperties> {
  const { tags, ...rest } = overrides;
  const properties: DirectoryProperties = { directoryId: 'd-1111111111', ...rest };
  return desired('directory', directoryKey(properties.directoryId), properties, { tags });
}

export function aLiveDirectory(overrides: Partial<DirectoryProperties> & { state?: string; liveTags?: Tags } = {}): LiveResource<DirectoryProperties> {
  const { state, liveTags, ...rest } = overrides;
  const properties: DirectoryProperties = { directoryId: 'd-1111111111', ipGroups: [], ...rest };
  const ipGroupIds = (properties.ipGroups ?? []).map((ref) => ('id' in ref ? ref.id : ref.key));
  return {
    kind: 'directory',
    key: directoryKey(properties.directoryId),
    id: properties.directoryId,
    state: state ?? 'REGISTERED',
    properties,
    details: { ipGroupIds },
    ...(liveTags === undefined ? {} : { tags: liveTags }),
  };
}

// ----- IP groups
export function anIpGroup(overrides: Partial<IpGroupProperties> & { tags?: Tags } = {}): DesiredResource<IpGroupProperties> {
  const { tags, ...rest } = overrides;
  const properties: IpGroupProperties = { name: 'office', rules: [{ cidr: '198.51.100.0/24', description: 'HQ' }], ...rest };
  return desired('ipGroup', ipGroupKey(properties.name), properties, { tags });
}

export function aLiveIpGroup(overrides: Partial<IpGroupProperties> & { id?: string; liveTags?: Tags } = {}): LiveResource<IpGroupProperties> {
  const { id, liveTags, ...rest } = overrides;
  const properties: IpGroupProperties = { name: 'office', rules: [{ cidr: '198.51.100.0/24', description: 'HQ' }], ...rest };
  return {
    kind: 'ipGroup',
    key: ipGroupKey(properties.name),
    id: id ?? `wsipg-${properties.name.toLowerCase().replace(/[^a-z0-9]/g, '')}01`,
    properties,
    ...(liveTags === undefined ? {} : { tags: liveTags }),
  };
}

/** Plan in one call: the way most rule tests read. */
export function planOf(
  desiredResources: readonly DesiredResource[],
  liveResources: readonly LiveResource[],
  options: PlanOptions & { policy?: Partial<Policy> } = {},
): Plan {
  const { policy, ...planOptions } = options;
  return buildPlan({ desired: aDesiredState(desiredResources, policy), live: aLiveState(liveResources), options: planOptions, now: NOW });
}

/** `id operation` lines: what rule tests compare. */
export function stepIds(plan: Plan): string[] {
  return plan.steps.map((step) => step.id);
}

// ----- images, bundles, aliases
import type { BundleProperties } from '../../src/kinds/bundle/properties.js';
import type { ConnectionAliasProperties } from '../../src/kinds/connection-alias/properties.js';
import type { ImageProperties } from '../../src/kinds/image/properties.js';
import { bundleKey, connectionAliasKey, imageKey } from '../../src/model/keys.js';

export function anImage(overrides: Partial<ImageProperties> & { tags?: Tags } = {}): DesiredResource<ImageProperties> {
  const { tags, ...rest } = overrides;
  const properties: ImageProperties = {
    name: 'golden',
    source: { type: 'copyFrom', sourceImageId: 'wsi-source0001', sourceRegion: 'eu-central-1' },
    sharedWith: [],
    ...rest,
  };
  return desired('image', imageKey(properties.name), properties, { tags });
}

export function aLiveImage(
  overrides: Partial<ImageProperties> & { id?: string; state?: string; liveTags?: Tags; sharingRead?: boolean } = {},
): LiveResource<ImageProperties> {
  const { id, state, liveTags, sharingRead, ...rest } = overrides;
  const imageId = id ?? `wsi-${(rest.name ?? 'golden').toLowerCase().replace(/[^a-z0-9]/g, '')}0001`;
  const properties: ImageProperties = { name: 'golden', source: { type: 'existing', imageId }, sharedWith: [], ...rest };
  return {
    kind: 'image',
    key: imageKey(properties.name),
    id: imageId,
    state: state ?? 'AVAILABLE',
    properties,
    details: { sharingRead: sharingRead ?? true },
    ...(liveTags === undefined ? {} : { tags: liveTags }),
  };
}

export function aBundle(overrides: Partial<BundleProperties> & { tags?: Tags } = {}): DesiredResource<BundleProperties> {
  const { tags, ...rest } = overrides;
  const properties: BundleProperties = {
    name: 'standard',
    image: { key: imageKey('golden') },
    computeType: 'STANDARD',
    rootVolumeGib: 80,
    userVolumeGib: 50,
    ...rest,
  };
  return desired('bundle', bundleKey(properties.name), properties, { tags });
}

export function aLiveBundle(overrides: Partial<BundleProperties> & { id?: string; state?: string; liveTags?: Tags } = {}): LiveResource<BundleProperties> {
  const { id, state, liveTags, ...rest } = overrides;
  const properties: BundleProperties = {
    name: 'standard',
    image: { id: 'wsi-golden0001' },
    computeType: 'STANDARD',
    rootVolumeGib: 80,
    userVolumeGib: 50,
    ...rest,
  };
  return {
    kind: 'bundle',
    key: bundleKey(properties.name),
    id: id ?? `wsb-${properties.name.toLowerCase().replace(/[^a-z0-9]/g, '')}0001`,
    state: state ?? 'AVAILABLE',
    properties,
    ...(liveTags === undefined ? {} : { tags: liveTags }),
  };
}

export function anAlias(overrides: Partial<ConnectionAliasProperties> & { tags?: Tags } = {}): DesiredResource<ConnectionAliasProperties> {
  const { tags, ...rest } = overrides;
  const properties: ConnectionAliasProperties = { connectionString: 'desktops.example.com', associate: [], sharedWith: [], ...rest };
  return desired('connectionAlias', connectionAliasKey(properties.connectionString), properties, { tags });
}

export function aLiveAlias(
  overrides: Partial<ConnectionAliasProperties> & { id?: string; state?: string; liveTags?: Tags } = {},
): LiveResource<ConnectionAliasProperties> {
  const { id, state, liveTags, ...rest } = overrides;
  const properties: ConnectionAliasProperties = { connectionString: 'desktops.example.com', associate: [], sharedWith: [], ...rest };
  return {
    kind: 'connectionAlias',
    key: connectionAliasKey(properties.connectionString),
    id: id ?? 'wsca-desktops01',
    state: state ?? 'CREATED',
    properties,
    details: {
      sharingRead: true,
      associations: properties.associate.map((ref) => ({ resourceId: 'id' in ref ? ref.id : ref.key, status: 'ASSOCIATED_WITH_OWNER_ACCOUNT' })),
    },
    ...(liveTags === undefined ? {} : { tags: liveTags }),
  };
}

/** A rule table row: the rule it proves, the pair, and the exact ordered step ids (` !` = blocked). */
export interface RuleRow {
  readonly rule: string;
  readonly desired: readonly DesiredResource[];
  readonly live: readonly LiveResource[];
  readonly options?: PlanOptions & { policy?: Partial<Policy> };
  readonly expected: readonly string[];
}

export function expectRule(row: RuleRow): void {
  const plan = planOf(row.desired, row.live, row.options);
  expect(plan.steps.map((step) => (step.blocked ? `${step.id} !` : step.id))).toEqual(row.expected);
}
