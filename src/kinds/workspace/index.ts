/** The workspace kind: one WorkSpace per directory + user (+ workspace name). */
import type { WorkspaceDesiredProperties } from './properties.js';
import { directoryKey, workspaceKey } from '../../model/keys.js';
import type { KindDefinition } from '../kind.js';
import { destroysItems, destroysMember } from '../destroying-call.js';
import { workspaceExport } from './export.js';
import { workspaceSpec } from './spec.js';
import { diffWorkspace } from './diff.js';
import { readWorkspaces } from './read.js';
import { workspaceSteps } from './rules.js';
import { suspiciousGroupDrops, workspaceNeedsTags } from './group-members.js';
import { workspaceSessions } from './sessions.js';
import { unhealthyDesktops, unhealthyDesktopWarnings } from './health.js';
import { restoreSnapshotRead } from './snapshots.js';
import { workspaceBatchItems, workspaceCreateRecovery } from './batch.js';
import { ONE_SHOT_ACTIONS } from './properties.js';

export const workspaceKind: KindDefinition<WorkspaceDesiredProperties> = {
  kind: 'workspace',
  spec: workspaceSpec,
  description: 'WorkSpaces desktops (ws-…): properties, power state, bundle (migrate), tags',
  destroyingCalls: {
    TerminateWorkspaces: destroysItems('TerminateWorkspaceRequests', 'WorkspaceId'),
    RebuildWorkspaces: destroysItems('RebuildWorkspaceRequests', 'WorkspaceId'),
    MigrateWorkspace: destroysMember('SourceWorkspaceId'),
    RestoreWorkspace: destroysMember('WorkspaceId'),
  },
  tagging: { resourceType: 'workspace', idPrefixes: ['ws-'] },
  export: workspaceExport,
  read: readWorkspaces,
  diff: diffWorkspace,
  steps: workspaceSteps,
  readWith: ['directory'],
  suspiciousReads: suspiciousGroupDrops,
  healthWarnings: unhealthyDesktopWarnings,
  unhealthy: unhealthyDesktops,
  sessions: workspaceSessions,
  detailReads: [restoreSnapshotRead],
  oneShotActions: ONE_SHOT_ACTIONS,
  batchItems: workspaceBatchItems,
  createRecovery: workspaceCreateRecovery,
  otherRegions(desired) {
    const standby = desired.properties.standby;
    return standby === undefined ? [] : [standby.region];
  },
  needsTags(desired, policy) {
    // request tokens live in tags; so do the group and grace-period marks
    const tokens = desired.properties.actions !== undefined || (desired.requestedActions?.length ?? 0) > 0;
    // so does the image a rollout rebuilt it onto (wsr:image), on a bundle of the spec
    const rollout = policy.rollout.mode === 'rebuild' && 'key' in desired.properties.bundle;
    return tokens || rollout || workspaceNeedsTags(desired, policy);
  },
  waiter: {
    operation: 'DescribeWorkspaces',
    idsMember: 'WorkspaceIds',
    max: 25,
    listMember: 'Workspaces',
    idField: 'WorkspaceId',
    stateField: 'State',
  },
  idsFromOutput(step, output) {
    if (step.operation === 'MigrateWorkspace') return typeof output.TargetWorkspaceId === 'string' ? { [step.key]: output.TargetWorkspaceId } : {};
    const ids: Record<string, string> = {};
    for (const pending of output.PendingRequests ?? []) {
      ids[workspaceKey(pending.DirectoryId, pending.UserName, pending.WorkspaceName || undefined)] = pending.WorkspaceId;
    }
    return ids;
  },
  liveReferences(live) {
    const properties = live.properties;
    return [properties.directoryId, ...('id' in properties.bundle ? [properties.bundle.id] : [])];
  },
  desiredReferences(desired) {
    const properties = desired.properties;
    return [directoryKey(properties.directoryId), ...('key' in properties.bundle ? [properties.bundle.key] : [])];
  },
};

declare module '../../model/kind-properties.js' {
  interface PropertiesByKind {
    workspace: WorkspaceDesiredProperties;
  }
}
