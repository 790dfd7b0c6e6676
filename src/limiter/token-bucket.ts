/**
 * A token bucket like the one AWS meters an account with (capacity `burst`, refilled at
 * `perSecond`): a caller takes a token before its call, or waits in line (highest priority
 * first) until one has refilled.
 *
 * The server debits a call when it arrives, which is some time after we let it go — later for a
 * call on a cold connection than for the next one on a warm connection. Debiting at send time
 * would let calls that left 50 ms apart arrive together and be throttled. So a call in flight
 * holds a whole token (no refill credit), and its debit is booked when its answer arrives — never
 * before the server's own. Our count then never exceeds the server's, whatever the latency:
 * zero throttled attempts from us, at the cost of one latency per run (the first burst).
 *
 * The one timer (the next refill) exists only while someone waits, so a finished run leaves no
 * timer behind to keep the process alive.
 */
import { WaitLine, waitInLine } from './wait-line.js';

export interface RateLimit {
  /** Sustained calls per second. */
  readonly perSecond: number;
  /** Calls allowed at once after a quiet period (the bucket's capacity). */
  readonly burst: number;
}

/** A granted token: `spent` when the call's answer arrived (or it failed after sending), `refund` if it was never sent. */
export interface Token {
  spent(): void;
  refund(): void;
}

/** Rounding slack: a bucket refilled to 0.9999999 by float arithmetic holds a token. */
const EPSILON = 1e-9;

export class TokenBucket {
  /** Tokens after the debits of answered calls; calls in flight are held apart. */
  private tokens: number;
  private at: number;
  private inFlight = 0;
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

  /** Resolves with the token once taken; rejects with the signal's reason if aborted first. */
  take(priority = 0, signal?: AbortSignal): Promise<Token> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.line.size === 0 && this.available() >= 1 - EPSILON) return Promise.resolve(this.grant());
    const waiting = waitInLine(
      this.line,
      priority,
      signal,
      () => this.grant(),
      () => {
        if (this.line.size === 0) this.stopTimer();
      },
    );
    this.drain();
    return waiting;
  }

  private grant(): Token {
    this.inFlight += 1;
    let settled = false;
    const settle = (debit: boolean) => {
      if (settled) return;
      settled = true;
      this.refill();
      this.inFlight -= 1;
      if (debit) this.tokens -= 1;
      this.drain();
    };
    return { spent: () => settle(true), refund: () => settle(false) };
  }

  /** Tokens a new call may take now: refilled tokens less one per call in flight. */
  private available(): number {
    return this.refill() - this.inFlight;
  }

  private refill(): number {
    const now = this.now();
    this.tokens = Math.min(Math.floor(this.rate.burst), this.tokens + ((now - this.at) / 1000) * this.rate.perSecond);
    this.at = now;
    return this.tokens;
  }

  private drain(): void {
    this.stopTimer();
    while (this.line.size > 0 && this.available() >= 1 - EPSILON) this.line.shift()!.grant();
    if (this.line.size === 0) return;
    // every token held by calls in flight: only an answer frees one (drain runs then), not time
    if (1 + this.inFlight > Math.floor(this.rate.burst) + EPSILON) return;
    const missing = 1 + this.inFlight - this.tokens;
    const ms = Math.max(1, Math.ceil((missing / this.rate.perSecond) * 1000));
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
