/**
 * Alias rules: create, wait CREATED, then share, then associate (associate/share only in
 * CREATED); disassociate before associating elsewhere (one directory per Region); unshare the
 * old account before sharing with a new one (one shared account per Region); before
 * DeleteConnectionAlias disassociate from every directory and unshare every account.
 */
import { itemOf, itemPath } from '../../model/field-path.js';
import type { Change } from '../../model/change.js';
import type { ResourceRef } from '../../model/desired.js';
import type { ConnectionAliasProperties } from './properties.js';
import type { IdRef, PlanStep } from '../../model/plan-step.js';
import type { PlanContext } from '../kind.js';
import { describeRef, refInput } from '../resolve-ref.js';
import { sharingDelta } from '../sharing-changes.js';
import { StepBuilder } from '../step-builder.js';
import { creationTags, tagSteps } from '../tag-changes.js';

const ALIAS_TIMEOUT_SECONDS = 600;
const CREATED = { states: ['CREATED'], timeoutSeconds: ALIAS_TIMEOUT_SECONDS };

export function connectionAliasSteps(change: Change<ConnectionAliasProperties>, context: PlanContext): PlanStep[] {
  const builder = new StepBuilder('connectionAlias', change.key);
  if (change.action === 'create') return createSteps(change, context, builder);
  if (change.action === 'delete') return deleteSteps(change, builder);
  if (change.action === 'update') return updateSteps(change, context, builder);
  return [];
}

function shareStep(
  builder: StepBuilder,
  aliasId: string | IdRef,
  account: string,
  allow: boolean,
  dependsOn: readonly string[],
  action: 'create' | 'update' | 'delete',
  wait: object,
): PlanStep {
  return builder.step({
    operation: 'UpdateConnectionAliasPermission',
    action,
    input: { AliasId: aliasId, ConnectionAliasPermission: { SharedAccountId: account, AllowAssociation: allow } },
    dependsOn,
    reason: allow
      ? `share with ${account} (only in state CREATED)`
      : `unshare from ${account}${action === 'delete' ? '; DeleteConnectionAlias refuses a shared alias' : ''}`,
    ...wait,
  });
}

function associateStep(
  builder: StepBuilder,
  aliasId: string | IdRef,
  ref: ResourceRef,
  context: PlanContext,
  dependsOn: readonly string[],
  action: 'create' | 'update',
  wait: object,
): PlanStep {
  return builder.step({
    operation: 'AssociateConnectionAlias',
    action,
    input: { AliasId: aliasId, ResourceId: refInput(ref, context) },
    dependsOn: [...dependsOn, ...('key' in ref ? context.stepsFor(ref.key) : [])],
    reason: `associate with ${describeRef(ref, context)} (only in state CREATED; one directory per Region)`,
    ...wait,
  });
}

function createSteps(change: Change<ConnectionAliasProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const desired = change.desired!;
  const properties = desired.properties;
  const create = builder.step({
    operation: 'CreateConnectionAlias',
    action: 'create',
    input: { ConnectionString: properties.connectionString, Tags: creationTags(context.environmentName, desired.tags) },
    reason: change.reason,
    after: CREATED,
    target: { $idOf: change.key },
    produces: change.key,
  });
  const aliasId: IdRef = { $idOf: change.key };
  const shares = properties.sharedWith.map((account) => shareStep(builder, aliasId, account, true, [create.id], 'create', {}));
  const afterShares = shares.length === 0 ? [create.id] : shares.map((step) => step.id);
  const associations = properties.associate.map((ref) => associateStep(builder, aliasId, ref, context, afterShares, 'create', {}));
  return [create, ...shares, ...associations];
}

function updateSteps(change: Change<ConnectionAliasProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const live = change.live!;
  const aliasId = live.id!;
  if (live.state === 'DELETING') {
    return [
      builder.step({
        operation: 'UpdateConnectionAliasPermission',
        action: 'update',
        input: { AliasId: aliasId },
        reason: change.reason,
        blocked: 'the alias is DELETING',
      }),
    ];
  }
  const wait = live.state === 'CREATED' ? {} : { before: CREATED, target: aliasId };
  const properties = change.desired!.properties;
  const { share, unshare } = sharingDelta(change.fields);
  const removed = change.fields.filter((field) => itemOf(field.path, 'associate') !== undefined && field.after === undefined);
  const added = properties.associate.filter((ref) =>
    change.fields.some((field) => field.path === itemPath('associate', describeRef(ref, context)) && field.after !== undefined),
  );
  const steps: PlanStep[] = [];
  // DisassociateConnectionAlias takes only the alias id: one call drops the association.
  if (removed.length > 0) {
    steps.push(
      builder.step({
        operation: 'DisassociateConnectionAlias',
        action: 'update',
        input: { AliasId: aliasId },
        reason: `associated with ${removed.map((field) => itemOf(field.path, 'associate')).join(', ')}, which the spec does not list`,
        ...wait,
      }),
    );
  }
  const afterDisassociate = steps.map((step) => step.id);
  // An alias is shared with one account per Region (ResourceLimitExceededException otherwise):
  // the old account is unshared before the new one is shared.
  const unshares = unshare.map((account) => shareStep(builder, aliasId, account, false, afterDisassociate, 'update', wait));
  steps.push(...unshares);
  steps.push(
    ...share.map((account) =>
      shareStep(
        builder,
        aliasId,
        account,
        true,
        unshares.map((step) => step.id),
        'update',
        wait,
      ),
    ),
  );
  steps.push(...added.map((ref) => associateStep(builder, aliasId, ref, context, afterDisassociate, 'update', wait)));
  steps.push(...tagSteps(builder, change.fields, aliasId, []));
  return steps;
}

function deleteSteps(change: Change<ConnectionAliasProperties>, builder: StepBuilder): PlanStep[] {
  const live = change.live!;
  const aliasId = live.id!;
  const properties = live.properties;
  const associations = (live.details?.associations as readonly unknown[] | undefined) ?? [];
  const steps: PlanStep[] = [];
  if (associations.length > 0) {
    steps.push(
      builder.step({
        operation: 'DisassociateConnectionAlias',
        action: 'delete',
        input: { AliasId: aliasId },
        reason: `associated with ${properties.associate.map((ref) => ('id' in ref ? ref.id : ref.key)).join(', ') || 'a directory'}; DeleteConnectionAlias refuses an associated alias`,
      }),
    );
  }
  const afterDisassociate = steps.map((step) => step.id);
  steps.push(...properties.sharedWith.map((account) => shareStep(builder, aliasId, account, false, afterDisassociate, 'delete', {})));
  const sharingUnknown = live.details?.sharingRead !== true;
  steps.push(
    builder.step({
      operation: 'DeleteConnectionAlias',
      action: 'delete',
      input: { AliasId: aliasId },
      dependsOn: steps.map((step) => step.id),
      destructive: true,
      reason: `${change.reason}; disassociated and unshared first (the connection string stays reserved to this account)`,
      // DELETING → gone takes about a minute: a plan made meanwhile would list it and plan the delete again (soak #198 #257 #265 #287)
      after: { gone: true, timeoutSeconds: 3600 },
      target: aliasId,
      ...(sharingUnknown ? { blocked: 'sharing of the alias was not read, so it cannot be unshared before the delete' } : {}),
    }),
  );
  return steps;
}
