/**
 * At most `limit` calls in flight; the rest wait in line (highest priority first, then first
 * come). A semaphore without timers, one abort listener per signal.
 */
import { WaitLine, waitInLine } from './wait-line.js';

export class CallSlots {
  private inUse = 0;
  private readonly line = new WaitLine();

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`concurrency must be >= 1, got ${limit}`);
  }

  /** Resolves with the function that frees the slot; rejects with the signal's reason if aborted first. */
  acquire(priority = 0, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.line.size === 0 && this.inUse < this.limit) {
      this.inUse += 1;
      return Promise.resolve(this.releaser());
    }
    return waitInLine(this.line, priority, signal, () => this.releaser());
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.line.shift();
      // hand the slot straight to the next in line (inUse unchanged), else free it
      if (next) next.grant();
      else this.inUse -= 1;
    };
  }
}
