/**
 * Workspace rules: creates batch 25 per CreateWorkspaces and are waited on until AVAILABLE;
 * one change kind per ModifyWorkspaceProperties, chained; start before modifying (a stopped
 * desktop cannot start while its disk grows), stop last; a bundle change is a MigrateWorkspace
 * (new id, user volume kept); encryption changes replace; never stop/start an ALWAYS_ON desktop;
 * a step waits for a transitional state and is blocked in ADMIN_MAINTENANCE or SUSPENDED.
 */

import { memberOf, memberPath } from '../../model/field-path.js';
import { isKind } from '../../model/kind-properties.js';
import type { Change, FieldChange } from '../../model/change.js';
import { ONE_SHOT_ACTIONS, type OneShotAction, type WorkspaceDesiredProperties } from './properties.js';
import { directoryKey, GROUP_TAG_KEY, IMAGE_TAG_KEY, REMOVED_AT_TAG_KEY } from '../../model/keys.js';
import type { IdRef, PlanStep, StateWait } from '../../model/plan-step.js';
import type { PlanContext } from '../kind.js';
import { PlanError } from '../../errors.js';
import { refInput } from '../resolve-ref.js';
import { StepBuilder, type StepSpec } from '../step-builder.js';
import { creationTags, tagSteps } from '../tag-changes.js';
import { actionTagKey, applicableProperties, COMMAND_LINE_REQUEST, isUntokenedRequest } from './diff.js';
import {
  MAINTENANCE_ENTRY_STATES,
  MIGRATABLE_STATES,
  MODIFIABLE_STATES,
  REBOOTABLE_STATES,
  REBUILDABLE_STATES,
  RESTORABLE_STATES,
  STARTABLE_STATES,
  STOPPABLE_STATES,
  verdictFor,
} from './state-rules.js';
import { restoreSnapshotOf } from './snapshots.js';

/** AWS takes 20–30 min to launch and up to ~1 h to migrate; generous, so slow is not failure. */
const LAUNCH_TIMEOUT_SECONDS = 3600;
const MODIFY_TIMEOUT_SECONDS = 7200;
const TERMINATE_TIMEOUT_SECONDS = 3600;
/** Modifications in API order: running mode first, user volume before root (the grow path). */
const MODIFY_ORDER = ['RunningMode', 'RunningModeAutoStopTimeoutInMinutes', 'ComputeTypeName', 'UserVolumeSizeGib', 'RootVolumeSizeGib', 'Protocols'];
const TERMINABLE_STATES = [
  'PENDING',
  'AVAILABLE',
  'IMPAIRED',
  'UNHEALTHY',
  'REBOOTING',
  'STARTING',
  'REBUILDING',
  'RESTORING',
  'MAINTENANCE',
  'ADMIN_MAINTENANCE',
  'UPDATING',
  'STOPPING',
  'STOPPED',
  'ERROR',
];

export function workspaceSteps(change: Change<WorkspaceDesiredProperties>, context: PlanContext): PlanStep[] {
  const builder = new StepBuilder('workspace', change.key);
  switch (change.action) {
    case 'create':
      return withStandby(createSteps(change, context, builder, []), change, context, builder);
    case 'delete':
      return removalSteps(change, context, builder);
    case 'replace': {
      const terminate = terminateStep(change, builder, change.reason);
      return withStandby([terminate, ...createSteps(change, context, builder, [terminate.id])], change, context, builder);
    }
    case 'update':
    case 'migrate':
      return withStandby(updateSteps(change, context, builder), change, context, builder);
    default:
      return [];
  }
}

/**
 * The standby the spec declares and the primary lacks: CreateStandbyWorkspaces in the standby's
 * Region (the step's `region`; PrimaryRegion is the environment's), once the primary exists — after
 * its create, which waits for AVAILABLE. Tagged with this environment's name like everything wsr
 * makes; the standby Region's spec sees it as a standby (RelatedWorkspaces PRIMARY) and never prunes it.
 */
