/**
 * Time as the executor sees it. Real runs use the wall clock; unit tests pass a virtual
 * clock so waits and backoff run instantly and deterministically.
 */
import { sleepAbortable } from '../limiter/abort-listeners.js';

export interface Clock {
  /** Milliseconds, monotonic enough for durations and deadlines. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  // one abort listener per signal however many sleeps share it (abort-listeners.ts)
  sleep: (ms, signal) => sleepAbortable(ms, signal),
};

/** A clock whose sleeps return at once and move time forward (for tests and dry runs). */
export function virtualClock(start = 0): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      now += Math.max(0, ms);
      // let other tasks run, as a real sleep would
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    },
  };
}
