/**
 * Two environments that share a directory, each run by its own `wsr daemon` process in apply mode
 * against one `wsr emulator` process: the owner registered the directory (so it carries the
 * owner's wsr:env tag); the other spec, in another daemon's folder where validate cannot see the
 * owner's file, declares the same directory with other IP groups and self-service settings. Before
 * the trust-boundary work each cycle undid the other's settings forever; now the second
 * environment's directory steps are blocked ("owned by environment …") and, after the owner's
 * first cycle, no directory setting changes again however many cycles both daemons run.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DescribeIpGroupsCommand, DescribeWorkspaceDirectoriesCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { startWsrServer, WSR_BIN, type WsrServer } from '../helpers/run-wsr.js';

const CYCLE = '*/2 * * * * *';
const ENV = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' };
const POLL = { timeout: 60_000, interval: 250 };

const OWNER_SPEC = `
apiVersion: wsr/v1
kind: Environment
metadata: {name: owner, account: "123456789012", region: us-east-1}
ipGroups:
  office:
    description: head office
    rules: [{cidr: 198.51.100.0/24, description: HQ}]
directories:
  corp:
    id: d-9067a1b2c3
    subnets: [subnet-0aaa1111, subnet-0bbb2222]
    ipGroups: [office]
    selfService: {restartWorkspace: true, increaseVolumeSize: false}
`;

/** Another team's spec that claims the same directory with settings of its own. */
const TENANT_SPEC = `
apiVersion: wsr/v1
kind: Environment
metadata: {name: tenant, account: "123456789012", region: us-east-1}
ipGroups:
  lab:
    description: lab network
    rules: [{cidr: 192.0.2.0/24, description: lab}]
directories:
  corp:
    id: d-9067a1b2c3
    subnets: [subnet-0aaa1111, subnet-0bbb2222]
    ipGroups: [lab]
    selfService: {restartWorkspace: false, increaseVolumeSize: true}
`;

/** Operations that change a directory's registration or settings. */
const DIRECTORY_WRITES = [
  'RegisterWorkspaceDirectory',
  'DeregisterWorkspaceDirectory',
  'AssociateIpGroups',
  'DisassociateIpGroups',
  'ModifySelfservicePermissions',
  'ModifyWorkspaceAccessProperties',
  'ModifyWorkspaceCreationProperties',
  'ModifyClientProperties',
  'ModifySamlProperties',
  'ModifyCertificateBasedAuthProperties',
  'ModifyStreamingProperties',
];

type WsrProcess = WsrServer;

let workdir: string;
const started: WsrProcess[] = [];

async function startWsr(args: readonly string[]): Promise<WsrProcess> {
  const wsr = await startWsrServer(args, { cwd: workdir });
  started.push(wsr);
  return wsr;
}

async function specDir(name: string, text: string): Promise<string> {
  const dir = join(workdir, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${name}.yaml`), text);
  return dir;
}

/** Finished reconciles of one environment, whatever their result. */
async function cyclesOf(daemon: WsrProcess, env: string): Promise<number> {
  const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
  const pattern = new RegExp(`^wsr_reconcile_total\\{env="${env}",result="[^"]+"\\} (\\d+)$`, 'gm');
  return [...metrics.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);
}

async function directoryWrites(emulator: WsrProcess): Promise<Record<string, number>> {
  const { calls } = (await (await fetch(`${emulator.url}/_emulator/calls`)).json()) as { calls: Record<string, number> };
  return Object.fromEntries(DIRECTORY_WRITES.filter((operation) => calls[operation]).map((operation) => [operation, calls[operation]!]));
}

beforeAll(async () => {
  workdir = await mkdtemp(join(tmpdir(), 'wsr-e2e-shared-dir-'));
});

afterAll(async () => {
  for (const wsr of started) if (wsr.child.exitCode === null) wsr.child.kill('SIGKILL');
  await rm(workdir, { recursive: true, force: true });
});

describe('two daemons whose environments share one directory', () => {
  it('do not flap: after the owner first applies, no directory setting changes again, and the other is told who owns it', async () => {
    const emulator = await startWsr(['emulator', '--port', '0', '--time-scale', '0.0005', '--no-rate-limits']);
    const sdk = new WorkSpacesClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: 'AKIDE2E', secretAccessKey: 'e2e' } });
    const ownerDir = await specDir('owner', OWNER_SPEC);
    const tenantDir = await specDir('tenant', TENANT_SPEC);

    const owner = await startWsr(['daemon', ownerDir, '--endpoint', emulator.url, '--schedule', CYCLE, '--listen', '127.0.0.1:0', '--mode', 'apply']);
    await vi.waitFor(async () => expect(await cyclesOf(owner, 'owner')).toBeGreaterThanOrEqual(1), POLL);
    const settled = await directoryWrites(emulator);
    expect(settled.RegisterWorkspaceDirectory).toBe(1);

    const tenant = await startWsr(['daemon', tenantDir, '--endpoint', emulator.url, '--schedule', CYCLE, '--listen', '127.0.0.1:0', '--mode', 'apply']);
    const ownerCycles = await cyclesOf(owner, 'owner');
    // several cycles of both daemons side by side
    await vi.waitFor(async () => {
      expect(await cyclesOf(tenant, 'tenant')).toBeGreaterThanOrEqual(4);
      expect(await cyclesOf(owner, 'owner')).toBeGreaterThanOrEqual(ownerCycles + 4);
    }, POLL);

    expect(await directoryWrites(emulator)).toEqual(settled);
    const { Directories } = await sdk.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: ['d-9067a1b2c3'] }));
    const { Result: groups } = await sdk.send(new DescribeIpGroupsCommand({}));
    const office = groups?.find((group) => group.groupName === 'office');
    expect(Directories?.[0]?.ipGroupIds).toEqual([office?.groupId]);
    expect(Directories?.[0]?.SelfservicePermissions).toMatchObject({ RestartWorkspace: 'ENABLED', IncreaseVolumeSize: 'DISABLED' });

    // what the tenant's team sees when it asks
    const plan = spawnSync(process.execPath, [WSR_BIN, 'plan', join(tenantDir, 'tenant.yaml'), '--endpoint', emulator.url], {
      cwd: workdir,
      env: ENV,
      encoding: 'utf8',
    });
    expect(plan.stdout).toContain('owned by environment owner');

    for (const wsr of [tenant, owner, emulator]) wsr.child.kill('SIGTERM');
  }, 120_000);
});
