import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan, defaultTuning, type ApplyRequest } from '../../../src/engine/apply-environment.js';
import type { Session } from '../../../src/engine/session.js';
import { acquireApplyLock } from '../../../src/apply/lock.js';
import { virtualClock } from '../../../src/apply/clock.js';
import { ApiQueues, type QueueOptions } from '../../../src/limiter/queues.js';
import type { DesiredState } from '../../../src/model/desired.js';
import type { Plan } from '../../../src/model/plan.js';
import type { LiveState } from '../../../src/model/live.js';
import { InMemoryWorkspaces, planOf, stopStep } from './in-memory-workspaces.js';

const desired = {
  environment: { name: 'test-env', account: '123456789012', region: 'us-east-1' },
  policy: { protect: [], allowDestroy: false },
  resources: [],
} as unknown as DesiredState;
const live: LiveState = { account: '123456789012', region: 'us-east-1', resources: [], stats: { calls: {} } };

function request(port: InMemoryWorkspaces, extra: Partial<ApplyRequest> = {}): ApplyRequest {
  const session = { port, endpoint: 'http://127.0.0.1:1', limiter: (_account: string, rates?: QueueOptions) => new ApiQueues(rates) } as unknown as Session;
  return {
    session,
    desired,
    live,
    allowDestroy: false,
    lockDirectory: join(mkdtempSync(join(tmpdir(), 'wsr-apply-')), 'locks'),
    tuning: { queues: { totalRate: false }, clock: virtualClock() },
    ...extra,
  };
}

function terminatePlan(count: number): Plan {
  return planOf(
    Array.from({ length: count }, (_, i) => ({
      ...stopStep(`u${i}`, { dependsOn: [] }),
      id: `t${i}`,
      operation: 'TerminateWorkspaces',
      action: 'delete' as const,
      destructive: true,
      input: { TerminateWorkspaceRequests: [{ WorkspaceId: `ws-${i}` }] },
      batch: { member: 'TerminateWorkspaceRequests', max: 25 },
      target: `ws-${i}`,
    })),
  );
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('applyPlan', () => {
  it('refuses destructive steps without allowDestroy, before any call', async () => {
    const port = new InMemoryWorkspaces();
    expect(await codeOf(applyPlan(terminatePlan(2), request(port)))).toBe('PLAN_DESTROY_NOT_ALLOWED');
    expect(port.calls).toHaveLength(0);
  });

  it('without policy.maxDestroy, refuses more destructive steps than the default cap (10 for a small spec), before any call', async () => {
    const port = new InMemoryWorkspaces();
    expect(await codeOf(applyPlan(terminatePlan(11), request(port, { allowDestroy: true })))).toBe('PLAN_DESTROY_LIMIT');
    expect(port.calls).toHaveLength(0);
  });

  it('refuses more destructive steps than maxDestroy, before any call', async () => {
    const port = new InMemoryWorkspaces();
    expect(await codeOf(applyPlan(terminatePlan(6), request(port, { allowDestroy: true, maxDestroy: 5 })))).toBe('PLAN_DESTROY_LIMIT');
    expect(port.calls).toHaveLength(0);
  });

  it('refuses while another apply of the environment holds the lock, before any call', async () => {
    const port = new InMemoryWorkspaces();
    const req = request(port);
    acquireApplyLock('test-env', { directory: req.lockDirectory, isAlive: () => true });
    expect(await codeOf(applyPlan(planOf([stopStep('a', { dependsOn: [] })]), req))).toBe('APPLY_LOCKED');
    expect(port.calls).toHaveLength(0);
  });

  it('refuses a plan made for another environment', async () => {
    const port = new InMemoryWorkspaces();
    const plan = { ...planOf([]), environment: 'other' };
    expect(await codeOf(applyPlan(plan, request(port)))).toBe('PLAN_ENVIRONMENT_MISMATCH');
  });

  it('releases the lock when done, so the next apply may run', async () => {
    const port = new InMemoryWorkspaces();
    const req = request(port, { allowDestroy: true });
    const first = await applyPlan(terminatePlan(1), req);
    expect(first.failed).toBe(1); // ws-0 is not in the live state: the guard fails the step, an outcome not a throw
    await expect(applyPlan(planOf([]), req)).resolves.toMatchObject({ steps: [] });
  });

  it("defaults to about 2 calls/s in total for AWS, and to the emulator's per-operation buckets on loopback", () => {
    expect(defaultTuning(undefined).queues).toEqual({});
    expect(defaultTuning('https://workspaces.eu-west-1.amazonaws.com').queues).toEqual({});
    expect(defaultTuning('http://127.0.0.1:4566').queues).toMatchObject({ totalRate: false, familyRate: { perSecond: 2, burst: 5 } });
  });
});
