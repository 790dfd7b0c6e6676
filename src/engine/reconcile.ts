/**
 * read → diff → plan (→ apply): the one pipeline used by the CLI and the daemon.
 * One exit path (controller-runtime): every run emits `reconcile.start` and exactly one
 * `reconcile.done`, and the session is closed however the run ends.
 */
import { randomUUID } from 'node:crypto';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { ApplyReport } from '../model/apply-report.js';
import type { DesiredState } from '../model/desired.js';
import type { Plan } from '../model/plan.js';
import type { Diagnostic } from '../spec/diagnostic.js';
import type { QueueOptions } from '../limiter/queues.js';
import { reconcileResultOf, type EngineEvents, type ReconcileResultKind } from '../model/engine-events.js';
import { SpecError, WsrError, isWsrError } from '../errors.js';
import { applyPlan, lockEnvironment, signIfKeyed, type ApplyRequest, type EnvironmentLockOptions } from './apply-environment.js';
import { loadDesiredState, preparePlan, type PlanRequest } from './plan-environment.js';
import { serializePlan } from '../plan/plan-file.js';

export interface ConnectionOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
  /** Start the embedded emulator in-process. @default false */
  readonly emulator?: boolean;
  /** @default '.wsr/emulator-state.json' */
  readonly emulatorStateFile?: string;
  /** The account's call budget (Session `rateLimits`). @default by endpoint: AWS 2/s burst 5 in total */
  readonly rateLimits?: QueueOptions;
}

export interface ReconcileOptions {
  readonly specFile: string;
  readonly mode: 'plan' | 'apply';
  readonly connection: ConnectionOptions;
  readonly events?: EngineEvents;
  readonly logger?: Logger;
  /** Aborts waits and stops starting new steps (daemon shutdown). */
  readonly signal?: AbortSignal;
  /** Destructive steps allowed in apply mode. @default false */
  readonly allowDestroy?: boolean;
  /** The spec, already loaded and valid (the daemon keeps the last good one). */
  readonly desired?: DesiredState;
  /** Receives the spec's diagnostics before an invalid spec fails the run. */
  readonly onDiagnostics?: (diagnostics: readonly Diagnostic[]) => void;
  /** The plan's time (change windows, "connected since"). @default () => new Date() */
  readonly now?: () => Date;
  /** Apply-mode extras: lock directory, audit log, executor tuning, destroy cap, progress. */
  readonly apply?: Pick<ApplyRequest, 'lockDirectory' | 'auditLogFile' | 'tuning' | 'maxDestroy' | 'onProgress'>;
  /** What the plan is asked for beyond the spec (the CLI's --destroy, --target, --refresh-only, --rebuild…). @default none */
  readonly planning?: Pick<PlanRequest, 'destroy' | 'targets' | 'refreshOnly' | 'requestedActions' | 'whenConnected' | 'ignoreWindows'>;
  /** Apply mode: how long to wait for another apply of the environment (--lock-timeout), and who hears about the wait. @default refuse at once */
  readonly lock?: Pick<EnvironmentLockOptions, 'timeoutSeconds' | 'onWaiting'>;
  /**
   * Apply mode: sees every plan (with or without steps) before anything is changed and returns
   * the plan to execute — the CLI shows it, matches it to a saved plan, asks for "yes". Throwing
   * cancels the run with nothing changed. @default the plan as made (the daemon)
   */
  readonly confirm?: (plan: Plan) => Promise<Plan> | Plan;
  /**
   * The run's id, on its events, its log lines (bound to `logger` here: pass a logger without
   * one) and its audit lines. @default a random UUID
   */
  readonly runId?: string;
}

export interface ReconcileResult {
  readonly runId: string;
  /** The run's outcome, as its `reconcile.done` event says it: callers take it, never recompute it. */
  readonly result: ReconcileResultKind;
  readonly plan: Plan;
  readonly report?: ApplyReport;
}

export async function reconcile(input: ReconcileOptions): Promise<ReconcileResult> {
  const runId = input.runId ?? randomUUID();
  const options: ReconcileOptions = { ...input, runId, ...(input.logger ? { logger: input.logger.child({ runId }) } : {}) };
  const started = performance.now();
  const loaded = loadForRun(options);
  const environment = loaded.desired?.environment.name ?? options.specFile;
  options.events?.emit({ type: 'reconcile.start', environment, runId, mode: options.mode });
  const done = (result: ReconcileResultKind, error?: unknown) =>
    options.events?.emit({
      type: 'reconcile.done',
      environment,
      runId,
      result,
      ms: Math.round(performance.now() - started),
      ...(error === undefined ? {} : { error: errorSummary(error) }),
    });
  try {
    if (!loaded.desired) throw loaded.error;
    const outcome = await planAndMaybeApply(loaded.desired, options);
    const result = reconcileResultOf(options.mode, outcome);
    done(result);
    return { runId, result, ...outcome };
  } catch (error) {
    done('failed', error);
    throw error;
  }
}

