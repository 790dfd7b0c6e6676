/**
 * `wsr plan` / `wsr apply` as processes with a group-driven spec against a real slapd and the
 * emulator: the plan shows where each user came from, an unreachable directory fails in one line
 * with exit 1 and no AWS call, a user file works the same way, and the bind password appears in
 * no output, log line (debug included), saved plan, audit log or error message.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWsr, type CliRun } from '../helpers/run-wsr.js';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { SLAPD_BASE_DN, SLAPD_READER_DN, SLAPD_READER_PASSWORD, slapdUnavailable, startSlapd, type TestSlapd } from '../helpers/start-slapd.js';

const skip = slapdUnavailable();
const WRONG_PASSWORD = 'Wr0ng-but-still-secret-7731';

describe.skipIf(skip !== undefined)(`wsr with users from a directory group (process)${skip ? ` (${skip})` : ''}`, () => {
  let slapd: TestSlapd;
  let emulator: TestEmulator;
  let cwd: string;
  const outputs: string[] = [];

  beforeAll(async () => {
    slapd = await startSlapd({
      users: [{ sam: 'alice' }, { sam: 'bob' }, { sam: 'carol', ou: 'Contractors' }, { sam: 'mallory', disabled: true }],
      groups: [
        { cn: 'WorkSpaces-Dev', members: ['alice', 'bob', 'group:Contractors', 'mallory'] },
        { cn: 'Contractors', members: ['carol'] },
      ],
    });
    emulator = await startTestEmulator({ timeScale: 0.0005 });
    cwd = mkdtempSync(join(tmpdir(), 'wsr-e2e-groups-'));
    writeFileSync(join(cwd, 'ldap-password'), `${SLAPD_READER_PASSWORD}\n`);
    writeFileSync(join(cwd, 'people.csv'), 'display name,login\n"Doe, Dan",dan\nErin Example,erin\n');
  });

  afterAll(async () => {
    await emulator?.stop();
    await slapd?.stop();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  function spec(name: string, options: { url?: string; passwordFile?: string; users?: string } = {}): string {
    const file = join(cwd, `${name}.yaml`);
    writeFileSync(
      file,
      `apiVersion: wsr/v1
kind: Environment
metadata: {name: ${name}, account: "123456789012", region: us-east-1}
policy: {prune: true, maxDestroy: 5}
directories:
  corp:
    id: d-9067a1b2c3
    subnets: [subnet-0aaa1111, subnet-0bbb2222]
    ldap:
      url: ${options.url ?? slapd.url}
      baseDn: "${SLAPD_BASE_DN}"
      bindDn: "${SLAPD_READER_DN}"
      bindPasswordFile: ${options.passwordFile ?? 'ldap-password'}
      timeoutSeconds: 3
workspaces:
  - users: ${options.users ?? '{fromGroup: WorkSpaces-Dev}'}
    directory: corp
    bundle: wsb-stdwin0001
`,
    );
    return file;
  }

  async function wsr(args: readonly string[]): Promise<CliRun> {
    const run = await runWsr([...args, '--endpoint', emulator.endpoint, '--log-level', 'debug', '--log-format', 'json'], { cwd });
    outputs.push(run.stdout, run.stderr);
    return run;
  }

  it('plans one desktop per enabled member and says where each came from', async () => {
    const run = await wsr(['plan', spec('groups'), '--format', 'json', '--out', join(cwd, 'plan.json')]);

    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as { changes: { key: string; action: string; reason: string }[] };
    expect(plan.changes.filter((change) => change.key.startsWith('workspace/')).map((change) => [change.key, change.reason])).toEqual([
      ['workspace/d-9067a1b2c3/alice', 'no workspace for alice in d-9067a1b2c3 (from group WorkSpaces-Dev (workspaces[0]))'],
      ['workspace/d-9067a1b2c3/bob', 'no workspace for bob in d-9067a1b2c3 (from group WorkSpaces-Dev (workspaces[0]))'],
      ['workspace/d-9067a1b2c3/carol', 'no workspace for carol in d-9067a1b2c3 (from group WorkSpaces-Dev (workspaces[0]))'],
    ]);
    // the read of the group is logged with its counts
    const line = run.stderr.split('\n').find((text) => text.includes('"WSR_I2004"'));
    expect(JSON.parse(line!)).toMatchObject({ source: 'group', name: 'WorkSpaces-Dev', members: 3, disabled: 1, method: 'walk' });
    outputs.push(readFileSync(join(cwd, 'plan.json'), 'utf8'));
  });

  it('applies them, writing nothing secret to the audit log', async () => {
    const audit = join(cwd, 'audit.jsonl');
    const run = await wsr(['apply', spec('groups'), '--auto-approve', '--audit-log', audit]);

    expect(run.code).toBe(0);
    outputs.push(readFileSync(audit, 'utf8'));
    const again = await wsr(['plan', spec('groups'), '--detailed-exitcode']);
    expect(again.code).toBe(0);
  });

  it('fails in one line with exit 1 and no AWS call when the directory cannot be reached', async () => {
    await emulator.admin('reset-calls');
    const run = await wsr(['plan', spec('unreachable', { url: 'ldap://127.0.0.1:1' })]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /PLAN_GROUP_UNREADABLE.*cannot read group WorkSpaces-Dev \(workspaces\[0\], directory corp\) from ldap:\/\/127\.0\.0\.1:1: .*connection refused/,
    );
    expect(Object.values(await emulator.calls()).reduce((sum, count) => sum + count, 0)).toBe(0);
  });

  it('says the credentials were refused, without the password it tried', async () => {
    writeFileSync(join(cwd, 'wrong-password'), WRONG_PASSWORD);
    const run = await wsr(['plan', spec('wrong', { passwordFile: 'wrong-password' })]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the bind as ${SLAPD_READER_DN} was refused (invalid credentials)`);
  });

  it('reads users from a CSV column next to the spec', async () => {
    const run = await wsr(['plan', spec('file', { users: '{fromFile: people.csv, column: login}' }), '--format', 'json']);

    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as { changes: { key: string; reason: string }[] };
    expect(plan.changes.find((change) => change.key === 'workspace/d-9067a1b2c3/dan')?.reason).toBe(
      'no workspace for dan in d-9067a1b2c3 (from file people.csv (workspaces[0]))',
    );
    expect(plan.changes.some((change) => change.key === 'workspace/d-9067a1b2c3/erin')).toBe(true);
  });

  it('the bind password appears in no output, log, saved plan, audit log or error', () => {
    const everything = outputs.join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    expect(everything).toContain('PLAN_GROUP_UNREADABLE');
    expect(everything).not.toContain(SLAPD_READER_PASSWORD);
    expect(everything).not.toContain(WRONG_PASSWORD);
  });
});
