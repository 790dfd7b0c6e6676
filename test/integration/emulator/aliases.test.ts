import {
  AssociateConnectionAliasCommand,
  CreateConnectionAliasCommand,
  DeleteConnectionAliasCommand,
  DescribeConnectionAliasPermissionsCommand,
  DescribeConnectionAliasesCommand,
  DisassociateConnectionAliasCommand,
  UpdateConnectionAliasPermissionCommand,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { DIRECTORY_ID, aRegisteredDirectory, failureOf } from './given.js';

let emulator: TestEmulator;
const client = () => emulator.client;
const alias = async (id: string) => (await client().send(new DescribeConnectionAliasesCommand({ AliasIds: [id] }))).ConnectionAliases?.[0];
const share = (AliasId: string, SharedAccountId: string, AllowAssociation: boolean) =>
  client().send(new UpdateConnectionAliasPermissionCommand({ AliasId, ConnectionAliasPermission: { SharedAccountId, AllowAssociation } }));

beforeAll(async () => {
  emulator = await startTestEmulator({ pageSize: 2 });
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  await emulator.reset();
  await aRegisteredDirectory(client());
});

describe('connection aliases', () => {
  it('goes CREATING → CREATED; associate and share only when CREATED', async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      await aRegisteredDirectory(slow.client);
      const { AliasId } = await slow.client.send(new CreateConnectionAliasCommand({ ConnectionString: 'desktops.example.com' }));
      expect(AliasId).toMatch(/^wsca-[0-9a-z]{10}$/);
      const early = await failureOf(slow.client.send(new AssociateConnectionAliasCommand({ AliasId, ResourceId: DIRECTORY_ID })));
      expect(early.name).toBe('InvalidResourceStateException');
      expect(
        (
          await failureOf(
            slow.client.send(
              new UpdateConnectionAliasPermissionCommand({ AliasId, ConnectionAliasPermission: { SharedAccountId: '111122223333', AllowAssociation: true } }),
            ),
          )
        ).name,
      ).toBe('InvalidResourceStateException');
      await slow.advance(60);
      expect((await slow.client.send(new DescribeConnectionAliasesCommand({ AliasIds: [AliasId as string] }))).ConnectionAliases?.[0]?.State).toBe('CREATED');
    } finally {
      await slow.stop();
    }
  });

  it('associates with one directory and refuses a second association', async () => {
    const { AliasId } = await client().send(new CreateConnectionAliasCommand({ ConnectionString: 'desktops.example.com' }));
    const { ConnectionIdentifier } = await client().send(new AssociateConnectionAliasCommand({ AliasId, ResourceId: DIRECTORY_ID }));
    expect(ConnectionIdentifier).toBeTruthy();
    expect((await alias(AliasId as string))?.Associations).toEqual([
      { AssociationStatus: 'ASSOCIATED_WITH_OWNER_ACCOUNT', AssociatedAccountId: '123456789012', ResourceId: DIRECTORY_ID, ConnectionIdentifier },
    ]);
    expect((await client().send(new DescribeConnectionAliasesCommand({ ResourceId: DIRECTORY_ID }))).ConnectionAliases?.map((a) => a.AliasId)).toEqual([
      AliasId,
    ]);
    expect((await failureOf(client().send(new AssociateConnectionAliasCommand({ AliasId, ResourceId: DIRECTORY_ID })))).name).toBe(
      'ResourceAssociatedException',
    );
  });

  it('shares with one account at a time', async () => {
    const { AliasId } = await client().send(new CreateConnectionAliasCommand({ ConnectionString: 'desktops.example.com' }));
    await alias(AliasId as string);
    await share(AliasId as string, '111122223333', true);
    expect((await client().send(new DescribeConnectionAliasPermissionsCommand({ AliasId }))).ConnectionAliasPermissions).toEqual([
      { SharedAccountId: '111122223333', AllowAssociation: true },
    ]);
    expect((await failureOf(share(AliasId as string, '444455556666', true))).name).toBe('ResourceLimitExceededException');
  });

  it('deletes only when disassociated and unshared, then the alias is gone', async () => {
    const { AliasId } = await client().send(new CreateConnectionAliasCommand({ ConnectionString: 'desktops.example.com' }));
    await client().send(new AssociateConnectionAliasCommand({ AliasId, ResourceId: DIRECTORY_ID }));
    await share(AliasId as string, '111122223333', true);
    expect((await failureOf(client().send(new DeleteConnectionAliasCommand({ AliasId })))).name).toBe('ResourceAssociatedException');
    await client().send(new DisassociateConnectionAliasCommand({ AliasId }));
    expect((await failureOf(client().send(new DeleteConnectionAliasCommand({ AliasId })))).name).toBe('ResourceAssociatedException');
    await share(AliasId as string, '111122223333', false);
    await client().send(new DeleteConnectionAliasCommand({ AliasId }));
    expect(await alias(AliasId as string)).toBeUndefined();
  });

  it('refuses a connection string already in use, and pages the list', async () => {
    await client().send(new CreateConnectionAliasCommand({ ConnectionString: 'a.example.com' }));
    expect((await failureOf(client().send(new CreateConnectionAliasCommand({ ConnectionString: 'a.example.com' })))).name).toBe(
      'ResourceAlreadyExistsException',
    );
    await client().send(new CreateConnectionAliasCommand({ ConnectionString: 'b.example.com' }));
    await client().send(new CreateConnectionAliasCommand({ ConnectionString: 'c.example.com' }));
    const first = await client().send(new DescribeConnectionAliasesCommand({}));
    const second = await client().send(new DescribeConnectionAliasesCommand({ NextToken: first.NextToken }));
    expect([...(first.ConnectionAliases ?? []), ...(second.ConnectionAliases ?? [])].map((a) => a.ConnectionString)).toEqual([
      'a.example.com',
      'b.example.com',
      'c.example.com',
    ]);
  });
});
