/**
 * The daemon's reconcile loop. Each tick lists the spec files, and enqueues every
 * environment that is not already queued or running (never two runs of one environment),
 * not backing off and not stalled. A run re-reads its spec, then waits in the line of its account
 * and Region (`concurrency` runs each; other accounts run alongside at their own rate). It
 * keeps the last good spec when the file turns invalid, calls the engine's
 * `reconcile` (handing it the desired state, so the last good one survives a bad file) and records the outcome as a controller-runtime style condition.
 * Failures stay inside their environment; nothing here throws out of a tick.
 */
import { createHash } from 'node:crypto';
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import { EngineEvents, type EngineEvent, type ReconcileResultKind } from '../model/engine-events.js';
import type { ConnectionOptions, ReconcileOptions, ReconcileResult } from '../engine/reconcile.js';
import { silentLogger } from '../log/logger.js';
import type { DesiredState } from '../model/desired.js';
import type { PlanSummary } from '../model/plan.js';
import { backoffDelayMs, type BackoffOptions } from './backoff.js';
import { classifyFailure, type ReconcileFailure } from './classify-failure.js';
import { conditionOf, newEnvironmentState, type ApplyCounts, type EnvironmentState, type RunTrigger } from './environment-state.js';
import { logEvent } from './log-event.js';
import type { DaemonMetrics } from './metrics.js';
import { digestPlan, type PlanDigest } from './plan-digest.js';
import { evaluateReadiness, type Readiness } from './readiness.js';
import type { SpecFileRef, SpecStore } from './spec-store.js';
import { WsrError } from '../errors.js';
import { crossSpecDiagnostics, type LoadedSpec } from '../spec/environment-identity.js';

export type ReconcileFn = (options: ReconcileOptions) => Promise<ReconcileResult>;

/** Whether a spec loads (and what it asks for); `code` and `message` say why not. */
export type SpecVerdict = { readonly ok: true; readonly desired: DesiredState } | { readonly ok: false; readonly code: string; readonly message: string };
/** Checks the text just read from `file` (the same bytes whose hash decides "changed"). */
export type SpecCheck = (file: string, text: string) => SpecVerdict | Promise<SpecVerdict>;

export type Delay = (ms: number, signal: AbortSignal) => Promise<void>;

export interface ReconcileLoopOptions {
  readonly store: SpecStore;
  /** The engine's `reconcile` (injected so the loop is tested without AWS). */
  readonly reconcileFn: ReconcileFn;
  /** Loads and validates a spec (spec/load-spec.ts in production). */
  readonly checkSpec: SpecCheck;
  readonly mode: 'plan' | 'apply';
  readonly connection: ConnectionOptions;
  /** Per-environment connection (an endpoint override from --config). @default () => connection */
  readonly connectionFor?: (env: string) => ConnectionOptions;
  /** @default false */
  readonly allowDestroy?: boolean;
  /**
   * Environments of one account and Region reconciled at the same time; environments of other
   * accounts (or Regions) run alongside, each account at its own rate (the engine's limiter is
   * per account and Region, so environments of one account share its budget). @default 2
   */
  readonly concurrency?: number;
  /** Environments reconciled at the same time over all accounts. @default unlimited */
  readonly maxParallel?: number;
  readonly backoff?: BackoffOptions;
  /** Largest random delay before a scheduled run, so many environments do not hit the API at once. @default 0 */
  readonly maxJitterMs?: number;
  readonly metrics?: DaemonMetrics;
  readonly logger?: Logger;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default Math.random */
  readonly random?: () => number;
  /** Abortable wait used for jitter. @default a timer */
  readonly delay?: Delay;
  /** Finished runs kept per environment for the status page. @default 20 */
  readonly historySize?: number;
  /**
   * Told after anything that can change an environment's state (a run recorded, a spec that
   * stopped or started loading, suspend/resume). Must not throw or block: notifications queue.
   */
  readonly onEnvironmentChanged?: (state: EnvironmentState) => void;
  /** Told when an environment's spec file disappeared. */
  readonly onEnvironmentRemoved?: (env: string) => void;
}

export type TickTrigger = Exclude<RunTrigger, 'manual'>;
type SkipReason = 'running' | 'backoff' | 'stalled' | 'no-good-spec' | 'suspended';

/** What `wsr reconcile ENV` got: a run queued, one more after the run in flight, or why not. */
export type ReconcileRequestResult = 'queued' | 'queued-after-current' | 'suspended' | 'unknown-environment';

export const DEFAULT_HISTORY_SIZE = 20;

