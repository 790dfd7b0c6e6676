/**
 * Fault injection: seeded throttle/fail draws, token buckets per operation or per account (real
 * time, like AWS)
 * and added latency.
 */
import { injectedServerError, throttled, type AwsError } from './errors.js';

export interface RateLimit {
  capacity: number;
  refillPerSecond: number;
}
/**
 * What one token bucket meters within an account and Region: each `operation` apart (the
 * default), or the whole `account` — every WorkSpaces operation from one bucket, as AWS is
 * reported to limit an account; the tagging API (GetResources, TagResources, UntagResources) is another service and keeps a
 * bucket of its own.
 */
export type RateLimitScope = 'operation' | 'account';
export const RATE_LIMIT_SCOPES: readonly RateLimitScope[] = ['operation', 'account'];
export interface FaultOptions {
  throttleRate: number;
  failRate: number;
  randomSeed?: number;
  rateLimits: false | RateLimit;
  latencyMs: number;
}

/** mulberry32: tiny, fast, good enough for fault draws; deterministic for a given seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Service of an operation, for account-wide buckets: the Resource Groups Tagging API (tagging.<region>.amazonaws.com) is its own service. */
const TAGGING_OPERATIONS = new Set(['GetResources', 'TagResources', 'UntagResources']);

/** The bucket an operation draws from, within its account and Region. */
export function meteredAs(operation: string, scope: RateLimitScope = 'operation'): string {
  if (scope !== 'account') return operation;
  return TAGGING_OPERATIONS.has(operation) ? 'service:tagging' : 'service:workspaces';
}

export class Faults {
  private readonly random: () => number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: FaultOptions,
    private readonly realNowMs: () => number = () => performance.now(),
  ) {
    this.random = options.randomSeed === undefined ? Math.random : seededRandom(options.randomSeed);
  }

  /** The error this call is answered with instead of running, if any. */
  draw(operation: string, bucket = operation): AwsError | undefined {
    if (!this.takeToken(bucket)) return throttled(operation);
    if (this.options.throttleRate > 0 && this.random() < this.options.throttleRate) return throttled(operation);
    if (this.options.failRate > 0 && this.random() < this.options.failRate) return injectedServerError();
    return undefined;
  }

  async delay(): Promise<void> {
    if (this.options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
  }

  private takeToken(key: string): boolean {
    const limit = this.options.rateLimits;
    if (!limit) return true;
    const now = this.realNowMs();
    const bucket = this.buckets.get(key) ?? { tokens: limit.capacity, at: now };
    bucket.tokens = Math.min(limit.capacity, bucket.tokens + ((now - bucket.at) / 1000) * limit.refillPerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    // float slack: a bucket refilled to 0.9999999 by arithmetic holds its token
    if (bucket.tokens < 1 - 1e-9) return false;
    bucket.tokens -= 1;
    return true;
  }
}
