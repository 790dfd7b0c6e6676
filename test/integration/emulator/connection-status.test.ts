/**
 * SPEC.md §1 admin route `POST /_emulator/connection` and §5 DescribeWorkspacesConnectionStatus:
 * a user set CONNECTED shows as CONNECTED with the last-connection time while the desktop stays
 * AVAILABLE; a reboot ends the session; unknown desktops and bad bodies are refused.
 */
import {
  CreateWorkspacesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  RebootWorkspacesCommand,
  RegisterWorkspaceDirectoryCommand,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';

describe('connection status (admin route + DescribeWorkspacesConnectionStatus)', () => {
  let emulator: TestEmulator;
  let id: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    await emulator.admin('reset');
    await emulator.client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: 'd-9067a1b2c3', SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'] }));
    const created = await emulator.client.send(
      new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: 'd-9067a1b2c3', UserName: 'alice', BundleId: 'wsb-stdwin0001' }] }),
    );
    id = created.PendingRequests![0].WorkspaceId!;
  });

  afterAll(async () => emulator.stop());

  const status = async () => (await emulator.client.send(new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: [id] }))).WorkspacesConnectionStatus![0];

  it('reports DISCONNECTED for an AVAILABLE desktop nobody is using', async () => {
    expect((await status()).ConnectionState).toBe('DISCONNECTED');
  });

  it('reports a connected user with the last-connection time set through the admin route', async () => {
    expect(await emulator.admin('connection', { workspaceId: id, state: 'CONNECTED', lastConnectedAt: 1_796_000_000 })).toEqual({
      workspaceId: id,
      state: 'CONNECTED',
    });
    const now = await status();
    expect(now.ConnectionState).toBe('CONNECTED');
    expect(now.LastKnownUserConnectionTimestamp).toEqual(new Date(1_796_000_000_000));
  });

  it('a reboot ends the session: not CONNECTED while rebooting, DISCONNECTED once AVAILABLE again', async () => {
    await emulator.client.send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect((await status()).ConnectionState).toBe('DISCONNECTED');
    expect((await status()).LastKnownUserConnectionTimestamp).toEqual(new Date(1_796_000_000_000));
  });

  it('refuses an unknown desktop (404) and a bad body (400)', async () => {
    const unknown = await fetch(`${emulator.endpoint}/_emulator/connection`, {
      method: 'POST',
      body: JSON.stringify({ workspaceId: 'ws-nothere000', state: 'CONNECTED' }),
    });
    expect(unknown.status).toBe(404);
    const bad = await fetch(`${emulator.endpoint}/_emulator/connection`, { method: 'POST', body: JSON.stringify({ workspaceId: id, state: 'ONLINE' }) });
    expect(bad.status).toBe(400);
  });
});
