/**
 * Convergence under faults, through the real SDK against the emulator: throttling and 5xx
 * injected at random, a create whose answer is lost after it reached the service, and an
 * apply killed with SIGKILL midway. Each time, re-running apply finishes the job with exactly
 * one desktop per user.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { applyPrepared, TEST_APPLY_TUNING } from '../helpers/apply-prepared.js';
import { preparePlan, type PreparedPlan } from '../../src/engine/plan-environment.js';
import type { ApplyRequest } from '../../src/engine/apply-environment.js';
import type { ApplyReport } from '../../src/model/apply-report.js';
import { desktops, desktopsPerUser, fleetSpec, quickRetries, users, writeSpec } from './apply-support/fleet-spec.js';
import { withFirstCreateAnswerLost } from './apply-support/lost-create-answer.js';

const WSR = fileURLToPath(new URL('../../bin/wsr.js', import.meta.url));

let emulator: TestEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

function plan(specFile: string): Promise<PreparedPlan> {
  return preparePlan({ specFile, connection: { endpoint: emulator!.endpoint, client: { maxAttempts: 6, retryStrategy: quickRetries(6) } } });
}

function apply(prepared: PreparedPlan, extra: Partial<ApplyRequest> = {}): Promise<ApplyReport> {
  return applyPrepared(prepared, { allowDestroy: false, tuning: { ...TEST_APPLY_TUNING, maxAttempts: 5 }, ...extra });
}

/** Apply until a plan is empty (a re-run is how an apply is finished); at most `runs` applies. */
async function applyUntilConverged(specFile: string, runs: number, extra: Partial<ApplyRequest> = {}): Promise<number> {
  for (let run = 1; run <= runs; run += 1) {
    const prepared = await plan(specFile);
    if (prepared.plan.steps.length === 0) {
      await prepared.session.close();
      return run - 1;
    }
    await apply(prepared, extra);
  }
  const last = await plan(specFile);
  await last.session.close();
  expect(last.plan.steps.map((step) => step.id)).toEqual([]);
  return runs;
}

describe('apply under faults', () => {
  it('converges under 20% throttling and 5% 5xx with exactly one desktop per user', async () => {
    // the test's own client retries too, so its final count is not thrown by the same faults
    emulator = await startTestEmulator({ throttleRate: 0.2, failRate: 0.05, randomSeed: 7, maxAttempts: 10 });
    const fleet = users(40);
    const specFile = writeSpec(fleetSpec({ users: fleet.slice(0, 35), stopped: fleet.slice(35) }));

    const applies = await applyUntilConverged(specFile, 3);

    expect(applies).toBeGreaterThanOrEqual(1);
    const counts = (await (await fetch(`${emulator.endpoint}/_emulator/calls`)).json()) as { throttled?: Record<string, number> };
    expect(Object.values(counts.throttled ?? {}).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
    const perUser = desktopsPerUser(await desktops(emulator.client));
    expect(Object.keys(perUser).sort()).toEqual(fleet);
    expect(Object.values(perUser).every((count) => count === 1)).toBe(true);
  });

  it('re-reads instead of creating twice when a CreateWorkspaces answer is lost after it reached the service', async () => {
    emulator = await startTestEmulator();
    const specFile = writeSpec(fleetSpec({ users: ['alice', 'bob', 'carol'] }));
    const prepared = await plan(specFile);
    const lossy = withFirstCreateAnswerLost(prepared.session);
    await emulator.admin('reset-calls');
    const report = await apply({ ...prepared, session: lossy.session });

    expect(lossy.lost()).toBe(1);
    expect(report.failed).toBe(0);
    expect((await emulator.calls()).CreateWorkspaces).toBe(1);
    expect(desktopsPerUser(await desktops(emulator.client))).toEqual({ alice: 1, bob: 1, carol: 1 });
    const next = await plan(specFile);
    await next.session.close();
    expect(next.plan.steps).toEqual([]);
  });

  it('finishes an apply killed with SIGKILL midway: the re-run takes over the stale lock and converges', async () => {
    // a slow clock (creates take ~3.6 s) and latency, so the kill lands while desktops are PENDING
    emulator = await startTestEmulator({ timeScale: 0.003, latencyMs: 20 });
    const fleet = users(60);
    const specFile = writeSpec(fleetSpec({ users: fleet.slice(0, 50), stopped: fleet.slice(50) }));
    const cwd = mkdtempSync(join(tmpdir(), 'wsr-killed-'));
    const child = spawn(process.execPath, [WSR, 'apply', specFile, '--auto-approve', '--endpoint', emulator.endpoint, '--log-level', 'warn'], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await untilCalls(
      emulator,
      'CreateWorkspaces',
      1,
      () => child.exitCode !== null,
      () => stderr,
    );
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const lockFile = join(cwd, '.wsr', 'locks', 'fleet.lock');
    expect(existsSync(lockFile)).toBe(true);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(child.pid);

    await applyUntilConverged(specFile, 2, { lockDirectory: join(cwd, '.wsr', 'locks') });

    const live = await desktops(emulator.client);
    const perUser = desktopsPerUser(live);
    expect(Object.keys(perUser).sort()).toEqual(fleet);
    expect(Object.values(perUser).every((count) => count === 1)).toBe(true);
    const kept = live.filter((workspace) => fleet.slice(50).includes(workspace.UserName!));
    expect(kept.every((workspace) => workspace.State === 'STOPPED' || workspace.State === 'STOPPING')).toBe(true);
  });
});

/** Polls the emulator's call counts until an operation was called `count` times. */
async function untilCalls(emulator: TestEmulator, operation: string, count: number, gaveUp: () => boolean, log: () => string): Promise<void> {
  for (;;) {
    if (((await emulator.calls())[operation] ?? 0) >= count) return;
    if (gaveUp()) throw new Error(`the apply exited before ${operation} was called: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
