/**
 * The apply-time destroy gate, run before any call: destructive steps need allowDestroy and
 * are capped by maxDestroy (counted on the steps that would run, i.e. neither blocked nor deferred).
 */
import { PlanError } from '../errors.js';
import type { Plan } from '../model/plan.js';
import { isRunnable } from '../model/plan-step.js';

export interface DestroyPolicyOptions {
  /** --allow-destroy or policy.allowDestroy. */
  readonly allowDestroy: boolean;
  /** --max-destroy or policy.maxDestroy. @default undefined (no cap) */
  readonly maxDestroy?: number;
}

export function enforceDestroyPolicy(plan: Plan, options: DestroyPolicyOptions): void {
  const destructive = plan.steps.filter((step) => step.destructive && isRunnable(step));
  if (destructive.length === 0) return;
  const examples = destructive
    .slice(0, 3)
    .map((step) => `${step.key} ${step.operation}`)
    .join(', ');
  if (!options.allowDestroy) {
    throw new PlanError('PLAN_DESTROY_NOT_ALLOWED', `the plan has ${destructive.length} destructive step(s) (${examples}${destructive.length > 3 ? ', …' : ''}); pass --allow-destroy or set policy.allowDestroy`, {
      hint: 'review the plan first: wsr plan <spec>',
    });
  }
  if (options.maxDestroy !== undefined && destructive.length > options.maxDestroy) {
    throw new PlanError('PLAN_DESTROY_LIMIT', `the plan has ${destructive.length} destructive step(s), more than the limit of ${options.maxDestroy} (policy.maxDestroy / --max-destroy)`);
  }
}
