import { describe, expect, it } from 'vitest';
import { newEnvironmentState, type EnvironmentState, type LastRun } from '../../../src/daemon/environment-state.js';
import { notificationsFor, type NotifiedState } from '../../../src/daemon/notification-events.js';
import { digestPlan } from '../../../src/daemon/plan-digest.js';
import type { PlanStep } from '../../../src/model/plan-step.js';
import { aChange, aResult, aSummary } from './fakes.js';

let runs = 0;
function aRun(result: LastRun['result'], overrides: Partial<LastRun> = {}): LastRun {
  return { runId: `prod-${++runs}`, result, startedAt: 0, ms: 2_000, apiCalls: 3, throttled: 0, usedLastGoodSpec: false, summary: aSummary(), ...overrides };
}

function withDrift(keys: string[]): Partial<EnvironmentState> {
  const result = aResult({ changes: keys.map((key) => aChange('ipGroup', key)) });
  return {
    lastRun: aRun('changes-planned', { summary: result.plan.summary, changesByKind: { ipGroup: keys.length } }),
    lastPlan: digestPlan(result.plan, undefined),
  };
}

function withBlocked(reason: string, why: 'blocked' | 'deferred' = 'blocked'): Partial<EnvironmentState> {
  const step: PlanStep = {
    id: 's',
    key: 'workspace/d-1/alice',
    kind: 'workspace',
    action: 'update',
    operation: 'RebootWorkspaces',
    input: {},
    dependsOn: [],
    destructive: false,
    reason: 'r',
    [why]: reason,
  };
  const result = aResult();
  return { lastRun: aRun('in-sync', { summary: aSummary({ blocked: 1, steps: 1 }) }), lastPlan: digestPlan({ ...result.plan, steps: [step] }, undefined) };
}

const failed = (code: string, terminal = false): Partial<EnvironmentState> => ({
  lastRun: aRun('failed', { failure: { code, message: 'it broke', terminal } }),
  stalledOnHash: terminal ? 'h' : undefined,
});

/** Feeds successive states of one environment and collects the notification types. */
function replay(mode: 'plan' | 'apply', steps: Partial<EnvironmentState>[]): string[][] {
  let notified: NotifiedState = {};
  return steps.map((overrides) => {
    const state = Object.assign(newEnvironmentState('prod', 'prod.yaml'), { reconciles: 1 }, overrides);
    const { events, next } = notificationsFor(notified, state, mode);
    notified = next;
    return events.map((event) => event.type);
  });
}

describe('notifications: one per state change', () => {
  it.each([
    {
      scenario: 'drift detected once while it persists, again when it changes, recovered when gone',
      mode: 'plan' as const,
      steps: [
        { lastRun: aRun('in-sync') },
        withDrift(['office']),
        withDrift(['office']),
        withDrift(['office', 'lab']),
        { lastRun: aRun('in-sync') },
        { lastRun: aRun('in-sync') },
      ],
      expected: [[], ['drift.detected'], [], ['drift.detected'], ['recovered'], []],
    },
    {
      scenario: 'every apply that changed something is one apply.finished; an in-sync run is nothing',
      mode: 'apply' as const,
      steps: [
        { lastRun: aRun('applied', { apply: { succeeded: 2, failed: 0, skipped: 0 } }) },
        { lastRun: aRun('in-sync') },
        { lastRun: aRun('applied', { apply: { succeeded: 1, failed: 0, skipped: 0 } }) },
      ],
      expected: [['apply.finished'], [], ['apply.finished']],
    },
    {
      scenario: 'a failure repeating with the same code is one apply.failed; a new code is another; success is recovered',
      mode: 'apply' as const,
      steps: [failed('AWS_THROTTLED'), failed('AWS_THROTTLED'), failed('APPLY_STEP_FAILED'), { lastRun: aRun('in-sync') }],
      expected: [['apply.failed'], [], ['apply.failed'], ['recovered']],
    },
    {
      scenario: 'a terminal failure is stalled (not apply.failed), once',
      mode: 'apply' as const,
      steps: [failed('AWS_ACCESS_DENIED', true), failed('AWS_ACCESS_DENIED', true), { lastRun: aRun('in-sync') }],
      expected: [['stalled'], [], ['recovered']],
    },
    {
      scenario: 'a spec that never loaded is stalled once; repaired, it is recovered at its first run (not before)',
      mode: 'plan' as const,
      steps: [
        { specProblem: { code: 'SPEC_UNKNOWN_FIELD', message: 'x', since: 0 } },
        { specProblem: { code: 'SPEC_UNKNOWN_FIELD', message: 'x', since: 0 } },
        {},
        { lastRun: aRun('in-sync') },
      ],
      expected: [['stalled'], [], [], ['recovered']],
    },
    {
      scenario: 'deferred steps waiting: once per set of waiting steps',
      mode: 'apply' as const,
      steps: [
        withBlocked('user connected', 'deferred'),
        withBlocked('user connected', 'deferred'),
        withBlocked('directory not REGISTERED'),
        { lastRun: aRun('in-sync') },
      ],
      expected: [['deferred.waiting'], [], ['deferred.waiting'], ['recovered']],
    },
  ])('$scenario', ({ mode, steps, expected }) => {
    expect(replay(mode, steps)).toEqual(expected);
  });

  it('says what happened in one line', () => {
    const state = Object.assign(newEnvironmentState('prod', 'prod.yaml'), withDrift(['office', 'lab']));
    const [event] = notificationsFor({}, state, 'plan').events;
    expect(event).toMatchObject({ type: 'drift.detected', env: 'prod', severity: 'warning' });
    expect(event!.summary).toBe('drift detected: 2 step(s) planned, not applied (ipGroup 2)');
  });
});
