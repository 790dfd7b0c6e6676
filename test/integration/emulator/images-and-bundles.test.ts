import {
  CopyWorkspaceImageCommand,
  CreateUpdatedWorkspaceImageCommand,
  CreateWorkspaceBundleCommand,
  CreateWorkspaceImageCommand,
  DeleteWorkspaceBundleCommand,
  DeleteWorkspaceImageCommand,
  DescribeCustomWorkspaceImageImportCommand,
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspaceImagePermissionsCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
  ImportCustomWorkspaceImageCommand,
  ImportWorkspaceImageCommand,
  ModifyAccountCommand,
  TerminateWorkspacesCommand,
  UpdateWorkspaceBundleCommand,
  UpdateWorkspaceImagePermissionCommand,
  paginateDescribeWorkspaceBundles,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { aRegisteredDirectory, aWorkspace, failureOf } from './given.js';

let emulator: TestEmulator;
const client = () => emulator.client;
const image = async (id: string) => (await client().send(new DescribeWorkspaceImagesCommand({ ImageIds: [id] }))).Images?.[0];
const bundle = async (id: string) => (await client().send(new DescribeWorkspaceBundlesCommand({ BundleIds: [id] }))).Bundles?.[0];

async function anImage(name = 'golden'): Promise<string> {
  const workspaceId = await aWorkspace(client(), `builder-${name}`);
  const created = await client().send(new CreateWorkspaceImageCommand({ Name: name, Description: 'golden image', WorkspaceId: workspaceId }));
  return created.ImageId as string;
}

async function aBundle(imageId: string, name = 'standard-win'): Promise<string> {
  const result = await client().send(
    new CreateWorkspaceBundleCommand({
      BundleName: name,
      BundleDescription: 'ours',
      ImageId: imageId,
      ComputeType: { Name: 'STANDARD' },
      UserStorage: { Capacity: '50' },
      RootStorage: { Capacity: '80' },
    }),
  );
  return result.WorkspaceBundle?.BundleId as string;
}

/** On an emulator at time scale 1: a registered directory, an AVAILABLE desktop, and an image of it just started (PENDING for 45 min). */
async function aPendingImageOnRealTime(slow: TestEmulator): Promise<string> {
  await aRegisteredDirectory(slow.client);
  await slow.advance(300);
  const ws = await aWorkspace(slow.client);
  await slow.advance(1200);
  const { ImageId } = await slow.client.send(new CreateWorkspaceImageCommand({ Name: 'p', Description: 'd', WorkspaceId: ws }));
  return ImageId as string;
}

beforeAll(async () => {
  emulator = await startTestEmulator({ pageSize: 3 });
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  await emulator.reset();
  await aRegisteredDirectory(client());
});

describe('Amazon bundles', () => {
  it('lists the public bundles with their fixed ids when Owner is AMAZON, across pages', async () => {
    const ids: string[] = [];
    for await (const page of paginateDescribeWorkspaceBundles({ client: client() }, { Owner: 'AMAZON' }))
      ids.push(...(page.Bundles ?? []).map((b) => b.BundleId as string));
    expect(ids).toEqual(['wsb-valwin0001', 'wsb-stdwin0001', 'wsb-perwin0001', 'wsb-powwin0001', 'wsb-pwpwin0001', 'wsb-stdlnx0001', 'wsb-perlnx0001']);
    expect(await bundle('wsb-powwin0001')).toMatchObject({
      Owner: 'AMAZON',
      ComputeType: { Name: 'POWER' },
      RootStorage: { Capacity: '175' },
      UserStorage: { Capacity: '100' },
      State: 'AVAILABLE',
    });
    expect((await client().send(new DescribeWorkspaceBundlesCommand({}))).Bundles).toEqual([]);
  });

  it('refuses BundleIds with Owner, and updating an Amazon bundle', async () => {
    expect((await failureOf(client().send(new DescribeWorkspaceBundlesCommand({ BundleIds: ['wsb-stdwin0001'], Owner: 'AMAZON' })))).name).toBe(
      'InvalidParameterValuesException',
    );
    expect((await failureOf(client().send(new UpdateWorkspaceBundleCommand({ BundleId: 'wsb-stdwin0001', ImageId: 'wsi-amzwin10001' })))).name).toBe(
      'OperationNotSupportedException',
    );
  });
});

describe('images', () => {
  it('creates an image from a WorkSpace (SUSPENDED meanwhile), PENDING → AVAILABLE after 45 virtual minutes', async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      await aRegisteredDirectory(slow.client);
      await slow.advance(300);
      const ws = await aWorkspace(slow.client);
      await slow.advance(1200);
      const created = await slow.client.send(new CreateWorkspaceImageCommand({ Name: 'golden', Description: 'd', WorkspaceId: ws }));
      expect(created).toMatchObject({ State: 'PENDING', OwnerAccountId: '123456789012', RequiredTenancy: 'DEFAULT' });
      expect(created.ImageId).toMatch(/^wsi-[0-9a-z]{10}$/);
      expect((await slow.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [ws] }))).Workspaces?.[0]?.State).toBe('SUSPENDED');
      const refused = await slow.client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: ws }] }));
      expect(refused.FailedRequests?.[0]?.ErrorCode).toBe('InvalidResourceState.Workspace');
      await slow.advance(45 * 60);
      expect((await slow.client.send(new DescribeWorkspaceImagesCommand({ ImageIds: [created.ImageId as string] }))).Images?.[0]?.State).toBe('AVAILABLE');
      expect((await slow.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [ws] }))).Workspaces?.[0]?.State).toBe('AVAILABLE');
    } finally {
      await slow.stop();
    }
  });

  it('refuses a duplicate name and a WorkSpace that is not AVAILABLE', async () => {
    await anImage('golden');
    const ws = await aWorkspace(client(), 'other');
    expect((await failureOf(client().send(new CreateWorkspaceImageCommand({ Name: 'golden', Description: 'd', WorkspaceId: ws })))).name).toBe(
      'ResourceAlreadyExistsException',
    );
    expect((await failureOf(client().send(new CreateWorkspaceImageCommand({ Name: 'x', Description: 'd', WorkspaceId: 'ws-0000000000' })))).name).toBe(
      'ResourceNotFoundException',
    );
  });

  it("copies, updates and lists the account's images with paging", async () => {
    const source = await anImage('golden');
    await image(source);
    const copy = await client().send(new CopyWorkspaceImageCommand({ Name: 'golden-copy', SourceImageId: source, SourceRegion: 'us-east-1' }));
    const updated = await client().send(new CreateUpdatedWorkspaceImageCommand({ Name: 'golden-updated', Description: 'patched', SourceImageId: source }));
    expect(copy.ImageId).toMatch(/^wsi-/);
    expect(updated.ImageId).toMatch(/^wsi-/);
    const first = await client().send(new DescribeWorkspaceImagesCommand({ MaxResults: 2 }));
    const second = await client().send(new DescribeWorkspaceImagesCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect([...(first.Images ?? []), ...(second.Images ?? [])].map((i) => i.Name)).toEqual(['golden', 'golden-copy', 'golden-updated']);
    expect((await client().send(new DescribeWorkspaceImagesCommand({ ImageType: 'SHARED' }))).Images).toEqual([]);
  });

  it('imports BYOL images only once the account is BYOL-enabled, and only known EC2 images', async () => {
    const request = { Ec2ImageId: 'ami-0123456789abcdef0', IngestionProcess: 'BYOL_REGULAR_WSP' as const, ImageName: 'byol', ImageDescription: 'byol win11' };
    expect((await failureOf(client().send(new ImportWorkspaceImageCommand(request)))).name).toBe('InvalidParameterValuesException');
    await client().send(new ModifyAccountCommand({ DedicatedTenancySupport: 'ENABLED', DedicatedTenancyManagementCidrRange: '10.0.0.0/16' }));
    const imported = await client().send(new ImportWorkspaceImageCommand(request));
    expect((await image(imported.ImageId as string))?.RequiredTenancy).toBe('DEDICATED');
    expect(
      (await failureOf(client().send(new ImportWorkspaceImageCommand({ ...request, ImageName: 'other', Ec2ImageId: 'ami-0fffffffffffffff0' })))).name,
    ).toBe('ResourceNotFoundException');
  });

  it('imports a custom image and reports the import progress', async () => {
    const result = await client().send(
      new ImportCustomWorkspaceImageCommand({
        ImageName: 'custom',
        ImageDescription: 'custom',
        ComputeType: 'BASE',
        Protocol: 'DCV',
        Platform: 'WINDOWS',
        OsVersion: 'Windows_11',
        ImageSource: { Ec2ImageId: 'ami-0123456789abcdef0' },
        InfrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/custom',
      }),
    );
    expect(result.State).toBe('PENDING');
    const status = await client().send(new DescribeCustomWorkspaceImageImportCommand({ ImageId: result.ImageId }));
    expect(status).toMatchObject({ ImageId: result.ImageId, State: 'COMPLETED', ProgressPercentage: 100 });
  });

  it('shares and unshares, and refuses to delete while shared or used by a bundle', async () => {
    const id = await anImage();
    await image(id);
    await client().send(new UpdateWorkspaceImagePermissionCommand({ ImageId: id, AllowCopyImage: true, SharedAccountId: '111122223333' }));
    expect((await client().send(new DescribeWorkspaceImagePermissionsCommand({ ImageId: id }))).ImagePermissions).toEqual([
      { SharedAccountId: '111122223333' },
    ]);
    expect((await failureOf(client().send(new DeleteWorkspaceImageCommand({ ImageId: id })))).name).toBe('ResourceAssociatedException');
    await client().send(new UpdateWorkspaceImagePermissionCommand({ ImageId: id, AllowCopyImage: false, SharedAccountId: '111122223333' }));
    const bundleId = await aBundle(id);
    expect((await failureOf(client().send(new DeleteWorkspaceImageCommand({ ImageId: id })))).name).toBe('ResourceAssociatedException');
    await client().send(new DeleteWorkspaceBundleCommand({ BundleId: bundleId }));
    await client().send(new DeleteWorkspaceImageCommand({ ImageId: id }));
    expect(await image(id)).toBeUndefined();
  });

  it('refuses sharing a PENDING image and deleting it', async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      const ImageId = await aPendingImageOnRealTime(slow);
      expect(
        (await failureOf(slow.client.send(new UpdateWorkspaceImagePermissionCommand({ ImageId, AllowCopyImage: true, SharedAccountId: '111122223333' })))).name,
      ).toBe('ResourceUnavailableException');
      expect((await failureOf(slow.client.send(new DeleteWorkspaceImageCommand({ ImageId })))).name).toBe('InvalidResourceStateException');
    } finally {
      await slow.stop();
    }
  });
});

