/**
 * `wsr apply --rebuild KEY` as a process: the plan shows the rebuild, it is gated like any
 * destructive step (exit 1 without --allow-destroy, no mutating call), runs with it, and an
 * unknown key is a one-line PLAN_ACTION_KEY_UNKNOWN error before any mutating call.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { runWsr } from '../helpers/run-wsr.js';

const SPEC = `apiVersion: wsr/v1
kind: Environment
metadata: {name: ops-cli, account: "123456789012", region: us-east-1}
defaults:
  workspace: {directory: corp, bundle: wsb-stdwin0001, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
directories:
  corp: {id: d-9067a1b2c3, subnets: [subnet-0aaa1111, subnet-0bbb2222]}
workspaces:
  - users: [alice]
`;
const ALICE = 'workspace/d-9067a1b2c3/alice';

let emulator: TestEmulator;
let cwd: string;
let spec: string;
const mutating = async (): Promise<string[]> => Object.keys(await emulator.calls()).filter((operation) => !/^(Describe|List|Get)/.test(operation));

beforeAll(async () => {
  emulator = await startTestEmulator();
  cwd = mkdtempSync(join(tmpdir(), 'wsr-ops-cli-'));
  spec = join(cwd, 'spec.yaml');
  writeFileSync(spec, SPEC);
  expect((await runWsr(['apply', spec, '--auto-approve', '--endpoint', emulator.endpoint], { cwd })).code).toBe(0);
});

afterAll(async () => emulator.stop());

describe('wsr apply --rebuild KEY', () => {
  it('is gated like any destructive step: exit 1 without --allow-destroy, nothing called', async () => {
    await emulator.admin('reset-calls');
    const run = await runWsr(['apply', spec, '--rebuild', ALICE, '--auto-approve', '--endpoint', emulator.endpoint], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('RebuildWorkspaces (destructive) — rebuild (--rebuild on the command line)');
    expect(run.stderr).toContain('PLAN_DESTROY_NOT_ALLOWED');
    expect(await mutating()).toEqual([]);
  });

  it('rebuilds with --allow-destroy, once: the next plan has nothing to do', async () => {
    await emulator.admin('reset-calls');
    const run = await runWsr(['apply', spec, '--rebuild', ALICE, '--allow-destroy', '--auto-approve', '--endpoint', emulator.endpoint], { cwd });
    expect(run.code).toBe(0);
    expect((await emulator.calls()).RebuildWorkspaces).toBe(1);
    expect((await runWsr(['plan', spec, '--detailed-exitcode', '--endpoint', emulator.endpoint], { cwd })).code).toBe(0);
  });

  it('refuses an unknown key with a one-line error, before any mutating call', async () => {
    await emulator.admin('reset-calls');
    const run = await runWsr(['apply', spec, '--reboot', 'workspace/d-9067a1b2c3/zoe', '--auto-approve', '--endpoint', emulator.endpoint], { cwd });
    expect(run.code).toBe(1);
    expect(
      run.stderr
        .trim()
        .split('\n')
        .filter((line) => line.includes('PLAN_ACTION_KEY_UNKNOWN')),
    ).toHaveLength(1);
    expect(run.stderr).toContain('--reboot workspace/d-9067a1b2c3/zoe: the spec declares no such resource');
    expect(await mutating()).toEqual([]);
  });
});
