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
  return bucketSeconds(Object.values(callsByOperation).reduce((total, count) => total + count, 0));
}

export type RateBudget = 'per-operation' | 'shared';

/**
 * The floor of a run made of phases that cannot overlap (the read must finish before the plan
 * exists and the apply starts): the sum of each phase's floor.
 */
export function phasedRateFloor(phases: readonly Readonly<Record<string, number>>[], budget: RateBudget = 'per-operation'): number {
  return phases.reduce((total, phase) => total + (budget === 'shared' ? sharedRateFloor(phase) : rateFloor(phase)), 0);
}

/** Pages of 25 that list `desktops` desktops in one directory. */
export function pagesOf(desktops: number): number {
  return Math.max(1, Math.ceil(desktops / 25));
}
