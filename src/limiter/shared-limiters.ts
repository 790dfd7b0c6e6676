/**
 * One limiter per (endpoint, account, Region): AWS meters an account and Region, not a run, so
 * every call made for that account from this process — a plan's read, its apply, the apply's
 * waits, and every daemon environment in that account — takes its tokens from the same buckets.
 * Ten environments in one account then share 2 calls/s instead of each taking 2/s and together
 * drawing ThrottlingException; environments in other accounts keep their own budgets.
 *
 * The endpoint is part of the key because an emulator (one per port) is an account of its own.
 * The options are too: callers that ask for another rate (a bench, a test) get their own.
 */
import { ApiQueues, type QueueOptions } from './queues.js';

export interface LimiterScope {
  /** undefined = the SDK's default endpoint (real AWS). */
  readonly endpoint?: string;
  readonly account: string;
  readonly region: string;
}

const limiters = new Map<string, ApiQueues>();

export function sharedLimiter(scope: LimiterScope, options: QueueOptions = {}): ApiQueues {
  const key = JSON.stringify([
    scope.endpoint ?? null,
    scope.account,
    scope.region,
    options.totalRate ?? null,
    options.familyRate ?? null,
    options.concurrency ?? null,
  ]);
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new ApiQueues(options);
    limiters.set(key, limiter);
  }
  return limiter;
}
