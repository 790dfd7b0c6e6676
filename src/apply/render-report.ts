/** The apply summary as text: counts, failures with reasons, skips with their root cause, calls, time. */
import type { ApplyReport, StepReport } from '../model/apply-report.js';

/** Beyond this many skipped lines the rest are counted, not listed. */
const MAX_SKIPPED_LINES = 20;

export function renderApplyReport(report: ApplyReport): string {
  const lines = [summaryLine(report)];
  const notRun = report.steps.filter((step) => step.outcome === 'skipped').length;
  if (report.failed === 0 && notRun > 0) {
    lines.push(`Incomplete: ${notRun} step(s) blocked or deferred; the spec is not fully applied (exit 3). Apply again once the reasons below are gone.`);
  }
  const failed = report.steps.filter((step) => step.outcome === 'failed');
  const skipped = report.steps.filter((step) => step.outcome === 'skipped');
  if (failed.length > 0) {
    lines.push('', 'Failed:');
    for (const step of failed) lines.push(`  ✗ ${step.key} ${step.operation}: ${step.error ?? 'unknown error'}`);
  }
  if (skipped.length > 0) {
    lines.push('', 'Skipped:');
    for (const step of skipped.slice(0, MAX_SKIPPED_LINES)) lines.push(`  - ${step.key} ${step.operation} (${skipReason(step)})`);
    if (skipped.length > MAX_SKIPPED_LINES) lines.push(`  … and ${skipped.length - MAX_SKIPPED_LINES} more`);
  }
  return `${lines.join('\n')}\n`;
}

function summaryLine(report: ApplyReport): string {
  const total = Object.values(report.calls).reduce((sum, count) => sum + count, 0);
  const byOperation = Object.entries(report.calls)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([operation, count]) => `${operation} ${count}`)
    .join(', ');
  const calls = total === 0 ? '0 API calls' : `${total} API calls (${byOperation})`;
  return `Apply: ${report.succeeded} succeeded, ${report.failed} failed, ${report.skipped} skipped · ${calls} · ${(report.ms / 1000).toFixed(1)} s`;
}

function skipReason(step: StepReport): string {
  if (step.becauseOf) return `because ${step.becauseOf} did not succeed`;
  return step.error ?? 'not run';
}
