/** Small builders for emulator tests: each puts the account into a named starting state. */
import { CreateWorkspacesCommand, RegisterWorkspaceDirectoryCommand, type WorkSpacesClient, type WorkspaceRequest } from '@aws-sdk/client-workspaces';

export const DIRECTORY_ID = 'd-9067a1b2c3';
export const STANDARD_WINDOWS = 'wsb-stdwin0001';

export async function aRegisteredDirectory(client: WorkSpacesClient, directoryId = DIRECTORY_ID): Promise<string> {
  await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: directoryId, SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'] }));
  return directoryId;
}

/**
 * Registers a WorkSpaces Pools directory (WorkSpaces-native, SAML 2.0 users) and returns its
 * `wsd-` id; with time scale 0 it is REGISTERED by the next call.
 */
export async function aPoolsDirectory(client: WorkSpacesClient, name = 'kiosk-pools'): Promise<string> {
  const result = await client.send(
    new RegisterWorkspaceDirectoryCommand({
      WorkspaceDirectoryName: name,
      WorkspaceDirectoryDescription: 'pools',
      UserIdentityType: 'CUSTOMER_MANAGED',
      WorkspaceType: 'POOLS',
      SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'],
    }),
  );
  return result.DirectoryId as string;
}

/** Creates WorkSpaces (≤ 25 per call) and returns their ids; with time scale 0 they are AVAILABLE by the next call. */
export async function workspacesFor(client: WorkSpacesClient, users: string[], overrides: Partial<WorkspaceRequest> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < users.length; i += 25) {
    const batch = users.slice(i, i + 25).map((UserName) => ({ DirectoryId: DIRECTORY_ID, BundleId: STANDARD_WINDOWS, UserName, ...overrides }));
    const result = await client.send(new CreateWorkspacesCommand({ Workspaces: batch }));
    if (result.FailedRequests?.length) throw new Error(`create failed: ${JSON.stringify(result.FailedRequests)}`);
    ids.push(...(result.PendingRequests ?? []).map((w) => w.WorkspaceId as string));
  }
  return ids;
}

export async function aWorkspace(client: WorkSpacesClient, user = 'alice', overrides: Partial<WorkspaceRequest> = {}): Promise<string> {
  return (await workspacesFor(client, [user], overrides))[0];
}

/** The error a rejected call fails with (the test fails if it succeeds). */
export async function failureOf(call: Promise<unknown>): Promise<{ name: string; message: string; [member: string]: any }> {
  try {
    await call;
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected the call to fail, it succeeded');
}
