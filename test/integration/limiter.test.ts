/**
 * The limiter every call goes through, end to end (real SDK → emulator with its AWS-like token
 * buckets): an apply of many desktops under one AbortSignal raises no MaxListenersExceededWarning
 * and leaves no timer that would keep the process alive once it is done; the daemon's
 * environments of one account share that account's budget (zero throttled attempts).
 */
import { createHook } from 'node:async_hooks';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { preparePlan } from '../../src/engine/plan-environment.js';
import { applyPrepared } from '../helpers/apply-prepared.js';
import { RegisterWorkspaceDirectoryCommand } from '@aws-sdk/client-workspaces';
import { DIRECTORY, fleetSpec, users, writeSpec } from './apply-support/fleet-spec.js';
import { ReconcileLoop } from '../../src/daemon/loop.js';
import { FileSpecStore } from '../../src/daemon/spec-store.js';
import { checkSpecText } from '../../src/daemon/check-spec-text.js';
import { reconcile } from '../../src/engine/reconcile.js';

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ rateLimits: { capacity: 5, refillPerSecond: 2 } });
});
afterAll(async () => {
  await emulator.stop();
});

/** Desktops in the registered directory, referenced by id: one environment may manage a directory, many may use it. */
function desktopsOnlySpec(name: string, desktopUsers: readonly string[]): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: ${name}, account: "123456789012", region: us-east-1}
policy: {prune: false}
defaults:
  workspace: {directory: ${DIRECTORY}, bundle: wsb-stdwin0001, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
workspaces:
  - users: [${desktopUsers.join(', ')}]
`;
}

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
      // the default queues (the shared limiter), not the tests' unpaced ones
      const report = await applyPrepared(prepared, { signal: controller.signal, tuning: { waits: { initialPollMs: 20, maxPollMs: 100 } } });
      expect(report.failed).toBe(0);
      expect(report.calls.CreateWorkspaces).toBe(2);
      // warnings are emitted on the next tick
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
      expect(timers()).toBeLessThanOrEqual(timersBefore);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('no timer left at exit (the p-queue interval kept apply alive up to 2.5 s after its last output)', () => {
  it('after a plan and an apply whose every call waited for its token, no timer they started is left to keep the process alive', async () => {
    // every Timeout started from here on, until it fires or is cleared
    const started = new Map<number, { hasRef(): boolean }>();
    let timersStarted = 0;
    const hook = createHook({
      init(id, type, _trigger, resource) {
        if (type !== 'Timeout') return;
        timersStarted += 1;
        started.set(id, resource as { hasRef(): boolean });
      },
      destroy(id) {
        started.delete(id);
      },
    }).enable();
    try {
      // burst 1 at 50/s: every call after the first waits ~20 ms for a token, so the buckets time callers all along
      const rateLimits = { totalRate: { perSecond: 50, burst: 1 }, familyRate: false as const };
      const specFile = writeSpec(fleetSpec({ users: users(30, 'timer'), prune: false }));
      const prepared = await preparePlan({ specFile, connection: { endpoint: emulator.endpoint, rateLimits } });
      // the plan's budget for the apply too (no tuning.queues), quick polls
      const report = await applyPrepared(prepared, { tuning: { waits: { initialPollMs: 20, maxPollMs: 100 } } });
      expect(report.failed).toBe(0);
      expect(Object.values(report.calls).reduce((sum: number, count) => sum + (count ?? 0), 0)).toBeGreaterThan(3);
      await new Promise((resolve) => setImmediate(resolve));
      // the buckets and the waits did time callers (so this proves something)
      expect(timersStarted).toBeGreaterThan(10);
      expect([...started.values()].filter((timer) => timer.hasRef())).toHaveLength(0);
    } finally {
      hook.disable();
    }
  });
});

describe('what a plan reads', () => {
  it('reads only the kinds the spec can touch: no pools, images, bundles or aliases for a spec without them (prune off)', async () => {
    await emulator.admin('reset-calls');
    const specFile = writeSpec(fleetSpec({ users: users(3), prune: false }));
    const prepared = await preparePlan({ specFile, connection: { endpoint: emulator.endpoint } });
    await prepared.session.close();
    const calls = await emulator.calls();
    expect(Object.keys(calls).sort()).toEqual(['DescribeIpGroups', 'DescribeWorkspaceDirectories', 'DescribeWorkspaces']);
    expect(calls.DescribeWorkspacesPools).toBeUndefined();
  });
});

describe('daemon environments in one account', () => {
  it('share the account budget: 10 environments reconciled together draw zero throttled attempts', async () => {
    // one bucket for every WorkSpaces operation of the account, as AWS meters it (fast here: 20/s)
    const account = await startTestEmulator({ rateLimits: { capacity: 5, refillPerSecond: 20 }, rateLimitScope: 'account' });
    try {
      // registered already, so every environment also pages through its desktops
      await account.client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY, SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'] }));
      await account.admin('reset-calls');
      const directory = mkdtempSync(join(tmpdir(), 'wsr-one-account-'));
      for (let i = 0; i < 10; i++) {
        writeFileSync(join(directory, `env${i}.yaml`), desktopsOnlySpec(`env${i}`, users(5, `env${i}-user`)));
      }
      const loop = new ReconcileLoop({
        store: new FileSpecStore(directory),
        reconcileFn: reconcile,
        checkSpec: checkSpecText,
        mode: 'plan',
        connection: { endpoint: account.endpoint, rateLimits: { totalRate: { perSecond: 20, burst: 5 }, familyRate: false } },
        concurrency: 10,
      });
      await loop.tick('start');
      await loop.idle();
      expect(loop.states().map((state) => state.lastRun?.failure?.message ?? state.lastRun?.result)).toEqual(Array(10).fill('changes-planned'));
      const counts = (await (await fetch(`${account.endpoint}/_emulator/calls`)).json()) as {
        calls: Record<string, number>;
        throttled: Record<string, number>;
      };
      expect(counts.calls).toEqual({ DescribeWorkspaceDirectories: 10, DescribeWorkspaces: 10 });
      expect(counts.throttled).toEqual({});
    } finally {
      await account.stop();
    }
  });
});
