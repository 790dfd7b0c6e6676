/**
 * Bundle rules: create on an AVAILABLE image and wait AVAILABLE; an image change is
 * UpdateWorkspaceBundle, which never touches existing desktops — only with
 * `policy.rollout.mode: rebuild` are the desktops on the bundle rebuilt, in waves of
 * `rollout.batchSize`, each wave after the previous one (destructive: the root volume is new);
 * each rebuilt desktop is marked `wsr:image`, so a rollout left part-way resumes on the next plan
 * (rollout.ts); other fields are fixed at create; deleting needs every desktop off the bundle first.
 */
import type { Compute } from '@aws-sdk/client-workspaces';
import type { Change } from '../../model/change.js';
import type { BundleProperties } from './properties.js';
import { IMAGE_TAG_KEY, OWNERSHIP_TAG_KEY } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { IdRef, PlanStep } from '../../model/plan-step.js';
import type { PlanContext } from '../kind.js';
import { refInput, resolveRef } from '../resolve-ref.js';
import { StepBuilder } from '../step-builder.js';
import { creationTags, tagSteps } from '../tag-changes.js';
import { REBUILDABLE_STATES, verdictFor } from '../workspace/state-rules.js';
import { FIXED_BUNDLE_FIELDS } from './diff.js';
import { describeProgress, describeRolloutReport, rolloutOrder, rolloutProgress, rollsOutImages } from './rollout.js';
import { resourceArn } from '../resource-arn.js';

const BUNDLE_TIMEOUT_SECONDS = 3600;
const REBUILD_TIMEOUT_SECONDS = 3600;

export function bundleSteps(change: Change<BundleProperties>, context: PlanContext): PlanStep[] {
  const builder = new StepBuilder('bundle', change.key);
  if (change.action === 'create') return createSteps(change, context, builder);
  if (change.action === 'delete') return deleteSteps(change, context, builder);
  if (change.action === 'update') return updateSteps(change, context, builder);
  return [];
}

