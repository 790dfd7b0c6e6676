/**
 * Delivers notifications to webhooks without ever blocking the reconcile loop: `enqueue` only
 * pushes onto the receiver's queue. One worker per receiver sends in order (a later state never
 * overtakes an earlier one), retries non-2xx and network errors with capped exponential
 * backoff, and moves on after `maxAttempts`. A receiver that stays down costs a bounded queue
 * (the oldest notification is dropped first, with an error log), never memory without end.
 * Each notification carries a stable delivery id (body `id`, header `X-Wsr-Delivery`) so a
 * receiver that answered 5xx after processing can drop the retry.
 */
import type { Logger } from 'pino';
import { silentLogger } from '../log/logger.js';
import { logEvent } from './log-event.js';

export interface WebhookTarget {
  /** Shown in logs instead of the URL (a Slack webhook URL is a secret). */
  readonly name: string;
  readonly url: string;
  readonly format: 'json' | 'slack';
}

export interface OutgoingNotification {
  readonly id: string;
  readonly type: string;
  readonly env: string;
  /** The request body (already formatted for the target). */
  readonly body: unknown;
}

export interface WebhookSenderOptions {
  /** @default 10 */
  readonly maxAttempts?: number;
  /** Delay after the first failed attempt; doubles each time. @default 1000 */
  readonly baseDelayMs?: number;
  /** @default 60_000 */
  readonly maxDelayMs?: number;
  /** Per-receiver queue bound. @default 100 */
  readonly maxQueued?: number;
  /** @default 10_000 */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

interface Lane {
  readonly target: WebhookTarget;
  readonly queue: OutgoingNotification[];
  working: boolean;
}

export class WebhookSender {
  private readonly lanes = new Map<string, Lane>();
  private readonly abort = new AbortController();
  private readonly logger: Logger;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: WebhookSenderOptions = {}) {
    this.logger = options.logger ?? silentLogger();
  }

  enqueue(target: WebhookTarget, notification: OutgoingNotification): void {
    if (this.abort.signal.aborted) return;
    const laneKey = `${target.name}\u0000${target.url}`;
    let lane = this.lanes.get(laneKey);
    if (!lane) {
      lane = { target, queue: [], working: false };
      this.lanes.set(laneKey, lane);
    }
    lane.queue.push(notification);
    if (lane.queue.length > (this.options.maxQueued ?? 100)) {
      const dropped = lane.queue.shift()!;
      logEvent(this.logger, 'WSR_E5019', { webhook: target.name, env: dropped.env, type: dropped.type, id: dropped.id, reason: 'queue full' });
    }
    if (!lane.working) void this.work(lane);
  }

  /** Resolves when every queue is empty and nothing is in flight (tests, shutdown). */
  idle(): Promise<void> {
    if (this.isIdle() || this.abort.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stop retrying; what is still queued is dropped (and logged). */
  stop(): void {
    this.abort.abort();
    for (const lane of this.lanes.values()) {
      for (const dropped of lane.queue.splice(0))
        logEvent(this.logger, 'WSR_E5019', { webhook: lane.target.name, env: dropped.env, type: dropped.type, id: dropped.id, reason: 'shutdown' });
    }
    this.settle();
  }

  private async work(lane: Lane): Promise<void> {
    lane.working = true;
    try {
      while (lane.queue.length > 0 && !this.abort.signal.aborted) {
        const next = lane.queue[0]!;
        await this.deliver(lane.target, next);
        // stop() may have emptied the queue meanwhile
        if (lane.queue[0] === next) lane.queue.shift();
      }
    } finally {
      lane.working = false;
      this.settle();
    }
  }

  private async deliver(target: WebhookTarget, notification: OutgoingNotification): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 10;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const problem = await this.attempt(target, notification);
      if (problem === undefined) return;
      if (this.abort.signal.aborted) return;
      if (attempt === maxAttempts) break;
      const delayMs = Math.min((this.options.baseDelayMs ?? 1_000) * 2 ** (attempt - 1), this.options.maxDelayMs ?? 60_000);
      logEvent(this.logger, 'WSR_W5018', {
        webhook: target.name,
        env: notification.env,
        type: notification.type,
        id: notification.id,
        attempt,
        problem,
        retryInMs: delayMs,
      });
      await sleep(delayMs, this.abort.signal);
    }
    logEvent(this.logger, 'WSR_E5019', {
      webhook: target.name,
      env: notification.env,
      type: notification.type,
      id: notification.id,
      reason: `gave up after ${maxAttempts} attempts`,
    });
  }

  /** One POST; undefined on 2xx, else what went wrong (status or error name, never the URL). */
  private async attempt(target: WebhookTarget, notification: OutgoingNotification): Promise<string | undefined> {
    const send = this.options.fetch ?? fetch;
    try {
      const response = await send(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'wsr-daemon', 'x-wsr-delivery': notification.id, 'x-wsr-event': notification.type },
        body: JSON.stringify(notification.body),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.timeoutMs ?? 10_000)]),
        redirect: 'error',
      });
      await response.body?.cancel();
      return response.ok ? undefined : `HTTP ${response.status}`;
    } catch (error) {
      // fetch errors can quote the URL; keep only the name and the cause's code
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return cause ? `${(error as Error).name} ${cause}` : (error as Error).name;
    }
  }

  private isIdle(): boolean {
    return [...this.lanes.values()].every((lane) => !lane.working && lane.queue.length === 0);
  }

  private settle(): void {
    if (!this.isIdle() && !this.abort.signal.aborted) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
