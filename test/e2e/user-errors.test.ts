/**
 * A user's mistake is one line with a stable code naming the file or flag, exit 1 — never
 * INTERNAL (kept for bugs), never a stack trace, and no call reaches the API before it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runWsr } from '../helpers/run-wsr.js';

describe('user mistakes (process)', () => {
  let emulator: RunningEmulator;
  let workdir: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, timeScale: 0, rateLimits: false });
    workdir = await mkdtemp(join(tmpdir(), 'wsr-e2e-errors-'));
  });

  afterAll(async () => {
    await emulator?.stop();
    await rm(workdir, { recursive: true, force: true });
  });

  const callsSoFar = async () => Object.values((await (await fetch(`${emulator.endpoint}/_emulator/calls`)).json()) as Record<string, number>).reduce((sum, count) => sum + count, 0);

  it('plan --out into a folder that does not exist: PLAN_OUT_UNWRITABLE naming the flag, before any call', async () => {
    const before = await callsSoFar();
    const out = join(workdir, 'missing', 'plan.json');
    const run = await runWsr(['plan', 'examples/quickstart.yaml', '--endpoint', emulator.endpoint, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error PLAN_OUT_UNWRITABLE: --out ${out}: cannot write the plan there (its folder does not exist)\n`);
    expect(await callsSoFar()).toBe(before);
  });
});
