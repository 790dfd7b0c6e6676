/**
 * A saved plan is an approval, never an instruction: `apply --plan` rebuilds the plan from the
 * spec and a fresh read and runs it only when the saved steps equal the fresh ones. Forged plans
 * (an edited step, a removed `blocked`, a plan of another spec with the same name, a copied
 * fingerprint, a bad signature) are refused with zero mutating calls; a genuine saved plan runs
 * without a prompt or --auto-approve (the saved plan is the approval).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CreateWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { DIRECTORY, desktops, fleetSpec, mutatingCalls } from '../integration/apply-support/fleet-spec.js';
import { runWsr } from '../helpers/run-wsr.js';

let emulator: TestEmulator;
let cwd: string;
let foreignIds: string[];

function write(name: string, text: string): string {
  const file = join(cwd, name);
  writeFileSync(file, text);
  return file;
}

function wsr(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return runWsr([...args, '--endpoint', emulator.endpoint], { cwd, env: { WSR_PLAN_SIGNING_KEY: '', ...env } });
}

async function savePlan(specFile: string, name: string, env: NodeJS.ProcessEnv = {}): Promise<any> {
  const planFile = join(cwd, name);
  const run = await wsr(['plan', specFile, '--out', planFile], env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(readFileSync(planFile, 'utf8'));
}

function forge(name: string, plan: unknown): string {
  return write(name, `${JSON.stringify(plan, null, 2)}\n`);
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  cwd = mkdtempSync(join(tmpdir(), 'wsr-e2e-trust-'));
  const applied = await wsr(['apply', write('alice.yaml', fleetSpec({ users: ['alice'] })), '--auto-approve']);
  expect(applied.code, applied.stderr).toBe(0);
  // two desktops someone else made: no wsr:env tag, so wsr does not own them
  await emulator.client.send(
    new CreateWorkspacesCommand({ Workspaces: ['mallory', 'trent'].map((UserName) => ({ DirectoryId: DIRECTORY, UserName, BundleId: 'wsb-stdwin0001' })) }),
  );
  foreignIds = (await desktops(emulator.client)).filter((desktop) => desktop.UserName !== 'alice').map((desktop) => desktop.WorkspaceId!);
  expect(foreignIds).toHaveLength(2);
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(async () => {
  await emulator.admin('reset-calls');
});

async function expectNothingChanged(): Promise<void> {
  expect(mutatingCalls(await emulator.calls())).toEqual({});
  expect((await desktops(emulator.client)).map((desktop) => desktop.UserName).sort()).toEqual(['alice', 'mallory', 'trent']);
}

describe('apply --plan: a saved plan is only an approval', () => {
  it('refuses a step edited into a TerminateWorkspaces of desktops wsr does not own (marked non-destructive): PLAN_MISMATCH naming the step', async () => {
    const spec = write('alice-bob.yaml', fleetSpec({ users: ['alice', 'bob'] }));
    const plan = await savePlan(spec, 'genuine.json');
    expect(plan.steps.map((step: any) => step.operation)).toEqual(['CreateWorkspaces']);
    const [step] = plan.steps;
    const forged = forge('edited.json', {
      ...plan,
      steps: [
        {
          ...step,
          operation: 'TerminateWorkspaces',
          input: { TerminateWorkspaceRequests: foreignIds.map((WorkspaceId) => ({ WorkspaceId })) },
          batch: { member: 'TerminateWorkspaceRequests', max: 25 },
          destructive: false,
        },
      ],
    });

    const run = await wsr(['apply', spec, '--plan', forged, '--allow-destroy']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `error PLAN_MISMATCH: the saved plan is not what a fresh plan would do: step 1 (${step.id}) has operation "TerminateWorkspaces" where a fresh plan has "CreateWorkspaces"`,
    );
    await expectNothingChanged();
  });

  it('refuses a plan whose `blocked` (policy.protect) was removed, even with --allow-destroy', async () => {
    const spec = write('protected.yaml', fleetSpec({ users: ['bob'], protect: [`workspace/${DIRECTORY}/alice`] }));
    const plan = await savePlan(spec, 'protected.json');
    const terminate = plan.steps.find((step: any) => step.operation === 'TerminateWorkspaces');
    expect(terminate.blocked).toMatch(/protected by policy.protect/);
    const forged = forge('unblocked.json', { ...plan, steps: plan.steps.map((step: any) => (step === terminate ? { ...step, blocked: undefined } : step)) });

    const run = await wsr(['apply', spec, '--plan', forged, '--allow-destroy']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error PLAN_MISMATCH: .*has blocked null where a fresh plan has "protected by policy.protect/);
    await expectNothingChanged();
  });

  it('refuses a plan made from another spec with the same metadata.name, also when its fingerprint is copied', async () => {
    const spec = write('alice-bob.yaml', fleetSpec({ users: ['alice', 'bob'] }));
    const genuine = await savePlan(spec, 'genuine.json');
    const other = await savePlan(write('other.yaml', fleetSpec({ users: ['alice', 'carol'] })), 'other.json');
    expect(other.environment).toBe(genuine.environment);

    const foreign = await wsr(['apply', spec, '--plan', join(cwd, 'other.json')]);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/error PLAN_SPEC_CHANGED: the plan was made from another spec \(spec hash \w+ ≠ \w+ of the file given\)/);

    const copiedFingerprint = await wsr(['apply', spec, '--plan', forge('copied.json', { ...other, fingerprint: genuine.fingerprint })]);
    expect(copiedFingerprint.stderr).toContain('error PLAN_SPEC_CHANGED');

    const copiedBoth = await wsr([
      'apply',
      spec,
      '--plan',
      forge('copied-both.json', { ...other, fingerprint: genuine.fingerprint, specHash: genuine.specHash }),
    ]);
    expect(copiedBoth.code).toBe(1);
    expect(copiedBoth.stderr).toMatch(/error PLAN_MISMATCH: .*workspace\/d-9067a1b2c3\/carol/);
    await expectNothingChanged();
  });

  it('with WSR_PLAN_SIGNING_KEY: refuses an unsigned or edited plan, and applies the genuine one without a prompt or --auto-approve', async () => {
    const key = { WSR_PLAN_SIGNING_KEY: 'team-secret-key' };
    const spec = write('alice-bob.yaml', fleetSpec({ users: ['alice', 'bob'] }));
    const unsigned = await savePlan(spec, 'unsigned.json');
    expect(unsigned.signature).toBeUndefined();
    expect((await wsr(['apply', spec, '--plan', join(cwd, 'unsigned.json')], key)).stderr).toContain('error PLAN_UNSIGNED');

    const signed = await savePlan(spec, 'signed.json', key);
    expect(signed.signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    const edited = await wsr(['apply', spec, '--plan', forge('edited-signed.json', { ...signed, createdAt: '2020-01-01T00:00:00.000Z' })], key);
    expect(edited.stderr).toContain('error PLAN_SIGNATURE_INVALID');
    const wrongKey = await wsr(['apply', spec, '--plan', join(cwd, 'signed.json')], { WSR_PLAN_SIGNING_KEY: 'another-key' });
    expect(wrongKey.stderr).toContain('error PLAN_SIGNATURE_INVALID');
    const noKey = await wsr(['apply', spec, '--plan', join(cwd, 'signed.json')]);
    expect(noKey.stderr).toContain('error PLAN_SIGNATURE_UNVERIFIED');
    await expectNothingChanged();

    // stdin is not a terminal and there is no --auto-approve: the saved plan is the approval
    const applied = await wsr(['apply', spec, '--plan', join(cwd, 'signed.json')], key);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await desktops(emulator.client)).map((desktop) => desktop.UserName).sort()).toEqual(['alice', 'bob', 'mallory', 'trent']);
  });

  it('a missing --plan file is a user error naming the file (exit 1, not INTERNAL)', async () => {
    const run = await wsr(['apply', write('alice.yaml', fleetSpec({ users: ['alice'] })), '--plan', join(cwd, 'nowhere.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error PLAN_FILE_NOT_FOUND: --plan ${join(cwd, 'nowhere.json')}: no such file`);
    expect(run.stderr).not.toContain('INTERNAL');
    expect(mutatingCalls(await emulator.calls())).toEqual({});
  });
});