function withStandby(steps: PlanStep[], change: Change<WorkspaceDesiredProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const standby = change.desired?.properties.standby;
  const wanted = change.action === 'create' || change.action === 'replace' || change.fields.some((field) => field.path === 'standby');
  if (standby === undefined || !wanted) return steps;
  const home = context.desired.environment.region;
  if (standby.region === home) {
    throw new PlanError(
      'PLAN_STANDBY_REGION',
      `${change.key}: standby.region ${home} is the environment's own Region (metadata.region); a standby desktop lives in another Region`,
      {
        location: change.desired!.fieldSources?.standby ?? change.desired!.source,
      },
    );
  }
  const primary: string | IdRef = change.action === 'update' ? change.live!.id! : { $idOf: change.key };
  const request = {
    PrimaryWorkspaceId: primary,
    DirectoryId: standby.directoryId,
    ...(standby.dataReplication === undefined ? {} : { DataReplication: standby.dataReplication }),
    ...(standby.volumeEncryptionKey === undefined ? {} : { VolumeEncryptionKey: standby.volumeEncryptionKey }),
    Tags: creationTags(context.environmentName, change.desired!.tags),
  };
  // after the step that makes the primary (a create waits for AVAILABLE itself; a migrate's new desktop is waited for here)
  const making = steps.filter((step) => step.produces === change.key);
  const settled =
    change.action === 'create' || change.action === 'replace' || (change.action === 'update' && PRIMARY_READY_STATES.includes(change.live!.state ?? ''));
  return [
    ...steps,
    builder.step({
      operation: 'CreateStandbyWorkspaces',
      action: change.action === 'update' ? 'update' : 'create',
      input: { PrimaryRegion: home, StandbyWorkspaces: [request] },
      dependsOn: making.map((step) => step.id),
      reason: `standby desktop in ${standby.region} (directory ${standby.directoryId}) for this primary`,
      region: standby.region,
      target: primary,
      ...(settled ? {} : { before: { states: PRIMARY_READY_STATES, timeoutSeconds: LAUNCH_TIMEOUT_SECONDS } }),
    }),
  ];
}

/** States of a primary a standby is made from (emulator choice: a running or stopped desktop; AWS documents none). */
const PRIMARY_READY_STATES = ['AVAILABLE', 'STOPPED'];

function dependenciesOf(properties: WorkspaceDesiredProperties, context: PlanContext): string[] {
  const bundle = 'key' in properties.bundle ? context.stepsFor(properties.bundle.key) : [];
  return [...context.stepsFor(directoryKey(properties.directoryId)), ...bundle];
}

function createSteps(change: Change<WorkspaceDesiredProperties>, context: PlanContext, builder: StepBuilder, after: readonly string[]): PlanStep[] {
  const desired = change.desired!;
  const properties = desired.properties;
  const self: IdRef = { $idOf: change.key };
  const request = {
    DirectoryId: properties.directoryId,
    UserName: properties.userName,
    BundleId: refInput(properties.bundle, context),
    ...(properties.workspaceName === undefined ? {} : { WorkspaceName: properties.workspaceName }),
    ...(properties.volumeEncryptionKey === undefined ? {} : { VolumeEncryptionKey: properties.volumeEncryptionKey }),
    ...(properties.userVolumeEncryptionEnabled === undefined ? {} : { UserVolumeEncryptionEnabled: properties.userVolumeEncryptionEnabled }),
    ...(properties.rootVolumeEncryptionEnabled === undefined ? {} : { RootVolumeEncryptionEnabled: properties.rootVolumeEncryptionEnabled }),
    WorkspaceProperties: applicableProperties(properties.workspaceProperties),
    // a new desktop records the spec's request tokens (there is nothing to reboot, rebuild or restore yet) and its group
    Tags: [
      ...creationTags(context.environmentName, {
        ...desired.tags,
        ...tokenTags(properties),
        ...(properties.group === undefined ? {} : { [GROUP_TAG_KEY]: properties.group }),
      }),
      ...imageMark(properties.bundle, context),
    ],
  };
  const create = builder.step({
    operation: 'CreateWorkspaces',
    action: 'create',
    input: { Workspaces: [request] },
    batch: { member: 'Workspaces', max: 25 },
    dependsOn: [...after, ...dependenciesOf(properties, context)],
    reason: change.action === 'replace' ? `re-create after replace: ${change.reason}` : change.reason,
    after: { states: ['AVAILABLE'], timeoutSeconds: LAUNCH_TIMEOUT_SECONDS },
    target: self,
    produces: change.key,
  });
  if (properties.maintenance === true) {
    return [
      create,
      builder.step({
        ...maintenanceStep(self, true, [create.id]),
        before: { states: ['AVAILABLE'], timeoutSeconds: LAUNCH_TIMEOUT_SECONDS },
      }),
    ];
  }
  if (properties.runningState !== 'stopped') return [create];
  const alwaysOn = properties.workspaceProperties.RunningMode === 'ALWAYS_ON';
  return [
    create,
    builder.step({
      ...powerStep('StopWorkspaces', self, [create.id]),
      reason: 'the spec wants the new desktop stopped',
      before: { states: ['AVAILABLE'], timeoutSeconds: LAUNCH_TIMEOUT_SECONDS },
      ...(alwaysOn ? { blocked: 'never stops an ALWAYS_ON desktop (only AUTO_STOP or MANUAL can stop)' } : {}),
    }),
  ];
}

