/**
 * Ctrl-C during an apply: stop starting calls, let the calls in flight finish, then say in ONE
 * line what was done and what was not — not one "failed" line per step the signal stopped.
 * Everything it did not finish, the next apply does (nothing is created twice).
 */
import type { ApplyReport, StepReport } from '../model/apply-report.js';

export const INTERRUPTED_PREFIX = 'interrupted by ';

/** The shell's exit status for a process ended by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;

/** Stopped by the signal (its wait or queued call aborted), or not started because of it. */
export function isStoppedByInterrupt(step: Pick<StepReport, 'outcome' | 'error' | 'becauseOf'>, stoppedIds: ReadonlySet<string>): boolean {
  if (step.outcome === 'succeeded') return false;
  if (step.error?.startsWith(INTERRUPTED_PREFIX) || step.error === 'apply aborted before this step started') return true;
  return step.outcome === 'skipped' && step.becauseOf !== undefined && stoppedIds.has(step.becauseOf);
}

export interface InterruptedOutcome {
  /** `interrupted: 503 done, 497 not started — run apply again to finish` */
  readonly line: string;
  /** Failures of their own (an AWS error before the signal), still reported one by one. */
  readonly failures: readonly StepReport[];
}

export function summariseInterrupted(report: ApplyReport): InterruptedOutcome {
  const stoppedIds = new Set<string>();
  // steps come in plan order (dependencies first), so a root is classified before its dependents
  for (const step of report.steps) if (isStoppedByInterrupt(step, stoppedIds)) stoppedIds.add(step.stepId);
  const stopped = report.steps.filter((step) => stoppedIds.has(step.stepId));
  const waiting = stopped.filter((step) => step.outcome === 'failed').length;
  const notStarted = stopped.length - waiting;
  const failures = report.steps.filter((step) => step.outcome === 'failed' && !stoppedIds.has(step.stepId));
  const parts = [
    `${report.succeeded} done`,
    ...(waiting > 0 ? [`${waiting} stopped while waiting`] : []),
    `${notStarted} not started`,
    ...(failures.length > 0 ? [`${failures.length} failed`] : []),
  ];
  return { line: `interrupted: ${parts.join(', ')} — run apply again to finish`, failures };
}
