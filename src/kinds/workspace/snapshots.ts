/**
 * Restore points: DescribeWorkspaceSnapshots takes one WorkspaceId per call, so it is read only
 * for the desktops a plan would restore. The newest `RestoreSnapshots[].SnapshotTime` is what
 * RestoreWorkspace goes back to; none means a restore is refused.
 */
import type { WorkspaceDesiredProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { PlanStep } from '../../model/plan-step.js';
import { isoTimeOf } from '../api-time.js';
import type { ApiPort, DetailRead } from '../kind.js';

/** ISO time of the newest restore snapshot; null = read, none; undefined = not read. */
export function restoreSnapshotOf(live: LiveResource<WorkspaceDesiredProperties>): string | null | undefined {
  const value = live.details?.restoreSnapshot;
  return value === undefined ? undefined : (value as string | null);
}

async function readRestoreSnapshots(resources: readonly LiveResource[], port: ApiPort): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  for (const desktop of resources) {
    if (desktop.id === undefined) continue;
    const output = await port.call('DescribeWorkspaceSnapshots', { WorkspaceId: desktop.id });
    const times = (output.RestoreSnapshots ?? [])
      .map((snapshot: { SnapshotTime?: unknown }) => isoTimeOf(snapshot.SnapshotTime))
      .filter((time: string | undefined): time is string => time !== undefined)
      .sort();
    found.set(desktop.id, times.length === 0 ? null : times[times.length - 1]);
  }
  return found;
}

export const restoreSnapshotRead: DetailRead<WorkspaceDesiredProperties> = {
  member: 'restoreSnapshot',
  wants: (step: PlanStep) => step.operation === 'RestoreWorkspace',
  read: readRestoreSnapshots,
};
