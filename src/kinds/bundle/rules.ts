/**
 * Bundle rules: create on an AVAILABLE image and wait AVAILABLE; an image change is
 * UpdateWorkspaceBundle, which never touches existing desktops — only with
 * `policy.rollout.mode: rebuild` are the desktops on the bundle rebuilt, in waves of
 * `rollout.batchSize`, each wave after the previous one (destructive: the root volume is new);
 * other fields are fixed at create; deleting needs every desktop off the bundle first.
 */
import type { Change } from '../../model/change.js';
import type { BundleProperties, WorkspaceDesiredProperties } from '../../model/desired.js';
import type { LiveResource } from '../../model/live.js';
import type { PlanStep } from '../../model/plan-step.js';
import type { PlanContext } from '../kind.js';
import { refInput, resolveRef } from '../resolve-ref.js';
import { StepBuilder } from '../step-builder.js';
import { creationTags, tagSteps } from '../tag-changes.js';
import { REBUILDABLE_STATES, verdictFor } from '../workspace/state-rules.js';
import { FIXED_BUNDLE_FIELDS } from './diff.js';

const BUNDLE_TIMEOUT_SECONDS = 3600;
const REBUILD_TIMEOUT_SECONDS = 3600;

export function bundleSteps(change: Change, context: PlanContext): PlanStep[] {
  const builder = new StepBuilder('bundle', change.key);
  if (change.action === 'create') return createSteps(change, context, builder);
  if (change.action === 'delete') return deleteSteps(change, context, builder);
  if (change.action === 'update') return updateSteps(change, context, builder);
  return [];
}

function createSteps(change: Change, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const desired = change.desired!;
  const properties = desired.properties as BundleProperties;
  return [
    builder.step({
      operation: 'CreateWorkspaceBundle',
      action: 'create',
      input: {
        BundleName: properties.name,
        BundleDescription: properties.description ?? properties.name,
        ImageId: refInput(properties.image, context),
        ComputeType: { Name: properties.computeType },
        UserStorage: { Capacity: String(properties.userVolumeGib) },
        ...(properties.rootVolumeGib === undefined ? {} : { RootStorage: { Capacity: String(properties.rootVolumeGib) } }),
        Tags: creationTags(context.environmentName, desired.tags),
      },
      dependsOn: 'key' in properties.image ? context.stepsFor(properties.image.key) : [],
      reason: change.reason,
      after: { states: ['AVAILABLE'], timeoutSeconds: BUNDLE_TIMEOUT_SECONDS },
      target: { $idOf: change.key },
      produces: change.key,
    }),
  ];
}

function updateSteps(change: Change, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const live = change.live!;
  const bundleId = live.id!;
  const properties = change.desired!.properties as BundleProperties;
  const steps: PlanStep[] = [];
  const fixed = change.fields.filter((field) => (FIXED_BUNDLE_FIELDS as readonly string[]).includes(field.path));
  if (fixed.length > 0) {
    steps.push(
      builder.step({
        operation: 'CreateWorkspaceBundle',
        action: 'update',
        input: { BundleName: properties.name },
        reason: `${fixed.map((field) => field.path).join(', ')} can be set only when a bundle is created`,
        blocked: `${fixed.map((field) => field.path).join(', ')} cannot change on an existing bundle; declare a new bundle and move the desktops to it (MigrateWorkspace)`,
      }),
    );
  }
  if (change.fields.some((field) => field.path === 'image')) {
    const update = builder.step({
      operation: 'UpdateWorkspaceBundle',
      action: 'update',
      input: { BundleId: bundleId, ImageId: refInput(properties.image, context) },
      dependsOn: 'key' in properties.image ? context.stepsFor(properties.image.key) : [],
      reason: 'image changed; UpdateWorkspaceBundle does not touch existing desktops (new launches and rebuilds use the new image)',
    });
    steps.push(update, ...rolloutSteps(change, context, bundleId, update.id));
  }
  steps.push(...tagSteps(builder, change.fields, bundleId, []));
  return steps;
}

/** Desktops on the bundle that the plan does not otherwise touch, in key order. */
function desktopsOnBundle(bundleId: string, context: PlanContext): LiveResource[] {
  return context
    .referrersOf(bundleId)
    .filter((resource) => resource.kind === 'workspace' && context.changeOf(resource.key) === undefined)
    .filter((resource) => resolveRef((resource.properties as WorkspaceDesiredProperties).bundle, context) === bundleId)
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

function rolloutSteps(change: Change, context: PlanContext, bundleId: string, afterId: string): PlanStep[] {
  const rollout = context.desired.policy.rollout;
  if (rollout.mode !== 'rebuild') return [];
  const desktops = desktopsOnBundle(bundleId, context);
  const size = Math.max(1, rollout.batchSize);
  const steps: PlanStep[] = [];
  let previousWave: string[] = [afterId];
  for (let start = 0; start < desktops.length; start += size) {
    const wave = desktops.slice(start, start + size).map((desktop) => rebuildStep(desktop, previousWave, start / size + 1, change.key));
    steps.push(...wave);
    previousWave = wave.map((step) => step.id);
  }
  return steps;
}

function rebuildStep(desktop: LiveResource, previousWave: readonly string[], wave: number, bundleKey: string): PlanStep {
  const verdict = verdictFor('RebuildWorkspaces', desktop.state, REBUILDABLE_STATES);
  return new StepBuilder('workspace', desktop.key).step({
    operation: 'RebuildWorkspaces',
    action: 'update',
    input: { RebuildWorkspaceRequests: [{ WorkspaceId: desktop.id }] },
    batch: { member: 'RebuildWorkspaceRequests', max: 1 },
    dependsOn: previousWave,
    destructive: true,
    reason: `rollout wave ${wave} of ${bundleKey}'s new image (policy.rollout.mode rebuild): root volume rebuilt from the image, user volume from its last snapshot`,
    after: { states: ['AVAILABLE'], timeoutSeconds: REBUILD_TIMEOUT_SECONDS },
    target: desktop.id,
    ...(verdict.blocked !== undefined ? { blocked: verdict.blocked } : verdict.ready ? {} : { before: { states: REBUILDABLE_STATES, timeoutSeconds: REBUILD_TIMEOUT_SECONDS } }),
  });
}

function deleteSteps(change: Change, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const bundleId = change.live!.id!;
  const keeper = context.referrersOf(bundleId).find((resource) => {
    if (resource.kind !== 'workspace' && resource.kind !== 'pool') return false;
    const action = context.changeOf(resource.key)?.action;
    return action !== 'delete' && action !== 'migrate' && action !== 'replace';
  });
  return [
    builder.step({
      operation: 'DeleteWorkspaceBundle',
      action: 'delete',
      input: { BundleId: bundleId },
      destructive: true,
      reason: `${change.reason}; desktops on it are terminated or migrated first`,
      ...(keeper === undefined ? {} : { blocked: `${keeper.key} still uses this bundle; DeleteWorkspaceBundle refuses` }),
    }),
  ];
}
