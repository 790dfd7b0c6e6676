/**
 * Who is connected to a desktop: DescribeWorkspacesConnectionStatus takes at most 25
 * `WorkspaceIds` per call (API model: WorkspaceIdList max 25), and is read only for the
 * desktops a plan would disrupt. A desktop is in use when its ConnectionState is CONNECTED;
 * LastKnownUserConnectionTimestamp says since when.
 */
import type { WorkspaceDesiredProperties } from './properties.js';
import type { LiveResource, UserSession } from '../../model/live.js';
import type { PlanStep } from '../../model/plan-step.js';
import { isoTimeOf } from '../api-time.js';
import { chunkBy } from '../chunk-by.js';
import type { ApiPort, SessionRecipe } from '../kind.js';

/** Calls that end or interrupt the user's session whatever their input. */
const DISRUPTIVE_OPERATIONS = new Set([
  'StopWorkspaces',
  'RebootWorkspaces',
  'RebuildWorkspaces',
  'RestoreWorkspace',
  'MigrateWorkspace',
  'TerminateWorkspaces',
]);
/** ModifyWorkspaceProperties members that restart the desktop (compute type, streaming protocol). */
const DISRUPTIVE_MODIFICATIONS = ['ComputeTypeName', 'Protocols'];

export function workspaceStepDisrupts(step: PlanStep): boolean {
  if (DISRUPTIVE_OPERATIONS.has(step.operation)) return true;
  if (step.operation !== 'ModifyWorkspaceProperties') return false;
  const members = Object.keys((step.input.WorkspaceProperties ?? {}) as Record<string, unknown>);
  return members.some((member) => DISRUPTIVE_MODIFICATIONS.includes(member));
}

export async function readWorkspaceSessions(
  resources: readonly LiveResource<WorkspaceDesiredProperties>[],
  port: ApiPort,
): Promise<Map<string, UserSession[]>> {
  const byId = new Map(resources.filter((resource) => resource.id !== undefined).map((resource) => [resource.id!, resource]));
  const sessions = new Map<string, UserSession[]>();
  for (const ids of chunkBy([...byId.keys()].sort(), 25)) {
    const output = await port.call('DescribeWorkspacesConnectionStatus', { WorkspaceIds: ids });
    for (const status of output.WorkspacesConnectionStatus ?? []) {
      const desktop = byId.get(status.WorkspaceId!);
      if (desktop === undefined || status.ConnectionState !== 'CONNECTED') continue;
      const since = isoTimeOf(status.LastKnownUserConnectionTimestamp);
      sessions.set(status.WorkspaceId!, [{ user: desktop.properties.userName, ...(since === undefined ? {} : { since }) }]);
    }
  }
  return sessions;
}

export const workspaceSessions: SessionRecipe<WorkspaceDesiredProperties> = { disrupts: workspaceStepDisrupts, read: readWorkspaceSessions };
