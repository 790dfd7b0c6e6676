import { describe, expect, it, vi } from 'vitest';
import { ReconcileLoop, type ReconcileLoopOptions } from '../../../src/daemon/loop.js';
import { conditionOf } from '../../../src/daemon/environment-state.js';
import { DaemonMetrics } from '../../../src/daemon/metrics.js';
import { AwsError, SpecError } from '../../../src/errors.js';
import type { ReconcileResult } from '../../../src/engine/reconcile.js';
import { aChange, aResult, checkSpecByMarker, deferred, ManualClock, MemorySpecStore, ScriptedReconcile } from './fakes.js';

const GOOD = 'apiVersion: wsr/v1\n';

function aLoop(overrides: Partial<ReconcileLoopOptions> & { store: MemorySpecStore; reconcile: ScriptedReconcile; clock?: ManualClock }) {
  const { reconcile, clock, ...rest } = overrides;
  return new ReconcileLoop({
    checkSpec: checkSpecByMarker,
    mode: 'apply',
    connection: { endpoint: 'http://127.0.0.1:1' },
    backoff: { baseMs: 1_000, capMs: 8_000 },
    now: (clock ?? new ManualClock()).now,
    ...rest,
    reconcileFn: reconcile.fn,
  });
}

function stateOf(loop: ReconcileLoop, env: string) {
  const state = loop.states().find((s) => s.env === env);
  if (!state) throw new Error(`no environment ${env}`);
  return state;
}

