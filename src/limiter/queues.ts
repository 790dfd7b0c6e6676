/**
 * The limiter every API call of a run goes through: calls in flight per family (operation), and
 * token buckets — per family, and/or one per service over all its operations. AWS is reported to
 * allow about 2 calls/s sustained with a burst of 5 per account and Region, so that is the
 * default in total; the Resource Groups Tagging API (GetResources) is another service with its
 * own budget, so it has its own bucket.
 *
 * Under a shared budget, what waits matters: writes go first, then reads, then wait polls — a
 * poll never takes the token a rebuild is waiting for (`CallPriority`).
 *
 * No timers outlive the calls (the buckets time only their waiting callers) and a signal gets
 * one abort listener however many calls wait on it.
 */
import { isTaggingOperation } from '../aws/tagging-operations.js';
import { CallSlots } from './call-slots.js';
import { TokenBucket, type RateLimit, type Token } from './token-bucket.js';

export type { RateLimit } from './token-bucket.js';

export interface QueueOptions {
  /** Limit per service (WorkSpaces; the tagging API apart) over all its calls. `false` = unlimited. @default {perSecond: 2, burst: 5} */
  readonly totalRate?: RateLimit | false;
  /** Limit per family (operation). `false` = unlimited. @default false */
  readonly familyRate?: RateLimit | false;
  /** Calls in flight per family. @default 4 */
  readonly concurrency?: number;
}

export const DEFAULT_TOTAL_RATE: RateLimit = { perSecond: 2, burst: 5 };

/** Who gets a slot first when several wait: a mutating call, then a read, then a wait's poll. */
export const CallPriority = { poll: 0, read: 1, write: 2 } as const;
export type CallPriority = (typeof CallPriority)[keyof typeof CallPriority];

const READ_OPERATION = /^(Describe|List|Get)/;

export function priorityOf(operation: string): CallPriority {
  return READ_OPERATION.test(operation) ? CallPriority.read : CallPriority.write;
}

export interface QueueStats {
  /** Calls running now, over all families. */
  readonly inFlight: number;
  /** Calls waiting for a slot or a rate token. */
  readonly queued: number;
}

export class ApiQueues {
  private readonly slots = new Map<string, CallSlots>();
  private readonly familyBuckets = new Map<string, TokenBucket>();
  private readonly serviceBuckets = new Map<string, TokenBucket>();
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
    for (const rate of [this.options.totalRate, this.options.familyRate]) if (rate !== false) new TokenBucket(rate); // validates
  }

  familyOf(operation: string): string {
    return operation;
  }

  /**
   * Run `task` once its family has a free slot and every bucket gave a token. Aborting `signal`
   * rejects a call that has not started yet (with the signal's reason).
   */
  async run<T>(operation: string, task: () => Promise<T>, signal?: AbortSignal, priority: CallPriority = priorityOf(operation)): Promise<T> {
    this.waiting += 1;
    let release: (() => void) | undefined;
    const tokens: Token[] = [];
    let started = false;
    try {
      const family = this.familyOf(operation);
      release = await this.slotsFor(family).acquire(priority, signal);
      for (const bucket of [this.familyBucketFor(family), this.serviceBucketFor(operation)]) {
        if (bucket) tokens.push(await bucket.take(priority, signal));
      }
      started = true;
      this.leaveQueue();
      this.running += 1;
      try {
        return await task();
      } finally {
        this.running -= 1;
      }
    } finally {
      // a sent call spends its tokens when its answer is in; one that never left gives them back
      for (const token of tokens) (started ? token.spent : token.refund)();
      release?.();
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

  private slotsFor(family: string): CallSlots {
    let slots = this.slots.get(family);
    if (!slots) {
      slots = new CallSlots(this.options.concurrency);
      this.slots.set(family, slots);
    }
    return slots;
  }

  private familyBucketFor(family: string): TokenBucket | undefined {
    return bucketIn(this.familyBuckets, family, this.options.familyRate);
  }

  private serviceBucketFor(operation: string): TokenBucket | undefined {
    return bucketIn(this.serviceBuckets, isTaggingOperation(operation) ? 'tagging' : 'workspaces', this.options.totalRate);
  }
}

function bucketIn(buckets: Map<string, TokenBucket>, key: string, rate: RateLimit | false): TokenBucket | undefined {
  if (rate === false) return undefined;
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = new TokenBucket(rate);
    buckets.set(key, bucket);
  }
  return bucket;
}