export class ReconcileLoop {
  private readonly environments = new Map<string, EnvironmentState>();
  private readonly queue: PQueue;
  /** One line per account and Region (`concurrency` runs each), made as accounts appear. */
  private readonly accountLanes = new Map<string, PQueue>();
  private readonly abort = new AbortController();
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly delay: Delay;
  private runCounter = 0;
  /** Other environments' specs read for the identity check, by file (content hash → result). */
  private readonly peeked = new Map<string, { hash: string; desired?: DesiredState }>();
  private stopped = false;
  /** Set while the spec path itself cannot be listed. */
  private pathProblem?: string;

  constructor(private readonly options: ReconcileLoopOptions) {
    this.queue = new PQueue({ concurrency: options.maxParallel ?? Number.POSITIVE_INFINITY });
    this.logger = options.logger ?? silentLogger();
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.delay = options.delay ?? abortableDelay;
  }

  /** Aborted on stop: reconciles stop waiting and start no new steps. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Lists the spec files and enqueues every environment that may run now; resolves once enqueued. */
  async tick(trigger: TickTrigger): Promise<void> {
    if (this.stopped) return;
    const refs = await this.listSpecFiles();
    if (!refs || this.stopped) return;
    this.syncEnvironments(refs);
    for (const state of this.environments.values()) this.enqueue(state, trigger);
  }

  /**
   * Reconcile one environment now (Flux's `reconcile`): skips the jitter and the backoff, and
   * retries a stalled environment once (the fix may be outside the spec: an IAM policy, a quota).
   */
  requestReconcile(env: string): ReconcileRequestResult {
    const state = this.environments.get(env);
    if (!state || this.stopped) return 'unknown-environment';
    if (state.suspended) return 'suspended';
    if (state.running) {
      logEvent(this.logger, 'WSR_I5016', { env, afterCurrentRun: true });
      state.manualRequested = true;
      return 'queued-after-current';
    }
    logEvent(this.logger, 'WSR_I5016', { env });
    this.enqueue(state, 'manual');
    return 'queued';
  }

  /** Flux's `suspend`: scheduled runs skip the environment; a run in flight finishes. False if unknown. */
  suspend(env: string): boolean {
    const state = this.environments.get(env);
    if (!state) return false;
    if (!state.suspended) {
      state.suspended = true;
      state.manualRequested = false;
      logEvent(this.logger, 'WSR_I5014', { env });
      this.changed(state);
    }
    return true;
  }

  /** Undo `suspend` and reconcile at once (as Flux's `resume` does). False if unknown. */
  resume(env: string): boolean {
    const state = this.environments.get(env);
    if (!state) return false;
    if (state.suspended) {
      state.suspended = false;
      logEvent(this.logger, 'WSR_I5015', { env });
      this.changed(state);
      this.requestReconcile(env);
    }
    return true;
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    return this.queue.onIdle();
  }

  states(): readonly EnvironmentState[] {
    return [...this.environments.values()];
  }

  readiness(failureThresholdMs: number): Readiness {
    const readiness = evaluateReadiness(this.states(), this.now(), failureThresholdMs);
    if (!this.pathProblem) return readiness;
    return { ready: false, reasons: [this.pathProblem, ...readiness.reasons] };
  }

