import {
  CreateTagsCommand,
  CreateWorkspacesPoolCommand,
  DescribeTagsCommand,
  DescribeWorkspacesPoolSessionsCommand,
  DescribeWorkspacesPoolsCommand,
  StartWorkspacesPoolCommand,
  StopWorkspacesPoolCommand,
  TerminateWorkspacesPoolCommand,
  TerminateWorkspacesPoolSessionCommand,
  UpdateWorkspacesPoolCommand,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { CreateWorkspacesCommand, RegisterWorkspaceDirectoryCommand } from '@aws-sdk/client-workspaces';
import { DIRECTORY_ID, STANDARD_WINDOWS, aPoolsDirectory, aRegisteredDirectory, failureOf } from './given.js';

let emulator: TestEmulator;
const client = () => emulator.client;
const pool = async (id: string) => (await client().send(new DescribeWorkspacesPoolsCommand({ PoolIds: [id] }))).WorkspacesPools?.[0];
let poolsDirectory: string;
const createPool = (PoolName: string, extra: Record<string, unknown> = {}) =>
  client().send(
    new CreateWorkspacesPoolCommand({
      PoolName,
      Description: 'call centre',
      BundleId: STANDARD_WINDOWS,
      DirectoryId: poolsDirectory,
      Capacity: { DesiredUserSessions: 3 },
      ...extra,
    }),
  );

beforeAll(async () => {
  emulator = await startTestEmulator({ pageSize: 2 });
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  await emulator.reset();
  await aRegisteredDirectory(client());
  poolsDirectory = await aPoolsDirectory(client());
});

describe('pools need a POOLS directory', () => {
  it('refuses a pool in a personal (Directory Service) directory', async () => {
    const error = await failureOf(createPool('agents', { DirectoryId: DIRECTORY_ID }));
    expect(error.name).toBe('InvalidParameterValuesException');
    expect(error.message).toContain('WorkspaceType POOLS');
  });

  it('registers a POOLS directory only WorkSpaces-native with SAML 2.0 users', async () => {
    expect(poolsDirectory).toMatch(/^wsd-[0-9a-z]{9}$/);
    const withDsId = await failureOf(
      client().send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY_ID, WorkspaceType: 'POOLS', UserIdentityType: 'CUSTOMER_MANAGED' })),
    );
    expect(withDsId.name).toBe('InvalidParameterValuesException');
    const identityCenter = await failureOf(
      client().send(
        new RegisterWorkspaceDirectoryCommand({ WorkspaceDirectoryName: 'idc-directory', WorkspaceType: 'POOLS', UserIdentityType: 'AWS_IAM_IDENTITY_CENTER' }),
      ),
    );
    expect(identityCenter.name).toBe('InvalidParameterValuesException');
  });

  it('refuses a personal WorkSpace in a POOLS directory (a FailedRequests item)', async () => {
    const result = await client().send(
      new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: poolsDirectory, UserName: 'alice', BundleId: STANDARD_WINDOWS }] }),
    );
    expect(result.FailedRequests?.map((f) => f.ErrorCode)).toEqual(['InvalidParameterValuesException']);
  });
});

