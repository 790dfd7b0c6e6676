/**
 * `wsr export` as a process: the spec alone on stdout (logs on stderr), a spec that `wsr plan
 * --detailed-exitcode` finds in sync (exit 0), `--out` that refuses to overwrite without
 * `--force`, and flags checked before any call. The emulator runs in the test process.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AssociateIpGroupsCommand,
  CreateIpGroupCommand,
  CreateWorkspacesCommand,
  DescribeWorkspacesCommand,
  RegisterWorkspaceDirectoryCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runWsr } from '../helpers/run-wsr.js';

const DIRECTORY = 'd-9067a1b2c3';

describe('wsr export (process)', () => {
  let emulator: RunningEmulator;
  let workdir: string;
  let connection: string[];

  async function calls(): Promise<Record<string, number>> {
    const response = await fetch(`${emulator.endpoint}/_emulator/calls`);
    return ((await response.json()) as { calls: Record<string, number> }).calls;
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, timeScale: 0, rateLimits: false });
    workdir = await mkdtemp(join(tmpdir(), 'wsr-e2e-export-'));
    connection = ['--endpoint', emulator.endpoint, '--region', 'us-east-1'];
    const client = new WorkSpacesClient({
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const group = await client.send(
      new CreateIpGroupCommand({ GroupName: 'office', GroupDesc: 'head office', UserRules: [{ ipRule: '198.51.100.0/24', ruleDesc: 'HQ' }] }),
    );
    await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY, SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'] }));
    await client.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [group.GroupId!] }));
    await client.send(
      new CreateWorkspacesCommand({
        Workspaces: ['alice', 'bob', 'carol'].map((UserName) => ({
          DirectoryId: DIRECTORY,
          UserName,
          BundleId: 'wsb-stdwin0001',
          Tags: [{ Key: 'team', Value: 'ops' }],
        })),
      }),
    );
    await client.send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY }));
    client.destroy();
  });

  afterAll(async () => {
    await emulator?.stop();
    await rm(workdir, { recursive: true, force: true });
  });

  it('prints a spec on stdout (logs on stderr) that plan then finds in sync, and changes nothing', async () => {
    const before = await calls();
    const run = await runWsr(['export', ...connection, '--name', 'ops']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Exported by `wsr export` from account 123456789012 \(us-east-1\)/);
    expect(run.stdout).toContain('users: [alice, bob, carol]');
    for (const line of run.stderr.trim().split('\n')) expect(JSON.parse(line)).toMatchObject({ code: 'WSR_I2002' });
    const after = await calls();
    const mutating = Object.keys(after).filter((operation) => after[operation] !== before[operation] && !/^(Describe|List|Get)/.test(operation));
    expect(mutating).toEqual([]);

    const specFile = join(workdir, 'ops.yaml');
    await writeFile(specFile, run.stdout, 'utf8');
    const plan = await runWsr(['plan', specFile, ...connection, '--detailed-exitcode']);
    expect(plan.stdout).toContain('No changes');
    expect(plan.code).toBe(0);
  });

  it('--out writes the file, and refuses to overwrite it without --force', async () => {
    const out = join(workdir, 'exported.yaml');
    const first = await runWsr(['export', ...connection, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    const written = await readFile(out, 'utf8');
    expect(written).toContain(`id: ${DIRECTORY}`);

    await writeFile(out, 'hand-edited\n', 'utf8');
    const refused = await runWsr(['export', ...connection, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error EXPORT_OUT_EXISTS');
    expect(await readFile(out, 'utf8')).toBe('hand-edited\n');

    const forced = await runWsr(['export', ...connection, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(written);
  });

  it('rejects a malformed --directory before making any call', async () => {
    const before = await calls();
    const run = await runWsr(['export', ...connection, '--directory', 'corp']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error EXPORT_DIRECTORY_INVALID: --directory corp');
    expect(await calls()).toEqual(before);
  });
});
