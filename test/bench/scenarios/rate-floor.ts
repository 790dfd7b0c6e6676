/**
 * The emulator's AWS-like limits (a token bucket per operation: capacity 5, refill 2/s) and the
 * wall time they allow at best: `calls` of one operation need (calls − capacity) / refill
 * seconds; operations have separate buckets, so a run's floor is its busiest operation's.
 */
export const BUCKET = { capacity: 5, refillPerSecond: 2 } as const;

/** Seconds one bucket needs to let `calls` through, starting full. */
export function bucketSeconds(calls: number): number {
  return Math.max(0, (calls - BUCKET.capacity) / BUCKET.refillPerSecond);
}

/** The floor of a run that must make these calls (by operation). */
export function rateFloor(callsByOperation: Readonly<Record<string, number>>): number {
  return Math.max(0, ...Object.values(callsByOperation).map(bucketSeconds));
}

/**
 * Real AWS is reported to allow about 2 calls/s per account and region in total: one bucket that
 * every operation shares (wsr's default tuning for a non-loopback endpoint).
 */
export function sharedRateFloor(callsByOperation: Readonly<Record<string, number>>): number {
  // GetResources is the tagging API, another service with a bucket of its own
  const { GetResources: tagPages = 0, ...workspaces } = callsByOperation;
  return Math.max(bucketSeconds(Object.values(workspaces).reduce((total, count) => total + count, 0)), bucketSeconds(tagPages));
}

/**
 * The two budget models every API scenario is measured under: one 2/s bucket per account and
 * Region shared by every WorkSpaces operation (how AWS is reported to limit an account; the
 * headline), and a bucket per operation (how the emulator meters by default). wsr is tuned to
 * the model it runs under (its real-AWS default, or its loopback default).
 */
export const BUDGET_MODELS = ['shared', 'per-operation'] as const;
export type RateBudget = (typeof BUDGET_MODELS)[number];

/** What the emulator meters as one bucket under a budget model. */
export function emulatorScopeOf(budget: RateBudget): 'account' | 'operation' {
  return budget === 'shared' ? 'account' : 'operation';
}

/** wsr's limiter under a budget model: its real-AWS default (2/s in total), or its loopback default (2/s per operation). */
export function wsrRateLimitsOf(budget: RateBudget): { readonly totalRate: RateLimitOption; readonly familyRate: RateLimitOption } {
  const bucket = { perSecond: BUCKET.refillPerSecond, burst: BUCKET.capacity };
  return budget === 'shared' ? { totalRate: bucket, familyRate: false } : { totalRate: false, familyRate: bucket };
}

type RateLimitOption = { readonly perSecond: number; readonly burst: number } | false;

/** The floor of one phase's calls under a budget model. */
export function floorUnder(budget: RateBudget, callsByOperation: Readonly<Record<string, number>>): number {
  return budget === 'shared' ? sharedRateFloor(callsByOperation) : rateFloor(callsByOperation);
}

/**
 * The floor of a run made of phases that cannot overlap (the read must finish before the plan
 * exists and the apply starts): the sum of each phase's floor.
 */
export function phasedRateFloor(phases: readonly Readonly<Record<string, number>>[], budget: RateBudget = 'per-operation'): number {
  return phases.reduce((total, phase) => total + floorUnder(budget, phase), 0);
}

/** Pages of 25 that list `desktops` desktops in one directory. */
export function pagesOf(desktops: number): number {
  return Math.max(1, Math.ceil(desktops / 25));
}
