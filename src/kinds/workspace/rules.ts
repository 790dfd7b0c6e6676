/**
 * Workspace rules: creates batch 25 per CreateWorkspaces and are waited on until AVAILABLE;
 * one change kind per ModifyWorkspaceProperties, chained; start before modifying (a stopped
 * desktop cannot start while its disk grows), stop last; a bundle change is a MigrateWorkspace
 * (new id, user volume kept); encryption changes replace; never stop/start an ALWAYS_ON desktop;
 * a step waits for a transitional state and is blocked in ADMIN_MAINTENANCE or SUSPENDED.
 */
import type { Change, FieldChange } from '../../model/change.js';
import type { WorkspaceDesiredProperties } from '../../model/desired.js';
import { directoryKey } from '../../model/keys.js';
import type { IdRef, PlanStep, StateWait } from '../../model/plan-step.js';
import type { PlanContext } from '../kind.js';
import { refInput } from '../resolve-ref.js';
import { StepBuilder, type StepSpec } from '../step-builder.js';
import { creationTags, tagSteps } from '../tag-changes.js';
import { applicableProperties } from './diff.js';
import { MIGRATABLE_STATES, MODIFIABLE_STATES, STARTABLE_STATES, STOPPABLE_STATES, verdictFor } from './state-rules.js';

/** AWS takes 20–30 min to launch and up to ~1 h to migrate; generous, so slow is not failure. */
const LAUNCH_TIMEOUT_SECONDS = 3600;
const MODIFY_TIMEOUT_SECONDS = 7200;
const TERMINATE_TIMEOUT_SECONDS = 3600;
/** Modifications in API order: running mode first, user volume before root (the grow path). */
const MODIFY_ORDER = ['RunningMode', 'RunningModeAutoStopTimeoutInMinutes', 'ComputeTypeName', 'UserVolumeSizeGib', 'RootVolumeSizeGib', 'Protocols'];
const TERMINABLE_STATES = ['PENDING', 'AVAILABLE', 'IMPAIRED', 'UNHEALTHY', 'REBOOTING', 'STARTING', 'REBUILDING', 'RESTORING', 'MAINTENANCE', 'ADMIN_MAINTENANCE', 'UPDATING', 'STOPPING', 'STOPPED', 'ERROR'];

export function workspaceSteps(change: Change, context: PlanContext): PlanStep[] {
  const builder = new StepBuilder('workspace', change.key);
  switch (change.action) {
    case 'create':
      return createSteps(change, context, builder, []);
    case 'delete':
      return [terminateStep(change, builder, change.reason)];
    case 'replace': {
      const terminate = terminateStep(change, builder, change.reason);
      return [terminate, ...createSteps(change, context, builder, [terminate.id])];
    }
    case 'update':
    case 'migrate':
      return updateSteps(change, context, builder);
    default:
      return [];
  }
}

function dependenciesOf(properties: WorkspaceDesiredProperties, context: PlanContext): string[] {
  const bundle = 'key' in properties.bundle ? context.stepsFor(properties.bundle.key) : [];
  return [...context.stepsFor(directoryKey(properties.directoryId)), ...bundle];
}

function createSteps(change: Change, context: PlanContext, builder: StepBuilder, after: readonly string[]): PlanStep[] {
  const desired = change.desired!;
  const properties = desired.properties as WorkspaceDesiredProperties;
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
    Tags: creationTags(context.environmentName, desired.tags),
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

function terminateStep(change: Change, builder: StepBuilder, reason: string): PlanStep {
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

function updateSteps(change: Change, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const live = change.live!;
  const want = change.desired!.properties as WorkspaceDesiredProperties;
  const liveProperties = live.properties as WorkspaceDesiredProperties;
  const steps: PlanStep[] = [];
  let target: string | IdRef = live.id!;
  const chainAfter = (): string[] => (steps.length === 0 ? [] : [steps[steps.length - 1].id]);
  // Start runs before the modifications (live mode applies), stop after them (the desired mode does).
  const liveMode = liveProperties.workspaceProperties.RunningMode;
  const finalMode = want.workspaceProperties.RunningMode ?? liveMode;
  const power = change.fields.find((field) => field.path === 'runningState');

  if (change.action === 'migrate') {
    steps.push(
      builder.step({
        operation: 'MigrateWorkspace',
        action: 'migrate',
        input: { SourceWorkspaceId: live.id, BundleId: refInput(want.bundle, context) },
        dependsOn: 'key' in want.bundle ? context.stepsFor(want.bundle.key) : [],
        destructive: true,
        reason: change.reason,
        target: live.id,
        produces: change.key,
        ...stateGate('MigrateWorkspace', live.state, MIGRATABLE_STATES, false, MODIFY_TIMEOUT_SECONDS),
      }),
    );
    target = { $idOf: change.key };
  }
  const migrated = change.action === 'migrate';
  // A migrated desktop comes up AVAILABLE whatever the old one was: no start, and a stop again if the spec wants it stopped.
  if (power?.after === 'running' && !migrated) steps.push(builder.step(startOrStop('StartWorkspaces', target, chainAfter(), live.state, steps.length > 0, liveMode)));
  for (const field of orderedModifications(change.fields)) {
    const member = field.path.slice('workspaceProperties.'.length);
    steps.push(
      builder.step({
        operation: 'ModifyWorkspaceProperties',
        action: 'update',
        input: { WorkspaceId: target, WorkspaceProperties: { [member]: field.after } },
        dependsOn: chainAfter(),
        reason: `${member} ${formatValue(field.before)} → ${formatValue(field.after)} (one change kind per call)`,
        target,
        // A protocol switch needs the desktop AVAILABLE; other modifications take STOPPED too.
        ...stateGate('ModifyWorkspaceProperties', live.state, member === 'Protocols' ? ['AVAILABLE'] : MODIFIABLE_STATES, steps.length > 0, MODIFY_TIMEOUT_SECONDS),
      }),
    );
  }
  if (power?.after === 'stopped' || (migrated && want.runningState === 'stopped')) steps.push(builder.step(startOrStop('StopWorkspaces', target, chainAfter(), live.state, steps.length > 0, finalMode)));
  steps.push(...tagSteps(builder, change.fields, target, chainAfter()));
  return steps;
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
  if (runningMode === 'ALWAYS_ON') return { ...base, blocked: `never ${operation === 'StopWorkspaces' ? 'stops' : 'starts'} an ALWAYS_ON desktop (only AUTO_STOP or MANUAL)` };
  // STOPPING → STOPPED and the reverse are on their way already: wait for the state the call needs.
  return { ...base, ...stateGate(operation, state, allowed, chained, MODIFY_TIMEOUT_SECONDS) };
}

function orderedModifications(fields: readonly FieldChange[]): FieldChange[] {
  return fields
    .filter((field) => field.path.startsWith('workspaceProperties.'))
    .sort((a, b) => MODIFY_ORDER.indexOf(a.path.slice(20)) - MODIFY_ORDER.indexOf(b.path.slice(20)));
}

function formatValue(value: unknown): string {
  return Array.isArray(value) ? value.join('+') : String(value);
}