/**
 * With `policy.rollout.mode: rebuild`, a desktop on a bundle of the spec records the image it is
 * built from (`wsr:image`, bundle/rollout.ts): one made after an image change is already rolled.
 */
function imageMark(bundle: WorkspaceDesiredProperties['bundle'], context: PlanContext): { Key: string; Value: string | IdRef }[] {
  return context.desired.policy.rollout.mode === 'rebuild' ? markOfBundleImage(bundle, context) : [];
}

/** `wsr:image=<the image of this bundle of the spec>`; none for a bundle given by id. */
function markOfBundleImage(bundle: WorkspaceDesiredProperties['bundle'], context: PlanContext): { Key: string; Value: string | IdRef }[] {
  if (!('key' in bundle)) return [];
  const declared = context.desiredOf(bundle.key);
  const image = isKind(declared, 'bundle') ? declared.properties.image : undefined;
  return image === undefined ? [] : [{ Key: IMAGE_TAG_KEY, Value: refInput(image, context) }];
}

function tokenTags(properties: WorkspaceDesiredProperties): Record<string, string> {
  return Object.fromEntries(
    ONE_SHOT_ACTIONS.flatMap((action) => (properties.actions?.[action] === undefined ? [] : [[actionTagKey(action), properties.actions[action]!]])),
  );
}

function maintenanceStep(workspaceId: string | IdRef, enter: boolean, dependsOn: readonly string[]): StepSpec<'ModifyWorkspaceState'> {
  return {
    operation: 'ModifyWorkspaceState',
    action: 'update',
    input: { WorkspaceId: workspaceId, WorkspaceState: enter ? 'ADMIN_MAINTENANCE' : 'AVAILABLE' },
    dependsOn,
    reason: enter
      ? 'the spec wants it in maintenance (ADMIN_MAINTENANCE: no reboot/stop/rebuild/restore, users cannot log in)'
      : 'the spec takes it out of maintenance (ADMIN_MAINTENANCE → AVAILABLE)',
    target: workspaceId,
  };
}

function powerStep(operation: 'StopWorkspaces' | 'StartWorkspaces', workspaceId: string | IdRef, dependsOn: readonly string[]): Omit<StepSpec, 'reason'> {
  const member = operation === 'StopWorkspaces' ? 'StopWorkspaceRequests' : 'StartWorkspaceRequests';
  return {
    operation,
    action: 'update',
    input: { [member]: [{ WorkspaceId: workspaceId }] },
    batch: { member, max: 25 },
    dependsOn,
    target: workspaceId,
  };
}

