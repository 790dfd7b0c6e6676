import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDaemon, type RunningDaemon } from '../../../src/daemon/run-daemon.js';
import { DaemonMetrics } from '../../../src/daemon/metrics.js';
import { checkSpecByMarker, MemorySpecStore, ScriptedReconcile } from './fakes.js';

let daemon: RunningDaemon | undefined;
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
});

// a schedule that never fires during a test: only the start-up reconcile runs
const NEVER_DURING_TESTS = '0 0 1 1 *';

describe('startDaemon', () => {
  it('reconciles every environment once at start and turns ready', async () => {
    const reconcile = new ScriptedReconcile();
    daemon = await startDaemon({
      specPath: 'specs/',
      store: new MemorySpecStore({ 'specs/prod.yaml': 'prod', 'specs/staging.yaml': 'staging' }),
      reconcileFn: reconcile.fn,
      checkSpec: checkSpecByMarker,
      connection: {},
      schedule: NEVER_DURING_TESTS,
      port: 0,
      metrics: new DaemonMetrics({ defaultMetrics: false }),
    });
    const url = daemon.url;
    await vi.waitFor(async () => expect((await fetch(`${url}/readyz`)).status).toBe(200));
    expect(reconcile.calls.map((c) => c.specFile).sort()).toEqual(['specs/prod.yaml', 'specs/staging.yaml']);
    const status = (await (await fetch(`${url}/status`)).json()) as { mode: string; environments: { env: string; condition: { type: string } }[] };
    expect(status.mode).toBe('apply');
    expect(status.environments.map((e) => [e.env, e.condition.type])).toEqual([
      ['prod', 'Ready'],
      ['staging', 'Ready'],
    ]);
  });

  it('stops scheduling and closes the server on stop', async () => {
    daemon = await startDaemon({
      specPath: 'specs/',
      store: new MemorySpecStore({ 'specs/prod.yaml': 'prod' }),
      reconcileFn: new ScriptedReconcile().fn,
      checkSpec: checkSpecByMarker,
      connection: {},
      schedule: NEVER_DURING_TESTS,
      port: 0,
      metrics: new DaemonMetrics({ defaultMetrics: false }),
    });
    const url = daemon.url;
    expect(await daemon.stop()).toBe(true);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('refuses an invalid schedule before listening', async () => {
    await expect(
      startDaemon({
        specPath: 'specs/',
        store: new MemorySpecStore(),
        reconcileFn: new ScriptedReconcile().fn,
        checkSpec: checkSpecByMarker,
        connection: {},
        schedule: '61 * * * *',
        port: 0,
      }),
    ).rejects.toMatchObject({ code: 'DAEMON_SCHEDULE_INVALID' });
  });
});
