/**
 * `wsr apply` as a process against an emulator in the test process: exit codes, the no-TTY
 * refusal (exit 1, zero mutating calls), --auto-approve, a failing step (exit 1), a stale
 * saved plan (exit 1, zero mutating calls) and the audit log.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StopWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { desktops, fleetSpec, mutatingCalls } from '../integration/apply-support/fleet-spec.js';
import { WSR_BIN, runWsr, type CliRun } from '../helpers/run-wsr.js';

/**
 * Runs wsr on a pseudo-terminal (util-linux `script`), typing `answer` at the prompt, so the
 * interactive confirmation is tested as a person meets it.
 */
function runWsrOnTerminal(args: readonly string[], cwd: string, answer: string): Promise<CliRun> {
  const quoted = [process.execPath, WSR_BIN, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', quoted, '/dev/null'], {
      cwd,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stdin.end(`${answer}\n`);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr: '' }));
  });
}

const HAS_SCRIPT = process.platform === 'linux' && existsSync('/usr/bin/script');

let emulator: TestEmulator;
let cwd: string;

beforeEach(async () => {
  emulator = await startTestEmulator();
  cwd = mkdtempSync(join(tmpdir(), 'wsr-e2e-apply-'));
});
afterEach(async () => {
  await emulator.stop();
});

function spec(text: string): string {
  const file = join(cwd, 'spec.yaml');
  writeFileSync(file, text);
  return file;
}

describe('wsr apply (process)', () => {
  it('exits 1 without a terminal and without --auto-approve, after showing the plan, with zero mutating calls', async () => {
    const run = await runWsr(['apply', spec(fleetSpec({ users: ['alice'] })), '--endpoint', emulator.endpoint], { cwd });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('workspace/d-9067a1b2c3/alice');
    expect(run.stderr).toContain('error APPLY_NOT_CONFIRMED');
    expect(run.stderr).toContain('--auto-approve');
    expect(mutatingCalls(await emulator.calls())).toEqual({});
  });

  it('applies with --auto-approve (exit 0), after which plan --detailed-exitcode reports no changes (exit 0)', async () => {
    const file = spec(fleetSpec({ users: ['alice', 'bob'], stopped: ['carol'] }));
    const audit = join(cwd, 'audit.jsonl');
    const run = await runWsr(['apply', file, '--auto-approve', '--audit-log', audit, '--endpoint', emulator.endpoint], { cwd });

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Apply: \d+ succeeded, 0 failed, 0 skipped · \d+ API calls \(.*CreateWorkspaces 1.*\)/);
    const lines = readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { operation: string; result: string });
    expect(lines.map((line) => line.operation)).toContain('CreateWorkspaces');
    expect(lines.every((line) => line.result === 'ok')).toBe(true);
    expect(Object.values(mutatingCalls(await emulator.calls())).reduce((sum, n) => sum + n, 0)).toBe(lines.length);

    const again = await runWsr(['plan', file, '--detailed-exitcode', '--endpoint', emulator.endpoint], { cwd });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
  });

  it('one run id: every log line of an apply and every audit line carry the same runId (the engine pipeline the daemon runs)', async () => {
    const audit = join(cwd, 'audit.jsonl');
    const run = await runWsr(
      ['apply', spec(fleetSpec({ users: ['alice', 'bob'] })), '--auto-approve', '--audit-log', audit, '--log-format', 'json', '--endpoint', emulator.endpoint],
      { cwd },
    );

    expect(run.code).toBe(0);
    const logged = run.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { runId?: string; code?: string });
    expect(logged.map((line) => line.code)).toEqual(expect.arrayContaining(['WSR_I2002', 'WSR_I3001', 'WSR_I4005']));
    const runIds = new Set(logged.map((line) => line.runId));
    expect(runIds.size).toBe(1);
    expect([...runIds][0]).toMatch(/^[0-9a-f-]{36}$/);
    const audited = readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { runId?: string });
    expect(new Set(audited.map((line) => line.runId))).toEqual(runIds);
  });

  it('exits 0 at once when there is nothing to do, without asking', async () => {
    const file = spec(fleetSpec({ users: ['alice'] }));
    expect((await runWsr(['apply', file, '--auto-approve', '--endpoint', emulator.endpoint], { cwd })).code).toBe(0);
    const run = await runWsr(['apply', file, '--endpoint', emulator.endpoint], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No changes.');
  });

  it('exits 1 when a step fails, naming the failure in the summary', async () => {
    const text = fleetSpec({ users: ['alice'] }).replace('bundle: wsb-stdwin0001', 'bundle: wsb-0000000000');
    const run = await runWsr(['apply', spec(text), '--auto-approve', '--endpoint', emulator.endpoint], { cwd });

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Failed:\n {2}✗ workspace\/d-9067a1b2c3\/alice CreateWorkspaces: /);
  });

  it('refuses a saved plan made stale by a change in the console: exit 1, PLAN_STALE, zero mutating calls', async () => {
    const file = spec(fleetSpec({ users: ['alice'] }));
    expect((await runWsr(['apply', file, '--auto-approve', '--endpoint', emulator.endpoint], { cwd })).code).toBe(0);
    writeFileSync(file, fleetSpec({ users: ['alice', 'bob'] }));
    const planFile = join(cwd, 'plan.json');
    expect((await runWsr(['plan', file, '--out', planFile, '--endpoint', emulator.endpoint], { cwd })).code).toBe(0);
    const [alice] = await desktops(emulator.client);
    await emulator.client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: alice!.WorkspaceId! }] }));
    await emulator.admin('reset-calls');

    const run = await runWsr(['apply', file, '--plan', planFile, '--auto-approve', '--endpoint', emulator.endpoint], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error PLAN_STALE: live state changed since the plan was made \(fingerprint \w+ ≠ \w+\); run plan again/);
    expect(mutatingCalls(await emulator.calls())).toEqual({});
  });

  it('applies a fresh saved plan with --plan', async () => {
    const file = spec(fleetSpec({ users: ['alice'] }));
    const planFile = join(cwd, 'plan.json');
    expect((await runWsr(['plan', file, '--out', planFile, '--endpoint', emulator.endpoint], { cwd })).code).toBe(0);
    const run = await runWsr(['apply', file, '--plan', planFile, '--auto-approve', '--endpoint', emulator.endpoint], { cwd });
    expect(run.code).toBe(0);
    expect((await desktops(emulator.client)).map((workspace) => workspace.UserName)).toEqual(['alice']);
  });

  it.skipIf(!HAS_SCRIPT)('on a terminal, applies after the answer "yes"', async () => {
    const run = await runWsrOnTerminal(['apply', spec(fleetSpec({ users: ['alice'] })), '--endpoint', emulator.endpoint], cwd, 'yes');

    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("Only 'yes' applies");
    expect((await desktops(emulator.client)).map((workspace) => workspace.UserName)).toEqual(['alice']);
  });

  it.skipIf(!HAS_SCRIPT)('on a terminal, any answer but "yes" cancels: exit 1, zero mutating calls', async () => {
    const run = await runWsrOnTerminal(['apply', spec(fleetSpec({ users: ['alice'] })), '--endpoint', emulator.endpoint], cwd, 'y');

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('APPLY_NOT_CONFIRMED');
    expect(mutatingCalls(await emulator.calls())).toEqual({});
  });
});
