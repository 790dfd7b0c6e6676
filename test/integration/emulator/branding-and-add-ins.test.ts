import {
  CreateConnectClientAddInCommand,
  DeleteClientBrandingCommand,
  DeleteConnectClientAddInCommand,
  DescribeClientBrandingCommand,
  DescribeConnectClientAddInsCommand,
  ImportClientBrandingCommand,
  UpdateConnectClientAddInCommand,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { DIRECTORY_ID, aRegisteredDirectory, failureOf } from './given.js';

let emulator: TestEmulator;
const client = () => emulator.client;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  await emulator.reset();
  await aRegisteredDirectory(client());
});

describe('client branding', () => {
  it('imports per platform, describes logos as URLs, and deletes one platform', async () => {
    const imported = await client().send(
      new ImportClientBrandingCommand({
        ResourceId: DIRECTORY_ID,
        DeviceTypeWindows: { Logo: new Uint8Array([137, 80, 78, 71]), SupportEmail: 'help@example.com', LoginMessage: { en_US: 'Welcome' } },
        DeviceTypeWeb: { SupportLink: 'https://help.example.com' },
      }),
    );
    expect(imported.DeviceTypeWindows?.LogoUrl).toMatch(/^https:\/\//);
    const described = await client().send(new DescribeClientBrandingCommand({ ResourceId: DIRECTORY_ID }));
    expect(described.DeviceTypeWindows).toMatchObject({ SupportEmail: 'help@example.com', LoginMessage: { en_US: 'Welcome' } });
    expect(described.DeviceTypeWeb?.SupportLink).toBe('https://help.example.com');
    await client().send(new DeleteClientBrandingCommand({ ResourceId: DIRECTORY_ID, Platforms: ['DeviceTypeWeb'] }));
    const after = await client().send(new DescribeClientBrandingCommand({ ResourceId: DIRECTORY_ID }));
    expect(after.DeviceTypeWeb).toBeUndefined();
    expect(after.DeviceTypeWindows).toBeDefined();
  });

  it('refuses SupportEmail together with SupportLink, and unknown directories', async () => {
    const both = await failureOf(
      client().send(
        new ImportClientBrandingCommand({ ResourceId: DIRECTORY_ID, DeviceTypeOsx: { SupportEmail: 'a@example.com', SupportLink: 'https://x.example.com' } }),
      ),
    );
    expect(both.name).toBe('InvalidParameterValuesException');
    expect((await failureOf(client().send(new DescribeClientBrandingCommand({ ResourceId: 'd-1111111111' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('Amazon Connect client add-ins', () => {
  it('creates one per directory, updates and deletes it', async () => {
    const { AddInId } = await client().send(
      new CreateConnectClientAddInCommand({ ResourceId: DIRECTORY_ID, Name: 'connect', URL: 'https://connect.example.com' }),
    );
    expect(AddInId).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      (await failureOf(client().send(new CreateConnectClientAddInCommand({ ResourceId: DIRECTORY_ID, Name: 'second', URL: 'https://b.example.com' })))).name,
    ).toBe('ResourceAlreadyExistsException');
    await client().send(new UpdateConnectClientAddInCommand({ AddInId, ResourceId: DIRECTORY_ID, Name: 'renamed' }));
    expect((await client().send(new DescribeConnectClientAddInsCommand({ ResourceId: DIRECTORY_ID }))).AddIns).toEqual([
      { AddInId, ResourceId: DIRECTORY_ID, Name: 'renamed', URL: 'https://connect.example.com' },
    ]);
    await client().send(new DeleteConnectClientAddInCommand({ AddInId, ResourceId: DIRECTORY_ID }));
    expect((await client().send(new DescribeConnectClientAddInsCommand({ ResourceId: DIRECTORY_ID }))).AddIns).toEqual([]);
    expect((await failureOf(client().send(new DeleteConnectClientAddInCommand({ AddInId, ResourceId: DIRECTORY_ID })))).name).toBe('ResourceNotFoundException');
  });
});
