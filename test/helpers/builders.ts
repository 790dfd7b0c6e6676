/**
 * Test data builders: `aWorkspace({...})`, `aLiveWorkspace({...})`, `aDesiredState([...])`.
 * Defaults describe a healthy, in-sync desktop so a test states only what its rule is about.
 */
import type {
  DesiredResource,
  DesiredState,
  DirectoryProperties,
  IpGroupProperties,
  Policy,
  Tags,
  WorkspaceDesiredProperties,
} from '../../src/model/desired.js';
import { directoryKey, ipGroupKey, OWNERSHIP_TAG_KEY, workspaceKey } from '../../src/model/keys.js';
import type { LiveResource, LiveState } from '../../src/model/live.js';
import { buildPlan, type PlanOptions } from '../../src/plan/build.js';
import type { Plan } from '../../src/model/plan.js';

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
    ...(liveState === 'STOPPED' || liveState === 'STOPPING' ? { runningState: 'stopped' as const } : ['ERROR', 'SUSPENDED', 'TERMINATING'].includes(liveState) ? {} : { runningState: 'running' as const }),
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

export function aLiveDirectory(
  overrides: Partial<DirectoryProperties> & { state?: string; liveTags?: Tags } = {},
): LiveResource<DirectoryProperties> {
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
