/**
 * policy.windows: cron in a time zone, allow/deny, by kind; disruptive and destructive steps are
 * deferred outside the windows with the next opening shown; other steps still run.
 */
import { describe, expect, it } from 'vitest';
import type { ChangeWindow } from '../../../src/model/desired.js';
import { nextStart, parseCron, lastStart } from '../../../src/plan/cron.js';
import { windowState } from '../../../src/plan/change-windows.js';
import { aLiveWorkspace, aWorkspace, OWNED, planOf } from '../../helpers/builders.js';
import { buildPlan } from '../../../src/plan/build.js';
import { aDesiredState, aLiveState } from '../../helpers/builders.js';

const at = (iso: string): number => Date.parse(iso);
const weeknightsBerlin: ChangeWindow = { kind: 'allow', schedule: '0 22 * * 1-5', durationMinutes: 360, timeZone: 'Europe/Berlin' };
const officeHoursDeny: ChangeWindow = { kind: 'deny', schedule: '0 8 * * 1-5', durationMinutes: 600, timeZone: 'America/New_York' };

describe('cron in a time zone', () => {
  it('parses ranges, steps and lists, and refuses nonsense with the field named', () => {
    const schedule = parseCron('*/15 8-17 1,15 * 1-5');
    expect(typeof schedule).toBe('object');
    expect(parseCron('0 25 * * *')).toBe('hour "25": values must be within 0–23');
    expect(parseCron('0 22 * *')).toMatch(/^expected 5 fields/);
  });

  it('finds the next start in the zone (22:00 Berlin is 21:00 UTC in winter), skipping the weekend', () => {
    const schedule = parseCron('0 22 * * 1-5') as Exclude<ReturnType<typeof parseCron>, string>;
    // Friday 2026-11-27 23:00 UTC → next is Monday 2026-11-30 22:00 Berlin = 21:00 UTC
    expect(new Date(nextStart(schedule, 'Europe/Berlin', at('2026-11-27T23:00:00Z'))!).toISOString()).toBe('2026-11-30T21:00:00.000Z');
    expect(new Date(lastStart(schedule, 'Europe/Berlin', at('2026-11-30T23:30:00Z'), 360)!).toISOString()).toBe('2026-11-30T21:00:00.000Z');
  });

  it('follows daylight saving time (22:00 Berlin is 20:00 UTC in summer)', () => {
    const schedule = parseCron('0 22 * * *') as Exclude<ReturnType<typeof parseCron>, string>;
    expect(new Date(nextStart(schedule, 'Europe/Berlin', at('2026-07-01T12:00:00Z'))!).toISOString()).toBe('2026-07-01T20:00:00.000Z');
  });
});

describe('window state', () => {
  it('an allow window is open for its duration and closed after, with the next opening', () => {
    expect(windowState([weeknightsBerlin], 'workspace', at('2026-11-30T23:00:00Z'))).toMatchObject({
      open: true,
      note: expect.stringContaining('open until 2026-12-01 04:00 Europe/Berlin'),
    });
    expect(windowState([weeknightsBerlin], 'workspace', at('2026-12-01T04:00:00Z'))).toEqual({
      open: false,
      note: 'outside the allow windows; next opens 2026-12-01 22:00 Europe/Berlin (allow window "0 22 * * 1-5" for 360 min (Europe/Berlin))',
    });
  });

  it('a deny window wins while active, and says until when', () => {
    const state = windowState([{ ...weeknightsBerlin, schedule: '* * * * *' }, officeHoursDeny], 'workspace', at('2026-12-01T15:00:00Z'));
    expect(state).toEqual({ open: false, note: 'deny window "0 8 * * 1-5" for 600 min (America/New_York) is active until 2026-12-01 18:00 America/New_York' });
  });

  it('a window for pools does not hold workspaces', () => {
    expect(windowState([{ ...officeHoursDeny, kinds: ['pool'] }], 'workspace', at('2026-12-01T15:00:00Z')).open).toBe(true);
    expect(windowState([{ ...officeHoursDeny, kinds: ['pool'] }], 'pool', at('2026-12-01T15:00:00Z')).open).toBe(false);
  });
});

describe('window gate in the plan', () => {
  const deny = [officeHoursDeny];
  const duringOfficeHours = '2026-12-01T15:00:00.000Z';
  const plan = (desired: Parameters<typeof planOf>[0], live: Parameters<typeof planOf>[1], now: string, extra: { ignoreWindows?: boolean } = {}) =>
    buildPlan({ desired: aDesiredState(desired, { prune: true, windows: deny }), live: aLiveState(live), now, options: extra });

  it('defers a terminate inside a deny window, naming when it ends; a volume grow still runs', () => {
    const result = plan(
      [aWorkspace({ userName: 'bob', workspaceProperties: { UserVolumeSizeGib: 100 } })],
      [aLiveWorkspace({ liveTags: OWNED }), aLiveWorkspace({ userName: 'bob' })],
      duringOfficeHours,
    );
    expect(result.steps.map((step) => [step.operation, step.deferred])).toEqual([
      ['ModifyWorkspaceProperties', undefined],
      ['TerminateWorkspaces', 'change window: deny window "0 8 * * 1-5" for 600 min (America/New_York) is active until 2026-12-01 18:00 America/New_York'],
    ]);
    expect(result.windows).toEqual({ open: false, note: expect.stringContaining('is active until'), ignored: false });
  });

  it('runs it once the window has passed', () => {
    const result = plan([], [aLiveWorkspace({ liveTags: OWNED })], '2026-12-01T23:30:00.000Z');
    expect(result.steps[0]).toMatchObject({ operation: 'TerminateWorkspaces' });
    expect(result.steps[0].deferred).toBeUndefined();
    expect(result.windows?.open).toBe(true);
  });

  it('--ignore-windows runs it inside the deny window and the plan says so', () => {
    const result = plan([], [aLiveWorkspace({ liveTags: OWNED })], duringOfficeHours, { ignoreWindows: true });
    expect(result.steps[0].deferred).toBeUndefined();
    expect(result.windows?.ignored).toBe(true);
  });

  it('plans without windows show no window state', () => {
    expect(planOf([], [aLiveWorkspace({ liveTags: OWNED })], { policy: { prune: true } }).windows).toBeUndefined();
  });
});
