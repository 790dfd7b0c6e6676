/**
 * One p-queue per API family, so a slow family (waiter polls) never starves another (creates),
 * plus an optional shared rate window over all calls. AWS is reported to allow about 2 calls/s
 * sustained with a burst of 5 per account and Region, so that is the default in total.
 *
 * A family is the operation name: AWS and the emulator rate-limit per operation, and the
 * executor's own batching already groups calls by operation.
 */
import PQueue from 'p-queue';

export interface RateLimit {
  /** Sustained calls per second. */
  readonly perSecond: number;
  /** Calls allowed at once after a quiet period. */
  readonly burst: number;
}

export interface QueueOptions {
  /** Limit over all calls. `false` = unlimited. @default {perSecond: 2, burst: 5} */
  readonly totalRate?: RateLimit | false;
  /** Limit per family (operation). `false` = unlimited. @default false */
  readonly familyRate?: RateLimit | false;
  /** Calls in flight per family. @default 4 */
  readonly concurrency?: number;
}

export const DEFAULT_TOTAL_RATE: RateLimit = { perSecond: 2, burst: 5 };

/**
 * A token bucket (capacity `burst`, refill `perSecond`) is honoured by a sliding window of
 * `burst` starts per `burst / perSecond` seconds: any window of T seconds then holds at most
 * burst·⌈T/interval⌉ ≤ burst + perSecond·T calls.
 */
export function rateWindow(rate: RateLimit): { intervalCap: number; interval: number } {
  if (!(rate.perSecond > 0) || !(rate.burst >= 1)) {
    throw new RangeError(`rate must have perSecond > 0 and burst >= 1, got ${JSON.stringify(rate)}`);
  }
  const intervalCap = Math.floor(rate.burst);
  return { intervalCap, interval: Math.ceil((intervalCap / rate.perSecond) * 1000) };
}

function rateQueue(rate: RateLimit | false, concurrency: number): PQueue {
  if (rate === false) return new PQueue({ concurrency });
  return new PQueue({ concurrency, ...rateWindow(rate), strict: true });
}

export interface QueueStats {
  /** Calls running now, over all families. */
  readonly inFlight: number;
  /** Calls waiting for a slot or a rate token. */
  readonly queued: number;
}

export class ApiQueues {
  private readonly families = new Map<string, PQueue>();
  private readonly total: PQueue | undefined;
  private running = 0;
  private waiting = 0;
  private readonly noneQueuedListeners = new Set<() => void>();
  readonly options: Required<QueueOptions>;

  constructor(options: QueueOptions = {}) {
    this.options = {
      totalRate: options.totalRate ?? DEFAULT_TOTAL_RATE,
      familyRate: options.familyRate ?? false,
      concurrency: options.concurrency ?? 4,
    };
    if (!(this.options.concurrency >= 1)) throw new RangeError(`concurrency must be >= 1, got ${this.options.concurrency}`);
    this.total = this.options.totalRate === false ? undefined : rateQueue(this.options.totalRate, Number.POSITIVE_INFINITY);
  }

  familyOf(operation: string): string {
    return operation;
  }

  /** Run `task` once its family has a free slot and both rate windows allow a call. */
  async run<T>(operation: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const family = this.queueFor(this.familyOf(operation));
    this.waiting += 1;
    let started = false;
    const start = async (): Promise<T> => {
      started = true;
      this.leaveQueue();
      this.running += 1;
      try {
        return await task();
      } finally {
        this.running -= 1;
      }
    };
    try {
      return await family.add(() => (this.total ? this.total.add(start, { signal }) : start()), { signal });
    } finally {
      if (!started) this.leaveQueue();
    }
  }

  stats(): QueueStats {
    return { inFlight: this.running, queued: this.waiting };
  }

  /**
   * Calls `listener` each time the last queued call starts (or gives up), until the returned
   * function is called. The waiter holds partial poll rounds while calls are queued and polls
   * as soon as none are.
   */
  onNoneQueued(listener: () => void): () => void {
    this.noneQueuedListeners.add(listener);
    return () => this.noneQueuedListeners.delete(listener);
  }

  private leaveQueue(): void {
    this.waiting -= 1;
    if (this.waiting > 0) return;
    for (const listener of [...this.noneQueuedListeners]) listener();
  }

  private queueFor(family: string): PQueue {
    let queue = this.families.get(family);
    if (!queue) {
      queue = rateQueue(this.options.familyRate, this.options.concurrency);
      this.families.set(family, queue);
    }
    return queue;
  }
}
