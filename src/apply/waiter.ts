/**
 * Batched state polling. Every step waiting on the same kind shares one poller: each round
 * makes one Describe call per ≤ `max` ids (DescribeWorkspaces takes 25), so 1,000 desktops
 * waiting for AVAILABLE cost 40 calls a round, not 1,000. Each wait backs off on its own
 * and has its own deadline; a waiting step can be aborted.
 *
 * Waits that come due one by one (a rollout: one RebuildWorkspaces per call, each followed by
 * its wait) would each start a round of their own, one id per Describe call. So while other
 * calls are still queued — more waits are on their way — a round that would not fill a call is
 * held back, for at most `maxHoldMs`; it goes as soon as a call's worth of ids is due or
 * nothing is queued any more.
 */
import { ApplyError } from '../errors.js';
import type { WaiterRecipe } from '../kinds/kind.js';
import { callOperation, type ApiPort } from '../model/api-port.js';
import type { StateWait } from '../model/plan-step.js';
import type { Clock } from './clock.js';
import { CallPriority, type ApiQueues } from '../limiter/queues.js';
import { onAbort } from '../limiter/abort-listeners.js';
import { classifyCallError, describeCallError } from './call-error.js';

export interface WaitOptions {
  /** First poll after this long. @default 1000 */
  readonly initialPollMs?: number;
  /** Backoff cap. @default 30000 */
  readonly maxPollMs?: number;
  /** Backoff factor per unanswered poll. @default 1.5 */
  readonly factor?: number;
  /** Multiplies each step's `timeoutSeconds` (the emulator's time scale). @default 1 */
  readonly timeScale?: number;
  /** Consecutive failed polls tolerated before the waits of that round fail. @default 5 */
  readonly maxPollErrors?: number;
  /**
   * Longest a due wait is held back, while other calls are queued, so that later waits share its
   * poll round. 0 = never hold. @default 15000 (a RebuildWorkspaces per 0.5 s fills a call of 25)
   */
  readonly maxHoldMs?: number;
}

/** States in which a resource counts as gone while the API still lists it briefly. */
const GONE_STATES = new Set(['TERMINATED', 'DEREGISTERED', 'DELETED']);
/** States a resource never leaves on its own: waiting further is pointless. */
const FAILED_STATES = new Set(['ERROR', 'FAILED', 'DELETED']);

interface PendingWait {
  readonly id: string;
  readonly wait: StateWait;
  readonly deadline: number;
  delayMs: number;
  due: number;
  lastState?: string;
  resolve(state: string | undefined): void;
  reject(error: unknown): void;
}

export type CallCounter = (operation: string) => void;

export class StateWaiter {
  private readonly pollers = new Map<string, Poller>();
  private readonly options: Required<WaitOptions>;

  constructor(
    private readonly port: ApiPort,
    private readonly queues: ApiQueues,
    private readonly clock: Clock,
    options: WaitOptions = {},
    private readonly countCall: CallCounter = () => {},
  ) {
    this.options = {
      initialPollMs: options.initialPollMs ?? 1000,
      maxPollMs: options.maxPollMs ?? 30_000,
      factor: options.factor ?? 1.5,
      timeScale: options.timeScale ?? 1,
      maxPollErrors: options.maxPollErrors ?? 5,
      maxHoldMs: options.maxHoldMs ?? 15_000,
    };
  }

  /** Resolves with the state reached (undefined when gone); rejects on timeout, failure or abort. */
  wait(recipe: WaiterRecipe, id: string, wait: StateWait, signal?: AbortSignal): Promise<string | undefined> {
    const key = `${recipe.operation}|${recipe.idsMember}`;
    let poller = this.pollers.get(key);
    if (!poller) {
      poller = new Poller(recipe, this.port, this.queues, this.clock, this.options, this.countCall);
      this.pollers.set(key, poller);
    }
    return poller.add(id, wait, signal);
  }
}

class Poller {
  private readonly waits = new Set<PendingWait>();
  private looping = false;
  private errorsInARow = 0;
  /** Wakes the loop early when a wait is added that is due before the current sleep ends. */
  private wake?: { readonly until: number; readonly controller: AbortController };