function createSteps(change: Change<BundleProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const desired = change.desired!;
  const properties = desired.properties;
  return [
    builder.step({
      operation: 'CreateWorkspaceBundle',
      action: 'create',
      input: {
        BundleName: properties.name,
        BundleDescription: properties.description ?? properties.name,
        ImageId: refInput(properties.image, context),
        ComputeType: { Name: properties.computeType as Compute },
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

function updateSteps(change: Change<BundleProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const live = change.live!;
  const bundleId = live.id!;
  const properties = change.desired!.properties;
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
    steps.push(update, ...rolloutSteps(change, context, { bundleId, imageChanges: true, after: [update.id] }));
  } else if (change.fields.some((field) => field.path === 'rollout')) {
    steps.push(...rolloutSteps(change, context, { bundleId, imageChanges: false, after: [] }));
  }
  steps.push(...tagSteps(builder, change.fields, bundleId, []));
  return steps;
}

/**
 * The rollout's progress on every plan that rolls (a new image or a resumed rollout): how many
 * desktops are rolled and how many wait for their users to leave.
 */
export function rolloutWarnings(change: Change<BundleProperties>, context: PlanContext): string[] {
  if (change.action !== 'update' || !rollsOutImages(context.desired.policy)) return [];
  const imageChanges = change.fields.some((field) => field.path === 'image');
  if (!imageChanges && !change.fields.some((field) => field.path === 'rollout')) return [];
  const image = refInput(change.desired!.properties.image, context);
  const progress = rolloutProgress(change.live!.id!, image, imageChanges, context);
  if (progress.toRoll.length === 0) return [];
  return [describeRolloutReport(change.key, describeImage(image), progress, context.whenConnected)];
}

interface RolloutRun {
  readonly bundleId: string;
  /** This plan updates the bundle's image (a new rollout), or resumes one an earlier apply left part-way. */
  readonly imageChanges: boolean;
  /** The first wave waits for these (the UpdateWorkspaceBundle). */
  readonly after: readonly string[];
}

/**
 * Rebuilds in waves of `rollout.batchSize`, each wave after the previous one, of the desktops on
 * the bundle that the plan does not otherwise touch and that are not yet on its image (rollout.ts);
 * each rebuilt desktop is then marked `wsr:image=<image>`, so a later plan knows it is done.
 */
function rolloutSteps(change: Change<BundleProperties>, context: PlanContext, run: RolloutRun): PlanStep[] {
  if (!rollsOutImages(context.desired.policy)) return [];
  const image = refInput(change.desired!.properties.image, context);
  const progress = rolloutProgress(run.bundleId, image, run.imageChanges, context);
  const desktops = rolloutOrder(
    progress.toRoll.filter((desktop) => context.changeOf(desktop.key) === undefined),
    context.whenConnected,
  );
  const oldImage = resolveRef(change.live!.properties.image, context);
  const size = Math.max(1, context.desired.policy.rollout.batchSize);
  const progressNote = typeof image === 'string' && !run.imageChanges ? `, resumed: ${describeProgress(progress, image)}` : '';
  const steps: PlanStep[] = [];
  let previousWave: readonly string[] = run.after;
  for (let start = 0; start < desktops.length; start += size) {
    const wave = desktops.slice(start, start + size).map((desktop) => {
      const builder = new StepBuilder('workspace', desktop.key);
      // an unmarked desktop is marked with the image it is on first: if its wave never runs, the next plan still knows
      const premark =
        isOwnedUnmarked(desktop, context.environmentName) && oldImage !== undefined
          ? [markStep(builder, desktop.id!, oldImage, [], `${desktop.id} is on ${oldImage} until its rollout wave runs`, context)]
          : [];
      const rebuild = rebuildStep(
        builder,
        desktop,
        [...previousWave, ...premark.map((step) => step.id)],
        `rollout wave ${start / size + 1} of ${change.key}'s image ${describeImage(image)}${progressNote}`,
      );
      return {
        rebuild,
        steps: [
          ...premark,
          rebuild,
          markStep(builder, desktop.id!, image, [rebuild.id], `${desktop.id} rebuilt from ${describeImage(image)}: the rollout is done for it`, context),
        ],
      };
    });
    steps.push(...wave.flatMap((entry) => entry.steps));
    previousWave = wave.map((entry) => entry.rebuild.id);
  }
  return steps;
}

/** Tags read, this environment's, no `wsr:image` yet (never tag a desktop another owner has). */
function isOwnedUnmarked(desktop: LiveResource, environmentName: string): boolean {
  return desktop.tags !== undefined && desktop.tags[OWNERSHIP_TAG_KEY] === environmentName && desktop.tags[IMAGE_TAG_KEY] === undefined;
}

function describeImage(image: string | IdRef): string {
  return typeof image === 'string' ? image : image.$idOf;
}

/**
 * `wsr:image=<image>` on a desktop, through the Resource Groups Tagging API: TagResources takes up to
 * 20 ARNs with the same tags, on the tagging API's own budget, so the marks of a 200-desktop rollout
 * are 10 calls beside the rebuilds instead of 200 CreateTags (one resource id each) taking turns with
 * them under the account's WorkSpaces budget.
 */
function markStep(builder: StepBuilder, desktopId: string, image: string | IdRef, dependsOn: readonly string[], why: string, context: PlanContext): PlanStep {
  return builder.step({
    operation: 'TagResources',
    action: 'update',
    input: { ResourceARNList: [resourceArn('workspace', desktopId, context.account, context.region)], Tags: { [IMAGE_TAG_KEY]: image } },
    batch: { member: 'ResourceARNList', max: 20 },
    dependsOn,
    reason: `record the rollout on the desktop (tag ${IMAGE_TAG_KEY}): ${why}`,
    target: desktopId,
  });
}

function rebuildStep(builder: StepBuilder, desktop: LiveResource, dependsOn: readonly string[], wave: string): PlanStep {
  const verdict = verdictFor('RebuildWorkspaces', desktop.state, REBUILDABLE_STATES);
  return builder.step({
    operation: 'RebuildWorkspaces',
    action: 'update',
    input: { RebuildWorkspaceRequests: [{ WorkspaceId: desktop.id }] },
    batch: { member: 'RebuildWorkspaceRequests', max: 1 },
    dependsOn,
    destructive: true,
    reason: `${wave} (policy.rollout.mode rebuild): root volume rebuilt from the image, user volume from its last snapshot`,
    after: { states: ['AVAILABLE'], timeoutSeconds: REBUILD_TIMEOUT_SECONDS },
    target: desktop.id,
    ...(verdict.blocked !== undefined
      ? { blocked: verdict.blocked }
      : verdict.ready
        ? {}
        : { before: { states: REBUILDABLE_STATES, timeoutSeconds: REBUILD_TIMEOUT_SECONDS } }),
  });
}

function deleteSteps(change: Change<BundleProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
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