function terminateStep(change: Change<WorkspaceDesiredProperties>, builder: StepBuilder, reason: string): PlanStep {
  const live = change.live!;
  const verdict = verdictFor('TerminateWorkspaces', live.state, TERMINABLE_STATES);
  return builder.step({
    operation: 'TerminateWorkspaces',
    action: 'delete',
    input: { TerminateWorkspaceRequests: [{ WorkspaceId: live.id }] },
    batch: { member: 'TerminateWorkspaceRequests', max: 25 },
    destructive: true,
    reason: live.state === 'TERMINATING' ? `${reason} (already TERMINATING)` : reason,
    after: { gone: true, timeoutSeconds: TERMINATE_TIMEOUT_SECONDS },
    target: live.id,
    ...(live.state === 'TERMINATING' ? {} : verdict.blocked === undefined ? {} : { blocked: verdict.blocked }),
  });
}

/**
 * A desktop whose user left the spec. With policy.gracePeriod: stop it and mark it with the time
 * (tag `wsr:removed-at`, so the next plan knows), and terminate only once the period is over; the
 * user coming back in time removes the mark (diff.ts) and the desktop is theirs again, volumes intact.
 */
function removalSteps(change: Change<WorkspaceDesiredProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const grace = context.desired.policy.gracePeriodSeconds;
  const live = change.live!;
  const group = live.tags?.[GROUP_TAG_KEY];
  const reason = group === undefined || context.destroy ? change.reason : `${change.reason}: its user left group ${group}`;
  if (grace === undefined || context.destroy || live.state === 'TERMINATING') return [terminateStep(change, builder, reason)];
  const period = formatDuration(grace);
  const removedAt = Date.parse(live.tags?.[REMOVED_AT_TAG_KEY] ?? '');
  if (Number.isNaN(removedAt)) {
    const due = new Date(Date.parse(context.now) + grace * 1000).toISOString();
    const mark = builder.step({
      operation: 'CreateTags',
      action: 'update',
      input: { ResourceId: live.id, Tags: [{ Key: REMOVED_AT_TAG_KEY, Value: context.now }] },
      reason: `${reason}: grace period ${period} (policy.gracePeriod) starts; terminated after ${due} unless the user is back`,
      target: live.id,
    });
    const mode = live.properties.workspaceProperties.RunningMode;
    if (live.state === 'STOPPED' || mode === 'ALWAYS_ON') return [mark];
    return [
      mark,
      builder.step({
        ...powerStep('StopWorkspaces', live.id!, [mark.id]),
        reason: `its user left the spec: stopped for the grace period (${period})`,
        ...stateGate('StopWorkspaces', live.state, STOPPABLE_STATES, false, MODIFY_TIMEOUT_SECONDS),
      }),
    ];
  }
  const due = new Date(removedAt + grace * 1000).toISOString();
  const terminate = terminateStep(change, builder, `${reason}; grace period ${period} ended ${due}`);
  if (Date.parse(context.now) >= removedAt + grace * 1000) return [terminate];
  return [
    {
      ...terminate,
      reason: `${reason}; in its grace period`,
      blocked: `grace period: terminated after ${due} unless the user is back in the spec (policy.gracePeriod ${period})`,
    },
  ];
}

function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  return `${Math.round(seconds / 60)}m`;
}

/** The wait/block for a call on a desktop; `chained` = an earlier step of this plan changed its state. */
function stateGate(operation: string, state: string | undefined, allowed: readonly string[], chained: boolean, timeoutSeconds: number): Partial<StepSpec> {
  const wait: StateWait = { states: allowed, timeoutSeconds };
  // After an earlier step of this plan the live state is history: only states that need a human still block.
  if (chained) return state !== undefined && HELD_STATES.has(state) ? { blocked: verdictFor(operation, state, allowed).blocked } : { before: wait };
  const verdict = verdictFor(operation, state, allowed);
  if (verdict.blocked !== undefined) return { blocked: verdict.blocked };
  return verdict.ready ? {} : { before: wait };
}

/** States that do not end by themselves. */
const HELD_STATES = new Set(['ADMIN_MAINTENANCE', 'SUSPENDED', 'TERMINATING', 'TERMINATED']);

