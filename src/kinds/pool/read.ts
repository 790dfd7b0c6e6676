/** Pools: DescribeWorkspacesPools in pages of 25; skipped when the spec has none and prune is off. */
import type { PoolProperties } from './properties.js';
import { poolKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { ReadContext } from '../kind.js';
import { readPages } from '../read-pages.js';

/** What a pool state amounts to for `desiredState` (STARTING is on its way to running). */
export function poolRunState(state: string | undefined): 'running' | 'stopped' | undefined {
  if (state === 'RUNNING' || state === 'STARTING' || state === 'UPDATING') return 'running';
  if (state === 'STOPPED' || state === 'STOPPING') return 'stopped';
  return undefined;
}

export function poolToLive(item: Record<string, any>): LiveResource<PoolProperties> {
  const runState = poolRunState(item.State);
  const settings = item.ApplicationSettings;
  const properties: PoolProperties = {
    name: item.PoolName,
    description: item.Description ?? '',
    bundle: { id: item.BundleId },
    directory: { id: item.DirectoryId },
    capacity: { DesiredUserSessions: item.CapacityStatus?.DesiredUserSessions },
    ...(item.RunningMode ? { runningMode: item.RunningMode } : {}),
    ...(settings ? { applicationSettings: { Status: settings.Status, ...(settings.SettingsGroup ? { SettingsGroup: settings.SettingsGroup } : {}) } } : {}),
    ...(item.TimeoutSettings ? { timeoutSettings: item.TimeoutSettings } : {}),
    ...(runState === undefined ? {} : { desiredState: runState }),
  };
  return { kind: 'pool', key: poolKey(item.PoolName), id: item.PoolId, state: item.State, properties };
}

export async function readPools(context: ReadContext): Promise<LiveResource<PoolProperties>[]> {
  const declared = context.desired.resources.some((resource) => resource.kind === 'pool');
  if (!declared && !context.desired.policy.prune) return [];
  const items = await readPages(context.port, 'DescribeWorkspacesPools', { Limit: 25 }, 'WorkspacesPools');
  return items.map(poolToLive);
}
