/**
 * Image rules: create by its source (from a workspace, copy, BYOL import, custom import, updated
 * from another image) and wait AVAILABLE (a custom import: its import COMPLETED); share per account with UpdateWorkspaceImagePermission only after
 * that; before DeleteWorkspaceImage unshare every account and delete (or re-point) the bundles
 * using it; the description cannot change after create (a warning, no step).
 */

import { isKind } from '../../model/kind-properties.js';
import type { ImageProperties } from './properties.js';
import type { Change } from '../../model/change.js';
import type { PlanStep } from '../../model/plan-step.js';
import { accountKey } from '../../model/keys.js';
import type { PlanContext, WaiterRecipe } from '../kind.js';
import { refInput, resolveRef } from '../resolve-ref.js';
import { sharingDelta } from '../sharing-changes.js';
import { StepBuilder, type StepSpec } from '../step-builder.js';
import { creationTags, tagSteps } from '../tag-changes.js';

/** Image creation takes tens of minutes in AWS. */
const IMAGE_TIMEOUT_SECONDS = 3 * 3600;

/**
 * A custom import is followed with DescribeCustomWorkspaceImageImport (one ImageId per call) until
 * its State is COMPLETED (PENDING → IN_PROGRESS → COMPLETED | ERROR, API model
 * CustomWorkspaceImageImportState): only then can a bundle be made of the image.
 */
export const CUSTOM_IMPORT_WAITER: WaiterRecipe = {
  operation: 'DescribeCustomWorkspaceImageImport',
  idsMember: 'ImageId',
  max: 1,
  listMember: '',
  idField: 'ImageId',
  stateField: 'State',
  oneId: true,
};

export function imageSteps(change: Change<ImageProperties>, context: PlanContext): PlanStep[] {
  const builder = new StepBuilder('image', change.key);
  if (change.action === 'create') return createSteps(change, context, builder);
  if (change.action === 'delete') return deleteSteps(change, context, builder);
  if (change.action === 'update') return updateSteps(change, builder);
  return [];
}

function createCall(change: Change<ImageProperties>, context: PlanContext): Pick<StepSpec, 'operation' | 'input' | 'dependsOn' | 'blocked' | 'after'> {
  const desired = change.desired!;
  const properties = desired.properties;
  const tags = creationTags(context.environmentName, desired.tags);
  const description = properties.description ?? properties.name;
  const source = properties.source;
  switch (source.type) {
    case 'fromWorkspace':
      return {
        operation: 'CreateWorkspaceImage',
        input: { Name: properties.name, Description: description, WorkspaceId: refInput(source.workspace, context), Tags: tags },
        dependsOn: 'key' in source.workspace ? context.stepsFor(source.workspace.key) : [],
      };
    case 'copyFrom':
      return {
        operation: 'CopyWorkspaceImage',
        input: { Name: properties.name, Description: description, SourceImageId: source.sourceImageId, SourceRegion: source.sourceRegion, Tags: tags },
      };
    case 'importByol':
      return {
        operation: 'ImportWorkspaceImage',
        input: {
          Ec2ImageId: source.ec2ImageId,
          IngestionProcess: source.ingestionProcess,
          ImageName: properties.name,
          ImageDescription: description,
          Tags: tags,
          ...(source.applications === undefined ? {} : { Applications: source.applications }),
        },
        // a BYOL import needs the account's BYOL enablement of this plan COMPLETED first
        dependsOn: context.stepsFor(accountKey(context.desired.environment.account)),
      };
    case 'importCustom':
      return {
        operation: 'ImportCustomWorkspaceImage',
        input: {
          ImageName: properties.name,
          ImageDescription: description,
          ComputeType: source.computeType,
          Protocol: source.protocol,
          ImageSource: source.imageSource,
          InfrastructureConfigurationArn: source.infrastructureConfigurationArn,
          Platform: 'WINDOWS',
          OsVersion: source.osVersion,
          Tags: tags,
        },
        after: { states: ['COMPLETED'], timeoutSeconds: IMAGE_TIMEOUT_SECONDS },
      };
    case 'updatedFrom':
      return {
        operation: 'CreateUpdatedWorkspaceImage',
        input: { Name: properties.name, Description: description, SourceImageId: refInput(source.image, context), Tags: tags },
        dependsOn: 'key' in source.image ? context.stepsFor(source.image.key) : [],
      };
    case 'existing':
      return {
        operation: 'DescribeWorkspaceImages',
        input: { ImageIds: [source.imageId] },
        blocked: `image ${source.imageId} is adopted by id but does not exist in this account`,
      };
  }
}

