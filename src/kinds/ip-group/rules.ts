/**
 * IP group rules of the API: created with its rules and tags in one call; rules added with
 * AuthorizeIpRules, removed with RevokeIpRules, descriptions only by replacing all rules
 * (UpdateRulesOfIpGroup); the description cannot change after create (a warning, no step);
 * deletion needs the
 * group disassociated from every directory first.
 */

import { itemOf } from '../../model/field-path.js';
import { isKind } from '../../model/kind-properties.js';
import type { Change } from '../../model/change.js';
import type { DesiredState } from '../../model/desired.js';
import type { IpGroupProperties, IpRule } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { PlanStep } from '../../model/plan-step.js';
import type { PlanContext } from '../kind.js';
import { StepBuilder, lastIds } from '../step-builder.js';
import { creationTags, tagSteps } from '../tag-changes.js';

function apiRules(rules: readonly IpRule[]): { ipRule: string; ruleDesc?: string }[] {
  return rules.map((rule) => (rule.description === undefined ? { ipRule: rule.cidr } : { ipRule: rule.cidr, ruleDesc: rule.description }));
}

export function ipGroupSteps(change: Change<IpGroupProperties>, context: PlanContext): PlanStep[] {
  const builder = new StepBuilder('ipGroup', change.key);
  if (change.action === 'create') return createSteps(change, context, builder);
  if (change.action === 'delete') return deleteSteps(change, context, builder);
  if (change.action === 'update') return updateSteps(change, builder);
  return [];
}

function createSteps(change: Change<IpGroupProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const desired = change.desired!;
  const properties = desired.properties;
  return [
    builder.step({
      operation: 'CreateIpGroup',
      action: 'create',
      input: {
        GroupName: properties.name,
        ...(properties.description === undefined ? {} : { GroupDesc: properties.description }),
        UserRules: apiRules(properties.rules),
        Tags: creationTags(context.environmentName, desired.tags),
      },
      reason: `IP group ${properties.name} with ${properties.rules.length} rule(s) does not exist`,
      produces: change.key,
    }),
  ];
}

function updateSteps(change: Change<IpGroupProperties>, builder: StepBuilder): PlanStep[] {
  const live = change.live!;
  const groupId = live.id!;
  const want = change.desired!.properties;
  const ruleFields = change.fields.filter((field) => itemOf(field.path, 'rules') !== undefined);
  const steps: PlanStep[] = [];
  const relabelled = ruleFields.filter((field) => field.before !== undefined && field.after !== undefined);
  if (relabelled.length > 0) {
    steps.push(
      builder.step({
        operation: 'UpdateRulesOfIpGroup',
        action: 'update',
        input: { GroupId: groupId, UserRules: apiRules(want.rules) },
        reason: `rule description changed for ${relabelled.map((field) => (field.after as IpRule).cidr).join(', ')}; only UpdateRulesOfIpGroup (replace all) changes descriptions`,
      }),
    );
  } else {
    steps.push(...ruleDeltaSteps(ruleFields, groupId, builder));
  }
  steps.push(...tagSteps(builder, change.fields, groupId, []));
  return steps;
}

/** Revoke before authorize, so the group never exceeds the 10-rule quota in between. */
function ruleDeltaSteps(ruleFields: Change['fields'], groupId: string, builder: StepBuilder): PlanStep[] {
  const revoked = ruleFields.filter((field) => field.after === undefined).map((field) => (field.before as IpRule).cidr);
  const authorized = ruleFields.filter((field) => field.before === undefined).map((field) => field.after as IpRule);
  const steps: PlanStep[] = [];
  if (revoked.length > 0) {
    steps.push(
      builder.step({
        operation: 'RevokeIpRules',
        action: 'update',
        input: { GroupId: groupId, UserRules: revoked },
        reason: `rule(s) ${revoked.join(', ')} not in the spec`,
      }),
    );
  }
  if (authorized.length > 0) {
    steps.push(
      builder.step({
        operation: 'AuthorizeIpRules',
        action: 'update',
        input: { GroupId: groupId, UserRules: apiRules(authorized) },
        dependsOn: lastIds(steps, []),
        reason: `rule(s) ${authorized.map((rule) => rule.cidr).join(', ')} missing`,
      }),
    );
  }
  return steps;
}

function deleteSteps(change: Change<IpGroupProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const groupId = change.live!.id!;
  const disassociations = context
    .referrersOf(groupId)
    .filter((directory) => directory.kind === 'directory' && !directoryDisassociatesItself(directory.key, groupId, context))
    .map((directory) =>
      builder.step({
        operation: 'DisassociateIpGroups',
        action: 'delete',
        input: { DirectoryId: directory.id, GroupIds: [groupId] },
        reason: `IP group ${groupId} is associated with ${directory.id}; DeleteIpGroup refuses an associated group`,
      }),
    );
  return [
    ...disassociations,
    builder.step({
      operation: 'DeleteIpGroup',
      action: 'delete',
      input: { GroupId: groupId },
      dependsOn: disassociations.map((step) => step.id),
      destructive: true,
      reason: change.reason,
    }),
  ];
}

/** The directory's own change already drops the group (or deregisters the directory). */
function directoryDisassociatesItself(directoryKey: string, groupId: string, context: PlanContext): boolean {
  const change = context.changeOf(directoryKey);
  if (change?.action === 'delete') return true;
  const desired = context.desiredOf(directoryKey);
  const managesGroups = isKind(desired, 'directory') && desired.properties.ipGroups !== undefined;
  if (!managesGroups) return false;
  const field = change?.fields.find((candidate) => candidate.path === 'ipGroups');
  return field !== undefined && Array.isArray(field.after) && !(field.after as unknown[]).includes(groupId);
}

/**
 * The API has no call that changes a group's description (CreateIpGroup's GroupDesc only; api notes):
 * a spec that differs is said on every plan, but it is no change — nothing could apply it, so it
 * must not keep `plan --detailed-exitcode` at 2 forever. Delete and re-create the group to change it.
 */
export function unchangeableDescriptionWarnings(desired: DesiredState, live: readonly LiveResource[]): string[] {
  const liveByKey = new Map(
    live.filter((resource) => isKind(resource, 'ipGroup')).map((resource) => [resource.key, resource as LiveResource<IpGroupProperties>]),
  );
  return desired.resources.flatMap((resource) => {
    const have = liveByKey.get(resource.key);
    if (!isKind(resource, 'ipGroup') || have === undefined || resource.properties.description === undefined) return [];
    if ((have.properties.description ?? '') === resource.properties.description) return [];
    return [
      `${resource.key}: the API cannot change an IP group description after create (live "${have.properties.description ?? ''}", spec "${resource.properties.description}"); not a change — delete and re-create the group to change it`,
    ];
  });
}
