/**
 * wsr against the emulator in `realism: 'aws'`: transitions at 1/1000 of the admin guide's times,
 * token buckets on, and the read-after-create window (a new desktop's id is not described for a
 * while after CreateWorkspaces or MigrateWorkspace). Create, migrate, rebuild and terminate each
 * converge in one apply; the create-twice protection holds when the new id is not yet visible —
 * a lost CreateWorkspaces answer and an apply killed right after CreateWorkspaces both end with
 * exactly one desktop per user.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CreateWorkspacesCommand, DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { reconcile, type ReconcileOptions } from '../../src/engine/reconcile.js';
import { preparePlan } from '../../src/engine/plan-environment.js';
import { applyPrepared } from '../helpers/apply-prepared.js';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { quickRetries } from '../helpers/quick-retries.js';
import { DIRECTORY, desktops, desktopsPerUser } from './apply-support/fleet-spec.js';
import { withFirstCreateAnswerLost } from './apply-support/lost-create-answer.js';

const WSR = fileURLToPath(new URL('../../bin/wsr.js', import.meta.url));
/** AWS-like: 1/1000 of the admin guide's durations, per-operation buckets, the windows of realism aws. */
const REALISTIC = { timeScale: 0.001, realism: 'aws', rateLimits: { capacity: 5, refillPerSecond: 20 }, maxAttempts: 8 } as const;

