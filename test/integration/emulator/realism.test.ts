/**
 * `realism: 'aws'`: a new desktop's id is not described for the read-after-create window (AWS,
 * CreateWorkspaces: "If you immediately call DescribeWorkspaces with this identifier, no
 * information is returned"), yet the service knows it: a second create for the same user is
 * refused. `instant` (the library's default) shows it at once.
 */
import { CreateWorkspacesCommand, DescribeWorkspacesCommand, MigrateWorkspaceCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { DIRECTORY_ID, STANDARD_WINDOWS, aRegisteredDirectory } from './given.js';

let emulator: TestEmulator;
const client = () => emulator.client;
const describeById = async (id: string) => (await client().send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces ?? [];
const describeByUser = async (UserName: string) =>
  (await client().send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY_ID, UserName }))).Workspaces ?? [];

beforeAll(async () => {
  emulator = await startTestEmulator({ timeScale: 1, realism: 'aws', readAfterCreateSeconds: 30 });
  await aRegisteredDirectory(client());
  await emulator.advance(300);
});
afterAll(() => emulator.stop());

describe('read-after-create window', () => {
  it('hides a new desktop from every DescribeWorkspaces selector for the window, then shows it PENDING', async () => {
    const created = await client().send(
      new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: DIRECTORY_ID, UserName: 'alice', BundleId: STANDARD_WINDOWS }] }),
    );
    const id = created.PendingRequests?.[0]?.WorkspaceId as string;
    expect(await describeById(id)).toEqual([]);
    expect(await describeByUser('alice')).toEqual([]);
    expect((await client().send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY_ID }))).Workspaces).toEqual([]);
    // the service knows it already: creating it again is refused, not duplicated
    const again = await client().send(
      new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: DIRECTORY_ID, UserName: 'alice', BundleId: STANDARD_WINDOWS }] }),
    );
    expect(again.FailedRequests?.map((f) => f.ErrorCode)).toEqual(['ResourceExists.WorkSpace']);
    await emulator.advance(29);
    expect(await describeById(id)).toEqual([]);
    await emulator.advance(2);
    expect((await describeById(id)).map((w) => w.State)).toEqual(['PENDING']);
  });

  it('hides the new id of a migration for the window too', async () => {
    const created = await client().send(
      new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: DIRECTORY_ID, UserName: 'bob', BundleId: STANDARD_WINDOWS }] }),
    );
    const id = created.PendingRequests?.[0]?.WorkspaceId as string;
    await emulator.advance(20 * 60 + 31);
    const { TargetWorkspaceId } = await client().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: 'wsb-perwin0001' }));
    expect(await describeById(TargetWorkspaceId as string)).toEqual([]);
    expect((await describeById(id)).map((w) => w.State)).toEqual(['TERMINATING']);
    await emulator.advance(31);
    expect((await describeById(TargetWorkspaceId as string)).map((w) => w.State)).toEqual(['PENDING']);
  });

  it('shows a new desktop at once in the instant mode', async () => {
    const instant = await startTestEmulator({ timeScale: 1 });
    try {
      await aRegisteredDirectory(instant.client);
      await instant.advance(300);
      const created = await instant.client.send(
        new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: DIRECTORY_ID, UserName: 'carol', BundleId: STANDARD_WINDOWS }] }),
      );
      const id = created.PendingRequests?.[0]?.WorkspaceId as string;
      expect((await instant.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.map((w) => w.State)).toEqual(['PENDING']);
    } finally {
      await instant.stop();
    }
  });
});
