import {
  AssociateIpGroupsCommand,
  CreateIpGroupCommand,
  CreateWorkspacesPoolCommand,
  DeregisterWorkspaceDirectoryCommand,
  DescribeClientPropertiesCommand,
  DescribeWorkspaceDirectoriesCommand,
  DisassociateIpGroupsCommand,
  ModifyCertificateBasedAuthPropertiesCommand,
  ModifyClientPropertiesCommand,
  ModifyEndpointEncryptionModeCommand,
  ModifySamlPropertiesCommand,
  ModifySelfservicePermissionsCommand,
  ModifyStreamingPropertiesCommand,
  ModifyWorkspaceAccessPropertiesCommand,
  ModifyWorkspaceCreationPropertiesCommand,
  RegisterWorkspaceDirectoryCommand,
  TerminateWorkspacesCommand,
  paginateDescribeWorkspaceDirectories,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { DIRECTORY_ID, STANDARD_WINDOWS, aPoolsDirectory, aRegisteredDirectory, aWorkspace, failureOf } from './given.js';

let emulator: TestEmulator;
const client = () => emulator.client;
const directory = async (id = DIRECTORY_ID) => (await client().send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [id] }))).Directories?.[0];
const seed = { directories: ['d-9067a1b2c3', 'd-1111111111', 'd-2222222222', 'd-3333333333'].map((id) => ({ id, name: `${id}.example.com` })) };

beforeAll(async () => {
  emulator = await startTestEmulator({ pageSize: 2, seed });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

describe('registration', () => {
  it('goes REGISTERING → REGISTERED after 5 virtual minutes', async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      const result = await slow.client.send(
        new RegisterWorkspaceDirectoryCommand({
          DirectoryId: DIRECTORY_ID,
          SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'],
          Tags: [{ Key: 'k', Value: 'v' }],
        }),
      );
      expect(result.State).toBe('REGISTERING');
      await slow.advance(299);
      expect((await slow.client.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories?.[0]?.State).toBe('REGISTERING');
      await slow.advance(2);
      const registered = (await slow.client.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories?.[0];
      expect(registered).toMatchObject({
        DirectoryId: DIRECTORY_ID,
        State: 'REGISTERED',
        DirectoryName: 'corp.example.com',
        SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'],
        ipGroupIds: [],
      });
    } finally {
      await slow.stop();
    }
  });

  it('refuses a directory twice, one Directory Service does not know, and foreign subnets', async () => {
    await aRegisteredDirectory(client());
    expect((await failureOf(aRegisteredDirectory(client()))).name).toBe('ResourceAlreadyExistsException');
    expect((await failureOf(client().send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: 'd-9999999999' })))).name).toBe('ResourceNotFoundException');
    expect((await failureOf(client().send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: 'd-1111111111', SubnetIds: ['subnet-0ccc3333'] })))).name).toBe(
      'InvalidParameterValuesException',
    );
  });

  it('registers a WorkSpaces-native directory with a wsd- id', async () => {
    const result = await client().send(
      new RegisterWorkspaceDirectoryCommand({
        WorkspaceDirectoryName: 'pool-directory',
        WorkspaceDirectoryDescription: 'for pools',
        UserIdentityType: 'CUSTOMER_MANAGED',
        WorkspaceType: 'POOLS',
      }),
    );
    expect(result.DirectoryId).toMatch(/^wsd-[0-9a-z]{9}$/);
    const found = await client().send(new DescribeWorkspaceDirectoriesCommand({ Filters: [{ Name: 'WORKSPACE_TYPE', Values: ['POOLS'] }] }));
    expect(found.Directories?.map((d) => [d.DirectoryId, d.DirectoryType, d.State])).toEqual([[result.DirectoryId, 'CUSTOMER_MANAGED', 'REGISTERED']]);
  });

  it('pages the directory list', async () => {
    for (const d of seed.directories) await aRegisteredDirectory(client(), d.id);
    const ids: string[] = [];
    for await (const page of paginateDescribeWorkspaceDirectories({ client: client() }, {}))
      ids.push(...(page.Directories ?? []).map((d) => d.DirectoryId as string));
    expect(ids).toEqual(seed.directories.map((d) => d.id));
  });

  it('deregisters only without WorkSpaces, then the directory disappears', async () => {
    await aRegisteredDirectory(client());
    const id = await aWorkspace(client());
    const refused = await failureOf(client().send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY_ID })));
    expect(refused.name).toBe('OperationNotSupportedException');
    await client().send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: id }] }));
    await directory(); // the termination settles
    await client().send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY_ID }));
    expect(await directory()).toBeUndefined();
    expect((await failureOf(client().send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY_ID })))).name).toBe('ResourceNotFoundException');
  });

  it('refuses deregistration while a pool uses the directory', async () => {
    const pools = await aPoolsDirectory(client());
    await client().send(
      new CreateWorkspacesPoolCommand({
        PoolName: 'p',
        Description: 'd',
        BundleId: STANDARD_WINDOWS,
        DirectoryId: pools,
        Capacity: { DesiredUserSessions: 1 },
      }),
    );
    expect((await failureOf(client().send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: pools })))).name).toBe('OperationNotSupportedException');
  });
});

