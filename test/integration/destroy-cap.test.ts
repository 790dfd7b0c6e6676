/**
 * A mass delete needs a person: without policy.maxDestroy an apply destroys at most the default
 * cap (the larger of 10 and 10 % of the resources the spec manages), the plan shows the cap in
 * force, and only --max-destroy (ApplyRequest.maxDestroy) raises it for one run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { applyPrepared } from '../helpers/apply-prepared.js';
import { preparePlan, type PreparedPlan } from '../../src/engine/plan-environment.js';
import type { ApplyRequest } from '../../src/engine/apply-environment.js';
import { renderPlanText } from '../../src/plan/render/text.js';
import { desktops, fleetSpec, mutatingCalls, users, writeSpec } from './apply-support/fleet-spec.js';

let emulator: TestEmulator;
const fleet = users(1000);

function plan(specFile: string, extra: { destroy?: boolean } = {}): Promise<PreparedPlan> {
  return preparePlan({ specFile, connection: { endpoint: emulator.endpoint }, readPace: false, ...extra });
}

function apply(prepared: PreparedPlan, extra: Partial<ApplyRequest> = {}) {
  return applyPrepared(prepared, {
    allowDestroy: true,
    tuning: { queues: { totalRate: false, concurrency: 8 }, waits: { initialPollMs: 10, maxPollMs: 50 } },
    ...extra,
  });
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  const created = await apply(await plan(writeSpec(fleetSpec({ users: fleet }))));
  expect(created.failed).toBe(0);
}, 120_000);
afterAll(async () => {
  await emulator.stop();
});

describe('the default destroy cap', () => {
  it('a spec without maxDestroy that drops all 1,000 desktops is refused even with allowDestroy; the plan shows the cap', async () => {
    const prepared = await plan(writeSpec(fleetSpec({ users: [] })));
    expect(prepared.plan.steps.filter((step) => step.operation === 'TerminateWorkspaces')).toHaveLength(1000);
    expect(prepared.plan.destroyCap).toEqual({ limit: 10, source: 'default', managed: 2 });
    expect(renderPlanText(prepared.plan)).toContain(
      'Destroy cap: 10 destructive steps per apply (default: the larger of 10 and 10% of the 2 resources the spec manages; --max-destroy raises it)',
    );
    await emulator.admin('reset-calls');

    await expect(apply(prepared)).rejects.toMatchObject({
      code: 'PLAN_DESTROY_LIMIT',
      message: expect.stringContaining('more than the limit of 10 (the default cap'),
    });
    expect(mutatingCalls(await emulator.calls())).toEqual({});
  });

  it('plan --destroy of the 1,000-desktop spec is capped at 10 % of what it manages (101)', async () => {
    const prepared = await plan(writeSpec(fleetSpec({ users: fleet })), { destroy: true });
    expect(prepared.plan.destroyCap).toMatchObject({ limit: 101, source: 'default' });
    await expect(apply(prepared)).rejects.toMatchObject({ code: 'PLAN_DESTROY_LIMIT' });
    expect(mutatingCalls(await emulator.calls())).toEqual({});
    expect(await desktops(emulator.client)).toHaveLength(1000);
  });

  it('--max-destroy 1000 raises the cap for one run: all 1,000 are terminated', async () => {
    const report = await apply(await plan(writeSpec(fleetSpec({ users: [] }))), { maxDestroy: 1000 });
    expect(report.failed).toBe(0);
    expect(await desktops(emulator.client)).toEqual([]);
  }, 120_000);
});