describe('ReconcileLoop', () => {
  it('reconciles every spec file of the directory as its own environment', async () => {
    const store = new MemorySpecStore({ 'specs/prod.yaml': GOOD, 'specs/staging.yml': GOOD });
    const reconcile = new ScriptedReconcile();
    const loop = aLoop({ store, reconcile });
    await loop.tick('start');
    await loop.idle();
    expect(reconcile.calls.map((c) => c.specFile).sort()).toEqual(['specs/prod.yaml', 'specs/staging.yml']);
    expect(loop.states().map((s) => [s.env, conditionOf(s).type])).toEqual([
      ['prod', 'Ready'],
      ['staging', 'Ready'],
    ]);
  });

  it('never starts a second reconcile of an environment whose run is still in flight', async () => {
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    const gate = deferred<ReconcileResult>();
    const reconcile = new ScriptedReconcile(() => gate.promise);
    const loop = aLoop({ store, reconcile });
    await loop.tick('start');
    await vi.waitFor(() => expect(reconcile.calls).toHaveLength(1));
    await loop.tick('schedule');
    await loop.tick('schedule');
    gate.resolve(aResult());
    await loop.idle();
    expect(reconcile.calls).toHaveLength(1);
    expect(reconcile.maxInFlightPerFile).toBe(1);
    await loop.tick('schedule');
    await loop.idle();
    expect(reconcile.calls).toHaveLength(2);
  });

  it('runs at most `concurrency` environments at once', async () => {
    const store = new MemorySpecStore({ 'a.yaml': GOOD, 'b.yaml': GOOD, 'c.yaml': GOOD, 'd.yaml': GOOD });
    const gates = [deferred<ReconcileResult>(), deferred<ReconcileResult>(), deferred<ReconcileResult>(), deferred<ReconcileResult>()];
    let started = 0;
    const reconcile = new ScriptedReconcile(() => gates[started++]!.promise);
    const loop = aLoop({ store, reconcile, concurrency: 2 });
    await loop.tick('start');
    await vi.waitFor(() => expect(reconcile.calls).toHaveLength(2));
    gates[0]!.resolve(aResult());
    await vi.waitFor(() => expect(reconcile.calls).toHaveLength(3));
    for (const gate of gates) gate.resolve(aResult());
    await loop.idle();
    expect(reconcile.calls).toHaveLength(4);
    expect(reconcile.maxInFlight).toBe(2);
  });

  it('runs environments of different accounts alongside, at most `concurrency` per account and Region', async () => {
    // five environments in five accounts, three more in the first account
    const accountOf = (text: string) => text.trim().split(' ')[1]!;
    const specs: Record<string, string> = {};
    for (let i = 0; i < 5; i++) specs[`acct${i}.yaml`] = `acct${i} 11111111111${i}`;
    for (let i = 0; i < 3; i++) specs[`more${i}.yaml`] = `more${i} 111111111110`;
    const gate = deferred<ReconcileResult>();
    const inFlightByAccount = new Map<string, number>();
    let mostInOneAccount = 0;
    const reconcile = new ScriptedReconcile(async (options) => {
      const account = options.desired!.environment.account;
      inFlightByAccount.set(account, (inFlightByAccount.get(account) ?? 0) + 1);
      mostInOneAccount = Math.max(mostInOneAccount, inFlightByAccount.get(account)!);
      try {
        return await gate.promise;
      } finally {
        inFlightByAccount.set(account, inFlightByAccount.get(account)! - 1);
      }
    });
    const checkSpec = (file: string, text: string) => {
      const verdict = checkSpecByMarker(file, text);
      if (!verdict.ok) return verdict;
      return { ok: true as const, desired: { ...verdict.desired, environment: { ...verdict.desired.environment, account: accountOf(text) } } };
    };
    const loop = aLoop({ store: new MemorySpecStore(specs), reconcile, concurrency: 2, checkSpec });
    await loop.tick('start');
    // all five accounts at once (two in the busy one), not two environments in all
    await vi.waitFor(() => expect(reconcile.inFlight).toBe(6));
    gate.resolve(aResult());
    await loop.idle();
    expect(reconcile.calls).toHaveLength(8);
    expect(mostInOneAccount).toBe(2);
  });

  it('keeps a failure inside its environment', async () => {
    const store = new MemorySpecStore({ 'broken-account.yaml': GOOD, 'fine.yaml': GOOD });
    const reconcile = new ScriptedReconcile(async (options) => {
      if (options.specFile === 'broken-account.yaml') throw new AwsError('AWS_TRANSIENT', 'DescribeWorkspaces failed (AWS InternalFailure)');
      return aResult();
    });
    const loop = aLoop({ store, reconcile });
    await loop.tick('start');
    await loop.idle();
    expect(conditionOf(stateOf(loop, 'broken-account'))).toMatchObject({ type: 'Reconciling', reason: 'AWS_TRANSIENT' });
    expect(conditionOf(stateOf(loop, 'fine'))).toMatchObject({ type: 'Ready', reason: 'InSync' });
  });

  it('backs off exponentially after transient failures and retries once the backoff has passed', async () => {
    const clock = new ManualClock();
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    const reconcile = new ScriptedReconcile(async () => {
      throw new AwsError('AWS_THROTTLED', 'DescribeWorkspaces failed (AWS ThrottlingException)');
    });
    const loop = aLoop({ store, reconcile, clock });
    const tickAndSettle = async () => {
      await loop.tick('schedule');
      await loop.idle();
    };
    await tickAndSettle(); // failure 1 → wait 1 s
    clock.advance(999);
    await tickAndSettle();
    expect(reconcile.calls).toHaveLength(1);
    clock.advance(1);
    await tickAndSettle(); // failure 2 → wait 2 s
    expect(reconcile.calls).toHaveLength(2);
    clock.advance(1_999);
    await tickAndSettle();
    expect(reconcile.calls).toHaveLength(2);
    clock.advance(1);
    await tickAndSettle();
    expect(reconcile.calls).toHaveLength(3);
    expect(stateOf(loop, 'prod').consecutiveFailures).toBe(3);
  });

  it('clears the backoff and the failing streak after a success', async () => {
    const clock = new ManualClock();
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    let fail = true;
    const reconcile = new ScriptedReconcile(async () => {
      if (fail) throw new AwsError('AWS_TRANSIENT', 'InternalFailure');
      return aResult();
    });
    const loop = aLoop({ store, reconcile, clock });
    await loop.tick('start');
    await loop.idle();
    expect(stateOf(loop, 'prod').failingSince).toBe(clock.ms);
    fail = false;
    clock.advance(1_000);
    await loop.tick('schedule');
    await loop.idle();
    expect(stateOf(loop, 'prod')).toMatchObject({ consecutiveFailures: 0, failingSince: undefined, nextAttemptAt: undefined, lastSuccessAt: clock.ms });
  });

  it('stalls on a terminal failure until the spec file changes', async () => {
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    const reconcile = new ScriptedReconcile(async () => {
      throw new AwsError('AWS_ACCESS_DENIED', 'DescribeWorkspaces failed (AWS AccessDeniedException)');
    });
    const loop = aLoop({ store, reconcile });
    await loop.tick('start');
    await loop.idle();
    await loop.tick('schedule');
    await loop.idle();
    expect(reconcile.calls).toHaveLength(1);
    expect(conditionOf(stateOf(loop, 'prod'))).toMatchObject({ type: 'Stalled', reason: 'AWS_ACCESS_DENIED' });
    store.files.set('prod.yaml', `${GOOD}# role fixed\n`);
    await loop.tick('schedule');
    await loop.idle();
    expect(reconcile.calls).toHaveLength(2);
  });

  it('stalls on a spec error the engine reports (SpecError is user input)', async () => {
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    const reconcile = new ScriptedReconcile(async () => {
      throw new SpecError('SPEC_UNKNOWN_REF', 'bundle "standrd" is not declared');
    });
    const loop = aLoop({ store, reconcile });
    await loop.tick('start');
    await loop.idle();
    expect(conditionOf(stateOf(loop, 'prod'))).toMatchObject({ type: 'Stalled', reason: 'SPEC_UNKNOWN_REF' });
  });

  it('keeps reconciling the last good spec while the file on disk is invalid, and reports the error once per bad content', async () => {
    const metrics = new DaemonMetrics({ defaultMetrics: false });
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    const reconcile = new ScriptedReconcile();
    const loop = aLoop({ store, reconcile, metrics });
    await loop.tick('start');
    await loop.idle();
    store.files.set('prod.yaml', 'BROKEN: [\n');
    await loop.tick('schedule');
    await loop.idle();
    await loop.tick('schedule');
    await loop.idle();
    expect(reconcile.calls).toHaveLength(3);
    expect(reconcile.calls.map((c) => c.desired?.environment.name)).toEqual([
      'prod.yaml|apiVersion: wsr/v1',
      'prod.yaml|apiVersion: wsr/v1',
      'prod.yaml|apiVersion: wsr/v1',
    ]);
    expect(conditionOf(stateOf(loop, 'prod'))).toMatchObject({ type: 'Stalled', reason: 'SpecInvalid' });
    expect(stateOf(loop, 'prod').lastRun?.usedLastGoodSpec).toBe(true);
    expect(await metrics.text()).toContain('wsr_spec_load_errors_total{env="prod"} 1');
    store.files.set('prod.yaml', `${GOOD}# fixed\n`);
    await loop.tick('schedule');
    await loop.idle();
    expect(reconcile.calls.at(-1)?.desired?.environment.name).toBe('prod.yaml|apiVersion: wsr/v1\n# fixed');
    expect(conditionOf(stateOf(loop, 'prod')).type).toBe('Ready');
  });

  it('never reconciles an environment whose spec has never loaded', async () => {
    const store = new MemorySpecStore({ 'new.yaml': 'BROKEN' });
    const reconcile = new ScriptedReconcile();
    const loop = aLoop({ store, reconcile });
    await loop.tick('start');
    await loop.idle();
    expect(reconcile.calls).toHaveLength(0);
    expect(loop.readiness(60_000).reasons).toEqual([expect.stringMatching(/^new: first reconcile not finished \(Stalled SpecInvalid: SPEC_YAML_SYNTAX/)]);
  });

  it('reports drift without changing anything in plan mode', async () => {
    const metrics = new DaemonMetrics({ defaultMetrics: false });
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    const reconcile = new ScriptedReconcile(async () =>
      aResult({ changes: [aChange('workspace', 'd-1/alice'), aChange('workspace', 'd-1/bob'), aChange('ipGroup', 'office')] }),
    );
    const loop = aLoop({ store, reconcile, metrics, mode: 'plan' });
    await loop.tick('start');
    await loop.idle();
    expect(reconcile.calls[0]?.mode).toBe('plan');
    expect(conditionOf(stateOf(loop, 'prod'))).toMatchObject({ type: 'Ready', reason: 'DriftDetected' });
    const text = await metrics.text();
    expect(text).toContain('wsr_drift_resources{env="prod",kind="workspace"} 2');
    expect(text).toContain('wsr_drift_resources{env="prod",kind="ipGroup"} 1');
    expect(text).toContain('wsr_reconcile_total{env="prod",result="changes-planned"} 1');
  });

  it('treats failed apply steps as a transient failure so the next run retries them', async () => {
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    const reconcile = new ScriptedReconcile(async () =>
      aResult({ changes: [aChange('workspace', 'd-1/alice')], report: { succeeded: 2, failed: 1, skipped: 3 } }),
    );
    const loop = aLoop({ store, reconcile });
    await loop.tick('start');
    await loop.idle();
    expect(stateOf(loop, 'prod').lastRun).toMatchObject({
      result: 'failed',
      apply: { succeeded: 2, failed: 1, skipped: 3 },
      failure: { code: 'APPLY_STEP_FAILED', terminal: false },
    });
  });

  it('counts the API calls and throttles of each run from the engine events it hands to reconcile', async () => {
    const metrics = new DaemonMetrics({ defaultMetrics: false });
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    const reconcile = new ScriptedReconcile(async (options) => {
      options.events?.emit({ type: 'api.call', operation: 'DescribeWorkspaces', outcome: 'throttled', ms: 1 });
      options.events?.emit({ type: 'api.call', operation: 'DescribeWorkspaces', outcome: 'ok', ms: 1 });
      return aResult();
    });
    const loop = aLoop({ store, reconcile, metrics });
    await loop.tick('start');
    await loop.idle();
    expect(stateOf(loop, 'prod').lastRun).toMatchObject({ apiCalls: 2, throttled: 1 });
    expect(await metrics.text()).toContain('wsr_api_calls_total{operation="DescribeWorkspaces",result="throttled"} 1');
  });

  it('forgets an environment whose spec file disappeared', async () => {
    const metrics = new DaemonMetrics({ defaultMetrics: false });
    const store = new MemorySpecStore({ 'a.yaml': GOOD, 'gone.yaml': GOOD });
    const loop = aLoop({ store, reconcile: new ScriptedReconcile(), metrics });
    await loop.tick('start');
    await loop.idle();
    store.files.delete('gone.yaml');
    await loop.tick('schedule');
    await loop.idle();
    expect(loop.states().map((s) => s.env)).toEqual(['a']);
    expect(await metrics.text()).not.toContain('env="gone"');
  });

  it('survives a spec path that cannot be listed and says so in readiness', async () => {
    const store = new MemorySpecStore();
    store.failList = new SpecError('DAEMON_SPEC_PATH_UNREADABLE', 'cannot read spec path /specs: ENOENT');
    const loop = aLoop({ store, reconcile: new ScriptedReconcile() });
    await loop.tick('start');
    expect(loop.readiness(60_000).reasons[0]).toBe('DAEMON_SPEC_PATH_UNREADABLE: cannot read spec path /specs: ENOENT');
  });

  it('delays scheduled runs by a random jitter within the bound, but not the first run', async () => {
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    const waits: number[] = [];
    const loop = aLoop({ store, reconcile: new ScriptedReconcile(), maxJitterMs: 1_000, random: () => 0.25, delay: async (ms) => void waits.push(ms) });
    await loop.tick('start');
    await loop.idle();
    await loop.tick('schedule');
    await loop.idle();
    expect(waits).toEqual([250]);
  });

  it('on stop aborts the signal handed to reconcile, drops queued runs and waits for the one in flight', async () => {
    const store = new MemorySpecStore({ 'a.yaml': GOOD, 'b.yaml': GOOD });
    const reconcile = new ScriptedReconcile(
      (options) =>
        new Promise((resolve) => {
          options.signal?.addEventListener('abort', () => resolve(aResult()), { once: true });
        }),
    );
    const loop = aLoop({ store, reconcile, concurrency: 1 });
    await loop.tick('start');
    await vi.waitFor(() => expect(reconcile.calls).toHaveLength(1));
    expect(await loop.stop(5_000)).toBe(true);
    expect(reconcile.calls).toHaveLength(1);
    await loop.tick('schedule');
    expect(reconcile.calls).toHaveLength(1);
  });

  it('gives up waiting for a run that ignores the abort once the drain budget is spent', async () => {
    const store = new MemorySpecStore({ 'a.yaml': GOOD });
    const reconcile = new ScriptedReconcile(() => new Promise<never>(() => undefined));
    const loop = aLoop({ store, reconcile });
    await loop.tick('start');
    await vi.waitFor(() => expect(reconcile.calls).toHaveLength(1));
    expect(await loop.stop(10)).toBe(false);
  });
});

describe('ReconcileLoop control (suspend, resume, reconcile now) and history', () => {
  it('skips a suspended environment on the schedule and reconciles it at once on resume', async () => {
    const store = new MemorySpecStore({ 'prod.yaml': GOOD, 'staging.yaml': GOOD });
    const reconcile = new ScriptedReconcile();
    const loop = aLoop({ store, reconcile });
    await loop.tick('start');
    await loop.idle();
    expect(loop.suspend('prod')).toBe(true);
    for (let i = 0; i < 3; i++) {
      await loop.tick('schedule');
      await loop.idle();
    }
    expect(reconcile.callsFor('prod.yaml')).toBe(1);
    expect(reconcile.callsFor('staging.yaml')).toBe(4);
    expect(loop.requestReconcile('prod')).toBe('suspended');
    expect(loop.resume('prod')).toBe(true);
    await loop.idle();
    expect(reconcile.callsFor('prod.yaml')).toBe(2);
    expect(stateOf(loop, 'prod').lastRun?.trigger).toBe('manual');
    expect(loop.suspend('nope')).toBe(false);
    expect(loop.requestReconcile('nope')).toBe('unknown-environment');
  });

  it('reconciles now on request, skipping the backoff, and retries a stalled environment once', async () => {
    const clock = new ManualClock();
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    let answer: () => Promise<ReconcileResult> = async () => {
      throw new AwsError('AWS_ACCESS_DENIED', 'DescribeWorkspaces failed (AWS AccessDeniedException)');
    };
    const reconcile = new ScriptedReconcile(() => answer());
    const loop = aLoop({ store, reconcile, clock });
    await loop.tick('start');
    await loop.idle();
    expect(conditionOf(stateOf(loop, 'prod')).type).toBe('Stalled');
    await loop.tick('schedule');
    await loop.idle();
    expect(reconcile.calls).toHaveLength(1);
    // the IAM policy was fixed outside the spec: a manual reconcile tries again
    answer = async () => aResult();
    expect(loop.requestReconcile('prod')).toBe('queued');
    await loop.idle();
    expect(reconcile.calls).toHaveLength(2);
    expect(conditionOf(stateOf(loop, 'prod'))).toMatchObject({ type: 'Ready', reason: 'InSync' });
  });

  it('queues one more run when asked while a run is in flight', async () => {
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    const gate = deferred<ReconcileResult>();
    let calls = 0;
    const reconcile = new ScriptedReconcile(() => (++calls === 1 ? gate.promise : Promise.resolve(aResult())));
    const loop = aLoop({ store, reconcile });
    await loop.tick('start');
    await vi.waitFor(() => expect(reconcile.calls).toHaveLength(1));
    expect(loop.requestReconcile('prod')).toBe('queued-after-current');
    expect(loop.requestReconcile('prod')).toBe('queued-after-current');
    gate.resolve(aResult());
    await vi.waitFor(() => expect(reconcile.calls).toHaveLength(2));
    await loop.idle();
    expect(reconcile.calls).toHaveLength(2);
    expect(reconcile.maxInFlightPerFile).toBe(1);
    expect(stateOf(loop, 'prod').history.map((run) => run.trigger)).toEqual(['manual', 'start']);
  });

  it('keeps the last N runs newest first, and the last plan grouped by action', async () => {
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    const reconcile = new ScriptedReconcile(async () => aResult({ changes: [aChange('ipGroup', 'office'), aChange('ipGroup', 'lab', 'create')] }));
    const loop = aLoop({ store, reconcile, mode: 'plan', historySize: 3 });
    for (let i = 0; i < 5; i++) {
      await loop.tick('schedule');
      await loop.idle();
    }
    const state = stateOf(loop, 'prod');
    expect(state.history.map((run) => run.runId)).toEqual(['prod-5', 'prod-4', 'prod-3']);
    expect(state.lastPlan?.sections.map((section) => [section.action, section.total, section.groups.map((group) => group.members)])).toEqual([
      ['create', 1, ['ipGroup/lab']],
      ['update', 1, ['ipGroup/office']],
    ]);
  });

  it('tells the observer about every recorded run and spec problem, and survives an observer that throws', async () => {
    const store = new MemorySpecStore({ 'prod.yaml': GOOD });
    const seen: string[] = [];
    const loop = aLoop({
      store,
      reconcile: new ScriptedReconcile(),
      onEnvironmentChanged: (state) => {
        seen.push(`${state.reconciles}:${state.specProblem?.code ?? 'ok'}`);
        throw new Error('observer bug');
      },
    });
    await loop.tick('start');
    await loop.idle();
    store.files.set('prod.yaml', 'BROKEN');
    await loop.tick('schedule');
    await loop.idle();
    // the bad content is told at once; the run on the last good spec after it
    expect(seen).toEqual(['1:ok', '1:SPEC_YAML_SYNTAX', '2:SPEC_YAML_SYNTAX']);
    expect(stateOf(loop, 'prod').specProblem?.code).toBe('SPEC_YAML_SYNTAX');
  });
});

describe('ReconcileLoop environment identity', () => {
  it('refuses two spec files with one environment identity (name, account, Region), naming both files, and retries once one is fixed', async () => {
    const store = new MemorySpecStore({ 'specs/a.yaml': 'name: corp-prod\n', 'specs/b.yaml': 'name: corp-prod\n' });
    const reconcile = new ScriptedReconcile();
    const loop = aLoop({ store, reconcile });
    await loop.tick('start');
    await loop.idle();

    expect(reconcile.calls).toEqual([]);
    for (const env of ['a', 'b']) {
      expect(stateOf(loop, env).lastRun?.failure).toMatchObject({
        code: 'ENV_DUPLICATE',
        message:
          'specs/a.yaml and specs/b.yaml both define environment corp-prod (123456789012/us-east-1); each environment needs its own metadata.name (both are refused)',
        terminal: false,
      });
    }
    store.files.set('specs/b.yaml', 'name: corp-staging\n');
    for (const env of ['a', 'b']) loop.requestReconcile(env);
    await loop.idle();
    expect(reconcile.calls.map((call) => call.specFile).sort()).toEqual(['specs/a.yaml', 'specs/b.yaml']);
  });
});