function createSteps(change: Change<ImageProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const call = createCall(change, context);
  const create = builder.step({
    after: { states: ['AVAILABLE'], timeoutSeconds: IMAGE_TIMEOUT_SECONDS },
    ...call,
    action: 'create',
    reason: change.reason,
    target: { $idOf: change.key },
    produces: change.key,
  });
  const imageId = { $idOf: change.key };
  const shares = sharingDelta(change.fields).share.map((account) =>
    builder.step({
      operation: 'UpdateWorkspaceImagePermission',
      action: 'create',
      input: { ImageId: imageId, AllowCopyImage: true, SharedAccountId: account },
      dependsOn: [create.id],
      reason: `share with ${account} once the image is AVAILABLE`,
    }),
  );
  return [create, ...shares];
}

function updateSteps(change: Change<ImageProperties>, builder: StepBuilder): PlanStep[] {
  const imageId = change.live!.id!;
  const { share, unshare } = sharingDelta(change.fields);
  const pending = change.live!.state === 'PENDING' ? { before: { states: ['AVAILABLE'], timeoutSeconds: IMAGE_TIMEOUT_SECONDS }, target: imageId } : {};
  const permission = (account: string, allow: boolean): PlanStep =>
    builder.step({
      operation: 'UpdateWorkspaceImagePermission',
      action: 'update',
      input: { ImageId: imageId, AllowCopyImage: allow, SharedAccountId: account },
      reason: allow ? `share with ${account}` : `unshare from ${account}: not in sharedWith`,
      ...pending,
    });
  return [
    ...share.map((account) => permission(account, true)),
    ...unshare.map((account) => permission(account, false)),
    ...tagSteps(builder, change.fields, imageId, []),
  ];
}

function deleteSteps(change: Change<ImageProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const live = change.live!;
  const imageId = live.id!;
  const unshares = live.properties.sharedWith.map((account) =>
    builder.step({
      operation: 'UpdateWorkspaceImagePermission',
      action: 'delete',
      input: { ImageId: imageId, AllowCopyImage: false, SharedAccountId: account },
      reason: `shared with ${account}; DeleteWorkspaceImage refuses a shared image`,
    }),
  );
  const keeper = context.referrersOf(imageId).find((bundle) => bundle.kind === 'bundle' && !bundleLetsGo(bundle.key, imageId, context));
  const sharingUnknown = live.details?.sharingRead !== true;
  const blocked = keeper
    ? `bundle ${keeper.key} still uses this image; delete it or point it at another image first`
    : sharingUnknown
      ? 'sharing of the image was not read, so it cannot be unshared before the delete'
      : undefined;
  return [
    ...unshares,
    builder.step({
      operation: 'DeleteWorkspaceImage',
      action: 'delete',
      input: { ImageId: imageId },
      dependsOn: unshares.map((step) => step.id),
      destructive: true,
      reason: `${change.reason}; bundles using it are deleted first`,
      ...(live.state === 'PENDING' ? { before: { states: ['AVAILABLE', 'ERROR'], timeoutSeconds: IMAGE_TIMEOUT_SECONDS }, target: imageId } : {}),
      ...(blocked === undefined ? {} : { blocked }),
    }),
  ];
}

/** The bundle is deleted in this plan, or its desired image is another one. */
function bundleLetsGo(bundleKey: string, imageId: string, context: PlanContext): boolean {
  const change = context.changeOf(bundleKey);
  if (change?.action === 'delete') return true;
  const desired = context.desiredOf(bundleKey);
  if (!isKind(desired, 'bundle')) return false;
  const wanted = resolveRef(desired.properties.image, context);
  return wanted !== imageId;
}

export function imageWarnings(change: Change<ImageProperties>): string[] {
  const field = change.fields.find((candidate) => candidate.path === 'description');
  if (change.action !== 'update' || field === undefined) return [];
  return [`${change.key}: the API cannot change an image description after create (live "${String(field.before ?? '')}", spec "${String(field.after)}")`];
}
