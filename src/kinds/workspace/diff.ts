/**
 * Workspace diff: encryption is immutable (replace), a bundle change is a migrate, the
 * modifiable properties and the power state are updates, volumes only grow.
 */

import { memberPath, tagPath } from '../../model/field-path.js';
import { isKind } from '../../model/kind-properties.js';
import type { WorkspaceProperties } from '@aws-sdk/client-workspaces';
import type { Change, ChangeAction, FieldChange } from '../../model/change.js';
import { type DesiredResource, type RepairPolicy } from '../../model/desired.js';
import { ONE_SHOT_ACTIONS, type OneShotAction, type WorkspaceDesiredProperties } from './properties.js';
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

function assertNoShrink(desired: DesiredResource<WorkspaceDesiredProperties>, fields: readonly FieldChange[]): void {
  for (const member of VOLUME_MEMBERS) {
    const field = fields.find((candidate) => candidate.path === memberPath('workspaceProperties', member));
    if (field && typeof field.before === 'number' && typeof field.after === 'number' && field.after < field.before) {
      throw new PlanError(
        'PLAN_VOLUME_SHRINK',
        `${desired.key}: workspaceProperties.${member} cannot shrink from ${field.before} to ${field.after} GiB (WorkSpaces volumes only grow)`,
        { location: desired.fieldSources?.[field.path] ?? desired.source },
      );
    }
  }
}

