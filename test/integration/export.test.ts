/**
 * Adoption end to end through the real SDK: an account built by hand (no wsr tags) — a directory
 * with an IP group and changed settings, an own image and bundle, 30 desktops in a few shapes
 * (one stopped, one owned by another environment), a pool and a connection alias — is exported, and the
 * exported spec plans to "No changes" against the same account (property (e) of
 * architecture.md). Export makes no mutating call.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AssociateConnectionAliasCommand,
  AssociateIpGroupsCommand,
  CreateConnectionAliasCommand,
  CreateIpGroupCommand,
  CreateWorkspaceBundleCommand,
  CreateWorkspaceImageCommand,
  CreateWorkspacesCommand,
  CreateWorkspacesPoolCommand,
  DescribeConnectionAliasesCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
  ModifyClientPropertiesCommand,
  ModifySelfservicePermissionsCommand,
  ModifyWorkspaceAccessPropertiesCommand,
  RegisterWorkspaceDirectoryCommand,
  StopWorkspacesCommand,
  type WorkspaceRequest,
} from '@aws-sdk/client-workspaces';
import { parse } from 'yaml';
import { exportEnvironment } from '../../src/engine/export-environment.js';
import { preparePlan } from '../../src/engine/plan-environment.js';
import { loadSpecText } from '../../src/spec/load-spec.js';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';

const CORP = 'd-9067a1b2c3';
const LAB = 'd-4a5b6c7d8e';
const SEED = {
  directories: [
    { id: CORP, name: 'corp.example.com', subnets: ['subnet-0aaa1111', 'subnet-0bbb2222'] },
    { id: LAB, name: 'lab.example.com', subnets: ['subnet-0ccc3333', 'subnet-0ddd4444'] },
  ],
};

function mutatingOperations(calls: Record<string, number>): string[] {
  return Object.keys(calls).filter((operation) => !/^(Describe|List|Get)/.test(operation));
}

function desktops(users: readonly string[], request: Omit<WorkspaceRequest, 'UserName'>): WorkspaceRequest[] {
  return users.map((UserName) => ({ ...request, UserName }));
}

function users(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(2, '0')}`);
}

describe('wsr export against the emulator', () => {
  let emulator: TestEmulator;
  let workdir: string;

  beforeEach(async () => {
    emulator = await startTestEmulator({ seed: SEED });
    workdir = await mkdtemp(join(tmpdir(), 'wsr-export-'));
  });

  afterEach(async () => {
    await emulator.stop();
    await rm(workdir, { recursive: true, force: true });
  });

  /** What an administrator built in the console over the years: nothing carries wsr:env but payroll's desktop. */
  async function buildFleetByHand(): Promise<void> {
    const { client } = emulator;
    const group = await client.send(
      new CreateIpGroupCommand({
        GroupName: 'office',
        GroupDesc: 'head office',
        UserRules: [
          { ipRule: '198.51.100.0/24', ruleDesc: 'HQ' },
          { ipRule: '203.0.113.0/24', ruleDesc: 'VPN' },
        ],
      }),
    );
    await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: CORP, SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'] }));
    await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: LAB, SubnetIds: ['subnet-0ccc3333', 'subnet-0ddd4444'] }));
    await client.send(new AssociateIpGroupsCommand({ DirectoryId: CORP, GroupIds: [group.GroupId!] }));
    await client.send(new ModifySelfservicePermissionsCommand({ ResourceId: CORP, SelfservicePermissions: { IncreaseVolumeSize: 'ENABLED' } }));
    await client.send(new ModifyWorkspaceAccessPropertiesCommand({ ResourceId: CORP, WorkspaceAccessProperties: { DeviceTypeWeb: 'DENY' } }));
    await client.send(new ModifyClientPropertiesCommand({ ResourceId: LAB, ClientProperties: { ReconnectEnabled: 'DISABLED' } }));

    const autoStop = { RunningMode: 'AUTO_STOP' as const, RunningModeAutoStopTimeoutInMinutes: 60 };
    const costCenter = [{ Key: 'cost-center', Value: '4711' }];
    const created = await client.send(
      new CreateWorkspacesCommand({
        Workspaces: [
          ...desktops(users('sales', 16), {
            DirectoryId: CORP,
            BundleId: 'wsb-stdwin0001',
            WorkspaceProperties: autoStop,
            Tags: [...costCenter, { Key: 'team', Value: 'sales' }],
          }),
          ...desktops(users('dev', 5), {
            DirectoryId: CORP,
            BundleId: 'wsb-powwin0001',
            WorkspaceProperties: { RunningMode: 'ALWAYS_ON' },
            Tags: [...costCenter, { Key: 'team', Value: 'dev' }],
          }),
          ...desktops(['payroll01'], {
            DirectoryId: CORP,
            BundleId: 'wsb-stdwin0001',
            WorkspaceProperties: autoStop,
            Tags: [{ Key: 'wsr:env', Value: 'payroll' }],
          }),
        ],
      }),
    );
    expect(created.FailedRequests ?? []).toEqual([]);
    await client.send(new DescribeWorkspacesCommand({ DirectoryId: CORP })); // PENDING → AVAILABLE (time scale 0)

    const source = created.PendingRequests!.find((request) => request.UserName === 'sales01')!;
    const image = await client.send(new CreateWorkspaceImageCommand({ Name: 'golden-2026-11', Description: 'golden image', WorkspaceId: source.WorkspaceId! }));
    await client.send(new DescribeWorkspaceImagesCommand({ ImageIds: [image.ImageId!] })); // PENDING → AVAILABLE
    const bundle = await client.send(
      new CreateWorkspaceBundleCommand({
        BundleName: 'golden-std',
        BundleDescription: 'golden standard',
        ImageId: image.ImageId!,
        ComputeType: { Name: 'STANDARD' },
        UserStorage: { Capacity: '50' },
        RootStorage: { Capacity: '80' },
      }),
    );
    const lab = await client.send(
      new CreateWorkspacesCommand({
        Workspaces: [
          ...desktops(users('lab', 6), {
            DirectoryId: LAB,
            BundleId: bundle.WorkspaceBundle!.BundleId!,
            WorkspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 120 },
            Tags: costCenter,
          }),
          ...desktops(['qa01', 'qa02'], { DirectoryId: LAB, BundleId: 'wsb-perwin0001', WorkspaceProperties: autoStop, Tags: costCenter }),
        ],
      }),
    );
    expect(lab.FailedRequests ?? []).toEqual([]);
    await client.send(new DescribeWorkspacesCommand({ DirectoryId: LAB }));
    await client.send(new DescribeWorkspacesCommand({ DirectoryId: CORP })); // sales01 back from SUSPENDED
    const stopped = created.PendingRequests!.find((request) => request.UserName === 'sales02')!;
    await client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: stopped.WorkspaceId! }] }));
    await client.send(new DescribeWorkspacesCommand({ DirectoryId: CORP })); // STOPPING → STOPPED

    // a pool lives in a WorkSpaces Pools directory (WorkSpaces-native, SAML 2.0 users), not in a personal one
    const kiosks = await client.send(
      new RegisterWorkspaceDirectoryCommand({
        WorkspaceDirectoryName: 'kiosks',
        UserIdentityType: 'CUSTOMER_MANAGED',
        WorkspaceType: 'POOLS',
        SubnetIds: ['subnet-0ccc3333', 'subnet-0ddd4444'],
      }),
    );
    await client.send(new DescribeWorkspacesCommand({ DirectoryId: LAB })); // REGISTERING → REGISTERED
    await client.send(
      new CreateWorkspacesPoolCommand({
        PoolName: 'kiosk',
        Description: 'lobby kiosks',
        BundleId: 'wsb-stdwin0001',
        DirectoryId: kiosks.DirectoryId!,
        Capacity: { DesiredUserSessions: 5 },
        TimeoutSettings: { DisconnectTimeoutInSeconds: 900, MaxUserDurationInSeconds: 3600 },
      }),
    );

    const alias = await client.send(new CreateConnectionAliasCommand({ ConnectionString: 'desktops.example.com' }));
    await client.send(new DescribeConnectionAliasesCommand({})); // CREATING → CREATED
    await client.send(new AssociateConnectionAliasCommand({ AliasId: alias.AliasId!, ResourceId: CORP }));
  }

  async function planOf(text: string) {
    const specFile = join(workdir, 'exported.yaml');
    await writeFile(specFile, text, 'utf8');
    const prepared = await preparePlan({ specFile, connection: { endpoint: emulator.endpoint } });
    await prepared.session.close();
    return prepared.plan;
  }

  it('exports a hand-built account into a spec that plans to no changes, without a mutating call', async () => {
    await buildFleetByHand();
    const before = await emulator.calls();

    const result = await exportEnvironment({ connection: { endpoint: emulator.endpoint, region: 'us-east-1' }, name: 'adopted' });

    const during = await emulator.calls();
    const made = Object.fromEntries(
      Object.entries(during)
        .map(([operation, count]) => [operation, count - (before[operation] ?? 0)])
        .filter(([, count]) => (count as number) > 0),
    );
    expect(mutatingOperations(made)).toEqual([]);
    expect(loadSpecText(result.text, 'exported.yaml').diagnostics).toEqual([]);
    const spec = parse(result.text);
    expect(spec.metadata).toEqual({ name: 'adopted', account: '123456789012', region: 'us-east-1' });
    expect(Object.keys(spec.directories)).toEqual(['corp', 'kiosks', 'lab']);
    expect(spec.directories.corp).toMatchObject({ id: CORP, ipGroups: ['office'], selfService: { increaseVolumeSize: true }, access: { web: 'DENY' } });
    expect(spec.directories.lab.client).toEqual({ reconnect: false, logUpload: false });
    expect(spec.bundles['golden-std']).toMatchObject({ image: 'golden-2026-11', computeType: 'STANDARD', userVolumeGib: 50 });
    expect(spec.defaults.workspace.tags).toEqual({ 'cost-center': '4711' });
    expect(spec.workspaces.map((template: { users: string[] }) => template.users.length)).toEqual([5, 16, 6, 2]);
    expect(spec.connectionAliases).toEqual({ 'desktops.example.com': { associate: ['corp'] } });
    expect(spec.pools.kiosk).toMatchObject({
      directory: 'kiosks',
      bundle: 'wsb-stdwin0001',
      capacity: 5,
      timeouts: { disconnectSeconds: 900, maxUserDurationSeconds: 3600 },
    });
    expect(result.text).toContain('workspace/d-9067a1b2c3/payroll01');

    const plan = await planOf(result.text);
    expect(plan.changes).toEqual([]);
    expect(plan.steps).toEqual([]);
  });

  it('--directory reads and writes only that directory and what it uses', async () => {
    await buildFleetByHand();
    const before = await emulator.calls();

    const result = await exportEnvironment({ connection: { endpoint: emulator.endpoint, region: 'us-east-1' }, name: 'lab', directories: [LAB] });

    const after = await emulator.calls();
    expect((after.DescribeWorkspaces ?? 0) - (before.DescribeWorkspaces ?? 0)).toBe(1); // one page of lab's 8 desktops, none of corp's
    const spec = parse(result.text);
    expect(Object.keys(spec.directories)).toEqual(['lab']);
    expect(Object.keys(spec.bundles)).toEqual(['golden-std']);
    expect(spec.ipGroups).toBeUndefined();
    expect(spec.pools).toBeUndefined(); // the pool is in the kiosks (POOLS) directory
    expect(spec.workspaces.flatMap((template: { users: string[] }) => template.users)).toHaveLength(8);
    const plan = await planOf(result.text);
    expect(plan.changes).toEqual([]);
  });

  it('refuses a --directory that is not registered rather than exporting an empty spec', async () => {
    await expect(exportEnvironment({ connection: { endpoint: emulator.endpoint, region: 'us-east-1' }, directories: ['d-0000000000'] })).rejects.toMatchObject({
      code: 'EXPORT_DIRECTORY_UNKNOWN',
    });
  });

  it('refuses to read when the credentials are for another account than expected', async () => {
    await expect(
      exportEnvironment({ connection: { endpoint: emulator.endpoint, region: 'us-east-1' }, expectedAccount: '999999999999' }),
    ).rejects.toMatchObject({ code: 'PLAN_ACCOUNT_MISMATCH' });
  });
});
