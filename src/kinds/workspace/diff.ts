/**
 * Workspace diff: encryption is immutable (replace), a bundle change is a migrate, the
 * modifiable properties and the power state are updates, volumes only grow.
 */
import type { WorkspaceProperties } from '@aws-sdk/client-workspaces';
import type { Change, ChangeAction, FieldChange } from '../../model/change.js';
import { ONE_SHOT_ACTIONS, type DesiredResource, type OneShotAction, type WorkspaceDesiredProperties } from '../../model/desired.js';
import type { LiveResource } from '../../model/live.js';
import { PlanError } from '../../errors.js';
import { REMOVED_AT_TAG_KEY } from '../../model/keys.js';
import type { DiffContext } from '../kind.js';
import { fieldChanges, scalarChange } from '../field-changes.js';
import { describeRef, resolveRef } from '../resolve-ref.js';
import { tagChanges } from '../tag-changes.js';
import { sourceTagChanges } from './group-members.js';

const IMMUTABLE_FIELDS = ['volumeEncryptionKey', 'userVolumeEncryptionEnabled', 'rootVolumeEncryptionEnabled'] as const;
const VOLUME_MEMBERS = ['RootVolumeSizeGib', 'UserVolumeSizeGib'] as const;

function sortedProtocols(properties: WorkspaceProperties | undefined): Record<string, unknown> | undefined {
  if (properties?.Protocols === undefined) return properties as Record<string, unknown> | undefined;
  return { ...properties, Protocols: [...properties.Protocols].sort() };
}

/**
 * The properties the API accepts for this desktop: an auto-stop timeout means nothing on an
 * ALWAYS_ON desktop (CreateWorkspaces even fails with AutoStopTimeoutIsNotApplicableForAnAlwaysOnWorkspace),
 * so a timeout inherited from defaults is dropped there.
 */
export function applicableProperties(properties: WorkspaceProperties): WorkspaceProperties {
  if (properties.RunningMode !== 'ALWAYS_ON' || properties.RunningModeAutoStopTimeoutInMinutes === undefined) return properties;
  const { RunningModeAutoStopTimeoutInMinutes: _ignored, ...rest } = properties;
  return rest;
}

function assertNoShrink(key: string, fields: readonly FieldChange[]): void {
  for (const member of VOLUME_MEMBERS) {
    const field = fields.find((candidate) => candidate.path === `workspaceProperties.${member}`);
    if (field && typeof field.before === 'number' && typeof field.after === 'number' && field.after < field.before) {
      throw new PlanError(
        'PLAN_VOLUME_SHRINK',
        `${key}: workspaceProperties.${member} cannot shrink from ${field.before} to ${field.after} GiB (WorkSpaces volumes only grow)`,
      );
    }
  }
}

function runningStateChange(want: WorkspaceDesiredProperties, live: LiveResource): FieldChange[] {
  if (want.runningState === undefined) return [];
  const have = (live.properties as WorkspaceDesiredProperties).runningState;
  const stoppableError = want.runningState === 'stopped' && live.state === 'ERROR';
  if (have === want.runningState || (have === undefined && !stoppableError)) return [];
  return [{ path: 'runningState', before: have ?? live.state, after: want.runningState }];
}

/** The tag recording the last request token an action ran for (`wsr:rebuild`). */
export function actionTagKey(action: OneShotAction): string {
  return `wsr:${action}`;
}

/** What the command line asks for without a token (`apply --rebuild KEY`). */
export const COMMAND_LINE_REQUEST = '(requested on the command line)';

/**
 * A spec token differing from the recorded tag (tags read), or a command-line request: the
 * action runs. On a desktop whose tags were not read no token can be compared: nothing runs.
 */