function updateSteps(change: Change<WorkspaceDesiredProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const live = change.live!;
  const want = change.desired!.properties;
  const liveProperties = live.properties;
  const steps: PlanStep[] = [];
  let target: string | IdRef = live.id!;
  const chainAfter = (): string[] => (steps.length === 0 ? [] : [steps[steps.length - 1].id]);
  // Start runs before the modifications (live mode applies), stop after them (the desired mode does).
  const liveMode = liveProperties.workspaceProperties.RunningMode;
  const finalMode = want.workspaceProperties.RunningMode ?? liveMode;
  const power = change.fields.find((field) => field.path === 'runningState');
  const maintenance = change.fields.find((field) => field.path === 'maintenance');
  // Leaving ADMIN_MAINTENANCE comes first: every other call is refused there.
  let state = live.state;
  if (maintenance?.after === false) {
    steps.push(
      builder.step({
        ...maintenanceStep(live.id!, false, []),
        ...(live.state === 'ADMIN_MAINTENANCE' ? {} : { blocked: `the desktop is ${live.state}, not ADMIN_MAINTENANCE` }),
      }),
    );
    state = 'AVAILABLE';
  }

  if (change.action === 'migrate') {
    steps.push(
      builder.step({
        operation: 'MigrateWorkspace',
        action: 'migrate',
        input: { SourceWorkspaceId: live.id, BundleId: refInput(want.bundle, context) },
        // after the maintenance exit of this plan, if any: MigrateWorkspace is refused in ADMIN_MAINTENANCE
        dependsOn: [...chainAfter(), ...('key' in want.bundle ? context.stepsFor(want.bundle.key) : [])],
        destructive: true,
        reason: `${change.reason}; waits until the old desktop is gone (it holds the old bundle while TERMINATING)`,
        target: live.id,
        produces: change.key,
        // The source goes TERMINATING and keeps its bundle until gone: a DeleteWorkspaceBundle (or a
        // directory deregistration) after it would fail with ResourceAssociatedException.
        after: { gone: true, timeoutSeconds: TERMINATE_TIMEOUT_SECONDS },
        ...stateGate('MigrateWorkspace', state, MIGRATABLE_STATES, steps.length > 0, MODIFY_TIMEOUT_SECONDS),
      }),
    );
    target = { $idOf: change.key };
  }
  const migrated = change.action === 'migrate';
  const remark = migrated ? remarkAfterMigrate(change, context, builder, steps[steps.length - 1].id) : [];
  steps.push(...oneShotSteps(change, builder, target, state, chainAfter, () => steps.length > 0));
  // A migrated desktop comes up AVAILABLE whatever the old one was: no start, and a stop again if the spec wants it stopped.
  if (power?.after === 'running' && !migrated)
    steps.push(builder.step(startOrStop('StartWorkspaces', target, chainAfter(), state, steps.length > 0, liveMode)));
  for (const { member, field } of orderedModifications(change.fields)) {
    steps.push(
      builder.step({
        operation: 'ModifyWorkspaceProperties',
        action: 'update',
        input: { WorkspaceId: target, WorkspaceProperties: { [member]: field.after } },
        dependsOn: chainAfter(),
        reason: `${member} ${formatValue(field.before)} → ${formatValue(field.after)} (one change kind per call)`,
        target,
        // A protocol switch needs the desktop AVAILABLE; other modifications take STOPPED too.
        ...stateGate('ModifyWorkspaceProperties', state, member === 'Protocols' ? ['AVAILABLE'] : MODIFIABLE_STATES, steps.length > 0, MODIFY_TIMEOUT_SECONDS),
      }),
    );
  }
  if (power?.after === 'stopped' || (migrated && want.runningState === 'stopped'))
    steps.push(builder.step(startOrStop('StopWorkspaces', target, chainAfter(), state, steps.length > 0, finalMode)));
  steps.push(...tagSteps(builder, change.fields, target, chainAfter()), ...remark);
  // Entering ADMIN_MAINTENANCE comes last, after everything it would refuse.
  if (maintenance?.after === true) {
    steps.push(
      builder.step({
        ...maintenanceStep(target, true, chainAfter()),
        ...stateGate('ModifyWorkspaceState', state, MAINTENANCE_ENTRY_STATES, steps.length > 0, MODIFY_TIMEOUT_SECONDS),
      }),
    );
  }
  return steps;
}

