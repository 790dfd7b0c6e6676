/**
 * `apply --reboot/--rebuild/--restore KEY…` (Terraform's `-replace` for WorkSpaces): the keys
 * must name a resource the spec declares, that exists, of a kind that has the action; each gets
 * the action for this run only (no token, nothing recorded). Anything else is PLAN_ACTION_KEY_UNKNOWN
 * before any call that changes the account.
 */
import { PlanError } from '../errors.js';
import { kindDefinition } from '../kinds/index.js';
import type { DesiredResource, DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';

export function withRequestedActions(desired: DesiredState, live: LiveState, requested: Readonly<Record<string, readonly string[]>>): DesiredState {
  const byKey = new Map<string, string[]>();
  for (const [action, keys] of Object.entries(requested)) {
    for (const key of keys) {
      checkRequest(action, key, desired, live);
      byKey.set(key, [...(byKey.get(key) ?? []), action]);
    }
  }
  if (byKey.size === 0) return desired;
  const resources = desired.resources.map(
    (resource): DesiredResource => (byKey.has(resource.key) ? { ...resource, requestedActions: byKey.get(resource.key) } : resource),
  );
  return { ...desired, resources };
}

function checkRequest(action: string, key: string, desired: DesiredState, live: LiveState): void {
  const resource = desired.resources.find((candidate) => candidate.key === key);
  if (resource === undefined) {
    throw new PlanError('PLAN_ACTION_KEY_UNKNOWN', `--${action} ${key}: the spec declares no such resource (expected a key like workspace/d-1234567890/alice)`);
  }
  if (!(kindDefinition(resource.kind)?.oneShotActions ?? []).includes(action)) {
    throw new PlanError('PLAN_ACTION_KEY_UNKNOWN', `--${action} ${key}: a ${resource.kind} has no ${action} action`);
  }
  if (!live.resources.some((candidate) => candidate.key === key)) {
    throw new PlanError('PLAN_ACTION_KEY_UNKNOWN', `--${action} ${key}: the desktop does not exist yet (a new desktop has nothing to ${action})`);
  }
}
