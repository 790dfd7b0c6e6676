/** Counts for the summary line and the PR table. */
import type { Change } from '../model/change.js';
import type { PlanSummary } from '../model/plan.js';
import type { PlanStep } from '../model/plan-step.js';

export function summarisePlan(changes: readonly Change[], steps: readonly PlanStep[], noop: number, unhealthy = 0): PlanSummary {
  const count = (action: Change['action']): number => changes.filter((change) => change.action === action).length;
  return {
    create: count('create'),
    update: count('update'),
    migrate: count('migrate'),
    replace: count('replace'),
    delete: count('delete'),
    noop,
    blocked: steps.filter((step) => step.blocked !== undefined).length,
    deferred: steps.filter((step) => step.blocked === undefined && step.deferred !== undefined).length,
    destructive: steps.filter((step) => step.destructive).length,
    steps: steps.length,
    unhealthy,
  };
}