function spec(users: string[], bundle = 'wsb-stdwin0001', extra = ''): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: realistic, account: "123456789012", region: us-east-1}
policy: {prune: true, allowDestroy: true}
defaults:
  workspace: {directory: corp, bundle: ${bundle}, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
directories:
  corp: {id: ${DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222]}
workspaces:
  - users: [${users.join(', ')}]
${extra}`;
}

let workdir: string;
let specFile: string;
beforeAll(async () => {
  workdir = await mkdtemp(join(tmpdir(), 'wsr-realistic-'));
  specFile = join(workdir, 'spec.yaml');
});
afterAll(() => rm(workdir, { recursive: true, force: true }));

function options(emulator: TestEmulator): Omit<ReconcileOptions, 'mode'> {
  return {
    specFile,
    connection: { endpoint: emulator.endpoint, client: { maxAttempts: 8, retryStrategy: quickRetries(8) } } as ReconcileOptions['connection'],
    apply: { lockDirectory: join(workdir, 'locks') },
    allowDestroy: true,
  };
}

async function applyOnce(emulator: TestEmulator, text: string) {
  await writeFile(specFile, text);
  const applied = await reconcile({ ...options(emulator), mode: 'apply' });
  const again = await reconcile({ ...options(emulator), mode: 'plan' });
  return { applied, again };
}

async function byUser(emulator: TestEmulator, user: string) {
  const output = await emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY, UserName: user }));
  return (output.Workspaces ?? []).filter((w) => w.State !== 'TERMINATING');
}

describe('the lifecycle in realistic mode: one apply converges', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ ...REALISTIC, readAfterCreateSeconds: 300 });
  });
  afterAll(() => emulator.stop());

  it('creates', async () => {
    const { applied, again } = await applyOnce(emulator, spec(['alice', 'bob', 'carol']));
    expect(applied.report?.failed).toBe(0);
    expect(again.plan.steps).toEqual([]);
    expect(desktopsPerUser(await desktops(emulator.client))).toEqual({ alice: 1, bob: 1, carol: 1 });
  });

  it('migrates (the new id is invisible for the window)', async () => {
    const before = (await byUser(emulator, 'alice'))[0]!.WorkspaceId;
    const { applied, again } = await applyOnce(emulator, spec(['alice', 'bob', 'carol'], 'wsb-perwin0001'));
    expect(applied.report?.failed).toBe(0);
    expect(applied.plan.steps.map((step) => step.operation)).toContain('MigrateWorkspace');
    expect(again.plan.steps).toEqual([]);
    const alice = await byUser(emulator, 'alice');
    expect(alice.map((w) => [w.BundleId, w.WorkspaceId === before])).toEqual([['wsb-perwin0001', false]]);
  });

  it('rebuilds', async () => {
    // alice's desktop was just migrated: AWS snapshots it ~30 min after it is available, and a rebuild needs that snapshot.
    // The migrate's new desktop may still be PENDING (up to 20 min): let both pass, or the rebuild races the snapshot
    // (a full run on a loaded machine once failed this apply's step)
    await emulator.advance((20 + 30) * 60 * REALISTIC.timeScale);
    await emulator.admin('reset-calls');
    const { applied, again } = await applyOnce(
      emulator,
      spec(['bob', 'carol'], 'wsb-perwin0001', `  - users: [alice]\n    actions: {rebuild: "2026-11-30-profile"}\n`),
    );
    expect(applied.report?.failed).toBe(0);
    expect((await emulator.calls()).RebuildWorkspaces).toBe(1);
    expect(again.plan.steps).toEqual([]);
    expect((await byUser(emulator, 'alice')).map((w) => w.State)).toEqual(['AVAILABLE']);
  });

  it('terminates', async () => {
    const { applied, again } = await applyOnce(emulator, spec(['alice', 'bob'], 'wsb-perwin0001'));
    expect(applied.report?.failed).toBe(0);
    expect(applied.plan.steps.map((step) => step.operation)).toContain('TerminateWorkspaces');
    expect(again.plan.steps).toEqual([]);
    expect(await byUser(emulator, 'carol')).toEqual([]);
  });
});

describe('create-twice protection while the new id is not visible', () => {
  let emulator: TestEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  it('a lost CreateWorkspaces answer: the re-read finds nothing, the re-send is refused, wsr reads again and adopts', async () => {
    emulator = await startTestEmulator({ ...REALISTIC, readAfterCreateSeconds: 1500 }); // 1.5 s
    await writeFile(specFile, spec(['dave', 'erin']));
    const prepared = await preparePlan({ specFile, connection: options(emulator).connection });
    const lossy = withFirstCreateAnswerLost(prepared.session);
    await emulator.admin('reset-calls');
    const report = await applyPrepared(
      { ...prepared, session: lossy.session },
      { allowDestroy: false, tuning: { waits: { initialPollMs: 20, maxPollMs: 200 } } },
    );

    expect(lossy.lost()).toBe(1);
    expect(report.failed).toBe(0);
    // answered (not throttled) creates: the lost one and at least one re-send (one per step when the
    // steps recover apart), each refused as ResourceExists.WorkSpace — and still one desktop per user
    const counts = (await (await fetch(`${emulator.endpoint}/_emulator/calls`)).json()) as { calls: Record<string, number>; throttled: Record<string, number> };
    expect(counts.calls.CreateWorkspaces - (counts.throttled.CreateWorkspaces ?? 0)).toBeGreaterThanOrEqual(2);
    expect(desktopsPerUser(await desktops(emulator.client))).toEqual({ dave: 1, erin: 1 });
  });

  it('an apply killed right after CreateWorkspaces and re-run creates no duplicate', async () => {
    emulator = await startTestEmulator({ ...REALISTIC, readAfterCreateSeconds: 3000, latencyMs: 10 }); // 3 s
    const fleet = ['fay', 'gus', 'hal', 'ivy'];
    await writeFile(specFile, spec(fleet));
    const cwd = await mkdtemp(join(tmpdir(), 'wsr-killed-'));
    const child = spawn(process.execPath, [WSR, 'apply', specFile, '--auto-approve', '--endpoint', emulator.endpoint, '--log-level', 'warn'], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    for (;;) {
      if (((await emulator.calls()).CreateWorkspaces ?? 0) >= 1) break;
      if (child.exitCode !== null) throw new Error('the apply exited before CreateWorkspaces');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // the re-run's read does not see the new desktops yet, so it plans to create them again
    const rerun = await reconcile({ ...options(emulator), apply: { lockDirectory: join(cwd, '.wsr', 'locks') }, mode: 'apply' });
    expect(rerun.plan.steps.filter((step) => step.operation === 'CreateWorkspaces')).toHaveLength(fleet.length);
    expect(rerun.report?.failed).toBe(0);
    expect(desktopsPerUser(await desktops(emulator.client))).toEqual(Object.fromEntries(fleet.map((user) => [user, 1])));
    // and the service never had two for one user: a direct create for one of them is refused
    const again = await emulator.client.send(
      new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: DIRECTORY, UserName: 'fay', BundleId: 'wsb-stdwin0001' }] }),
    );
    expect(again.FailedRequests?.map((f) => f.ErrorCode)).toEqual(['ResourceExists.WorkSpace']);
    const next = await reconcile({ ...options(emulator), apply: { lockDirectory: join(cwd, '.wsr', 'locks') }, mode: 'plan' });
    expect(next.plan.steps).toEqual([]);
    await rm(cwd, { recursive: true, force: true });
  });
});