  /** Stop scheduling, abort waits, drop queued runs and wait for in-flight ones; false if they outlived `drainMs`. */
  async stop(drainMs: number): Promise<boolean> {
    this.stopped = true;
    this.abort.abort();
    this.queue.clear();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), drainMs);
      timer.unref();
    });
    const drained = await Promise.race([this.queue.onIdle().then(() => true as const), timeout]);
    clearTimeout(timer);
    return drained;
  }

  /** The line of the spec's account and Region (at its endpoint): another account never waits for this one. */
  private laneOf(state: EnvironmentState, desired: DesiredState): PQueue {
    const endpoint = (this.options.connectionFor?.(state.env) ?? this.options.connection).endpoint ?? '';
    const key = `${endpoint}|${desired.environment.account}/${desired.environment.region}`;
    let lane = this.accountLanes.get(key);
    if (!lane) {
      lane = new PQueue({ concurrency: this.options.concurrency ?? 2 });
      this.accountLanes.set(key, lane);
    }
    return lane;
  }

  private async listSpecFiles(): Promise<SpecFileRef[] | undefined> {
    try {
      const refs = await this.options.store.list();
      this.pathProblem = undefined;
      return refs;
    } catch (error) {
      const failure = classifyFailure(error);
      this.pathProblem = `${failure.code}: ${failure.message}`;
      logEvent(this.logger, 'WSR_E5009', { err: failure });
      return undefined;
    }
  }

  private syncEnvironments(refs: readonly SpecFileRef[]): void {
    const seen = new Set<string>();
    for (const ref of refs) {
      seen.add(ref.env);
      const known = this.environments.get(ref.env);
      if (known) {
        known.file = ref.file;
        continue;
      }
      this.environments.set(ref.env, newEnvironmentState(ref.env, ref.file));
      this.options.metrics?.addEnvironment(ref.env);
      logEvent(this.logger, 'WSR_I5007', { env: ref.env, file: ref.file });
    }
    for (const env of [...this.environments.keys()]) {
      if (seen.has(env) || this.environments.get(env)?.running) continue;
      this.environments.delete(env);
      this.options.metrics?.forgetEnvironment(env);
      this.options.onEnvironmentRemoved?.(env);
      logEvent(this.logger, 'WSR_I5008', { env });
    }
  }

  private enqueue(state: EnvironmentState, trigger: RunTrigger): void {
    if (state.running) return this.logSkip(state, 'running');
    if (state.suspended) return this.logSkip(state, 'suspended');
    if (trigger !== 'manual' && state.nextAttemptAt !== undefined && this.now() < state.nextAttemptAt) return this.logSkip(state, 'backoff');
    state.running = true;
    this.publishCondition(state);
    const jitterMs = trigger === 'schedule' ? Math.floor(this.random() * (this.options.maxJitterMs ?? 0)) : 0;
    void this.queue
      .add(() => this.runEnvironment(state, trigger, jitterMs))
      .catch((error: unknown) => {
        // runEnvironment catches everything; this is the last guard so a bug never kills the daemon
        logEvent(this.logger, 'WSR_W5003', { env: state.env, err: classifyFailure(error) });
      });
  }

  private async runEnvironment(state: EnvironmentState, trigger: RunTrigger, jitterMs: number): Promise<void> {
    try {
      if (jitterMs > 0) await this.delay(jitterMs, this.signal);
      if (this.stopped) return;
      const desired = await this.desiredToReconcile(state, trigger);
      if (desired === undefined || this.stopped) return;
      // a run queued here when the daemon stops returns at once when its turn comes
      await this.laneOf(state, desired).add(async () => {
        if (!this.stopped) await this.reconcileOnce(state, desired, trigger);
      });
    } finally {
      state.running = false;
      state.applying = false;
      this.publishCondition(state);
    }
    if (state.manualRequested && !this.stopped) {
      state.manualRequested = false;
      this.requestReconcile(state.env);
    }
  }

  /** Re-reads the spec; the desired state to reconcile, or undefined when this run must be skipped. */
  private async desiredToReconcile(state: EnvironmentState, trigger: RunTrigger): Promise<DesiredState | undefined> {
    const text = await this.options.store.read(state.file).catch((error: unknown) => error as Error);
    const hash = text instanceof Error ? `unreadable:${text.message}` : sha256(text);
    if (hash !== state.specHash) await this.onSpecChanged(state, hash, text);
    // asked for by hand: the cause of a terminal failure may lie outside the spec (IAM, quotas)
    if (trigger === 'manual' && state.specProblem === undefined) state.stalledOnHash = undefined;
    if (state.stalledOnHash === hash) return this.skip(state, 'stalled');
    if (state.lastGoodDesired === undefined) return this.skip(state, 'no-good-spec');
    return state.lastGoodDesired;
  }

  private async onSpecChanged(state: EnvironmentState, hash: string, text: string | Error): Promise<void> {
    const firstLoad = state.specHash === undefined;
    state.specHash = hash;
    // new input: a stalled environment resumes and the backoff starts over
    state.stalledOnHash = undefined;
    state.consecutiveFailures = 0;
    state.nextAttemptAt = undefined;
    const verdict = text instanceof Error ? { ok: false as const, code: 'SPEC_UNREADABLE', message: text.message } : await this.checkSpec(state.file, text);
    if (!verdict.ok) {
      state.specProblem = { code: verdict.code, message: verdict.message, since: state.specProblem?.since ?? this.now() };
      this.options.metrics?.recordSpecLoadError(state.env);
      logEvent(this.logger, 'WSR_E5006', {
        env: state.env,
        file: state.file,
        errorCode: verdict.code,
        error: verdict.message,
        keepingLastGood: state.lastGoodDesired !== undefined,
      });
      this.changed(state);
      return;
    }
    const hadProblem = state.specProblem !== undefined;
    state.specProblem = undefined;
    state.lastGoodDesired = verdict.desired;
    if (!firstLoad) logEvent(this.logger, 'WSR_I5013', { env: state.env, file: state.file });
    if (hadProblem) this.changed(state);
  }

  private async checkSpec(file: string, text: string): Promise<SpecVerdict> {
    try {
      return await this.options.checkSpec(file, text);
    } catch (error) {
      const failure = classifyFailure(error);
      return { ok: false, code: failure.code, message: failure.message };
    }
  }

  private async reconcileOnce(state: EnvironmentState, desired: DesiredState, trigger: RunTrigger): Promise<void> {
    const runId = `${state.env}-${++this.runCounter}`;
    const usedLastGoodSpec = state.specProblem !== undefined;
    const events = new EngineEvents();
    let planDone: Extract<EngineEvent, { type: 'plan.done' }> | undefined;
    const calls = { apiCalls: 0, throttled: 0 };
    events.on((event) => {
      if (event.type === 'plan.done') planDone = event;
      if (event.type === 'apply.step.start' && !state.applying) {
        state.applying = true;
        this.publishCondition(state);
      }
      if (event.type !== 'api.call') return;
      calls.apiCalls += 1;
      if (event.outcome === 'throttled') calls.throttled += 1;
    });
    const unsubscribe = this.options.metrics?.observeRun(state.env, events);
    const startedAt = this.now();
    let outcome: RunOutcome;
    try {
      await this.refuseClashingEnvironments(state, desired);
      const result = await this.options.reconcileFn({
        specFile: state.file,
        desired,
        mode: this.options.mode,
        connection: this.options.connectionFor?.(state.env) ?? this.options.connection,
        events,
        // the engine binds runId to its log lines; the daemon's own lines carry it as a field
        logger: this.logger.child({ env: state.env }),
        runId,
        signal: this.signal,
        allowDestroy: this.options.allowDestroy ?? false,
        // the loop's clock is the plan's: change windows open on it (a virtual clock in tests)
        now: () => new Date(this.now()),
      });
      // an engine that did not announce its plan still feeds the drift series
      if (!planDone) events.emit(planDoneOf(state.env, result));
      outcome = outcomeOf(result);
    } catch (error) {
      outcome = { result: 'failed', failure: classifyFailure(error) };
    } finally {
      unsubscribe?.();
    }
    if (this.signal.aborted && outcome.failure) return; // abandoned by shutdown: neither a failure nor a success
    this.recordRun(state, { runId, trigger, startedAt, usedLastGoodSpec, outcome, ...calls });
  }

  /**
   * Two spec files with one environment identity (name, account, Region), or two environments
   * managing one directory's settings, would fight every cycle: refuse the run, naming both
   * files. Retried (not stalled): the fix may be in the other file.
   */
  private async refuseClashingEnvironments(state: EnvironmentState, desired: DesiredState): Promise<void> {
    const specs: LoadedSpec[] = [{ file: state.file, desired }];
    for (const other of this.environments.values()) {
      if (other === state) continue;
      // the file as it is now (the other environment may not have re-read it yet), else its last good spec
      const otherDesired = (await this.peekSpec(other.file)) ?? other.lastGoodDesired;
      if (otherDesired !== undefined) specs.push({ file: other.file, desired: otherDesired });
    }
    const clash = crossSpecDiagnostics(specs).find((diagnostic) => diagnostic.location?.file === state.file || diagnostic.summary.includes(`(${state.file})`));
    if (clash !== undefined) throw new WsrError(clash.code, clash.summary, { source: 'user' });
  }

  /** Another environment's spec as its file is now (its state untouched); checked once per content. */
  private async peekSpec(file: string): Promise<DesiredState | undefined> {
    const text = await this.options.store.read(file).catch(() => undefined);
    if (text === undefined) return undefined;
    const hash = sha256(text);
    const cached = this.peeked.get(file);
    if (cached?.hash === hash) return cached.desired;
    const verdict = await this.checkSpec(file, text);
    const desired = verdict.ok ? verdict.desired : undefined;
    this.peeked.set(file, { hash, desired });
    return desired;
  }

  private recordRun(state: EnvironmentState, run: RunFacts): void {
    const finishedAt = this.now();
    const { outcome } = run;
    state.reconciles += 1;
    state.lastRun = {
      runId: run.runId,
      trigger: run.trigger,
      result: outcome.result,
      startedAt: run.startedAt,
      ms: finishedAt - run.startedAt,
      summary: outcome.summary,
      changesByKind: outcome.changesByKind,
      apply: outcome.apply,
      apiCalls: run.apiCalls,
      throttled: run.throttled,
      failure: outcome.failure,
      usedLastGoodSpec: run.usedLastGoodSpec,
    };
    if (outcome.plan) state.lastPlan = outcome.plan;
    state.history = [state.lastRun, ...state.history].slice(0, this.options.historySize ?? DEFAULT_HISTORY_SIZE);
    if (outcome.failure) this.recordFailure(state, outcome.failure, run.startedAt, finishedAt);
    else this.recordSuccess(state, finishedAt);
    this.options.metrics?.recordReconcile(state.env, state.lastRun, finishedAt);
    this.logRun(state);
    this.changed(state);
  }

  private changed(state: EnvironmentState): void {
    try {
      this.options.onEnvironmentChanged?.(state);
    } catch (error) {
      // a notifier bug must not break the loop
      logEvent(this.logger, 'WSR_W5003', { env: state.env, err: classifyFailure(error) });
    }
  }

  private recordFailure(state: EnvironmentState, failure: ReconcileFailure, startedAt: number, finishedAt: number): void {
    state.consecutiveFailures += 1;
    state.failingSince ??= startedAt;
    if (failure.terminal) {
      state.stalledOnHash = state.specHash;
      state.nextAttemptAt = undefined;
      return;
    }
    state.nextAttemptAt = finishedAt + backoffDelayMs(state.consecutiveFailures, this.options.backoff);
  }

  private recordSuccess(state: EnvironmentState, finishedAt: number): void {
    state.consecutiveFailures = 0;
    state.failingSince = undefined;
    state.nextAttemptAt = undefined;
    state.lastSuccessAt = finishedAt;
  }

  private logRun(state: EnvironmentState): void {
    const run = state.lastRun;
    if (!run) return;
    const fields = {
      env: state.env,
      runId: run.runId,
      mode: this.options.mode,
      result: run.result,
      ms: run.ms,
      changes: run.summary,
      apply: run.apply,
      apiCalls: run.apiCalls,
      throttled: run.throttled,
      usedLastGoodSpec: run.usedLastGoodSpec,
    };
    if (!run.failure) return logEvent(this.logger, 'WSR_I5002', fields);
    const failure = { ...fields, errorCode: run.failure.code, error: run.failure.message, consecutiveFailures: state.consecutiveFailures };
    if (run.failure.terminal) return logEvent(this.logger, 'WSR_E5004', failure);
    const finishedAt = run.startedAt + run.ms;
    logEvent(this.logger, 'WSR_W5003', { ...failure, retryInMs: (state.nextAttemptAt ?? finishedAt) - finishedAt });
  }

  private skip(state: EnvironmentState, reason: SkipReason): undefined {
    this.logSkip(state, reason);
    return undefined;
  }

  private logSkip(state: EnvironmentState, reason: SkipReason): void {
    logEvent(this.logger, 'WSR_D5005', { env: state.env, reason });
  }

  private publishCondition(state: EnvironmentState): void {
    this.options.metrics?.setCondition(state.env, conditionOf(state));
  }
}

