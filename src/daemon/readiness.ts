/**
 * /readyz: ready once every environment finished its first reconcile and none has been
 * failing (bad spec or failed reconciles) for longer than the threshold.
 */
import { conditionOf, failingSinceOf, type EnvironmentState } from './environment-state.js';

export interface Readiness {
  readonly ready: boolean;
  /** One sentence per environment that is not ready. */
  readonly reasons: readonly string[];
}

export function evaluateReadiness(states: readonly EnvironmentState[], nowMs: number, failureThresholdMs: number): Readiness {
  if (states.length === 0) return { ready: false, reasons: ['no environments: no *.yaml or *.yml spec found'] };
  const reasons = states.flatMap((state) => notReadyReasons(state, nowMs, failureThresholdMs));
  return { ready: reasons.length === 0, reasons };
}

function notReadyReasons(state: EnvironmentState, nowMs: number, failureThresholdMs: number): string[] {
  const reasons: string[] = [];
  const condition = conditionOf(state);
  const why = `${condition.type} ${condition.reason}: ${condition.message}`;
  if (state.reconciles === 0) reasons.push(`${state.env}: first reconcile not finished (${why})`);
  const since = failingSinceOf(state);
  if (since !== undefined && nowMs - since >= failureThresholdMs) {
    const seconds = Math.round((nowMs - since) / 1000);
    reasons.push(`${state.env}: failing for ${seconds}s (${why})`);
  }
  return reasons;
}