function actionChanges(desired: DesiredResource, live: LiveResource): FieldChange[] {
  const want = desired.properties as WorkspaceDesiredProperties;
  const fields: FieldChange[] = [];
  for (const action of ONE_SHOT_ACTIONS) {
    const token = want.actions?.[action];
    const recorded = live.tags?.[actionTagKey(action)];
    if (desired.requestedActions?.includes(action)) fields.push({ path: `actions.${action}`, before: recorded, after: token ?? COMMAND_LINE_REQUEST });
    else if (token !== undefined && live.tags !== undefined && recorded !== token) fields.push({ path: `actions.${action}`, before: recorded, after: token });
  }
  return fields;
}

function maintenanceChange(want: WorkspaceDesiredProperties, live: LiveResource): FieldChange[] {
  if (want.maintenance === undefined) return [];
  const inMaintenance = live.state === 'ADMIN_MAINTENANCE';
  return inMaintenance === want.maintenance ? [] : [{ path: 'maintenance', before: inMaintenance, after: want.maintenance }];
}

export function workspaceFieldChanges(desired: DesiredResource, live: LiveResource, context: DiffContext): FieldChange[] {
  const want = desired.properties as WorkspaceDesiredProperties;
  const have = live.properties as WorkspaceDesiredProperties;
  const fields: FieldChange[] = [];
  for (const member of IMMUTABLE_FIELDS) fields.push(...scalarChange(member, want[member], have[member]));
  const wantBundle = resolveRef(want.bundle, context);
  const haveBundle = resolveRef(have.bundle, context);
  if (wantBundle !== haveBundle) fields.push({ path: 'bundle', before: haveBundle, after: describeRef(want.bundle, context) });
  fields.push(...fieldChanges('workspaceProperties', sortedProtocols(applicableProperties(want.workspaceProperties)), sortedProtocols(have.workspaceProperties)));
  fields.push(...runningStateChange(want, live));
  fields.push(...maintenanceChange(want, live));
  fields.push(...actionChanges(desired, live));
  fields.push(...tagChanges(desired, live));
  fields.push(...sourceTagChanges(desired, live));
  return fields;
}

function actionFor(fields: readonly FieldChange[]): ChangeAction {
  if (fields.some((field) => (IMMUTABLE_FIELDS as readonly string[]).includes(field.path))) return 'replace';
  if (fields.some((field) => field.path === 'bundle')) return 'migrate';
  return fields.length === 0 ? 'noop' : 'update';
}

function reasonFor(action: ChangeAction, fields: readonly FieldChange[], live: LiveResource): string {
  if (action === 'replace') {
    const field = fields.find((candidate) => (IMMUTABLE_FIELDS as readonly string[]).includes(candidate.path))!;
    return `${field.path} is chosen only at launch (${String(field.before)} → ${String(field.after)}); terminate and create loses the user volume`;
  }
  if (action === 'migrate') {
    const field = fields.find((candidate) => candidate.path === 'bundle')!;
    return `bundle changed ${String(field.before)}→${String(field.after)}; MigrateWorkspace keeps the user volume`;
  }
  if (action === 'noop') return 'in sync';
  if (fields.some((field) => field.path === `tags.${REMOVED_AT_TAG_KEY}`)) return `its user is back in the spec: the grace-period termination of ${live.id} is cancelled`;
  return `${fields.map((field) => field.path).join(', ')} of ${live.id} differ`;
}

export function diffWorkspace(desired: DesiredResource | undefined, live: LiveResource | undefined, context: DiffContext): Change | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (live === undefined) {
    const want = desired!.properties as WorkspaceDesiredProperties;
    return {
      kind: 'workspace',
      key: desired!.key,
      action: 'create',
      reason: `no workspace for ${want.userName} in ${want.directoryId}${desired!.origin === undefined ? '' : ` (from ${desired!.origin})`}`,
      fields: [],
      desired,
    };
  }
  if (desired === undefined) {
    return { kind: 'workspace', key: live.key, action: 'delete', reason: `workspace ${live.id} is no longer in the spec`, fields: [], live };
  }
  const fields = workspaceFieldChanges(desired, live, context);
  const action = actionFor(fields);
  if (action !== 'replace') assertNoShrink(desired.key, fields);
  return { kind: 'workspace', key: desired.key, action, reason: reasonFor(action, fields, live), fields, desired, live };
}
