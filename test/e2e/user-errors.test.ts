/**
 * A user's mistake is one line with a stable code naming the file or flag, exit 1 — never
 * INTERNAL (kept for bugs), never a stack trace, and no call reaches the API before it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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

  const callsSoFar = async () => ((await (await fetch(`${emulator.endpoint}/_emulator/calls`)).json()) as { total: number }).total;

  it('plan --out into a folder that does not exist: PLAN_OUT_UNWRITABLE naming the flag, before any call', async () => {
    const before = await callsSoFar();
    const out = join(workdir, 'missing', 'plan.json');
    const run = await runWsr(['plan', 'examples/quickstart.yaml', '--endpoint', emulator.endpoint, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error PLAN_OUT_UNWRITABLE: --out ${out}: cannot write the plan there (its folder does not exist)\n`);
    expect(await callsSoFar()).toBe(before);
  });

  it('a bad spec under plan and apply: each error once, as validate prints it — no second summary line', async () => {
    const bad = 'test/fixtures/specs/bad/unknown-field-deep.yaml';
    const line = `${bad}:10:5: error SPEC_UNKNOWN_FIELD: unknown field "bundel" (did you mean "bundle"?)\n`;
    for (const command of ['plan', 'apply']) {
      const run = await runWsr([command, bad, '--endpoint', emulator.endpoint]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(line);
    }
  });

  it('a corrupt embedded-emulator state file is EMULATOR_STATE_INVALID naming the file, not INTERNAL', async () => {
    const state = join(workdir, 'state.json');
    await writeFile(state, '{not json', 'utf8');
    const run = await runWsr(['plan', 'examples/quickstart.yaml', '--emulator', '--emulator-state', state]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^error EMULATOR_STATE_INVALID: --emulator-state ${state.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot load the embedded emulator's state: not a state file the emulator wrote \\(.+\\) \\(delete the file to start from an empty account, or point --emulator-state at another file\\)\n$`,
      ),
    );
  });
});

describe('no credentials, wrong Region (process)', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, timeScale: 0, rateLimits: false });
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it('a --region other than metadata.region is refused before any call (PLAN_REGION_MISMATCH)', async () => {
    const run = await runWsr(['plan', 'examples/quickstart.yaml', '--endpoint', emulator.endpoint, '--region', 'eu-west-1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error PLAN_REGION_MISMATCH: --region eu-west-1, but examples/quickstart.yaml is for Region us-east-1 (metadata.region); refusing to read or change it (drop --region, or pass --region us-east-1)\n',
    );
    const calls = (await (await fetch(`${emulator.endpoint}/_emulator/calls`)).json()) as { total: number };
    expect(calls.total).toBe(0);
  });

  it('without credentials the error says how to get some, and that --emulator needs none', async () => {
    const home = await mkdtemp(join(tmpdir(), 'wsr-e2e-home-'));
    const env: NodeJS.ProcessEnv = {
      HOME: home,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: '',
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: join(home, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL: '',
      AWS_ENDPOINT_URL_WORKSPACES: '',
    };
    const run = await runWsr(['plan', 'examples/quickstart.yaml', '--log-level', 'silent'], { env });
    await rm(home, { recursive: true, force: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error AWS_NO_CREDENTIALS: no AWS credentials found for GetCallerIdentity .*--emulator\)\n$/);
  });
});