describe('pools', () => {
  it('creates a pool CREATING → RUNNING with a wspool- id of exactly 9 characters, taggable by id', async () => {
    const created = await createPool('agents', { Tags: [{ Key: 'team', Value: 'support' }] });
    const id = created.WorkspacesPool?.PoolId as string;
    expect(id).toMatch(/^wspool-[0-9a-z]{9}$/);
    expect(created.WorkspacesPool).toMatchObject({
      State: 'CREATING',
      RunningMode: 'AUTO_STOP',
      CapacityStatus: { DesiredUserSessions: 3, ActiveUserSessions: 0 },
    });
    expect(created.WorkspacesPool?.CreatedAt).toBeInstanceOf(Date);
    expect((await pool(id))?.State).toBe('RUNNING');
    await client().send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: 'more', Value: 'x' }] }));
    expect((await client().send(new DescribeTagsCommand({ ResourceId: id }))).TagList?.map((t) => t.Key)).toEqual(['team', 'more']);
  });

  it('refuses a duplicate name, an unknown bundle and an unregistered directory', async () => {
    await createPool('agents');
    expect((await failureOf(createPool('agents'))).name).toBe('ResourceAlreadyExistsException');
    expect((await failureOf(createPool('b', { BundleId: 'wsb-0000000000' }))).name).toBe('ResourceNotFoundException');
    expect((await failureOf(createPool('c', { DirectoryId: 'd-1111111111' }))).name).toBe('ResourceNotFoundException');
  });

  it('stops and starts AUTO_STOP pools only from the right state', async () => {
    const id = (await createPool('agents')).WorkspacesPool?.PoolId as string;
    await pool(id);
    expect((await failureOf(client().send(new StartWorkspacesPoolCommand({ PoolId: id })))).name).toBe('InvalidResourceStateException');
    await client().send(new StopWorkspacesPoolCommand({ PoolId: id }));
    expect((await pool(id))?.State).toBe('STOPPED');
    expect((await failureOf(client().send(new StopWorkspacesPoolCommand({ PoolId: id })))).name).toBe('InvalidResourceStateException');
    await client().send(new StartWorkspacesPoolCommand({ PoolId: id }));
    expect((await pool(id))?.State).toBe('RUNNING');
  });

  it('answers OperationInProgressException while the pool is busy', async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      const directory = await aPoolsDirectory(slow.client);
      await slow.advance(300);
      const created = await slow.client.send(
        new CreateWorkspacesPoolCommand({
          PoolName: 'p',
          Description: 'd',
          BundleId: STANDARD_WINDOWS,
          DirectoryId: directory,
          Capacity: { DesiredUserSessions: 1 },
        }),
      );
      const error = await failureOf(slow.client.send(new UpdateWorkspacesPoolCommand({ PoolId: created.WorkspacesPool?.PoolId, Description: 'new' })));
      expect(error.name).toBe('OperationInProgressException');
    } finally {
      await slow.stop();
    }
  });

  it('updates capacity and settings, and filters by name', async () => {
    const id = (await createPool('agents')).WorkspacesPool?.PoolId as string;
    await createPool('backoffice');
    await pool(id);
    const updated = await client().send(
      new UpdateWorkspacesPoolCommand({ PoolId: id, Capacity: { DesiredUserSessions: 10 }, TimeoutSettings: { MaxUserDurationInSeconds: 3600 } }),
    );
    expect(updated.WorkspacesPool?.CapacityStatus?.DesiredUserSessions).toBe(10);
    const found = await client().send(new DescribeWorkspacesPoolsCommand({ Filters: [{ Name: 'PoolName', Values: ['back'], Operator: 'CONTAINS' }] }));
    expect(found.WorkspacesPools?.map((p) => p.PoolName)).toEqual(['backoffice']);
  });

  it('lists and ends user sessions', async () => {
    const id = (await createPool('agents')).WorkspacesPool?.PoolId as string;
    await pool(id);
    for (const user of ['u1', 'u2', 'u3']) await emulator.admin('pool-session', { poolId: id, userId: user });
    const first = await client().send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: id }));
    expect(first.Sessions?.map((s) => s.UserId)).toEqual(['u1', 'u2']);
    const second = await client().send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: id, NextToken: first.NextToken }));
    expect(second.Sessions?.map((s) => s.UserId)).toEqual(['u3']);
    await client().send(new TerminateWorkspacesPoolSessionCommand({ SessionId: first.Sessions?.[0]?.SessionId }));
    expect((await client().send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: id, Limit: 50 }))).Sessions?.map((s) => s.UserId)).toEqual(['u2', 'u3']);
    expect((await pool(id))?.CapacityStatus?.ActiveUserSessions).toBe(2);
    expect((await failureOf(client().send(new TerminateWorkspacesPoolSessionCommand({ SessionId: first.Sessions?.[0]?.SessionId })))).name).toBe(
      'ResourceNotFoundException',
    );
  });

  it('terminates a pool, which then disappears', async () => {
    const id = (await createPool('agents')).WorkspacesPool?.PoolId as string;
    await pool(id);
    await client().send(new TerminateWorkspacesPoolCommand({ PoolId: id }));
    expect(await pool(id)).toBeUndefined();
    expect((await failureOf(client().send(new TerminateWorkspacesPoolCommand({ PoolId: id })))).name).toBe('ResourceNotFoundException');
  });
});
