/**
 * Several accounts and Regions behind one emulator: the access key a request is signed with picks
 * the account (state and rate buckets of its own), the credential scope picks the Region, and a
 * Region the seed does not serve is refused like a request signed for another Region than the
 * endpoint's. Calls that reach across (standby, image copy, sharing, reserved connection strings)
 * see the other scopes. The seed also adds real public bundle/image/application ids.
 */
import {
  CopyWorkspaceImageCommand,
  CreateConnectionAliasCommand,
  CreateStandbyWorkspacesCommand,
  CreateWorkspacesCommand,
  CreateWorkspacesPoolCommand,
  DeleteConnectionAliasCommand,
  DescribeApplicationsCommand,
  DescribeConnectionAliasesCommand,
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
  RegisterWorkspaceDirectoryCommand,
  UpdateWorkspaceImagePermissionCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toAwsError } from '../../../src/aws/errors.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { failureOf } from './given.js';

const A = '111111111111';
const B = '222222222222';
const SEED = {
  account: A,
  region: 'us-east-1',
  regions: ['us-west-2'],
  accessKeys: ['AKIAACCOUNTA'],
  directories: [
    { id: 'd-aaaa000001', name: 'a.example.com' },
    { id: 'd-aaaa000002', name: 'a-west.example.com', region: 'us-west-2' },
    { id: 'wsd-apools001', name: 'kiosks', workspaceType: 'POOLS' as const },
  ],
  images: [{ id: 'wsi-0abcdef12345', name: 'legacy', region: 'us-west-2', updateAvailable: true }],
  accounts: [{ id: B, accessKeys: ['AKIAACCOUNTB'], directories: [{ id: 'd-bbbb000001', name: 'b.example.com' }] }],
  publicBundles: [
    {
      id: 'wsb-bh8rsxt14',
      name: 'Value with Windows 10 (Server 2022 based)',
      computeType: 'VALUE',
      rootVolumeGib: 80,
      userVolumeGib: 10,
      image: 'wsi-5vm8bknt5',
      operatingSystem: 'WINDOWS_SERVER_2022',
    },
  ],
  publicImages: [{ id: 'wsi-5vm8bknt5', name: 'Windows Server 2022 based', os: 'WINDOWS' as const }],
  applications: [{ id: 'wsa-0123456789cd', name: 'Microsoft Visual Studio 2022', operatingSystems: ['WINDOWS_SERVER_2022'] }],
};

let emulator: TestEmulator;
const clients: { destroy(): void }[] = [];
function workspacesAs(accessKeyId: string, region = 'us-east-1'): WorkSpacesClient {
  const client = new WorkSpacesClient({ endpoint: emulator.endpoint, region, credentials: { accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1 });
  clients.push(client);
  return client;
}
const a = () => workspacesAs('AKIAACCOUNTA');
const b = () => workspacesAs('AKIAACCOUNTB');

async function registered(client: WorkSpacesClient, DirectoryId: string): Promise<void> {
  await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId, SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'] }));
  await client.send(new DescribeWorkspaceDirectoriesCommand({})); // REGISTERING → REGISTERED (time scale 0)
}

beforeAll(async () => {
  emulator = await startTestEmulator({ seed: SEED });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await emulator.stop();
});
beforeEach(() => emulator.reset());

describe('accounts, by the signing access key', () => {
  it("keeps each account's state apart", async () => {
    await registered(a(), 'd-aaaa000001');
    expect((await a().send(new DescribeWorkspaceDirectoriesCommand({}))).Directories?.map((d) => d.DirectoryId)).toEqual(['wsd-apools001', 'd-aaaa000001']);
    expect((await b().send(new DescribeWorkspaceDirectoriesCommand({}))).Directories).toEqual([]);
    // B's Directory Service directory is not A's to register
    expect((await failureOf(a().send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: 'd-bbbb000001' })))).name).toBe('ResourceNotFoundException');
    await registered(b(), 'd-bbbb000001');
    expect((await b().send(new DescribeWorkspaceDirectoriesCommand({}))).Directories?.map((d) => d.DirectoryId)).toEqual(['d-bbbb000001']);
  });

  it("answers STS GetCallerIdentity with the key's account (unknown keys act as the default account)", async () => {
    const identity = async (accessKeyId: string) => {
      const sts = new STSClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'x' } });
      try {
        return (await sts.send(new GetCallerIdentityCommand({}))).Account;
      } finally {
        sts.destroy();
      }
    };
    expect([await identity('AKIAACCOUNTA'), await identity('AKIAACCOUNTB'), await identity('anything')]).toEqual([A, B, A]);
  });

  it('throttles each account on its own token buckets', async () => {
    const limited = await startTestEmulator({ seed: SEED, rateLimits: { capacity: 2, refillPerSecond: 0.001 } });
    const as = (key: string) =>
      new WorkSpacesClient({ endpoint: limited.endpoint, region: 'us-east-1', credentials: { accessKeyId: key, secretAccessKey: 'x' }, maxAttempts: 1 });
    const [ca, cb] = [as('AKIAACCOUNTA'), as('AKIAACCOUNTB')];
    try {
      await ca.send(new DescribeWorkspacesCommand({}));
      await ca.send(new DescribeWorkspacesCommand({}));
      expect((await failureOf(ca.send(new DescribeWorkspacesCommand({})))).name).toBe('ThrottlingException');
      expect((await cb.send(new DescribeWorkspacesCommand({}))).Workspaces).toEqual([]);
    } finally {
      ca.destroy();
      cb.destroy();
      await limited.stop();
    }
  });
});

