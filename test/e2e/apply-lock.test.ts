/**
 * LOCK FIRST: the apply lock is taken before the live read. A second apply started 0.5 s after
 * the first refuses at once (APPLY_LOCKED, before reading: it prints no plan), or with
 * --lock-timeout waits and then plans from what the first apply left ("No changes").
 * Transitions take real (scaled) time so the first apply is still running.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { desktopsPerUser, desktops, fleetSpec } from '../integration/apply-support/fleet-spec.js';
import { runWsr } from '../helpers/run-wsr.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let emulator: TestEmulator;
let cwd: string;

beforeAll(async () => {
  // a desktop takes about 20 virtual minutes to create: several seconds at this scale, so the
  // first apply still holds the lock while the others start
  emulator = await startTestEmulator({ timeScale: 0.008 });
  cwd = mkdtempSync(join(tmpdir(), 'wsr-e2e-lock-'));
});
afterAll(async () => {
  await emulator.stop();
});

describe('apply takes the lock before it reads', () => {
  it('a second apply 0.5 s later refuses before reading, or with --lock-timeout waits and then finds nothing to do', async () => {
    const spec = join(cwd, 'spec.yaml');
    writeFileSync(spec, fleetSpec({ users: ['alice', 'bob'] }));
    const apply = (extra: string[] = []) => runWsr(['apply', spec, '--auto-approve', '--endpoint', emulator.endpoint, ...extra], { cwd });

    const first = apply();
    // 0.5 s after the first apply took its lock (process start-up time varies on a loaded machine)
    for (let waited = 0; !existsSync(join(cwd, '.wsr/locks/fleet.lock')) && waited < 20_000; waited += 50) await sleep(50);
    await sleep(500);
    const refused = apply();
    const waiting = apply(['--lock-timeout', '60']);
    const [firstRun, refusedRun, waitingRun] = await Promise.all([first, refused, waiting]);

    expect(firstRun.code, firstRun.stderr).toBe(0);
    expect(refusedRun.code).toBe(1);
    expect(refusedRun.stderr).toMatch(/error APPLY_LOCKED: another apply of fleet is running \(pid \d+ on .+ since .+\)/);
    expect(refusedRun.stdout).toBe(''); // refused before the read: no plan was made
    expect(waitingRun.code, waitingRun.stderr).toBe(0);
    expect(waitingRun.stderr).toContain('waiting for the apply lock');
    expect(waitingRun.stdout).toContain('No changes.');
    expect(desktopsPerUser(await desktops(emulator.client))).toEqual({ alice: 1, bob: 1 });
  });
});