/**
 * MigrateWorkspace copies the source's tags to the new desktop (api notes; emulator SPEC.md), so a
 * `wsr:image` mark would name the old bundle's image: the new desktop is built from the target
 * bundle's image, and is marked so (else a rollout on the target bundle would rebuild it again).
 */
function remarkAfterMigrate(change: Change<WorkspaceDesiredProperties>, context: PlanContext, builder: StepBuilder, migrateId: string): PlanStep[] {
  const [mark] = markOfBundleImage(change.desired!.properties.bundle, context);
  if (mark === undefined || change.live?.tags?.[IMAGE_TAG_KEY] === undefined || change.live.tags[IMAGE_TAG_KEY] === mark.Value) return [];
  const target = { $idOf: change.key };
  return [
    builder.step({
      operation: 'CreateTags',
      action: 'update',
      input: { ResourceId: target, Tags: [mark] },
      dependsOn: [migrateId],
      reason: `the migrated desktop is built from its new bundle's image (tag ${IMAGE_TAG_KEY}; MigrateWorkspace copied the old mark)`,
      target,
    }),
  ];
}

interface OneShotRule {
  readonly operation: 'RestoreWorkspace' | 'RebuildWorkspaces' | 'RebootWorkspaces';
  readonly allowed: readonly string[];
  readonly destructive: boolean;
  readonly timeoutSeconds: number;
  readonly what: string;
  input(workspaceId: string | IdRef): Pick<StepSpec, 'input' | 'batch'>;
}

/** API facts per action (api notes §3): accepted states, batch size, what it does to the volumes. */
const ONE_SHOT_RULES: Readonly<Record<OneShotAction, OneShotRule>> = {
  restore: {
    operation: 'RestoreWorkspace',
    allowed: RESTORABLE_STATES,
    destructive: true,
    timeoutSeconds: 3600,
    what: 'root and user volumes back to the last snapshot; changes since are lost',
    input: (id) => ({ input: { WorkspaceId: id } }),
  },
  rebuild: {
    operation: 'RebuildWorkspaces',
    allowed: REBUILDABLE_STATES,
    destructive: true,
    timeoutSeconds: 3600,
    what: 'root volume from the bundle image, user volume from its last snapshot',
    input: (id) => ({ input: { RebuildWorkspaceRequests: [{ WorkspaceId: id }] }, batch: { member: 'RebuildWorkspaceRequests', max: 1 } }),
  },
  reboot: {
    operation: 'RebootWorkspaces',
    allowed: REBOOTABLE_STATES,
    destructive: false,
    timeoutSeconds: 1800,
    what: 'the desktop restarts; nothing is lost',
    input: (id) => ({ input: { RebootWorkspaceRequests: [{ WorkspaceId: id }] }, batch: { member: 'RebootWorkspaceRequests', max: 25 } }),
  },
};

/**
 * One step per requested action (restore, rebuild, reboot, chained), each waited on until
 * AVAILABLE, then the spec's token recorded as the tag `wsr:<action>` — only after success, so
 * a failed action runs again next time and a done one never does until the token changes.
 */
