import { describe, expect, it } from 'vitest';
import { applyProgressLine, callsNeeded, estimateLeftMs, formatDuration } from '../../../src/cli/progress.js';
import { summariseInterrupted } from '../../../src/cli/interruption.js';
import type { ApplyReport, StepReport } from '../../../src/model/apply-report.js';
import { aWorkspace, planOf } from '../../helpers/builders.js';

const progress = (done: number, total: number) => ({ total, succeeded: done, failed: 0, skipped: 0, calling: 3, waiting: 40, inFlight: 1 });

describe('apply progress', () => {
  it('names its counters in words, with the time elapsed and left', () => {
    expect(applyProgressLine({ ...progress(379, 1003), failed: 2 }, 72_000, 190_000)).toBe(
      'applying: 381 of 1003 steps done (2 failed) · 1 API call in flight · 3 steps queued for a call · 40 waiting for AWS to finish · 1m 12s elapsed · about 3m 10s left',
    );
  });

  it('counts the calls a plan needs at least: creates 25 per call', () => {
    const plan = planOf(
      Array.from({ length: 60 }, (_, index) => aWorkspace({ userName: `u${index}` })),
      [],
    );
    expect(callsNeeded(plan)).toBe(3);
  });

  it('never promises less than the rate budget allows, and follows the pace seen once steps finish', () => {
    // 1,000 steps needing 1,000 calls at 2/s: 500 s before anything is done
    expect(estimateLeftMs(progress(0, 1000), 0, 1000, 2)).toBe(500_000);
    // half done in 100 s: the budget says 250 s left, the pace seen says 100 s; the budget wins
    expect(estimateLeftMs(progress(500, 1000), 100_000, 1000, 2)).toBe(250_000);
    // half done in 600 s: slower than the budget, so the pace seen
    expect(estimateLeftMs(progress(500, 1000), 600_000, 1000, 2)).toBe(600_000);
  });

  it('formats durations as a person reads them', () => {
    expect([formatDuration(4_400), formatDuration(65_000), formatDuration(3_725_000)]).toEqual(['4s', '1m 05s', '1h 02m']);
  });
});

describe('interrupted apply', () => {
  const step = (id: string, outcome: StepReport['outcome'], extra: Partial<StepReport> = {}): StepReport => ({
    stepId: id,
    key: id,
    operation: 'CreateWorkspaces',
    outcome,
    ms: 0,
    ...extra,
  });

  it('sums up what Ctrl-C stopped in one line and keeps real failures apart', () => {
    const report: ApplyReport = {
      steps: [
        step('a', 'succeeded'),
        step('b', 'failed', { error: 'interrupted by SIGINT' }),
        step('c', 'skipped', { becauseOf: 'b' }),
        step('d', 'skipped', { error: 'apply aborted before this step started' }),
        step('e', 'failed', { error: 'AWS ResourceLimitExceededException: too many' }),
        step('f', 'skipped', { becauseOf: 'e' }),
      ],
      calls: {},
      ms: 0,
      succeeded: 1,
      failed: 2,
      skipped: 3,
    };
    const outcome = summariseInterrupted(report);
    expect(outcome.line).toBe('interrupted: 1 done, 1 stopped while waiting, 2 not started, 1 failed — run apply again to finish');
    expect(outcome.failures.map((failure) => failure.stepId)).toEqual(['e']);
  });
});