interface RunFacts {
  readonly runId: string;
  readonly trigger: RunTrigger;
  readonly startedAt: number;
  readonly usedLastGoodSpec: boolean;
  readonly outcome: RunOutcome;
  readonly apiCalls: number;
  readonly throttled: number;
}

interface RunOutcome {
  readonly result: ReconcileResultKind;
  readonly summary?: PlanSummary;
  readonly changesByKind?: Readonly<Record<string, number>>;
  readonly apply?: ApplyCounts;
  readonly failure?: ReconcileFailure;
  readonly plan?: PlanDigest;
}

/** The run as the engine reports it: its result is the engine's (the one `reconcile.done` carries), never recomputed here. */
function outcomeOf(result: ReconcileResult): RunOutcome {
  const summary = result.plan.summary;
  const changesByKind = countChangesByKind(result);
  const report = result.report;
  const plan = digestPlan(result.plan, report);
  const apply = report ? { succeeded: report.succeeded, failed: report.failed, skipped: report.skipped } : undefined;
  if (result.result === 'failed' && apply) {
    // failed steps are retried by the next run (level-based); the report has the root causes
    const failure = { code: 'APPLY_STEP_FAILED', message: `${apply.failed} step(s) failed, ${apply.skipped} skipped`, terminal: false };
    return { result: 'failed', summary, changesByKind, apply, failure, plan };
  }
  return { result: result.result, summary, changesByKind, apply, plan };
}

function countChangesByKind(result: ReconcileResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const change of result.plan.changes) {
    if (change.action !== 'noop') counts[change.kind] = (counts[change.kind] ?? 0) + 1;
  }
  return counts;
}

function planDoneOf(env: string, result: ReconcileResult): EngineEvent {
  return { type: 'plan.done', environment: env, summary: result.plan.summary, changesByKind: countChangesByKind(result) };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