function oneShotSteps(
  change: Change<WorkspaceDesiredProperties>,
  builder: StepBuilder,
  target: string | IdRef,
  state: string | undefined,
  chainAfter: () => string[],
  chained: () => boolean,
): PlanStep[] {
  const steps: PlanStep[] = [];
  for (const action of ONE_SHOT_ACTIONS) {
    const field = change.fields.find((candidate) => candidate.path === memberPath('actions', action));
    if (field === undefined) continue;
    const rule = ONE_SHOT_RULES[action];
    const token = isUntokenedRequest(field.after) ? undefined : String(field.after);
    const request =
      token !== undefined
        ? `request ${token}`
        : field.after === COMMAND_LINE_REQUEST
          ? `--${action} on the command line`
          : `policy.repair: the desktop is ${String(field.before)}`;
    const snapshot = action === 'restore' ? restoreVerdict(change) : {};
    const step = builder.step({
      operation: rule.operation,
      action: 'update',
      ...rule.input(target),
      dependsOn: [...chainAfter(), ...steps.slice(-1).map((previous) => previous.id)],
      destructive: rule.destructive,
      reason: `${action} (${request})${snapshot.to ? ` to the snapshot of ${snapshot.to}` : ''}: ${rule.what}`,
      after: { states: ['AVAILABLE'], timeoutSeconds: rule.timeoutSeconds },
      target,
      ...stateGate(rule.operation, state, rule.allowed, chained() || steps.length > 0, rule.timeoutSeconds),
      ...(snapshot.blocked === undefined ? {} : { blocked: snapshot.blocked }),
    });
    steps.push(step);
    const recorded = change.live?.tags?.[actionTagKey(action)];
    if (token !== undefined && token !== recorded) {
      steps.push(
        builder.step({
          operation: 'CreateTags',
          action: 'update',
          input: { ResourceId: target, Tags: [{ Key: actionTagKey(action), Value: token }] },
          dependsOn: [step.id],
          reason: `record ${action} request ${token} as done (tag ${actionTagKey(action)}), so it never runs again for this token`,
        }),
      );
    }
  }
  return steps;
}

/** A restore needs a restore snapshot (DescribeWorkspaceSnapshots, read for planned restores). */
function restoreVerdict(change: Change<WorkspaceDesiredProperties>): { to?: string; blocked?: string } {
  const snapshot = restoreSnapshotOf(change.live!);
  if (snapshot === undefined) return {};
  if (snapshot === null)
    return {
      blocked:
        'no snapshot to restore from: DescribeWorkspaceSnapshots lists no RestoreSnapshots (AWS takes the first about 30 min after launch, then every 12 h while healthy)',
    };
  return { to: `${snapshot.slice(0, 10)} ${snapshot.slice(11, 16)} UTC` };
}

function startOrStop(
  operation: 'StopWorkspaces' | 'StartWorkspaces',
  target: string | IdRef,
  dependsOn: readonly string[],
  state: string | undefined,
  chained: boolean,
  runningMode: string | undefined,
): StepSpec {
  const allowed = operation === 'StopWorkspaces' ? STOPPABLE_STATES : STARTABLE_STATES;
  const wanted = operation === 'StopWorkspaces' ? 'stopped' : 'running';
  const base = { ...powerStep(operation, target, dependsOn), reason: `the spec wants it ${wanted}, it is ${state ?? 'unknown'}` };
  if (runningMode === 'ALWAYS_ON')
    return { ...base, blocked: `never ${operation === 'StopWorkspaces' ? 'stops' : 'starts'} an ALWAYS_ON desktop (only AUTO_STOP or MANUAL)` };
  // STOPPING → STOPPED and the reverse are on their way already: wait for the state the call needs.
  return { ...base, ...stateGate(operation, state, allowed, chained, MODIFY_TIMEOUT_SECONDS) };
}

/** The workspaceProperties members that change, with their fields, in the order they are modified. */
function orderedModifications(fields: readonly FieldChange[]): { member: string; field: FieldChange }[] {
  return fields
    .flatMap((field) => {
      const member = memberOf(field.path, 'workspaceProperties');
      return member === undefined ? [] : [{ member, field }];
    })
    .sort((a, b) => MODIFY_ORDER.indexOf(a.member) - MODIFY_ORDER.indexOf(b.member));
}

/** A value in a step's reason: an unset one (ALWAYS_ON has no auto-stop timeout) reads "(not set)", never "undefined". */
function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '(not set)';
  return Array.isArray(value) ? value.join('+') : String(value);
}
