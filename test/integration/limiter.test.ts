/**
 * The limiter every call goes through, end to end (real SDK → emulator with its AWS-like token
 * buckets): an apply of many desktops under one AbortSignal raises no MaxListenersExceededWarning
 * and leaves no timer that would keep the process alive once it is done.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { preparePlan } from '../../src/engine/plan-environment.js';
import { applyPlan } from '../../src/engine/apply-environment.js';
import { fleetSpec, users, writeSpec } from './apply-support/fleet-spec.js';

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ rateLimits: { capacity: 5, refillPerSecond: 2 } });
});
afterAll(async () => {
  await emulator.stop();
});

function timers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

describe('the limiter of a plan and an apply', () => {
  it('applies 30 desktops under one AbortSignal without a MaxListenersExceededWarning, and leaves no timer running', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const timersBefore = timers();
    const controller = new AbortController();
    try {
      const specFile = writeSpec(fleetSpec({ users: users(30), prune: false }));
      const prepared = await preparePlan({ specFile, connection: { endpoint: emulator.endpoint }, signal: controller.signal });
      try {
        const report = await applyPlan(prepared.plan, {
          session: prepared.session,
          desired: prepared.desired,
          live: prepared.live,
          allowDestroy: false,
          signal: controller.signal,
          lockDirectory: join(mkdtempSync(join(tmpdir(), 'wsr-limiter-')), 'locks'),
          tuning: { waits: { initialPollMs: 20, maxPollMs: 100 } },
        });
        expect(report.failed).toBe(0);
        expect(report.calls.CreateWorkspaces).toBe(2);
      } finally {
        await prepared.session.close();
      }
      // warnings are emitted on the next tick
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
      expect(timers()).toBeLessThanOrEqual(timersBefore);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
