/** /status: condition, last run and spec health per environment, as plain JSON. */
import { conditionOf, failingSinceOf, type EnvironmentCondition, type EnvironmentState, type LastRun } from './environment-state.js';
import type { Readiness } from './readiness.js';

export interface EnvironmentStatus {
  readonly env: string;
  readonly file: string;
  readonly condition: EnvironmentCondition;
  readonly running: boolean;
  readonly reconciles: number;
  readonly consecutiveFailures: number;
  readonly lastSuccessAt?: string;
  readonly failingSince?: string;
  readonly nextAttemptAt?: string;
  readonly specError?: { readonly code: string; readonly message: string; readonly since: string };
  readonly lastRun?: Omit<LastRun, 'startedAt'> & { readonly startedAt: string };
}

export interface StatusReport {
  readonly mode: 'plan' | 'apply';
  readonly schedule: string;
  readonly readiness: Readiness;
  readonly environments: readonly EnvironmentStatus[];
}

export function buildStatusReport(states: readonly EnvironmentState[], context: Omit<StatusReport, 'environments'>): StatusReport {
  return { ...context, environments: states.map(environmentStatusOf) };
}

function environmentStatusOf(state: EnvironmentState): EnvironmentStatus {
  return {
    env: state.env,
    file: state.file,
    condition: conditionOf(state),
    running: state.running,
    reconciles: state.reconciles,
    consecutiveFailures: state.consecutiveFailures,
    lastSuccessAt: iso(state.lastSuccessAt),
    failingSince: iso(failingSinceOf(state)),
    nextAttemptAt: iso(state.nextAttemptAt),
    specError: state.specProblem ? { ...state.specProblem, since: new Date(state.specProblem.since).toISOString() } : undefined,
    lastRun: state.lastRun ? { ...state.lastRun, startedAt: new Date(state.lastRun.startedAt).toISOString() } : undefined,
  };
}

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
