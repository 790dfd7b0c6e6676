/**
 * Pool rules: create after its directory and bundle, wait RUNNING; one UpdateWorkspacesPool for
 * all changed settings; start only a STOPPED pool, stop only a RUNNING AUTO_STOP pool (never an
 * ALWAYS_ON one); calls wait while the pool is busy (CREATING/STARTING/STOPPING/UPDATING),
 * nothing runs while DELETING; terminate and wait until gone.
 */
import { fieldOf } from '../../model/field-path.js';
import type { Change } from '../../model/change.js';
import type { PoolProperties } from './properties.js';
import type { IdRef, PlanStep, StateWait } from '../../model/plan-step.js';
import type { PlanContext } from '../kind.js';
import { refInput } from '../resolve-ref.js';
import { StepBuilder, type StepSpec } from '../step-builder.js';
import { creationTags, tagSteps } from '../tag-changes.js';

const POOL_TIMEOUT_SECONDS = 3600;
const BUSY_STATES = new Set(['CREATING', 'STARTING', 'STOPPING', 'UPDATING']);
const SETTLED: StateWait = { states: ['RUNNING', 'STOPPED'], timeoutSeconds: POOL_TIMEOUT_SECONDS };

export function poolSteps(change: Change<PoolProperties>, context: PlanContext): PlanStep[] {
  const builder = new StepBuilder('pool', change.key);
  if (change.action === 'create') return createSteps(change, context, builder);
  if (change.action === 'delete') return [terminateStep(change, builder)];
  if (change.action === 'update') return updateSteps(change, context, builder);
  return [];
}

function referenceSteps(properties: PoolProperties, context: PlanContext): string[] {
  return [properties.bundle, properties.directory].flatMap((ref) => ('key' in ref ? context.stepsFor(ref.key) : []));
}

function settingsInput(properties: PoolProperties): Record<string, unknown> {
  return {
    ...(properties.applicationSettings === undefined ? {} : { ApplicationSettings: properties.applicationSettings }),
    ...(properties.timeoutSettings === undefined ? {} : { TimeoutSettings: properties.timeoutSettings }),
    ...(properties.runningMode === undefined ? {} : { RunningMode: properties.runningMode }),
  };
}

function createSteps(change: Change<PoolProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const desired = change.desired!;
  const properties = desired.properties;
  const self: IdRef = { $idOf: change.key };
  const create = builder.step({
    operation: 'CreateWorkspacesPool',
    action: 'create',
    input: {
      PoolName: properties.name,
      Description: properties.description,
      BundleId: refInput(properties.bundle, context),
      DirectoryId: refInput(properties.directory, context),
      Capacity: properties.capacity,
      ...settingsInput(properties),
      Tags: creationTags(context.environmentName, desired.tags),
    },
    dependsOn: referenceSteps(properties, context),
    reason: change.reason,
    after: { states: ['RUNNING'], timeoutSeconds: POOL_TIMEOUT_SECONDS },
    target: self,
    produces: change.key,
  });
  if (properties.desiredState !== 'stopped') return [create];
  return [
    create,
    builder.step({ ...powerStep('StopWorkspacesPool', self, [create.id], properties.runningMode), reason: 'the spec wants the new pool stopped' }),
  ];
}

function powerStep(
  operation: 'StartWorkspacesPool' | 'StopWorkspacesPool',
  poolId: string | IdRef,
  dependsOn: readonly string[],
  runningMode: string | undefined,
): Omit<StepSpec, 'reason'> {
  const needs = operation === 'StartWorkspacesPool' ? 'STOPPED' : 'RUNNING';
  return {
    operation,
    action: 'update',
    input: { PoolId: poolId },
    dependsOn,
    before: { states: [needs], timeoutSeconds: POOL_TIMEOUT_SECONDS },
    after: { states: [operation === 'StartWorkspacesPool' ? 'RUNNING' : 'STOPPED'], timeoutSeconds: POOL_TIMEOUT_SECONDS },
    target: poolId,
    ...(operation === 'StopWorkspacesPool' && runningMode === 'ALWAYS_ON' ? { blocked: 'never stops an ALWAYS_ON pool (only AUTO_STOP pools stop)' } : {}),
  };
}

function updateSteps(change: Change<PoolProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const live = change.live!;
  const poolId = live.id!;
  if (live.state === 'DELETING')
    return [
      builder.step({ operation: 'UpdateWorkspacesPool', action: 'update', input: { PoolId: poolId }, reason: change.reason, blocked: 'the pool is DELETING' }),
    ];
  const wait = BUSY_STATES.has(live.state ?? '') ? { before: SETTLED, target: poolId } : {};
  const properties = change.desired!.properties;
  const changed = new Set(change.fields.map((field) => fieldOf(field.path)));
  const steps: PlanStep[] = [];
  const settings = ['description', 'bundle', 'directory', 'capacity', 'runningMode', 'applicationSettings', 'timeoutSettings'].filter((member) =>
    changed.has(member),
  );
  if (settings.length > 0) {
    steps.push(
      builder.step({
        operation: 'UpdateWorkspacesPool',
        action: 'update',
        input: {
          PoolId: poolId,
          ...(changed.has('description') ? { Description: properties.description } : {}),
          ...(changed.has('bundle') ? { BundleId: refInput(properties.bundle, context) } : {}),
          ...(changed.has('directory') ? { DirectoryId: refInput(properties.directory, context) } : {}),
          ...(changed.has('capacity') ? { Capacity: properties.capacity } : {}),
          ...settingsInput(properties),
        },
        dependsOn: referenceSteps(properties, context),
        reason: `${settings.join(', ')} differ`,
        after: SETTLED,
        target: poolId,
        ...wait,
      }),
    );
  }
  const power = change.fields.find((field) => field.path === 'desiredState');
  if (power !== undefined) {
    const operation = power.after === 'running' ? 'StartWorkspacesPool' : 'StopWorkspacesPool';
    const mode = properties.runningMode ?? live.properties.runningMode;
    steps.push(
      builder.step({
        ...powerStep(
          operation,
          poolId,
          steps.map((step) => step.id),
          mode,
        ),
        reason: `the spec wants the pool ${String(power.after)}, it is ${live.state}`,
      }),
    );
  }
  steps.push(...tagSteps(builder, change.fields, poolId, []));
  return steps;
}

function terminateStep(change: Change<PoolProperties>, builder: StepBuilder): PlanStep {
  const live = change.live!;
  return builder.step({
    operation: 'TerminateWorkspacesPool',
    action: 'delete',
    input: { PoolId: live.id },
    destructive: true,
    reason: change.reason,
    after: { gone: true, timeoutSeconds: POOL_TIMEOUT_SECONDS },
    target: live.id,
    ...(BUSY_STATES.has(live.state ?? '') ? { before: SETTLED } : {}),
    ...(live.state === 'DELETING' ? { blocked: 'the pool is already DELETING' } : {}),
  });
}
