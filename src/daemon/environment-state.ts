/**
 * What the daemon knows about one environment (one spec file), and its condition in
 * controller-runtime terms: Ready, Reconciling (first run, or retrying after a transient
 * failure) or Stalled (cannot progress until the spec file changes). Whether a run is in
 * flight right now is `running`, apart from the condition.
 */
import type { DesiredState } from '../model/desired.js';
import type { PlanSummary } from '../model/plan.js';
import type { ReconcileResultKind } from '../model/engine-events.js';
import type { ReconcileFailure } from './classify-failure.js';
import type { PlanDigest } from './plan-digest.js';

export const CONDITION_TYPES = ['Ready', 'Reconciling', 'Stalled'] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

export interface EnvironmentCondition {
  readonly type: ConditionType;
  /** CamelCase reason or an error code. */
  readonly reason: string;
  readonly message: string;
}

export interface SpecProblem {
  readonly code: string;
  readonly message: string;
  /** ms epoch of the first failed load of this content. */
  readonly since: number;
}

export interface ApplyCounts {
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
}

/** What started a run: the start-up cycle, the schedule, or `wsr reconcile` (POST …/reconcile). */
export type RunTrigger = 'start' | 'schedule' | 'manual';

export interface LastRun {
  readonly runId: string;
  /** @default 'schedule' (runs recorded before triggers were kept) */
  readonly trigger?: RunTrigger;
  readonly result: ReconcileResultKind;
  readonly startedAt: number;
  readonly ms: number;
  readonly summary?: PlanSummary;
  /** Non-noop changes per kind (drift in plan mode, what apply set out to fix in apply mode). */
  readonly changesByKind?: Readonly<Record<string, number>>;
  readonly apply?: ApplyCounts;
  /** API call attempts the run made (SDK retries included) and how many were throttled. */
  readonly apiCalls: number;
  readonly throttled: number;
  readonly failure?: ReconcileFailure;
  /** True when the run used the last good spec because the file on disk is invalid. */
  readonly usedLastGoodSpec: boolean;
}

export interface EnvironmentState {
  readonly env: string;
  file: string;
  /** Queued or reconciling now: a tick never starts a second run. */
  running: boolean;
  /** Set once the run in flight made its first mutating call (cleared when it ends). */
  applying: boolean;
  /** sha256 of the file content last read. */
  specHash?: string;
  /** What the last spec that loaded asks for; reconciled while the file on disk is invalid. */
  lastGoodDesired?: DesiredState;
  specProblem?: SpecProblem;
  /** Finished reconciles, whatever their result. */
  reconciles: number;
  lastRun?: LastRun;
  lastSuccessAt?: number;
  /** Start of the current run of failed reconciles. */
  failingSince?: number;
  consecutiveFailures: number;
  /** Ticks before this time skip the environment (backoff). */
  nextAttemptAt?: number;
  /** A terminal failure on the spec with this hash: skip until the hash changes. */
  stalledOnHash?: string;
  /** Flux's `suspend`: the schedule skips the environment until resumed (kept in memory only). */
  suspended: boolean;
  /** `wsr reconcile` arrived while a run was in flight: run again as soon as it ends. */
  manualRequested: boolean;
  /** Finished runs, newest first, at most the daemon's history size. */
  history: LastRun[];
  /** The last plan, grouped for the status page (absent until a run planned). */
  lastPlan?: PlanDigest;
}

export function newEnvironmentState(env: string, file: string): EnvironmentState {
  return { env, file, running: false, applying: false, reconciles: 0, consecutiveFailures: 0, suspended: false, manualRequested: false, history: [] };
}

/**
 * The one word an operator scans for (Argo's sync status, Flux's READY column): suspended wins,
 * then a run in flight, a stall, failing retries, drift planned but not applied, in sync.
 */
export const SYNC_STATES = ['suspended', 'applying', 'stalled', 'failing', 'drifted', 'in-sync', 'pending'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export function syncStateOf(state: EnvironmentState, mode: 'plan' | 'apply'): SyncState {
  if (state.suspended) return 'suspended';
  // a routine run that only reads is not "applying": the badge would flicker every tick
  if (state.running && state.applying && mode === 'apply') return 'applying';
  const condition = conditionOf(state);
  if (condition.type === 'Stalled') return 'stalled';
  if (condition.type === 'Reconciling') return state.lastRun ? 'failing' : 'pending';
  return state.lastRun?.result === 'changes-planned' ? 'drifted' : 'in-sync';
}

export function conditionOf(state: EnvironmentState): EnvironmentCondition {
  if (state.specProblem) {
    const keeping = state.lastGoodDesired === undefined ? 'no good spec yet' : 'reconciling the last good spec';
    return { type: 'Stalled', reason: 'SpecInvalid', message: `${state.specProblem.code}: ${state.specProblem.message} (${keeping})` };
  }
  const failure = state.lastRun?.failure;
  if (failure?.terminal && state.stalledOnHash !== undefined) {
    return { type: 'Stalled', reason: failure.code, message: `${failure.message} (waiting for the spec file to change)` };
  }
  if (failure) return { type: 'Reconciling', reason: failure.code, message: `${failure.message} (retrying with backoff)` };
  // a routine run does not flip a Ready environment to Reconciling (alerts on Ready would flap every tick)
  if (!state.lastRun) return { type: 'Reconciling', reason: 'Progressing', message: 'first reconcile not finished' };
  return { type: 'Ready', ...readyReasonOf(state.lastRun) };
}

function readyReasonOf(run: LastRun): { reason: string; message: string } {
  const changes = run.summary ? run.summary.steps : 0;
  if (run.result === 'changes-planned') return { reason: 'DriftDetected', message: `${changes} step(s) planned, not applied (mode plan)` };
  if (run.result === 'applied') return { reason: 'Applied', message: `${run.apply?.succeeded ?? 0} step(s) applied` };
  return { reason: 'InSync', message: 'live state matches the spec' };
}

/** When the environment started failing: the earlier of a bad spec and failed reconciles. */
export function failingSinceOf(state: EnvironmentState): number | undefined {
  const times = [state.specProblem?.since, state.failingSince].filter((t): t is number => t !== undefined);
  return times.length === 0 ? undefined : Math.min(...times);
}