describe('Regions, by the credential scope', () => {
  it('refuses a request signed for a Region the endpoint does not serve; wsr reads it as access denied', async () => {
    const error = await failureOf(workspacesAs('AKIAACCOUNTA', 'eu-central-1').send(new DescribeWorkspacesCommand({})));
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.message).toContain("Credential should be scoped to a valid region, not 'eu-central-1'");
    expect(toAwsError(error, 'DescribeWorkspaces').code).toBe('AWS_ACCESS_DENIED');
  });

  it("keeps each Region's state apart within an account", async () => {
    const west = workspacesAs('AKIAACCOUNTA', 'us-west-2');
    expect((await west.send(new DescribeWorkspaceImagesCommand({}))).Images?.map((i) => [i.ImageId, i.Updates?.UpdateAvailable])).toEqual([
      ['wsi-0abcdef12345', true],
    ]);
    expect((await a().send(new DescribeWorkspaceImagesCommand({}))).Images).toEqual([]);
    // d-aaaa000002 is a us-west-2 directory
    expect((await failureOf(a().send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: 'd-aaaa000002' })))).name).toBe('ResourceNotFoundException');
  });

  it('creates a standby in the secondary Region for a primary in another one (not its own)', async () => {
    await registered(a(), 'd-aaaa000001');
    const created = await a().send(
      new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: 'd-aaaa000001', UserName: 'alice', BundleId: 'wsb-stdwin0001' }] }),
    );
    const primary = created.PendingRequests?.[0]?.WorkspaceId as string;
    const west = workspacesAs('AKIAACCOUNTA', 'us-west-2');
    await registered(west, 'd-aaaa000002');
    const result = await west.send(
      new CreateStandbyWorkspacesCommand({
        PrimaryRegion: 'us-east-1',
        StandbyWorkspaces: [
          { PrimaryWorkspaceId: primary, DirectoryId: 'd-aaaa000002' },
          { PrimaryWorkspaceId: 'ws-0000000000', DirectoryId: 'd-aaaa000002' },
        ],
      }),
    );
    expect(result.FailedStandbyRequests?.map((f) => f.ErrorCode)).toEqual(['ResourceNotFound.Workspace']);
    const standby = result.PendingStandbyRequests?.[0]?.WorkspaceId as string;
    expect((await west.send(new DescribeWorkspacesCommand({ WorkspaceIds: [standby] }))).Workspaces?.[0]?.RelatedWorkspaces?.[0]).toMatchObject({
      WorkspaceId: primary,
      Region: 'us-east-1',
      Type: 'PRIMARY',
    });
    expect((await a().send(new DescribeWorkspacesCommand({ WorkspaceIds: [primary] }))).Workspaces?.[0]?.RelatedWorkspaces?.[0]).toMatchObject({
      WorkspaceId: standby,
      Region: 'us-west-2',
      Type: 'STANDBY',
    });
    expect(
      (
        await failureOf(
          west.send(
            new CreateStandbyWorkspacesCommand({
              PrimaryRegion: 'us-west-2',
              StandbyWorkspaces: [{ PrimaryWorkspaceId: primary, DirectoryId: 'd-aaaa000002' }],
            }),
          ),
        )
      ).name,
    ).toBe('InvalidParameterValuesException');
  });

  it('copies an image from another Region of the account', async () => {
    const copy = await a().send(new CopyWorkspaceImageCommand({ Name: 'legacy-east', SourceImageId: 'wsi-0abcdef12345', SourceRegion: 'us-west-2' }));
    expect((await a().send(new DescribeWorkspaceImagesCommand({ ImageIds: [copy.ImageId as string] }))).Images?.[0]?.Name).toBe('legacy-east');
    expect((await failureOf(a().send(new CopyWorkspaceImageCommand({ Name: 'x', SourceImageId: 'wsi-0abcdef12345', SourceRegion: 'us-east-1' })))).name).toBe(
      'ResourceNotFoundException',
    );
  });
});