function runningStateChange(want: WorkspaceDesiredProperties, live: LiveResource<WorkspaceDesiredProperties>): FieldChange[] {
  if (want.runningState === undefined) return [];
  const have = live.properties.runningState;
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

/** What policy.repair asks for on an unhealthy desktop, without a token (nothing is recorded: it runs while the state lasts). */
export function repairRequest(state: string): string {
  return `(policy.repair of a desktop in ${state})`;
}

/** A request that records no token: from the command line or from policy.repair. */
export function isUntokenedRequest(value: unknown): boolean {
  return value === COMMAND_LINE_REQUEST || (typeof value === 'string' && value.startsWith('(policy.repair of '));
}

/**
 * policy.repair (opt-in): a desktop the spec wants running that is UNHEALTHY is rebooted, one in
 * ERROR restored or rebuilt, unless the spec or the command line asks for an action already.
 */
function repairChanges(
  desired: DesiredResource<WorkspaceDesiredProperties>,
  live: LiveResource<WorkspaceDesiredProperties>,
  repair: RepairPolicy | undefined,
  asked: readonly FieldChange[],
): FieldChange[] {
  if (repair === undefined || desired.properties.runningState === 'stopped' || asked.length > 0) return [];
  const action = live.state === 'UNHEALTHY' ? repair.unhealthy : live.state === 'ERROR' ? repair.error : undefined;
  return action === undefined ? [] : [{ path: memberPath('actions', action), before: live.state, after: repairRequest(live.state!) }];
}

/**
 * A spec token differing from the recorded tag (tags read), or a command-line request: the
 * action runs. On a desktop whose tags were not read no token can be compared: nothing runs.
 */
function actionChanges(desired: DesiredResource<WorkspaceDesiredProperties>, live: LiveResource<WorkspaceDesiredProperties>): FieldChange[] {
  const want = desired.properties;
  const fields: FieldChange[] = [];
  for (const action of ONE_SHOT_ACTIONS) {
    const token = want.actions?.[action];
    const recorded = live.tags?.[actionTagKey(action)];
    if (desired.requestedActions?.includes(action))
      fields.push({ path: memberPath('actions', action), before: recorded, after: token ?? COMMAND_LINE_REQUEST });
    else if (token !== undefined && live.tags !== undefined && recorded !== token)
      fields.push({ path: memberPath('actions', action), before: recorded, after: token });
  }
  return fields;
}

/**
 * A standby the spec declares in a Region where the primary has none yet (RelatedWorkspaces of
 * type STANDBY, read with the desktop). One that exists is left alone: wsr creates standbys, it
 * never moves or removes them.
 */
function standbyChange(want: WorkspaceDesiredProperties, live: LiveResource<WorkspaceDesiredProperties>): FieldChange[] {
  if (want.standby === undefined) return [];
  const regions = (live.details?.standbyRegions ?? []) as readonly string[];
  return regions.includes(want.standby.region) ? [] : [{ path: 'standby', before: undefined, after: `${want.standby.directoryId} in ${want.standby.region}` }];
}

function maintenanceChange(want: WorkspaceDesiredProperties, live: LiveResource<WorkspaceDesiredProperties>): FieldChange[] {
  if (want.maintenance === undefined) return [];
  const inMaintenance = live.state === 'ADMIN_MAINTENANCE';
  return inMaintenance === want.maintenance ? [] : [{ path: 'maintenance', before: inMaintenance, after: want.maintenance }];
}

/** What a bundle gives a desktop migrated onto it (known when the bundle is ours, live or in the spec). */
interface BundleShape {
  readonly name: string;
  readonly computeType?: string;
  readonly rootVolumeGib?: number;
  readonly userVolumeGib?: number;
}

function targetBundle(ref: WorkspaceDesiredProperties['bundle'], context: DiffContext): BundleShape | undefined {
  const id = resolveRef(ref, context);
  const live = id === undefined ? undefined : context.liveById(id);
  if (isKind(live, 'bundle')) return live.properties;
  const declared = 'key' in ref ? context.desiredOf?.(ref.key) : undefined;
  return isKind(declared, 'bundle') ? declared.properties : undefined;
}

/**
 * The desktop's properties once MigrateWorkspace is done: the target bundle's compute type, and
 * each volume the larger of today's and the bundle's (the emulator and AWS keep the user volume and
 * never shrink). Compared with the spec, this is what is left to modify after the migrate.
 */
function propertiesAfterMigrate(have: WorkspaceProperties, bundle: BundleShape | undefined): WorkspaceProperties {
  if (bundle === undefined) return have;
  const grown = (now: number | undefined, floor: number | undefined) => (floor === undefined ? now : Math.max(now ?? 0, floor));
  return {
    ...have,
    ...(bundle.computeType === undefined ? {} : { ComputeTypeName: bundle.computeType as WorkspaceProperties['ComputeTypeName'] }),
    ...(grown(have.RootVolumeSizeGib, bundle.rootVolumeGib) === undefined ? {} : { RootVolumeSizeGib: grown(have.RootVolumeSizeGib, bundle.rootVolumeGib) }),
    ...(grown(have.UserVolumeSizeGib, bundle.userVolumeGib) === undefined ? {} : { UserVolumeSizeGib: grown(have.UserVolumeSizeGib, bundle.userVolumeGib) }),
  };
}

/** A spec that pins a volume below what the migrate will give can never converge: say so before any call. */
function assertVolumesFitBundle(desired: DesiredResource<WorkspaceDesiredProperties>, after: WorkspaceProperties, bundle: BundleShape): void {
  const want = desired.properties.workspaceProperties;
  for (const [member, field] of [
    ['RootVolumeSizeGib', 'rootVolumeGib'],
    ['UserVolumeSizeGib', 'userVolumeGib'],
  ] as const) {
    const pinned = want[member];
    const floor = after[member];
    if (pinned === undefined || floor === undefined || pinned >= floor) continue;
    const path = memberPath('workspaceProperties', member);
    throw new PlanError(
      'PLAN_VOLUME_BELOW_BUNDLE',
      `${desired.key}: ${field} ${pinned} GiB is below the ${floor} GiB the desktop gets when migrated to bundle ${bundle.name} (volumes only grow); set ${field} to ${floor} or more, or remove it`,
      { location: desired.fieldSources?.[path] ?? desired.source },
    );
  }
}

export function workspaceFieldChanges(
  desired: DesiredResource<WorkspaceDesiredProperties>,
  live: LiveResource<WorkspaceDesiredProperties>,
  context: DiffContext,
): FieldChange[] {
  const want = desired.properties;
  const have = live.properties;
  const fields: FieldChange[] = [];
  for (const member of IMMUTABLE_FIELDS) fields.push(...scalarChange(member, want[member], have[member]));
  const wantBundle = resolveRef(want.bundle, context);
  const haveBundle = resolveRef(have.bundle, context);
  let haveProperties = have.workspaceProperties;
  if (wantBundle !== haveBundle) {
    fields.push({ path: 'bundle', before: haveBundle, after: describeRef(want.bundle, context) });
    const bundle = targetBundle(want.bundle, context);
    haveProperties = propertiesAfterMigrate(have.workspaceProperties, bundle);
    if (bundle !== undefined) assertVolumesFitBundle(desired, haveProperties, bundle);
  }
  fields.push(...fieldChanges('workspaceProperties', sortedProtocols(applicableProperties(want.workspaceProperties)), sortedProtocols(haveProperties)));
  fields.push(...runningStateChange(want, live));
  fields.push(...maintenanceChange(want, live));
  fields.push(...standbyChange(want, live));
  const actions = actionChanges(desired, live);
  fields.push(...actions, ...repairChanges(desired, live, context.policy?.repair, actions));
  fields.push(...tagChanges(desired, live));
  fields.push(...sourceTagChanges(desired, live));
  return fields;
}

function actionFor(fields: readonly FieldChange[]): ChangeAction {
  if (fields.some((field) => (IMMUTABLE_FIELDS as readonly string[]).includes(field.path))) return 'replace';
  if (fields.some((field) => field.path === 'bundle')) return 'migrate';
  return fields.length === 0 ? 'noop' : 'update';
}

function reasonFor(action: ChangeAction, fields: readonly FieldChange[], live: LiveResource<WorkspaceDesiredProperties>): string {
  if (action === 'replace') {
    const field = fields.find((candidate) => (IMMUTABLE_FIELDS as readonly string[]).includes(candidate.path))!;
    return `${field.path} is chosen only at launch (${field.before ?? '(not set)'} → ${field.after ?? '(not set)'}); terminate and create loses the user volume`;
  }
  if (action === 'migrate') {
    const field = fields.find((candidate) => candidate.path === 'bundle')!;
    return `bundle changed ${String(field.before)}→${String(field.after)}; MigrateWorkspace keeps the user volume`;
  }
  if (action === 'noop') return 'in sync';
  if (fields.some((field) => field.path === tagPath(REMOVED_AT_TAG_KEY)))
    return `its user is back in the spec: the grace-period termination of ${live.id} is cancelled`;
  return `${fields.map((field) => field.path).join(', ')} of ${live.id} differ`;
}

export function diffWorkspace(
  desired: DesiredResource<WorkspaceDesiredProperties> | undefined,
  live: LiveResource<WorkspaceDesiredProperties> | undefined,
  context: DiffContext,
): Change<WorkspaceDesiredProperties> | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (live === undefined) {
    const want = desired!.properties;
    return {
      kind: 'workspace',
      key: desired!.key,
      action: 'create',
      reason: `no workspace for ${want.userName} in ${want.directoryId}${desired!.origin === undefined ? '' : ` (from ${desired!.origin})`}`,
      fields: [],
      desired,
    };
  }
  // a standby belongs to its primary's spec (in the primary's Region): never pruned from here
  if (desired === undefined && typeof live.details?.standbyOf === 'string') return undefined;
  if (desired === undefined) {
    return { kind: 'workspace', key: live.key, action: 'delete', reason: `workspace ${live.id} is no longer in the spec`, fields: [], live };
  }
  const fields = workspaceFieldChanges(desired, live, context);
  const action = actionFor(fields);
  if (action !== 'replace') assertNoShrink(desired, fields);
  return { kind: 'workspace', key: desired.key, action, reason: reasonFor(action, fields, live), fields, desired, live };
}
