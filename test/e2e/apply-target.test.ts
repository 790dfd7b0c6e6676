/** `wsr apply --target`: only the targeted resource and what it depends on are applied, as `plan --target` shows. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWsr } from '../helpers/run-wsr.js';

describe('wsr apply --target (process)', () => {
  let workdir: string;

  beforeAll(async () => {
    workdir = await mkdtemp(join(tmpdir(), 'wsr-e2e-target-'));
  });

  afterAll(async () => {
    await rm(workdir, { recursive: true, force: true });
  });

  it('applies the IP group alone; the next plan still has the rest to do', async () => {
    const embedded = ['--emulator', '--emulator-state', join(workdir, 'state.json')];
    const run = await runWsr(['apply', 'examples/quickstart.yaml', ...embedded, '--auto-approve', '--target', 'ipGroup/office', '--lock-timeout', '0']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Apply: 1 succeeded, 0 failed, 0 skipped · \d+ API calls \(CreateIpGroup 1\)/);
    const next = await runWsr(['plan', 'examples/quickstart.yaml', ...embedded]);
    expect(next.stdout).not.toContain('create ipGroup/office');
    expect(next.stdout).toContain('+ create 2 × workspace/d-9067a1b2c3/{alice, bob}');
  });
});