  constructor(
    private readonly recipe: WaiterRecipe,
    private readonly port: ApiPort,
    private readonly queues: ApiQueues,
    private readonly clock: Clock,
    private readonly options: Required<WaitOptions>,
    private readonly countCall: CallCounter,
  ) {}

  add(id: string, wait: StateWait, signal?: AbortSignal): Promise<string | undefined> {
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const now = this.clock.now();
      const entry: PendingWait = {
        id,
        wait,
        deadline: now + wait.timeoutSeconds * 1000 * this.options.timeScale,
        delayMs: this.options.initialPollMs,
        due: now + this.options.initialPollMs,
        resolve,
        reject,
      };
      // one listener on the run's signal for all waits (an apply waits on thousands of desktops)
      const unsubscribe = signal ? onAbort(signal, () => this.settle(entry, () => reject(signal.reason ?? new Error('aborted')))) : undefined;
      entry.resolve = (state) => {
        unsubscribe?.();
        resolve(state);
      };
      entry.reject = (error) => {
        unsubscribe?.();
        reject(error);
      };
      this.waits.add(entry);
      if (this.wake && entry.due < this.wake.until) this.wake.controller.abort();
      if (!this.looping) void this.loop();
    });
  }

  private settle(entry: PendingWait, finish: () => void): void {
    if (!this.waits.delete(entry)) return;
    finish();
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      while (this.waits.size > 0) {
        const next = Math.min(...[...this.waits].map((entry) => entry.due));
        const now = this.clock.now();
        if (next > now) {
          await this.sleepUntil(next, now);
          continue;
        }
        const holdUntil = this.holdUntil(next, now);
        if (holdUntil !== undefined) {
          await this.sleepUntil(holdUntil, now, { wakeWhenNoneQueued: true });
          continue;
        }
        await this.pollRound();
      }
    } catch (error) {
      // a bug here must fail the waits, not leave the apply hanging
      for (const entry of [...this.waits]) this.settle(entry, () => entry.reject(error));
    } finally {
      this.looping = false;
    }
  }

  /**
   * When a round due since `earliestDue` should wait for more ids: the time to look again (the
   * hold's end, or the next wait coming due, whichever is first); undefined to poll now.
   */
  private holdUntil(earliestDue: number, now: number): number | undefined {
    const holdEnd = earliestDue + this.options.maxHoldMs;
    if (holdEnd <= now || this.queues.stats().queued === 0) return undefined;
    const waits = [...this.waits];
    const dueIds = new Set(waits.filter((entry) => entry.due <= now).map((entry) => entry.id));
    if (dueIds.size >= Math.max(1, this.recipe.max)) return undefined;
    const comingDue = waits.filter((entry) => entry.due > now).map((entry) => entry.due);
    return Math.min(holdEnd, ...comingDue);
  }

  private async sleepUntil(until: number, now: number, { wakeWhenNoneQueued = false } = {}): Promise<void> {
    const controller = new AbortController();
    this.wake = { until, controller };
    const unsubscribe = wakeWhenNoneQueued ? this.queues.onNoneQueued(() => controller.abort()) : undefined;
    try {
      await this.clock.sleep(until - now, controller.signal);
    } catch {
      // woken early by a new wait or an emptied queue: look again
    } finally {
      unsubscribe?.();
      this.wake = undefined;
    }
  }

  private async pollRound(): Promise<void> {
    const now = this.clock.now();
    for (const entry of this.waits) {
      if (now >= entry.deadline) this.settle(entry, () => entry.reject(timeoutError(entry, this.options.timeScale)));
    }
    const due = [...this.waits].filter((entry) => entry.due <= now);
    if (due.length === 0) return;
    const chunks = this.chunksFor(due);
    const results = await Promise.all(chunks.map((ids) => this.describe(ids)));
    const states = new Map<string, string | null>();
    let failed: unknown;
    for (const result of results) {
      if (result instanceof Map) for (const [id, state] of result) states.set(id, state);
      else failed = result.error;
    }
    this.errorsInARow = failed === undefined ? 0 : this.errorsInARow + 1;
    const polledIds = new Set(chunks.flat());
    for (const entry of [...this.waits]) {
      if (!polledIds.has(entry.id) || !states.has(entry.id)) {
        if (polledIds.has(entry.id)) this.afterFailedPoll(entry, failed);
        continue;
      }
      this.evaluate(entry, states.get(entry.id) ?? undefined);
    }
  }

  /** Due ids first, then not-yet-due ones ride along where a call has room (free). */
  private chunksFor(due: readonly PendingWait[]): string[][] {
    const dueIds = unique(due.map((entry) => entry.id));
    const dueSet = new Set(dueIds);
    const max = Math.max(1, this.recipe.max);
    const chunks: string[][] = [];
    for (let i = 0; i < dueIds.length; i += max) chunks.push(dueIds.slice(i, i + max));
    const last = chunks[chunks.length - 1];
    if (last) {
      const spare = [...this.waits]
        .filter((entry) => entry.due > this.clock.now() && !dueSet.has(entry.id))
        .sort((a, b) => a.due - b.due)
        .map((entry) => entry.id);
      for (const id of unique(spare)) {
        if (last.length >= max) break;
        last.push(id);
      }
    }
    return chunks;
  }

  /** id → state, with `null` for ids the API no longer lists; or the error of the call. */
  private async describe(ids: readonly string[]): Promise<Map<string, string | null> | { error: unknown }> {
    const { operation, idsMember, listMember, idField, stateField, stateOf, oneId } = this.recipe;
    try {
      // lowest priority: under a shared budget a poll never takes the token a rebuild waits for
      const output = await this.queues.run(
        operation,
        () => {
          this.countCall(operation);
          return callOperation(this.port, operation, stateOf ? {} : { [idsMember]: oneId ? ids[0] : [...ids] });
        },
        undefined,
        CallPriority.poll,
      );
      if (stateOf) return new Map(ids.map((id) => [id, stateOf(output) ?? null]));
      const states = new Map<string, string | null>(ids.map((id) => [id, null]));
      const list = oneId ? [output as Record<string, unknown>] : Array.isArray(output[listMember]) ? (output[listMember] as Record<string, unknown>[]) : [];
      for (const item of list) {
        const id = item[idField];
        if (typeof id === 'string' && states.has(id)) states.set(id, typeof item[stateField] === 'string' ? (item[stateField] as string) : '');
      }
      return states;
    } catch (error) {
      return { error };
    }
  }

  private evaluate(entry: PendingWait, state: string | undefined): void {
    entry.lastState = state ?? 'gone';
    if (entry.wait.gone && (state === undefined || GONE_STATES.has(state))) {
      this.settle(entry, () => entry.resolve(undefined));
      return;
    }
    if (state !== undefined && entry.wait.states?.includes(state)) {
      this.settle(entry, () => entry.resolve(state));
      return;
    }
    if (state !== undefined && FAILED_STATES.has(state)) {
      this.settle(entry, () => entry.reject(new ApplyError('APPLY_WAIT_FAILED', `${entry.id} went to ${state} while waiting for ${wanted(entry.wait)}`)));
      return;
    }
    // a just-created id may be absent briefly, so absence is "not yet" unless gone was asked for
    this.backOff(entry);
  }

  private afterFailedPoll(entry: PendingWait, error: unknown): void {
    const retryable = error === undefined || classifyCallError(error) !== 'terminal';
    if (!retryable || this.errorsInARow >= this.options.maxPollErrors) {
      this.settle(entry, () => entry.reject(new ApplyError('APPLY_WAIT_FAILED', `polling ${entry.id} failed: ${describeCallError(error)}`, { cause: error })));
      return;
    }
    this.backOff(entry);
  }

  private backOff(entry: PendingWait): void {
    entry.delayMs = Math.min(this.options.maxPollMs, entry.delayMs * this.options.factor);
    entry.due = this.clock.now() + entry.delayMs;
  }
}

function timeoutError(entry: PendingWait, timeScale: number): ApplyError {
  const seconds = Math.round(entry.wait.timeoutSeconds * timeScale * 10) / 10;
  return new ApplyError('APPLY_WAIT_TIMEOUT', `${entry.id} still ${entry.lastState ?? 'unknown'} after ${seconds}s while waiting for ${wanted(entry.wait)}`);
}

function wanted(wait: StateWait): string {
  return wait.gone ? 'it to be gone' : (wait.states ?? []).join('|');
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