describe('image updates', () => {
  it("describes Updates on the account's own images", async () => {
    const id = await anImage();
    expect((await image(id))?.Updates).toEqual({ UpdateAvailable: false });
  });
});

describe('custom bundles', () => {
  it('creates a bundle from an AVAILABLE image; refuses duplicates and unknown images', async () => {
    const imageId = await anImage();
    await image(imageId);
    const id = await aBundle(imageId);
    expect(id).toMatch(/^wsb-[0-9a-z]{10}$/);
    expect(await bundle(id)).toMatchObject({
      Name: 'standard-win',
      Owner: '123456789012',
      ImageId: imageId,
      State: 'AVAILABLE',
      ComputeType: { Name: 'STANDARD' },
    });
    expect((await client().send(new DescribeWorkspaceBundlesCommand({}))).Bundles?.map((b) => b.BundleId)).toEqual([id]);
    expect((await failureOf(aBundle(imageId))).name).toBe('ResourceAlreadyExistsException');
    expect((await failureOf(aBundle('wsi-0000000000', 'other'))).name).toBe('ResourceNotFoundException');
  });

  it("keeps a deleted bundle's name reserved for 2 hours (virtual clock)", async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      const ImageId = await aPendingImageOnRealTime(slow);
      await slow.advance(2700);
      const create = () =>
        slow.client.send(
          new CreateWorkspaceBundleCommand({
            BundleName: 'std',
            BundleDescription: 'd',
            ImageId,
            ComputeType: { Name: 'STANDARD' },
            UserStorage: { Capacity: '50' },
          }),
        );
      const first = await create();
      await slow.advance(60);
      await slow.client.send(new DeleteWorkspaceBundleCommand({ BundleId: first.WorkspaceBundle?.BundleId }));
      expect((await failureOf(create())).name).toBe('ResourceAlreadyExistsException');
      await slow.advance(2 * 3600 - 60);
      expect((await failureOf(create())).message).toContain('2 hours');
      await slow.advance(120);
      expect((await create()).WorkspaceBundle?.Name).toBe('std');
    } finally {
      await slow.stop();
    }
  });

  it('swaps the image of a bundle without touching its WorkSpaces', async () => {
    const first = await anImage('one');
    const second = await anImage('two');
    await image(first);
    const id = await aBundle(first);
    await bundle(id);
    const ws = await aWorkspace(client(), 'user1', { BundleId: id });
    await client().send(new UpdateWorkspaceBundleCommand({ BundleId: id, ImageId: second }));
    expect((await bundle(id))?.ImageId).toBe(second);
    expect((await client().send(new DescribeWorkspacesCommand({ WorkspaceIds: [ws] }))).Workspaces?.[0]?.BundleId).toBe(id);
    expect((await failureOf(client().send(new DeleteWorkspaceBundleCommand({ BundleId: id })))).name).toBe('ResourceAssociatedException');
  });
});
