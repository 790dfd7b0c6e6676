/**
 * Which state changes deserve a notification, as a pure function of what was last notified and
 * the environment's state now. Level-triggered like the loop: a drift that persists for ten
 * cycles is one `drift.detected`, a different drift is another; a failure that repeats with
 * the same code is one `apply.failed`; every apply that changed something is one
 * `apply.finished`; leaving every problem behind is one `recovered`.
 */
import { createHash } from 'node:crypto';
import { conditionOf, type EnvironmentState } from './environment-state.js';
import type { StepProblem } from './plan-digest.js';

export const NOTIFICATION_TYPES = ['drift.detected', 'apply.finished', 'apply.failed', 'stalled', 'deferred.waiting', 'recovered'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** What was last notified per environment: one key per problem category, plus the last applied run. */
export interface NotifiedState {
  readonly drift?: string;
  readonly failure?: string;
  readonly stall?: string;
  readonly deferred?: string;
  readonly appliedRunId?: string;
}

export interface NotificationFacts {
  readonly type: NotificationType;
  readonly env: string;
  /** One line for a chat message. */
  readonly summary: string;
  readonly severity: 'info' | 'warning' | 'error';
}

const PROBLEMS = ['drift', 'failure', 'stall', 'deferred'] as const;

/** The notifications `state` calls for, and what to remember as notified. */
export function notificationsFor(
  notified: NotifiedState,
  state: EnvironmentState,
  mode: 'plan' | 'apply',
): { events: NotificationFacts[]; next: NotifiedState } {
  const now = currentKeys(state, mode);
  const events: NotificationFacts[] = [];
  const env = state.env;
  const run = state.lastRun;
  if (now.drift && now.drift !== notified.drift) {
    const kinds = Object.entries(run?.changesByKind ?? {})
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ');
    events.push({
      type: 'drift.detected',
      env,
      severity: 'warning',
      summary: `drift detected: ${run?.summary?.steps ?? 0} step(s) planned, not applied (${kinds || 'no resource changes'})`,
    });
  }
  if (run?.result === 'applied' && run.runId !== notified.appliedRunId) {
    events.push({
      type: 'apply.finished',
      env,
      severity: 'info',
      summary: `apply finished: ${run.apply?.succeeded ?? 0} step(s) succeeded in ${Math.round(run.ms / 1000)} s`,
    });
  }
  if (now.failure && now.failure !== notified.failure) {
    events.push({
      type: 'apply.failed',
      env,
      severity: 'error',
      summary: `reconcile failed: ${run?.failure?.code}: ${run?.failure?.message} (retrying with backoff)`,
    });
  }
  if (now.stall && now.stall !== notified.stall) {
    const condition = conditionOf(state);
    events.push({ type: 'stalled', env, severity: 'error', summary: `stalled: ${condition.reason}: ${condition.message}` });
  }
  if (now.deferred && now.deferred !== notified.deferred) {
    const waiting = waitingSteps(state);
    const first = waiting[0];
    const count = (run?.summary?.blocked ?? 0) + (run?.summary?.deferred ?? 0) || waiting.length;
    events.push({
      type: 'deferred.waiting',
      env,
      severity: 'warning',
      summary: `${count} step(s) waiting${first ? `, e.g. ${first.key} ${first.operation}: ${first.reason}` : ''}`,
    });
  }
  const hadProblem = PROBLEMS.some((problem) => notified[problem] !== undefined);
  const hasProblem = PROBLEMS.some((problem) => now[problem] !== undefined);
  if (hadProblem && !hasProblem) {
    // a spec just repaired has not run yet: recovered is for the first run that shows it
    if (run === undefined) return { events, next: notified };
    events.push({ type: 'recovered', env, severity: 'info', summary: `recovered: ${conditionOf(state).message}` });
  }
  return { events, next: { ...now, appliedRunId: run?.result === 'applied' ? run.runId : notified.appliedRunId } };
}

function currentKeys(state: EnvironmentState, mode: 'plan' | 'apply'): Omit<NotifiedState, 'appliedRunId'> {
  const run = state.lastRun;
  const condition = conditionOf(state);
  const waiting = waitingSteps(state);
  return {
    drift:
      mode === 'plan' && run?.result === 'changes-planned'
        ? digest(
            state.lastPlan?.sections.flatMap((section) => section.groups.map((g) => `${section.action} ${g.members} ${g.count} ${g.attributes.join(', ')}`)) ??
              [],
          )
        : undefined,
    failure: run?.failure && !run.failure.terminal ? run.failure.code : undefined,
    stall: condition.type === 'Stalled' ? `${condition.reason}:${digest([condition.message])}` : undefined,
    deferred: waiting.length > 0 ? digest(waiting.map((b) => `${b.key} ${b.operation} ${b.reason}`)) : undefined,
  };
}

/** Steps that did not run and will be tried by a later run: blocked by a rule, or deferred. */
function waitingSteps(state: EnvironmentState): readonly StepProblem[] {
  return [...(state.lastPlan?.blocked ?? []), ...(state.lastPlan?.deferred ?? [])];
}

function digest(lines: readonly string[]): string {
  return createHash('sha256')
    .update([...lines].sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
}
