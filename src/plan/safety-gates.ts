/**
 * Plan-time safety gates on destructive steps (they become `blocked`, with the reason):
 * `policy.protect` (kinds, plural kinds or keys), ownership (tags read and not this
 * environment's), suspicious reads (unless allowDestroy).
 */
import { KINDS } from '../kinds/index.js';
import type { SuspiciousRead } from '../kinds/kind.js';
import type { Change } from '../model/change.js';
import type { DesiredState } from '../model/desired.js';
import { OWNERSHIP_TAG_KEY } from '../model/keys.js';
import { isOwned, type LiveResource, type LiveState } from '../model/live.js';
import { ownershipHolder } from '../diff/ownership.js';
import type { PlanStep } from '../model/plan-step.js';
import type { PlanOptions } from '../model/plan-options.js';
import { isTargeted } from './targets.js';

export interface SafetyInput {
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly changes: readonly Change[];
  readonly options: PlanOptions;
  /** Collects plan warnings. */
  readonly warnings: string[];
}

/** `images`, `image`, `directories` or a key like `image/golden`. */
export function protectedBy(step: Pick<PlanStep, 'kind' | 'key'>, protect: readonly string[]): string | undefined {
  const plural = step.kind.endsWith('y') ? `${step.kind.slice(0, -1)}ies` : `${step.kind}s`;
  return protect.find((entry) => entry === step.kind || entry === plural || entry === step.key || step.key.startsWith(`${entry}/`));
}

const SUSPICIOUS_DIRECTORY_REASON = 'suspicious: directory read empty (use --allow-destroy if it really is)';

export function applySafetyGates(steps: readonly PlanStep[], input: SafetyInput): PlanStep[] {
  const { desired, live, options } = input;
  const environmentName = desired.environment.name;
  const changeByKey = new Map(input.changes.map((change) => [change.key, change]));
  const liveByKey = new Map(live.resources.map((resource) => [resource.key, resource]));
  const suspicious = KINDS.flatMap((definition) => definition.suspiciousReads?.(desired, live.resources) ?? []);
  for (const read of suspicious) input.warnings.push(read.warning);
  const holdSuspicious = options.allowDestroy ? [] : suspicious;
  const byId = new Map(live.resources.flatMap((resource) => (resource.id === undefined ? [] : [[resource.id, resource] as const])));
  const holderOf = (resource: LiveResource) => ownershipHolder(resource, { liveById: (id) => byId.get(id) });
  return steps.map((step) => {
    if (step.blocked !== undefined) return step;
    // a read that looks like missing data holds every step under it, creates included (1,000
    // creates sent into a directory that only read empty would be refused or duplicate desktops),
    // and the first steps of a removal that waits out a grace period (stop, mark)
    const held = holdSuspicious.find((read) => isTargeted(step.key, read.keyPrefixes));
    if (held !== undefined) return { ...step, blocked: held.reason ?? SUSPICIOUS_DIRECTORY_REASON };
    if (!step.destructive) {
      // never modify what another environment owns (a shared directory's IP groups and settings…)
      const target = changeByKey.get(step.key)?.live ?? liveByKey.get(step.key);
      const holder = target === undefined ? undefined : holderOf(target);
      const owner = holder?.tags?.[OWNERSHIP_TAG_KEY];
      return owner !== undefined && owner !== environmentName ? { ...step, blocked: notOwnedReason(holder!, environmentName) } : step;
    }
    // a step on a key without a change of its own (a rollout's rebuild) is judged by the live resource
    const target = changeByKey.get(step.key)?.live ?? liveByKey.get(step.key);
    const reason = blockReason(step, target, environmentName, desired.policy.protect, holdSuspicious, holderOf);
    return reason === undefined ? step : { ...step, blocked: reason };
  });
}

function blockReason(
  step: PlanStep,
  target: LiveResource | undefined,
  environmentName: string,
  protect: readonly string[],
  holdSuspicious: readonly SuspiciousRead[],
  holderOf: (resource: LiveResource) => LiveResource | undefined,
): string | undefined {
  const protection = protectedBy(step, protect);
  if (protection !== undefined) return `protected by policy.protect (${protection})`;
  const holder = target === undefined ? undefined : holderOf(target);
  if (holder !== undefined && isOwned(holder, environmentName) === false) return notOwnedReason(holder, environmentName);
  const suspicious = holdSuspicious.find((read) => isTargeted(step.key, read.keyPrefixes));
  if (suspicious !== undefined) return suspicious.reason ?? SUSPICIOUS_DIRECTORY_REASON;
  return undefined;
}

/** Why wsr leaves a resource alone, naming the environment that owns it when one does. */
export function notOwnedReason(resource: LiveResource, environmentName: string): string {
  const owner = resource.tags?.[OWNERSHIP_TAG_KEY];
  if (owner !== undefined && owner !== environmentName) return `owned by environment ${owner} (${OWNERSHIP_TAG_KEY}=${owner}), not ${environmentName}`;
  return `not owned by wsr: no ${OWNERSHIP_TAG_KEY}=${environmentName} tag`;
}