/** The spec for this run; a spec that does not load is this run's failure, reported like any other. */
function loadForRun(options: ReconcileOptions): { desired?: DesiredState; error?: unknown } {
  if (options.desired) return { desired: options.desired };
  try {
    return { desired: loadDesiredState(options.specFile, options.onDiagnostics) };
  } catch (error) {
    return { error };
  }
}

/** What a run made and did; its result kind is derived from it once (reconcileResultOf). */
type RunOutcome = Pick<ReconcileResult, 'plan' | 'report'>;

async function planAndMaybeApply(desired: DesiredState, options: ReconcileOptions): Promise<RunOutcome> {
  if (options.mode === 'plan') return planThenMaybeApply(desired, options);
  // LOCK FIRST: read and plan under the lock, so no other apply changes what this run planned from
  const lock = await lockEnvironment(desired.environment.name, {
    ...options.lock,
    ...(options.apply?.lockDirectory ? { directory: options.apply.lockDirectory } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    return await planThenMaybeApply(desired, options);
  } finally {
    lock.release();
  }
}

async function planThenMaybeApply(desired: DesiredState, options: ReconcileOptions): Promise<RunOutcome> {
  const prepared = await preparePlan({
    specFile: options.specFile,
    desired,
    connection: { ...options.connection, logger: options.logger },
    events: options.events,
    allowDestroy: options.allowDestroy ?? false,
    signal: options.signal,
    ...options.planning,
    ...(options.now ? { now: options.now } : {}),
  });
  try {
    if (options.mode === 'plan') return { plan: prepared.plan };
    const plan = options.confirm ? await options.confirm(prepared.plan) : prepared.plan;
    // nothing to do is "in sync", not an apply: no report to read
    if (plan.steps.length === 0) return { plan };
    if (options.signal?.aborted) throw new WsrError('RECONCILE_ABORTED', 'aborted after planning: nothing was applied');
    const report = await applyPlan(plan, {
      session: prepared.session,
      desired: prepared.desired,
      live: prepared.live,
      events: options.events,
      logger: options.logger,
      signal: options.signal,
      allowDestroy: options.allowDestroy ?? desired.policy.allowDestroy,
      ...options.apply,
      ...(options.runId ? { runId: options.runId } : {}),
      lockHeld: true,
    });
    return { plan, report };
  } finally {
    await prepared.session.close();
  }
}

function errorSummary(error: unknown): { code: string; message: string } {
  if (isWsrError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

// The CLI reaches the pipeline through this module only (architecture rule 4).
export { preparePlan, loadDesiredState, type PlanRequest, type PreparedPlan } from './plan-environment.js';

/**
 * Writes a plan for `apply --plan` (versioned JSON carrying the live-state fingerprint and the
 * spec hash), signed with `signingKey` (WSR_PLAN_SIGNING_KEY) when one is given.
 */
export async function savePlan(plan: Plan, file: string, signingKey?: string): Promise<void> {
  await writeFile(file, serializePlan(signIfKeyed(plan, signingKey)), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw planOutError(file, error);
  });
}

/**
 * `--out` must be writable before the read starts: a typo must not cost a full read of the
 * account. Checks the folder (the file itself may not exist yet, or be replaced).
 */
export function checkPlanOut(file: string): void {
  try {
    if (existsSync(file) && statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    accessSync(dirname(resolve(file)), constants.W_OK);
  } catch (error) {
    throw planOutError(file, error as NodeJS.ErrnoException);
  }
}

function planOutError(file: string, error: NodeJS.ErrnoException): SpecError {
  const why =
    error.code === 'ENOENT'
      ? 'its folder does not exist'
      : error.code === 'EACCES' || error.code === 'EPERM'
        ? 'permission denied'
        : error.code === 'EISDIR'
          ? 'it is a folder'
          : (error.code ?? error.message);
  return new SpecError('PLAN_OUT_UNWRITABLE', `--out ${file}: cannot write the plan there (${why})`);
}
