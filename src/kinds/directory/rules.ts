/**
 * Directory rules: register (async, wait REGISTERED) before setting properties or associating
 * IP groups; each property set is its own Modify* call; new IP groups are associated before
 * old ones are dropped (never an allow-all window); deregistering needs the directory empty and
 * is waited on until gone; registration parameters cannot change in place.
 */

import { fieldOf, memberOf, memberPath } from '../../model/field-path.js';
import { isKind } from '../../model/kind-properties.js';
import type { Change } from '../../model/change.js';
import type { ResourceRef } from '../../model/desired.js';
import type { DirectoryProperties } from './properties.js';
import type { IdRef, PlanStep } from '../../model/plan-step.js';
import { accountKey } from '../../model/keys.js';
import type { PlanContext } from '../kind.js';
import { refInput, resolveRef } from '../resolve-ref.js';
import { StepBuilder } from '../step-builder.js';
import { creationTags, tagSteps } from '../tag-changes.js';
import { DELETABLE_DIRECTORY_PROPERTIES, DIRECTORY_PROPERTY_SETS } from './diff.js';

/** Directories settle in minutes; this is generous so a slow AWS never reads as failure. */
const REGISTER_TIMEOUT_SECONDS = 1800;
const STEADY_STATES = ['REGISTERED'];

export function directorySteps(change: Change<DirectoryProperties>, context: PlanContext): PlanStep[] {
  const builder = new StepBuilder('directory', change.key);
  if (change.action === 'create') return createSteps(change, context, builder);
  if (change.action === 'delete') return deleteSteps(change, context, builder);
  if (change.action === 'update') return updateSteps(change, context, builder);
  return [];
}

function createSteps(change: Change<DirectoryProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const desired = change.desired!;
  const properties = desired.properties;
  const register = builder.step({
    operation: 'RegisterWorkspaceDirectory',
    action: 'create',
    input: {
      DirectoryId: properties.directoryId,
      ...(properties.subnetIds === undefined ? {} : { SubnetIds: properties.subnetIds }),
      ...(properties.enableSelfService === undefined ? {} : { EnableSelfService: properties.enableSelfService }),
      ...(properties.tenancy === undefined ? {} : { Tenancy: properties.tenancy }),
      Tags: creationTags(context.environmentName, desired.tags),
    },
    reason: `directory ${properties.directoryId} is not registered with WorkSpaces`,
    // DEDICATED tenancy needs the account's BYOL enablement of this plan COMPLETED first
    dependsOn: properties.tenancy === 'DEDICATED' ? context.stepsFor(accountKey(context.desired.environment.account)) : [],
    after: { states: STEADY_STATES, timeoutSeconds: REGISTER_TIMEOUT_SECONDS },
    target: properties.directoryId,
    produces: change.key,
  });
  return [register, ...propertySteps(change, context, builder, properties.directoryId, [register.id], 'create')];
}

function updateSteps(change: Change<DirectoryProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const live = change.live!;
  const directoryId = live.id!;
  const blocked = stateBlock(live.state);
  const registration = change.fields.filter((field) => field.path === 'subnetIds' || field.path === 'tenancy');
  const steps: PlanStep[] = registration.map((field) =>
    builder.step({
      operation: 'RegisterWorkspaceDirectory',
      action: 'update',
      input: { DirectoryId: directoryId },
      reason: `${field.path} is set only at registration; re-registering needs every workspace terminated first`,
      blocked: `${field.path} cannot change on a registered directory (deregister and register again)`,
    }),
  );
  const waitRegistered = live.state === 'REGISTERING' ? { states: STEADY_STATES, timeoutSeconds: REGISTER_TIMEOUT_SECONDS } : undefined;
  const rest = propertySteps(change, context, builder, directoryId, [], 'update', waitRegistered);
  const tags = tagSteps(builder, change.fields, directoryId, []);
  return [...steps, ...[...rest, ...tags].map((step) => (blocked === undefined ? step : { ...step, blocked }))];
}

function stateBlock(state: string | undefined): string | undefined {
  if (state === 'ERROR') return 'directory is in state ERROR; the API refuses changes until it is fixed';
  if (state === 'DEREGISTERING') return 'directory is being deregistered';
  return undefined;
}

function propertySteps(
  change: Change<DirectoryProperties>,
  context: PlanContext,
  builder: StepBuilder,
  directoryId: string,
  dependsOn: readonly string[],
  action: 'create' | 'update',
  before?: { readonly states: readonly string[]; readonly timeoutSeconds: number },
): PlanStep[] {
  const properties = change.desired!.properties;
  const changed = new Set(change.fields.map((field) => fieldOf(field.path)));
  const wait = before === undefined ? {} : { before, target: directoryId };
  const steps: PlanStep[] = [];
  for (const [member, operation, apiMember, idMember] of DIRECTORY_PROPERTY_SETS) {
    if (!changed.has(member) || properties[member] === undefined) continue;
    steps.push(
      builder.step({
        operation,
        action,
        input: { [idMember]: directoryId, [apiMember]: properties[member], ...propertiesToDelete(change, member) },
        dependsOn,
        reason: `${member} differ: ${fieldNames(change, member)}`,
        ...wait,
      }),
    );
  }
  if (changed.has('endpointEncryptionMode') && properties.endpointEncryptionMode !== undefined) {
    steps.push(
      builder.step({
        operation: 'ModifyEndpointEncryptionMode',
        action,
        input: { DirectoryId: directoryId, EndpointEncryptionMode: properties.endpointEncryptionMode },
        dependsOn,
        reason: `endpoint encryption mode should be ${properties.endpointEncryptionMode}`,
        ...wait,
      }),
    );
  }
  if (changed.has('ipGroups')) steps.push(...ipGroupSteps(change, context, builder, directoryId, dependsOn, action, wait));
  return steps;
}

