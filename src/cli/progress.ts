/**
 * The progress lines of a read and an apply, in words, with the time elapsed and an estimate of
 * the time left. The estimate is never shorter than the rate budget allows (API calls left ÷
 * calls per second) and, once steps finish, follows the pace actually seen. Redrawn every second
 * so a long wait (a desktop takes about 20 minutes to create on AWS) never looks like a hang.
 */
import type { ApplyProgress } from '../engine/apply-environment.js';
import type { EngineEvents } from '../model/engine-events.js';
import type { Plan } from '../model/plan.js';
import type { Terminal } from './terminal.js';

/** AWS's reported sustained rate per account and Region (design notes), for the estimate's floor. */
export const DEFAULT_CALLS_PER_SECOND = 2;
const REDRAW_MS = 1_000;

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Calls the plan needs at least: per operation, its steps in batches of the most one call takes. */
export function callsNeeded(plan: Pick<Plan, 'steps'>): number {
  const byOperation = new Map<string, { steps: number; max: number }>();
  for (const step of plan.steps) {
    if (step.blocked !== undefined || step.deferred !== undefined) continue;
    const entry = byOperation.get(step.operation) ?? { steps: 0, max: step.batch?.max ?? 1 };
    entry.steps += 1;
    byOperation.set(step.operation, entry);
  }
  return [...byOperation.values()].reduce((sum, entry) => sum + Math.ceil(entry.steps / entry.max), 0);
}

/** Time left: at least the rate budget's floor, else the pace seen so far. */
export function estimateLeftMs(progress: ApplyProgress, elapsedMs: number, plannedCalls: number, callsPerSecond: number): number {
  const done = progress.succeeded + progress.failed + progress.skipped;
  const left = progress.total - done;
  if (left <= 0) return 0;
  const floorMs = ((plannedCalls * left) / Math.max(1, progress.total) / callsPerSecond) * 1000;
  const seenMs = done > 0 ? (elapsedMs * left) / done : 0;
  return Math.max(floorMs, seenMs);
}

export function applyProgressLine(progress: ApplyProgress, elapsedMs: number, leftMs: number): string {
  const done = progress.succeeded + progress.failed + progress.skipped;
  const problems = [progress.failed > 0 ? `${progress.failed} failed` : '', progress.skipped > 0 ? `${progress.skipped} skipped` : '']
    .filter(Boolean)
    .join(', ');
  return [
    `applying: ${done} of ${progress.total} steps done${problems ? ` (${problems})` : ''}`,
    `${progress.inFlight} API call${progress.inFlight === 1 ? '' : 's'} in flight`,
    `${progress.calling} step${progress.calling === 1 ? '' : 's'} queued for a call`,
    `${progress.waiting} waiting for AWS to finish`,
    `${formatDuration(elapsedMs)} elapsed`,
    done === progress.total ? 'done' : `about ${formatDuration(leftMs)} left`,
  ].join(' · ');
}

/** The apply's status line, redrawn on every change and every second; stop() clears it. */
export function showApplyProgress(
  terminal: Terminal,
  plan: Plan,
  callsPerSecond: number,
): { readonly onProgress: (progress: ApplyProgress) => void; stop(): void } {
  const started = Date.now();
  const planned = callsNeeded(plan);
  let last: ApplyProgress | undefined;
  const draw = () => {
    if (last === undefined) return;
    const elapsed = Date.now() - started;
    terminal.status(applyProgressLine(last, elapsed, estimateLeftMs(last, elapsed, planned, callsPerSecond)));
  };
  const timer = terminal.isTTY ? setInterval(draw, REDRAW_MS) : undefined;
  timer?.unref();
  return {
    onProgress: (progress) => {
      last = progress;
      draw();
    },
    stop: () => {
      if (timer) clearInterval(timer);
      terminal.clearStatus();
    },
  };
}

/**
 * The read's status line: API calls made so far, time elapsed, and the floor of the time left
 * from the calls a read of this many resources needs at least (pages of 25).
 */
export function showReadProgress(terminal: Terminal, events: EngineEvents, desiredResources: number, callsPerSecond: number): { stop(): void } {
  if (!terminal.isTTY) return { stop: () => undefined };
  const started = Date.now();
  let calls = 0;
  let throttled = 0;
  const expected = Math.ceil(desiredResources / 25) + 6;
  const draw = () => {
    const leftMs = (Math.max(0, expected - calls) / callsPerSecond) * 1000;
    const slowed = throttled > 0 ? ` (${throttled} throttled, retried)` : '';
    terminal.status(
      `reading the account: ${calls} API call${calls === 1 ? '' : 's'}${slowed} · ${formatDuration(Date.now() - started)} elapsed · about ${formatDuration(leftMs)} left at ${callsPerSecond} calls/s`,
    );
  };
  const unsubscribe = events.on((event) => {
    if (event.type !== 'api.call') return;
    calls += 1;
    if (event.outcome === 'throttled') throttled += 1;
    draw();
  });
  draw();
  const timer = setInterval(draw, REDRAW_MS);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      unsubscribe();
      terminal.clearStatus();
    },
  };
}
