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
import type { PlanOptions } from './build.js';
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

export function applySafetyGates(steps: readonly PlanStep[], input: SafetyInput): PlanStep[] {
  const { desired, live, options } = input;
  const environmentName = desired.environment.name;
  const changeByKey = new Map(input.changes.map((change) => [change.key, change]));
  const suspicious = KINDS.flatMap((definition) => definition.suspiciousReads?.(desired, live.resources) ?? []);
  for (const read of suspicious) input.warnings.push(read.warning);
  const holdSuspicious = options.allowDestroy ? [] : suspicious;
  const byId = new Map(live.resources.flatMap((resource) => (resource.id === undefined ? [] : [[resource.id, resource] as const])));
  const holderOf = (resource: LiveResource) => ownershipHolder(resource, { liveById: (id) => byId.get(id) });
  return steps.map((step) => {
    if (!step.destructive || step.blocked !== undefined) return step;
    const reason = blockReason(step, changeByKey.get(step.key), environmentName, desired.policy.protect, holdSuspicious, holderOf);
    return reason === undefined ? step : { ...step, blocked: reason };
  });
}

function blockReason(
  step: PlanStep,
  change: Change | undefined,
  environmentName: string,
  protect: readonly string[],
  holdSuspicious: readonly SuspiciousRead[],
  holderOf: (resource: LiveResource) => LiveResource | undefined,
): string | undefined {
  const protection = protectedBy(step, protect);
  if (protection !== undefined) return `protected by policy.protect (${protection})`;
  const holder = change?.live === undefined ? undefined : holderOf(change.live);
  if (holder !== undefined && isOwned(holder, environmentName) === false) {
    return `not owned by wsr: no ${OWNERSHIP_TAG_KEY}=${environmentName} tag`;
  }
  const suspicious = holdSuspicious.find((read) => isTargeted(step.key, read.keyPrefixes));
  if (suspicious !== undefined) return suspicious.reason ?? 'suspicious: directory read empty (use --allow-destroy if it really is)';
  return undefined;
}