describe('directory properties', () => {
  beforeEach(() => aRegisteredDirectory(client()));

  it('sets creation, access, self-service, streaming and encryption properties', async () => {
    await client().send(
      new ModifyWorkspaceCreationPropertiesCommand({
        ResourceId: DIRECTORY_ID,
        WorkspaceCreationProperties: { EnableInternetAccess: true, DefaultOu: 'OU=ws,DC=corp' },
      }),
    );
    await client().send(new ModifyWorkspaceAccessPropertiesCommand({ ResourceId: DIRECTORY_ID, WorkspaceAccessProperties: { DeviceTypeWeb: 'DENY' } }));
    await client().send(new ModifySelfservicePermissionsCommand({ ResourceId: DIRECTORY_ID, SelfservicePermissions: { ChangeComputeType: 'ENABLED' } }));
    await client().send(
      new ModifyStreamingPropertiesCommand({ ResourceId: DIRECTORY_ID, StreamingProperties: { StreamingExperiencePreferredProtocol: 'UDP' } }),
    );
    await client().send(new ModifyEndpointEncryptionModeCommand({ DirectoryId: DIRECTORY_ID, EndpointEncryptionMode: 'FIPS_VALIDATED' }));
    const d = await directory();
    expect(d?.WorkspaceCreationProperties).toMatchObject({ EnableInternetAccess: true, DefaultOu: 'OU=ws,DC=corp', EnableMaintenanceMode: true });
    expect(d?.WorkspaceAccessProperties).toMatchObject({ DeviceTypeWeb: 'DENY', DeviceTypeWindows: 'ALLOW' });
    expect(d?.SelfservicePermissions?.ChangeComputeType).toBe('ENABLED');
    expect(d?.StreamingProperties?.StreamingExperiencePreferredProtocol).toBe('UDP');
    expect(d?.EndpointEncryptionMode).toBe('FIPS_VALIDATED');
  });

  it('sets SAML and certificate-based auth, and deletes single SAML fields', async () => {
    await client().send(
      new ModifySamlPropertiesCommand({
        ResourceId: DIRECTORY_ID,
        SamlProperties: { Status: 'ENABLED', UserAccessUrl: 'https://idp.example.com/sso', RelayStateParameterName: 'RelayState' },
      }),
    );
    await client().send(
      new ModifyCertificateBasedAuthPropertiesCommand({
        ResourceId: DIRECTORY_ID,
        CertificateBasedAuthProperties: {
          Status: 'ENABLED',
          CertificateAuthorityArn: 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012',
        },
      }),
    );
    await client().send(new ModifySamlPropertiesCommand({ ResourceId: DIRECTORY_ID, PropertiesToDelete: ['SAML_PROPERTIES_RELAY_STATE_PARAMETER_NAME'] }));
    const d = await directory();
    expect(d?.SamlProperties).toEqual({ Status: 'ENABLED', UserAccessUrl: 'https://idp.example.com/sso' });
    expect(d?.CertificateBasedAuthProperties?.Status).toBe('ENABLED');
  });

  it('keeps client properties per directory', async () => {
    await client().send(new ModifyClientPropertiesCommand({ ResourceId: DIRECTORY_ID, ClientProperties: { ReconnectEnabled: 'DISABLED' } }));
    const result = await client().send(new DescribeClientPropertiesCommand({ ResourceIds: [DIRECTORY_ID] }));
    expect(result.ClientPropertiesList).toEqual([
      { ResourceId: DIRECTORY_ID, ClientProperties: { ReconnectEnabled: 'DISABLED', LogUploadEnabled: 'DISABLED' } },
    ]);
  });

  it('answers ResourceNotFoundException for a directory that is not registered', async () => {
    const error = await failureOf(client().send(new ModifySelfservicePermissionsCommand({ ResourceId: 'd-1111111111', SelfservicePermissions: {} })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.ResourceId).toBe('d-1111111111');
  });

  it('associates and disassociates IP groups, at most 25 per directory', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 26; i++) ids.push((await client().send(new CreateIpGroupCommand({ GroupName: `g${i}` }))).GroupId as string);
    await client().send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY_ID, GroupIds: ids.slice(0, 25) }));
    expect((await directory())?.ipGroupIds).toEqual(ids.slice(0, 25));
    expect((await failureOf(client().send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY_ID, GroupIds: [ids[25]] })))).name).toBe(
      'ResourceLimitExceededException',
    );
    await client().send(new DisassociateIpGroupsCommand({ DirectoryId: DIRECTORY_ID, GroupIds: [ids[0]] }));
    expect((await directory())?.ipGroupIds).toEqual(ids.slice(1, 25));
    expect((await failureOf(client().send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY_ID, GroupIds: ['wsipg-0000000000'] })))).name).toBe(
      'ResourceNotFoundException',
    );
  });
});
