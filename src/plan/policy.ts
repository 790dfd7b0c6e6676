/**
 * The apply-time destroy gate, run before any call: destructive steps need allowDestroy and
 * are capped by maxDestroy (counted on the steps that would run, i.e. neither blocked nor deferred).
 */
import { PlanError } from '../errors.js';
import type { DesiredState } from '../model/desired.js';
import type { DestroyCap, Plan } from '../model/plan.js';

/** Without policy.maxDestroy an apply destroys at most the larger of this… */
export const DEFAULT_DESTROY_CAP_MINIMUM = 10;
/** …and this share of the resources the spec manages (rounded up). */
export const DEFAULT_DESTROY_CAP_SHARE = 0.1;

/**
 * The destroy cap in force: --max-destroy, else policy.maxDestroy, else the default (the larger
 * of 10 and 10 % of the resources the spec manages), so a mass delete always needs a person to
 * raise the cap on purpose.
 */
export function destroyCapOf(desired: Pick<DesiredState, 'policy' | 'resources'>, override?: number): DestroyCap {
  if (override !== undefined) return { limit: override, source: '--max-destroy' };
  if (desired.policy.maxDestroy !== undefined) return { limit: desired.policy.maxDestroy, source: 'policy.maxDestroy' };
  const managed = desired.resources.length;
  return { limit: Math.max(DEFAULT_DESTROY_CAP_MINIMUM, Math.ceil(managed * DEFAULT_DESTROY_CAP_SHARE)), source: 'default', managed };
}
import { isRunnable } from '../model/plan-step.js';

export interface DestroyPolicyOptions {
  /** --allow-destroy or policy.allowDestroy. */
  readonly allowDestroy: boolean;
  /** The destroy cap in force (destroyCapOf). @default undefined (no cap) */
  readonly maxDestroy?: number;
  /** Where the cap comes from, for the message. */
  readonly capSource?: DestroyCap['source'];
}

export function enforceDestroyPolicy(plan: Plan, options: DestroyPolicyOptions): void {
  const destructive = plan.steps.filter((step) => step.destructive && isRunnable(step));
  if (destructive.length === 0) return;
  const examples = destructive
    .slice(0, 3)
    .map((step) => `${step.key} ${step.operation}`)
    .join(', ');
  if (!options.allowDestroy) {
    throw new PlanError(
      'PLAN_DESTROY_NOT_ALLOWED',
      `the plan has ${destructive.length} destructive step(s) (${examples}${destructive.length > 3 ? ', …' : ''}); pass --allow-destroy or set policy.allowDestroy`,
      {
        hint: 'review the plan first: wsr plan <spec>',
      },
    );
  }
  if (options.maxDestroy !== undefined && destructive.length > options.maxDestroy) {
    const source =
      options.capSource === 'default' ? 'the default cap: set policy.maxDestroy or pass --max-destroy to raise it' : 'policy.maxDestroy / --max-destroy';
    throw new PlanError(
      'PLAN_DESTROY_LIMIT',
      `the plan has ${destructive.length} destructive step(s), more than the limit of ${options.maxDestroy} (${source})`,
    );
  }
}
