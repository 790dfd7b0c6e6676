/** The only place that decides the process exit code. */
import type { ApplyReport } from '../model/apply-report.js';

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_CHANGES = 2;
/** apply ran, nothing failed, but steps were blocked or deferred: the spec is not live yet. */
export const EXIT_INCOMPLETE = 3;

/**
 * `wsr apply`: 1 when a step failed; 3 when none failed but some were not run (blocked by a state
 * that needs a human, deferred, or waiting on such a step), so CI never reads a half-applied spec
 * as done; 0 when every step succeeded (or there was nothing to do).
 */
export function applyExitCode(report: ApplyReport | undefined): number {
  if (report === undefined) return EXIT_OK;
  if (report.failed > 0) return EXIT_ERROR;
  if (report.skipped > 0) return EXIT_INCOMPLETE;
  return EXIT_OK;
}