/** A member the spec no longer sets is cleared with PropertiesToDelete (absent would leave it as is). */
function propertiesToDelete(change: Change<DirectoryProperties>, member: string): { PropertiesToDelete?: string[] } {
  const cleared = DELETABLE_DIRECTORY_PROPERTIES.filter(
    ([set, apiMember]) => set === member && change.fields.some((field) => field.path === memberPath(set, apiMember) && field.after === undefined),
  ).map(([, , name]) => name);
  return cleared.length === 0 ? {} : { PropertiesToDelete: cleared };
}

function fieldNames(change: Change<DirectoryProperties>, member: string): string {
  return change.fields.flatMap((field) => memberOf(field.path, member) ?? []).join(', ');
}

function ipGroupSteps(
  change: Change<DirectoryProperties>,
  context: PlanContext,
  builder: StepBuilder,
  directoryId: string,
  dependsOn: readonly string[],
  action: 'create' | 'update',
  wait: object,
): PlanStep[] {
  const refs = change.desired!.properties.ipGroups ?? [];
  const liveIds = new Set((change.live?.properties.ipGroups ?? []).map((ref) => ('id' in ref ? ref.id : '')));
  const added = refs.filter((ref) => {
    const id = resolveRef(ref, context);
    return id === undefined || !liveIds.has(id);
  });
  const keptIds = new Set(refs.map((ref) => resolveRef(ref, context)).filter((id): id is string => id !== undefined));
  const removed = [...liveIds].filter((id) => !keptIds.has(id)).sort();
  const steps: PlanStep[] = [];
  if (added.length > 0) {
    const groupDependencies = added.flatMap((ref) => ('key' in ref ? context.stepsFor(ref.key) : []));
    steps.push(
      builder.step({
        operation: 'AssociateIpGroups',
        action,
        input: { DirectoryId: directoryId, GroupIds: added.map((ref) => refInput(ref, context)) as (string | IdRef)[] },
        dependsOn: [...dependsOn, ...groupDependencies],
        reason: `IP group(s) ${added.map((ref) => refLabel(ref)).join(', ')} not associated; associating replaces the default allow-all access`,
        ...wait,
      }),
    );
  }
  if (removed.length > 0) {
    steps.push(
      builder.step({
        operation: 'DisassociateIpGroups',
        action,
        input: { DirectoryId: directoryId, GroupIds: removed },
        dependsOn: [...dependsOn, ...steps.map((step) => step.id)],
        reason: `IP group(s) ${removed.join(', ')} associated but not in the spec`,
        ...wait,
      }),
    );
  }
  return steps;
}

function refLabel(ref: ResourceRef): string {
  return 'id' in ref ? ref.id : ref.key;
}

function deleteSteps(change: Change<DirectoryProperties>, context: PlanContext, builder: StepBuilder): PlanStep[] {
  const live = change.live!;
  const directoryId = live.id!;
  const kept = context.referrersOf(directoryId).filter((resource) => {
    if (resource.kind !== 'workspace' && resource.kind !== 'pool') return false;
    const action = context.changeOf(resource.key)?.action;
    return action !== 'delete';
  });
  const blocked =
    kept.length > 0 ? `directory still has ${kept.length} workspace(s) the plan keeps (e.g. ${kept[0].key}); DeregisterWorkspaceDirectory refuses` : undefined;
  return [
    builder.step({
      operation: 'DeregisterWorkspaceDirectory',
      action: 'delete',
      input: { DirectoryId: directoryId },
      destructive: true,
      reason: `${change.reason}; its workspaces are terminated first`,
      after: { gone: true, timeoutSeconds: REGISTER_TIMEOUT_SECONDS },
      target: directoryId,
      ...(blocked === undefined ? {} : { blocked }),
    }),
  ];
}

/** Associating a group without rules blocks all access to the directory's desktops. */
export function directoryWarnings(change: Change<DirectoryProperties>, context: PlanContext): string[] {
  const refs = change.desired?.properties.ipGroups ?? [];
  if (!change.fields.some((field) => field.path === 'ipGroups')) return [];
  return refs
    .filter((ref) => 'key' in ref)
    .filter((ref) => {
      const group = context.desiredOf((ref as { key: string }).key);
      return isKind(group, 'ipGroup') && group.properties.rules.length === 0;
    })
    .map((ref) => `${change.key}: associating ${(ref as { key: string }).key}, which has no rules, blocks all access to the directory's desktops`);
}