describe('across accounts', () => {
  it('shows an image shared with another account as SHARED there, which can copy it', async () => {
    const west = workspacesAs('AKIAACCOUNTA', 'us-west-2');
    await west.send(new UpdateWorkspaceImagePermissionCommand({ ImageId: 'wsi-0abcdef12345', AllowCopyImage: true, SharedAccountId: B }));
    const bWest = workspacesAs('AKIAACCOUNTB', 'us-west-2');
    expect((await bWest.send(new DescribeWorkspaceImagesCommand({ ImageType: 'SHARED' }))).Images?.map((i) => [i.ImageId, i.OwnerAccountId])).toEqual([
      ['wsi-0abcdef12345', A],
    ]);
    const copy = await bWest.send(new CopyWorkspaceImageCommand({ Name: 'from-a', SourceImageId: 'wsi-0abcdef12345', SourceRegion: 'us-west-2' }));
    expect((await bWest.send(new DescribeWorkspaceImagesCommand({}))).Images?.map((i) => [i.ImageId, i.OwnerAccountId])).toEqual([[copy.ImageId, B]]);
  });

  it('keeps a connection string reserved to its account after the alias is deleted', async () => {
    const { AliasId } = await a().send(new CreateConnectionAliasCommand({ ConnectionString: 'desktops.example.com' }));
    expect((await failureOf(b().send(new CreateConnectionAliasCommand({ ConnectionString: 'desktops.example.com' })))).name).toBe(
      'ResourceAlreadyExistsException',
    );
    await a().send(new DescribeConnectionAliasesCommand({})); // CREATING → CREATED
    await a().send(new DeleteConnectionAliasCommand({ AliasId }));
    await a().send(new DescribeConnectionAliasesCommand({})); // DELETING → gone
    expect((await failureOf(b().send(new CreateConnectionAliasCommand({ ConnectionString: 'desktops.example.com' })))).message).toContain(
      'reserved to another account',
    );
    expect((await a().send(new CreateConnectionAliasCommand({ ConnectionString: 'desktops.example.com' }))).AliasId).toMatch(/^wsca-/);
  });
});

describe('a seed with real public ids', () => {
  it('lists a seeded public bundle with its compute type, volumes and image, and creates a desktop from it', async () => {
    const amazon = await a().send(new DescribeWorkspaceBundlesCommand({ BundleIds: ['wsb-bh8rsxt14'] }));
    expect(amazon.Bundles?.[0]).toMatchObject({
      Owner: 'AMAZON',
      ComputeType: { Name: 'VALUE' },
      RootStorage: { Capacity: '80' },
      UserStorage: { Capacity: '10' },
      ImageId: 'wsi-5vm8bknt5',
    });
    expect((await a().send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON' }))).Bundles?.map((bundle) => bundle.BundleId)).toContain('wsb-bh8rsxt14');
    await registered(a(), 'd-aaaa000001');
    const created = await a().send(
      new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: 'd-aaaa000001', UserName: 'alice', BundleId: 'wsb-bh8rsxt14' }] }),
    );
    expect(created.FailedRequests).toEqual([]);
    expect(created.PendingRequests?.[0]?.WorkspaceProperties).toMatchObject({
      ComputeTypeName: 'VALUE',
      RootVolumeSizeGib: 80,
      UserVolumeSizeGib: 10,
      OperatingSystemName: 'WINDOWS_SERVER_2022',
    });
  });

  it('describes a seeded application and serves a pool in the seeded POOLS directory', async () => {
    expect((await a().send(new DescribeApplicationsCommand({ ApplicationIds: ['wsa-0123456789cd'] }))).Applications?.[0]?.Name).toBe(
      'Microsoft Visual Studio 2022',
    );
    const pool = await a().send(
      new CreateWorkspacesPoolCommand({
        PoolName: 'kiosk',
        Description: 'd',
        BundleId: 'wsb-bh8rsxt14',
        DirectoryId: 'wsd-apools001',
        Capacity: { DesiredUserSessions: 2 },
      }),
    );
    expect(pool.WorkspacesPool?.DirectoryId).toBe('wsd-apools001');
  });

  it('refuses a seed that gives one access key to two accounts', async () => {
    await expect(startTestEmulator({ seed: { ...SEED, accounts: [{ id: B, accessKeys: ['AKIAACCOUNTA'] }] } })).rejects.toThrow(
      'access key AKIAACCOUNTA belongs to two accounts',
    );
  });
});
