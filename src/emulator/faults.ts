/**
 * Fault injection: seeded throttle/fail draws, per-operation token buckets (real time, like AWS)
 * and added latency.
 */
import { injectedServerError, throttled, type AwsError } from './errors.js';

export interface RateLimit { capacity: number; refillPerSecond: number }
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

interface Bucket { tokens: number; at: number }

export class Faults {
  private readonly random: () => number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: FaultOptions, private readonly realNowMs: () => number = () => performance.now()) {
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
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
