/**
 * A token bucket like the one AWS meters an account with (capacity `burst`, refilled at
 * `perSecond`): a caller takes a token before its call, or waits in line (highest priority
 * first) until one has refilled. Sending only on a token means the server's bucket, which
 * refills at the same rate and sees each call a little later, never runs dry because of us.
 *
 * The one timer (the next refill) exists only while someone waits, so a finished run leaves no
 * timer behind to keep the process alive.
 */
import { onAbort } from './abort-listeners.js';
import { WaitLine, type WaitEntry } from './wait-line.js';

export interface RateLimit {
  /** Sustained calls per second. */
  readonly perSecond: number;
  /** Calls allowed at once after a quiet period (the bucket's capacity). */
  readonly burst: number;
}

/** Rounding slack: a bucket refilled to 0.9999999 by float arithmetic holds a token. */
const EPSILON = 1e-9;

export class TokenBucket {
  private tokens: number;
  private at: number;
  private readonly line = new WaitLine();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly rate: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(rate.perSecond > 0) || !(rate.burst >= 1)) {
      throw new RangeError(`rate must have perSecond > 0 and burst >= 1, got ${JSON.stringify(rate)}`);
    }
    this.tokens = Math.floor(rate.burst);
    this.at = now();
  }

  /** Callers waiting for a token. */
  get waiting(): number {
    return this.line.size;
  }

  /** Resolves when a token is taken; rejects with the signal's reason if aborted first. */
  take(priority = 0, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.line.size === 0 && this.refill() >= 1 - EPSILON) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      let unsubscribe: (() => void) | undefined;
      const entry: WaitEntry = {
        priority,
        done: false,
        grant: () => {
          unsubscribe?.();
          resolve();
        },
      };
      if (signal) {
        unsubscribe = onAbort(signal, () => {
          if (!this.line.leave(entry)) return;
          reject(signal.reason);
          if (this.line.size === 0) this.stopTimer();
        });
      }
      this.line.push(entry);
      this.drain();
    });
  }

  private refill(): number {
    const now = this.now();
    this.tokens = Math.min(Math.floor(this.rate.burst), this.tokens + ((now - this.at) / 1000) * this.rate.perSecond);
    this.at = now;
    return this.tokens;
  }

  private drain(): void {
    this.stopTimer();
    while (this.line.size > 0 && this.refill() >= 1 - EPSILON) {
      this.tokens -= 1;
      this.line.shift()!.grant();
    }
    if (this.line.size === 0) return;
    const ms = Math.max(1, Math.ceil(((1 - this.tokens) / this.rate.perSecond) * 1000));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, ms);
  }

  private stopTimer(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
