/**
 * `wsr plan` as a process: exit codes 0/1/2, the rendered plan alone on stdout (logs and
 * diagnostics on stderr), `--out`. The emulator runs in the test process; the CLI reaches
 * it with `--endpoint`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateIpGroupCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runWsr } from '../helpers/run-wsr.js';

const OFFICE_ONLY = `
apiVersion: wsr/v1
kind: Environment
metadata: {name: e2e, account: "123456789012", region: us-east-1}
ipGroups:
  office:
    description: head office
    rules: [{cidr: 198.51.100.0/24, description: HQ}]
`;

describe('wsr plan (process)', () => {
  let emulator: RunningEmulator;
  let workdir: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, timeScale: 0, rateLimits: false });
    workdir = await mkdtemp(join(tmpdir(), 'wsr-e2e-plan-'));
  });

  afterAll(async () => {
    await emulator?.stop();
    await rm(workdir, { recursive: true, force: true });
  });

  it('prints the plan on stdout and logs on stderr, exit 0', async () => {
    const run = await runWsr(['plan', 'examples/quickstart.yaml', '--endpoint', emulator.endpoint]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Plan: 6 to create');
    expect(run.stdout).not.toContain('"level"');
    expect(run.stderr).not.toContain('Plan: ');
    for (const line of run.stderr.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    expect(run.stdout).not.toMatch(/\u001b\[/); // no colour when stdout is not a terminal
  });

  it('exits 2 with --detailed-exitcode when there are changes', async () => {
    const run = await runWsr(['plan', 'examples/quickstart.yaml', '--endpoint', emulator.endpoint, '--detailed-exitcode']);

    expect(run.code).toBe(2);
  });

  it('exits 0 with --detailed-exitcode when the account already matches', async () => {
    const spec = join(workdir, 'office.yaml');
    await writeFile(spec, OFFICE_ONLY, 'utf8');
    const admin = new WorkSpacesClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials: { accessKeyId: 't', secretAccessKey: 't' } });
    await admin.send(new CreateIpGroupCommand({ GroupName: 'office', GroupDesc: 'head office', UserRules: [{ ipRule: '198.51.100.0/24', ruleDesc: 'HQ' }] }));
    admin.destroy();

    const run = await runWsr(['plan', spec, '--endpoint', emulator.endpoint, '--detailed-exitcode']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No changes');
  });

  it('writes the plan with its fingerprint to --out, and --format json keeps stdout pure JSON', async () => {
    const out = join(workdir, 'plan.json');

    const run = await runWsr(['plan', 'examples/quickstart.yaml', '--endpoint', emulator.endpoint, '--format', 'json', '--out', out]);

    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    const saved = JSON.parse(await readFile(out, 'utf8'));
    expect(printed.version).toBe(1);
    expect(saved.fingerprint).toMatch(/^[0-9a-f]{16,}$/);
    expect(saved.fingerprint).toBe(printed.fingerprint);
    expect(saved.steps.map((step: { operation: string }) => step.operation)).toContain('CreateWorkspaces');
  });

  it('--refresh-only reports drift without steps (exit 2), and --target keeps one resource and what it needs', async () => {
    const refresh = await runWsr([
      'plan',
      'examples/quickstart.yaml',
      '--endpoint',
      emulator.endpoint,
      '--refresh-only',
      '--detailed-exitcode',
      '--format',
      'json',
    ]);
    const targeted = await runWsr(['plan', 'examples/quickstart.yaml', '--endpoint', emulator.endpoint, '--target', 'ipGroup/office', '--format', 'json']);

    expect(refresh.code).toBe(2);
    const drift = JSON.parse(refresh.stdout);
    expect(drift.steps).toEqual([]);
    expect(drift.changes.length).toBeGreaterThan(0);
    expect(targeted.code).toBe(0);
    expect(new Set(JSON.parse(targeted.stdout).steps.map((step: { key: string }) => step.key))).toEqual(new Set(['ipGroup/office']));
  });

  it('--emulator runs the embedded emulator in-process and keeps its state file', async () => {
    const stateFile = join(workdir, 'state', 'emulator.json');

    const run = await runWsr(['plan', 'examples/quickstart.yaml', '--emulator', '--emulator-state', stateFile]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Plan: 6 to create');
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toBeTypeOf('object');
  });

  it('prints every diagnostic of an invalid spec on stderr, one line each, and exits 1', async () => {
    const spec = join(workdir, 'bad.yaml');
    await writeFile(spec, OFFICE_ONLY.replace('description: head office', 'descripton: head office').replace('name: e2e', 'nam: e2e'), 'utf8');

    const run = await runWsr(['plan', spec, '--endpoint', emulator.endpoint]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const errorLines = run.stderr.split('\n').filter((line) => line.includes(' error '));
    expect(errorLines.length).toBeGreaterThanOrEqual(3); // two diagnostics + the final one-line error
    for (const line of errorLines) expect(line).toMatch(/^\S*bad\.yaml:\d+:\d+: error [A-Z_]+: /);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 1 with one line when the credentials are for another account', async () => {
    const spec = join(workdir, 'other.yaml');
    await writeFile(spec, OFFICE_ONLY.replace('123456789012', '999999999999'), 'utf8');

    const run = await runWsr(['plan', spec, '--endpoint', emulator.endpoint]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(
      run.stderr
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('{')),
    ).toEqual([expect.stringMatching(/^error PLAN_ACCOUNT_MISMATCH: /)]);
  });
});
