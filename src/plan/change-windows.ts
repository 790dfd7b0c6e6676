/**
 * Change windows (policy.windows, Argo CD's sync windows as the model): allow and deny windows,
 * each a cron start + duration in a time zone, for every disruptive or destructive step or only
 * those of some kinds. Inside an active deny window such a step is deferred until it ends;
 * when allow windows exist it runs only inside one, else it is deferred with the next opening.
 * Non-disruptive steps always run. Pure: the plan's time is passed in.
 */
import { kindDefinition } from '../kinds/index.js';
import type { ChangeWindow } from '../model/desired.js';
import type { KindName } from '../model/keys.js';
import { isRunnable, type PlanStep } from '../model/plan-step.js';
import { lastStart, localTime, nextStart, parseCron, type CronSchedule } from './cron.js';

const MINUTE_MS = 60_000;

interface ActiveWindow {
  readonly window: ChangeWindow;
  readonly endsAt: number;
}

/** What the windows say for steps of a kind (`undefined` kind: windows for all kinds only). */
export interface WindowState {
  readonly open: boolean;
  /** `deny window "0 8 * * 1-5" (Europe/Berlin) until 2026-12-01 18:00 Europe/Berlin`, `next allow window opens …`. */
  readonly note: string;
}

function scheduleOf(window: ChangeWindow): CronSchedule {
  const schedule = parseCron(window.schedule);
  // the spec loader refuses a bad expression; a plan file edited by hand is not trusted further
  if (typeof schedule === 'string') throw new Error(`policy.windows: ${window.schedule}: ${schedule}`);
  return schedule;
}

function activeWindow(window: ChangeWindow, nowMs: number): ActiveWindow | undefined {
  const start = lastStart(scheduleOf(window), window.timeZone, nowMs, window.durationMinutes);
  if (start === undefined || nowMs >= start + window.durationMinutes * MINUTE_MS) return undefined;
  return { window, endsAt: start + window.durationMinutes * MINUTE_MS };
}

export function formatLocal(epochMs: number, zone: string): string {
  const local = localTime(epochMs, zone);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${local.year}-${two(local.month)}-${two(local.day)} ${two(local.hour)}:${two(local.minute)} ${zone}`;
}

function label(window: ChangeWindow): string {
  return `${window.kind} window "${window.schedule}" for ${window.durationMinutes} min (${window.timeZone})`;
}

function appliesTo(window: ChangeWindow, kind: KindName | undefined): boolean {
  return window.kinds === undefined || (kind !== undefined && window.kinds.includes(kind));
}

export function windowState(windows: readonly ChangeWindow[], kind: KindName | undefined, nowMs: number): WindowState {
  const relevant = windows.filter((window) => appliesTo(window, kind));
  const denied = relevant
    .filter((window) => window.kind === 'deny')
    .map((window) => activeWindow(window, nowMs))
    .filter((active): active is ActiveWindow => active !== undefined);
  if (denied.length > 0) {
    const longest = denied.reduce((a, b) => (b.endsAt > a.endsAt ? b : a));
    return { open: false, note: `${label(longest.window)} is active until ${formatLocal(longest.endsAt, longest.window.timeZone)}` };
  }
  const allows = relevant.filter((window) => window.kind === 'allow');
  if (allows.length === 0) return { open: true, note: 'no window restricts disruptive steps now' };
  const open = allows.map((window) => activeWindow(window, nowMs)).find((active) => active !== undefined);
  if (open !== undefined) return { open: true, note: `${label(open.window)} is open until ${formatLocal(open.endsAt, open.window.timeZone)}` };
  const next = allows
    .map((window) => ({ window, at: nextStart(scheduleOf(window), window.timeZone, nowMs) }))
    .filter((candidate): candidate is { window: ChangeWindow; at: number } => candidate.at !== undefined)
    .sort((a, b) => a.at - b.at)[0];
  return {
    open: false,
    note:
      next === undefined
        ? 'outside every allow window, and none opens within a year'
        : `outside the allow windows; next opens ${formatLocal(next.at, next.window.timeZone)} (${label(next.window)})`,
  };
}

/** Steps the windows govern: destructive ones and those that interrupt a user. */
export function isWindowed(step: PlanStep): boolean {
  return step.destructive || kindDefinition(step.kind)?.sessions?.disrupts(step) === true;
}

export function applyWindowGate(steps: readonly PlanStep[], windows: readonly ChangeWindow[], now: string): PlanStep[] {
  if (windows.length === 0) return [...steps];
  const nowMs = Date.parse(now);
  const byKind = new Map<KindName, WindowState>();
  return steps.map((step) => {
    if (!isRunnable(step) || !isWindowed(step)) return step;
    let state = byKind.get(step.kind);
    if (state === undefined) {
      state = windowState(windows, step.kind, nowMs);
      byKind.set(step.kind, state);
    }
    return state.open ? step : { ...step, deferred: `change window: ${state.note}` };
  });
}
