/**
 * Workspaces: DescribeWorkspaces {DirectoryId, Limit: 25} paginated, per registered directory the
 * spec declares (every registered one when pruning). One directory of 1,000 desktops = 40 calls.
 */

import { isKind } from '../../model/kind-properties.js';
import type { WorkspaceDesiredProperties } from './properties.js';
import { workspaceKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { ReadContext } from '../kind.js';
import { readPages } from '../read-pages.js';
import { runningStateOf } from './state-rules.js';

/** Members of WorkspaceProperties the planner manages (others are server-owned or out of scope). */
const MANAGED_PROPERTIES = [
  'RunningMode',
  'RunningModeAutoStopTimeoutInMinutes',
  'RootVolumeSizeGib',
  'UserVolumeSizeGib',
  'ComputeTypeName',
  'Protocols',
] as const;

export function workspaceToLive(item: Record<string, any>): LiveResource<WorkspaceDesiredProperties> {
  const apiProperties = (item.WorkspaceProperties ?? {}) as Record<string, unknown>;
  const workspaceProperties = Object.fromEntries(
    MANAGED_PROPERTIES.filter((member) => apiProperties[member] !== undefined).map((member) => [member, apiProperties[member]]),
  );
  const runningState = runningStateOf(item.State);
  const properties: WorkspaceDesiredProperties = {
    directoryId: item.DirectoryId,
    userName: item.UserName,
    ...(item.WorkspaceName ? { workspaceName: item.WorkspaceName } : {}),
    bundle: { id: item.BundleId },
    workspaceProperties,
    ...(item.VolumeEncryptionKey ? { volumeEncryptionKey: item.VolumeEncryptionKey } : {}),
    userVolumeEncryptionEnabled: item.UserVolumeEncryptionEnabled ?? false,
    rootVolumeEncryptionEnabled: item.RootVolumeEncryptionEnabled ?? false,
    ...(runningState === undefined ? {} : { runningState }),
  };
  return {
    kind: 'workspace',
    key: workspaceKey(item.DirectoryId, item.UserName, item.WorkspaceName || undefined),
    id: item.WorkspaceId,
    state: item.State,
    properties,
    details: { modificationStates: item.ModificationStates ?? [], ...standbyDetails(item) },
  };
}

/**
 * A standby desktop (CreateStandbyWorkspaces, made from its primary's Region) lists its primary in
 * RelatedWorkspaces with Type PRIMARY (API model RelatedWorkspaceProperties); the spec of this
 * Region does not declare it, and must not prune it.
 */
function standbyDetails(item: Record<string, any>): { standbyOf?: string; standbyRegions?: string[] } {
  const related = (item.RelatedWorkspaces ?? []) as Record<string, any>[];
  const primary = related.find((entry) => entry.Type === 'PRIMARY');
  if (primary !== undefined) return { standbyOf: `${primary.WorkspaceId} in ${primary.Region}` };
  // a primary lists its standbys (Type STANDBY) with their Region: what `standby` in the spec is compared with
  const standbyRegions = related.filter((entry) => entry.Type === 'STANDBY' && typeof entry.Region === 'string').map((entry) => String(entry.Region));
  return standbyRegions.length === 0 ? {} : { standbyRegions: [...new Set(standbyRegions)].sort() };
}

/** Directory ids whose desktops must be read: declared ones, or every registered one when pruning. */
export function directoriesToRead(context: ReadContext): string[] {
  const registered = context.readSoFar.filter((resource) => resource.kind === 'directory' && resource.state !== 'DEREGISTERING');
  if (context.desired.policy.prune) return registered.map((resource) => resource.id!).sort();
  const declared = new Set<string>();
  for (const resource of context.desired.resources) {
    if (isKind(resource, 'workspace')) declared.add(resource.properties.directoryId);
    if (isKind(resource, 'directory')) declared.add(resource.properties.directoryId);
  }
  return registered
    .map((resource) => resource.id!)
    .filter((id) => declared.has(id))
    .sort();
}

export async function readWorkspaces(context: ReadContext): Promise<LiveResource<WorkspaceDesiredProperties>[]> {
  const live: LiveResource<WorkspaceDesiredProperties>[] = [];
  for (const directoryId of directoriesToRead(context)) {
    const items = await readPages(context.port, 'DescribeWorkspaces', { DirectoryId: directoryId, Limit: 25 }, 'Workspaces');
    // TERMINATED is shown only briefly before the id disappears: it is gone already.
    for (const item of items) if (item.State !== 'TERMINATED') live.push(workspaceToLive(item));
  }
  return live;
}
