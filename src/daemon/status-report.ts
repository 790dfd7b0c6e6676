/**
 * /status and /api/v1/environments/ENV: condition, sync state, last run and spec health per
 * environment as plain JSON (the status page and `wsr status` read the same documents).
 */
import {
  conditionOf,
  failingSinceOf,
  syncStateOf,
  type EnvironmentCondition,
  type EnvironmentState,
  type LastRun,
  type SyncState,
} from './environment-state.js';
import type { PlanDigest } from './plan-digest.js';
import type { Readiness } from './readiness.js';

export type RunStatus = Omit<LastRun, 'startedAt'> & { readonly startedAt: string };

export interface EnvironmentStatus {
  readonly env: string;
  readonly file: string;
  readonly sync: SyncState;
  readonly condition: EnvironmentCondition;
  readonly suspended: boolean;
  readonly running: boolean;
  readonly reconciles: number;
  readonly consecutiveFailures: number;
  readonly lastSuccessAt?: string;
  readonly failingSince?: string;
  readonly nextAttemptAt?: string;
  readonly specError?: { readonly code: string; readonly message: string; readonly since: string };
  readonly lastRun?: RunStatus;
  /** Change windows at the last plan (open or closed, and when the next one opens or closes). */
  readonly windows?: PlanDigest['windows'];
}

/** One environment with its last plan and run history (the per-environment page). */
export interface EnvironmentDetail extends EnvironmentStatus {
  readonly lastPlan?: PlanDigest;
  /** Newest first. */
  readonly history: readonly RunStatus[];
}

export interface StatusContext {
  readonly mode: 'plan' | 'apply';
  readonly schedule: string;
  readonly readiness: Readiness;
  /** Whether POST …/reconcile|suspend|resume are served (a bearer token is configured). */
  readonly control: boolean;
  /** When the schedule fires next (ISO). */
  readonly nextScheduledRun?: string;
}

export interface StatusReport extends StatusContext {
  readonly environments: readonly EnvironmentStatus[];
}

export function buildStatusReport(states: readonly EnvironmentState[], context: StatusContext): StatusReport {
  return { ...context, environments: states.map((state) => environmentStatusOf(state, context.mode)) };
}

export function buildEnvironmentDetail(state: EnvironmentState, mode: 'plan' | 'apply'): EnvironmentDetail {
  return { ...environmentStatusOf(state, mode), lastPlan: state.lastPlan, history: state.history.map(runStatusOf) };
}

function environmentStatusOf(state: EnvironmentState, mode: 'plan' | 'apply'): EnvironmentStatus {
  return {
    env: state.env,
    file: state.file,
    sync: syncStateOf(state, mode),
    condition: conditionOf(state),
    suspended: state.suspended,
    running: state.running,
    reconciles: state.reconciles,
    consecutiveFailures: state.consecutiveFailures,
    lastSuccessAt: iso(state.lastSuccessAt),
    failingSince: iso(failingSinceOf(state)),
    nextAttemptAt: iso(state.nextAttemptAt),
    specError: state.specProblem ? { ...state.specProblem, since: new Date(state.specProblem.since).toISOString() } : undefined,
    lastRun: state.lastRun ? runStatusOf(state.lastRun) : undefined,
    windows: state.lastPlan?.windows,
  };
}

function runStatusOf(run: LastRun): RunStatus {
  return { ...run, startedAt: new Date(run.startedAt).toISOString() };
}

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
