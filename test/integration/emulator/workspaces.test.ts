import {
  CreateStandbyWorkspacesCommand,
  CreateWorkspacesCommand,
  DescribeTagsCommand,
  DescribeWorkspaceSnapshotsCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  MigrateWorkspaceCommand,
  ModifyWorkspacePropertiesCommand,
  ModifyWorkspaceStateCommand,
  RebootWorkspacesCommand,
  RebuildWorkspacesCommand,
  RegisterWorkspaceDirectoryCommand,
  RestoreWorkspaceCommand,
  StartWorkspacesCommand,
  StopWorkspacesCommand,
  TerminateWorkspacesCommand,
  paginateDescribeWorkspaces,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { DIRECTORY_ID, STANDARD_WINDOWS, aRegisteredDirectory, aWorkspace, failureOf, workspacesFor } from './given.js';

let emulator: TestEmulator;
const client = () => emulator.client;
const stateOf = async (id: string) => (await client().send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0]?.State;
const workspace = async (id: string) => (await client().send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0];

beforeAll(async () => {
  emulator = await startTestEmulator({
    pageSize: 3,
    seed: {
      directories: [
        { id: 'd-9067a1b2c3', name: 'corp.example.com', users: '*' },
        { id: 'd-1111111111', name: 'few.example.com', users: ['bob'] },
        { id: 'd-2222222222', name: 'standby.example.com' },
      ],
    },
  });
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  await emulator.reset();
  await aRegisteredDirectory(client());
});

describe('CreateWorkspaces', () => {
  it('answers PENDING with ws- ids, then AVAILABLE by the next call at time scale 0', async () => {
    const result = await client().send(
      new CreateWorkspacesCommand({
        Workspaces: [{ DirectoryId: DIRECTORY_ID, UserName: 'alice', BundleId: STANDARD_WINDOWS, Tags: [{ Key: 'team', Value: 'a' }] }],
      }),
    );
    const pending = result.PendingRequests?.[0];
    expect(pending?.WorkspaceId).toMatch(/^ws-[0-9a-z]{10}$/);
    expect(pending?.State).toBe('PENDING');
    expect(pending?.WorkspaceProperties).toMatchObject({ RootVolumeSizeGib: 80, UserVolumeSizeGib: 50, ComputeTypeName: 'STANDARD', RunningMode: 'ALWAYS_ON' });
    expect(await stateOf(pending?.WorkspaceId as string)).toBe('AVAILABLE');
    expect((await client().send(new DescribeTagsCommand({ ResourceId: pending?.WorkspaceId }))).TagList).toEqual([{ Key: 'team', Value: 'a' }]);
  });

  it('takes 20 virtual minutes at time scale 1', async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      await aRegisteredDirectory(slow.client);
      await slow.advance(5 * 60);
      const id = await aWorkspace(slow.client);
      await slow.advance(19 * 60);
      expect((await slow.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0]?.State).toBe('PENDING');
      await slow.advance(61);
      expect((await slow.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0]?.State).toBe('AVAILABLE');
    } finally {
      await slow.stop();
    }
  });

  it('reports per-item problems as FailedRequests and still creates the rest', async () => {
    await aWorkspace(client(), 'taken');
    const result = await client().send(
      new CreateWorkspacesCommand({
        Workspaces: [
          { DirectoryId: DIRECTORY_ID, UserName: 'fine', BundleId: STANDARD_WINDOWS },
          { DirectoryId: DIRECTORY_ID, UserName: 'taken', BundleId: STANDARD_WINDOWS },
          { DirectoryId: 'd-2222222222', UserName: 'x', BundleId: STANDARD_WINDOWS },
          { DirectoryId: DIRECTORY_ID, UserName: 'y', BundleId: 'wsb-doesnotexist' },
          {
            DirectoryId: DIRECTORY_ID,
            UserName: 'z',
            BundleId: STANDARD_WINDOWS,
            WorkspaceProperties: { RunningMode: 'ALWAYS_ON', RunningModeAutoStopTimeoutInMinutes: 60 },
          },
          { DirectoryId: DIRECTORY_ID, UserName: 'm', BundleId: STANDARD_WINDOWS, WorkspaceProperties: { RunningMode: 'MANUAL' } },
          { DirectoryId: DIRECTORY_ID, UserName: 'v', BundleId: STANDARD_WINDOWS, WorkspaceProperties: { RootVolumeSizeGib: 100, UserVolumeSizeGib: 50 } },
          { DirectoryId: DIRECTORY_ID, UserName: 't', BundleId: STANDARD_WINDOWS, Tags: [{ Key: 'aws:x', Value: '1' }] },
        ],
      }),
    );
    expect(result.PendingRequests?.map((w) => w.UserName)).toEqual(['fine']);
    expect(result.FailedRequests?.map((f) => [f.WorkspaceRequest?.UserName, f.ErrorCode])).toEqual([
      ['taken', 'ResourceExists.WorkSpace'],
      ['x', 'ResourceNotFound.Directory'],
      ['y', 'ResourceNotFound.Bundle'],
      ['z', 'AutoStopTimeoutIsNotApplicableForAnAlwaysOnWorkspace'],
      ['m', 'OperationNotSupported.RunningMode'],
      ['v', 'InvalidParameterValuesException'],
      ['t', 'InvalidParameterValuesException'],
    ]);
  });

  it('refuses a user the seeded directory does not know', async () => {
    await aRegisteredDirectory(client(), 'd-1111111111');
    const result = await client().send(
      new CreateWorkspacesCommand({
        Workspaces: [
          { DirectoryId: 'd-1111111111', UserName: 'mallory', BundleId: STANDARD_WINDOWS },
          { DirectoryId: 'd-1111111111', UserName: 'bob', BundleId: STANDARD_WINDOWS },
        ],
      }),
    );
    expect(result.FailedRequests?.map((f) => f.ErrorCode)).toEqual(['ResourceNotFound.User']);
    expect(result.PendingRequests?.map((w) => w.UserName)).toEqual(['bob']);
  });

  it('caps a batch at 25 requests (the whole call fails)', async () => {
    const users = Array.from({ length: 26 }, (_, i) => ({ DirectoryId: DIRECTORY_ID, UserName: `u${i}`, BundleId: STANDARD_WINDOWS }));
    const error = await failureOf(client().send(new CreateWorkspacesCommand({ Workspaces: users })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain("at 'workspaces' failed to satisfy constraint: Member must have length less than or equal to 25");
  });

  it('counts a duplicate user inside one batch once', async () => {
    const result = await client().send(
      new CreateWorkspacesCommand({
        Workspaces: [
          { DirectoryId: DIRECTORY_ID, UserName: 'dup', BundleId: STANDARD_WINDOWS },
          { DirectoryId: DIRECTORY_ID, UserName: 'DUP', BundleId: STANDARD_WINDOWS },
        ],
      }),
    );
    expect(result.FailedRequests?.map((f) => f.ErrorCode)).toEqual(['ResourceExists.WorkSpace']);
  });
});

describe('DescribeWorkspaces', () => {
  it('pages through a directory with opaque tokens (the SDK paginator sees every WorkSpace once)', async () => {
    const ids = await workspacesFor(client(), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeWorkspaces({ client: client() }, { DirectoryId: DIRECTORY_ID })) {
      pages++;
      seen.push(...(page.Workspaces ?? []).map((w) => w.WorkspaceId as string));
    }
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
  });

  it('honours Limit and keeps the position when earlier WorkSpaces disappear', async () => {
    const ids = await workspacesFor(client(), ['a', 'b', 'c', 'd']);
    const first = await client().send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY_ID, Limit: 2 }));
    expect(first.Workspaces?.map((w) => w.WorkspaceId)).toEqual(ids.slice(0, 2));
    await client().send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: ids[0] }] }));
    await client().send(new DescribeWorkspacesCommand({ WorkspaceIds: [ids[1]] })); // settles the termination
    const second = await client().send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY_ID, Limit: 2, NextToken: first.NextToken }));
    expect(second.Workspaces?.map((w) => w.WorkspaceId)).toEqual(ids.slice(2, 4));
    expect(second.NextToken).toBeUndefined();
  });

  it('silently skips unknown ids', async () => {
    const id = await aWorkspace(client());
    const result = await client().send(new DescribeWorkspacesCommand({ WorkspaceIds: [id, 'ws-0000000000'] }));
    expect(result.Workspaces?.map((w) => w.WorkspaceId)).toEqual([id]);
  });

  it('filters by user, bundle and name', async () => {
    await aWorkspace(client(), 'alice');
    const bob = await aWorkspace(client(), 'bob', { BundleId: 'wsb-perwin0001', WorkspaceName: 'bobs-desk' });
    expect((await client().send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY_ID, UserName: 'BOB' }))).Workspaces?.map((w) => w.WorkspaceId)).toEqual([
      bob,
    ]);
    expect((await client().send(new DescribeWorkspacesCommand({ BundleId: 'wsb-perwin0001' }))).Workspaces?.map((w) => w.WorkspaceId)).toEqual([bob]);
    expect((await client().send(new DescribeWorkspacesCommand({ WorkspaceName: 'bobs-desk' }))).Workspaces?.map((w) => w.WorkspaceId)).toEqual([bob]);
  });

  it('rejects two selectors at once and a token that is not one of its own', async () => {
    expect((await failureOf(client().send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY_ID, BundleId: STANDARD_WINDOWS })))).name).toBe(
      'InvalidParameterValuesException',
    );
    expect((await failureOf(client().send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY_ID, NextToken: 'bogus' })))).name).toBe(
      'InvalidParameterValuesException',
    );
  });
});

describe('power and lifecycle rules', () => {
  it('stops and starts AUTO_STOP WorkSpaces through STOPPING/STARTING', async () => {
    const id = await aWorkspace(client(), 'alice', { WorkspaceProperties: { RunningMode: 'AUTO_STOP' } });
    await stateOf(id);
    const stop = await client().send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(stop.FailedRequests).toEqual([]);
    expect(await stateOf(id)).toBe('STOPPED');
    await client().send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(await stateOf(id)).toBe('AVAILABLE');
  });

  it('shows the in-between states while time runs', async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      await aRegisteredDirectory(slow.client);
      await slow.advance(300);
      const id = await aWorkspace(slow.client, 'alice', { WorkspaceProperties: { RunningMode: 'AUTO_STOP' } });
      await slow.advance(20 * 60);
      await slow.client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }));
      expect((await slow.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0]?.State).toBe('STOPPING');
      await slow.advance(120);
      expect((await slow.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0]?.State).toBe('STOPPED');
    } finally {
      await slow.stop();
    }
  });

  it('refuses start/stop of ALWAYS_ON, start of a running one, and unknown ids, per item', async () => {
    const alwaysOn = await aWorkspace(client(), 'a');
    const autoStop = await aWorkspace(client(), 'b', { WorkspaceProperties: { RunningMode: 'AUTO_STOP' } });
    await stateOf(autoStop);
    const stop = await client().send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: alwaysOn }, { WorkspaceId: 'ws-0000000000' }] }));
    expect(stop.FailedRequests?.map((f) => [f.WorkspaceId, f.ErrorCode])).toEqual([
      [alwaysOn, 'OperationNotSupported.RunningMode'],
      ['ws-0000000000', 'ResourceNotFound.Workspace'],
    ]);
    const start = await client().send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: autoStop }] }));
    expect(start.FailedRequests?.[0]?.ErrorCode).toBe('InvalidResourceState.Workspace');
    expect(start.FailedRequests?.[0]?.ErrorMessage).toContain('AVAILABLE');
  });

  it('reboots and rebuilds AVAILABLE WorkSpaces; rebuild takes one per call', async () => {
    const id = await aWorkspace(client());
    await stateOf(id);
    expect((await client().send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: id }] }))).FailedRequests).toEqual([]);
    expect(await stateOf(id)).toBe('AVAILABLE');
    expect((await client().send(new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: id }] }))).FailedRequests).toEqual([]);
    expect(await stateOf(id)).toBe('AVAILABLE');
    const two = await failureOf(client().send(new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: id }, { WorkspaceId: id }] })));
    expect(two.name).toBe('ValidationException');
  });

  it('refuses reboot, stop, rebuild and restore in ADMIN_MAINTENANCE, and back again', async () => {
    const id = await aWorkspace(client(), 'a', { WorkspaceProperties: { RunningMode: 'AUTO_STOP' } });
    await stateOf(id);
    await client().send(new ModifyWorkspaceStateCommand({ WorkspaceId: id, WorkspaceState: 'ADMIN_MAINTENANCE' }));
    expect(await stateOf(id)).toBe('ADMIN_MAINTENANCE');
    for (const command of [
      new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: id }] }),
      new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }),
      new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: id }] }),
    ]) {
      const result = (await client().send(command as never)) as { FailedRequests?: { ErrorCode?: string }[] };
      expect(result.FailedRequests?.[0]?.ErrorCode).toBe('InvalidResourceState.Workspace');
    }
    expect((await failureOf(client().send(new RestoreWorkspaceCommand({ WorkspaceId: id })))).name).toBe('OperationNotSupportedException');
    expect((await failureOf(client().send(new ModifyWorkspaceStateCommand({ WorkspaceId: id, WorkspaceState: 'ADMIN_MAINTENANCE' })))).name).toBe(
      'InvalidResourceStateException',
    );
    await client().send(new ModifyWorkspaceStateCommand({ WorkspaceId: id, WorkspaceState: 'AVAILABLE' }));
    expect(await stateOf(id)).toBe('AVAILABLE');
  });

  it('restores from the snapshot a WorkSpace has once it was AVAILABLE', async () => {
    const id = await aWorkspace(client());
    const before = await client().send(new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: id }));
    expect(before.RestoreSnapshots?.length).toBe(1);
    expect(before.RestoreSnapshots?.[0]?.SnapshotTime).toBeInstanceOf(Date);
    await client().send(new RestoreWorkspaceCommand({ WorkspaceId: id }));
    expect(await stateOf(id)).toBe('AVAILABLE');
    expect((await failureOf(client().send(new RestoreWorkspaceCommand({ WorkspaceId: 'ws-0000000000' })))).name).toBe('ResourceNotFoundException');
  });

  it('stops and rebuilds a WorkSpace in ERROR, but does not reboot it', async () => {
    const id = await aWorkspace(client(), 'a', { WorkspaceProperties: { RunningMode: 'AUTO_STOP' } });
    await stateOf(id);
    await emulator.admin('set-state', { id, state: 'ERROR' });
    const reboot = await client().send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: id }] }));
    expect(reboot.FailedRequests?.[0]?.ErrorCode).toBe('InvalidResourceState.Workspace');
    expect((await client().send(new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: id }] }))).FailedRequests).toEqual([]);
    expect(await stateOf(id)).toBe('AVAILABLE');
    await emulator.admin('set-state', { id, state: 'ERROR' });
    expect((await client().send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }))).FailedRequests).toEqual([]);
    expect(await stateOf(id)).toBe('STOPPED');
  });

  it('terminates in any state but SUSPENDED; the id then disappears', async () => {
    const id = await aWorkspace(client());
    const result = await client().send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: id }, { WorkspaceId: 'ws-0000000000' }] }));
    expect(result.FailedRequests?.map((f) => f.ErrorCode)).toEqual(['ResourceNotFound.Workspace']);
    expect(await workspace(id)).toBeUndefined();
  });
});

describe('ModifyWorkspaceProperties', () => {
  it('grows one volume per call, shows the modification, and rejects shrinking and odd combinations', async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      await aRegisteredDirectory(slow.client);
      await slow.advance(300);
      const id = await aWorkspace(slow.client);
      await slow.advance(1200);
      const c = slow.client;
      expect(
        (await failureOf(c.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { UserVolumeSizeGib: 10 } })))).message,
      ).toContain('only grow');
      expect(
        (
          await failureOf(
            c.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { RootVolumeSizeGib: 175, UserVolumeSizeGib: 100 } })),
          )
        ).name,
      ).toBe('InvalidParameterValuesException');
      expect((await failureOf(c.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { RootVolumeSizeGib: 100 } })))).name).toBe(
        'InvalidParameterValuesException',
      );
      await c.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { UserVolumeSizeGib: 100 } }));
      const during = (await c.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0];
      expect(during?.ModificationStates).toEqual([{ Resource: 'USER_VOLUME', State: 'UPDATE_IN_PROGRESS' }]);
      expect(during?.State).toBe('UPDATING');
      const busy = await failureOf(c.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { ComputeTypeName: 'POWER' } })));
      expect(busy.name).toBe('OperationInProgressException');
      await slow.advance(600);
      const after = (await c.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0];
      expect(after?.State).toBe('AVAILABLE');
      expect(after?.ModificationStates).toBeUndefined();
      expect(after?.WorkspaceProperties?.UserVolumeSizeGib).toBe(100);
      await c.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { RootVolumeSizeGib: 175 } }));
    } finally {
      await slow.stop();
    }
  });

  it('answers OperationInProgressException for a STOPPED WorkSpace with a change in flight', async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      await aRegisteredDirectory(slow.client);
      await slow.advance(300);
      const id = await aWorkspace(slow.client, 'a', { WorkspaceProperties: { RunningMode: 'AUTO_STOP' } });
      await slow.advance(1200);
      await slow.client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: id }] }));
      await slow.advance(120);
      await slow.client.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { ComputeTypeName: 'POWER' } }));
      const error = await failureOf(
        slow.client.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { ComputeTypeName: 'PERFORMANCE' } })),
      );
      expect(error.name).toBe('OperationInProgressException');
      await slow.advance(600);
      expect((await slow.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0]?.State).toBe('STOPPED');
    } finally {
      await slow.stop();
    }
  });

  it('switches running mode at once and refuses MANUAL', async () => {
    const id = await aWorkspace(client());
    await stateOf(id);
    await client().send(
      new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 120 } }),
    );
    expect((await workspace(id))?.WorkspaceProperties).toMatchObject({ RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 120 });
    const manual = await failureOf(client().send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { RunningMode: 'MANUAL' } })));
    expect(manual.name).toBe('OperationNotSupportedException');
  });

  it('changes compute type among general-purpose types only, and not a WSP WorkSpace to PCoIP', async () => {
    const id = await aWorkspace(client(), 'a');
    const linux = await aWorkspace(client(), 'b', { BundleId: 'wsb-stdlnx0001' });
    await stateOf(id);
    await client().send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { ComputeTypeName: 'POWER' } }));
    expect(await stateOf(id)).toBe('AVAILABLE');
    expect((await workspace(id))?.WorkspaceProperties?.ComputeTypeName).toBe('POWER');
    expect(
      (await failureOf(client().send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { ComputeTypeName: 'GRAPHICS_G4DN' } }))))
        .name,
    ).toBe('OperationNotSupportedException');
    expect(
      (await failureOf(client().send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: linux, WorkspaceProperties: { Protocols: ['PCOIP'] } })))).name,
    ).toBe('UnsupportedWorkspaceConfigurationException');
  });

  it('refuses a WorkSpace that is not AVAILABLE or STOPPED, and unknown ids', async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      await aRegisteredDirectory(slow.client);
      await slow.advance(300);
      const id = await aWorkspace(slow.client);
      expect(
        (await failureOf(slow.client.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: id, WorkspaceProperties: { ComputeTypeName: 'POWER' } })))).name,
      ).toBe('InvalidResourceStateException');
      const missing = await failureOf(slow.client.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: 'ws-0000000000', WorkspaceProperties: {} })));
      expect(missing.name).toBe('ResourceNotFoundException');
      expect(missing.ResourceId).toBe('ws-0000000000');
    } finally {
      await slow.stop();
    }
  });
});

describe('MigrateWorkspace', () => {
  it('creates a new id with the tags and running mode; the source terminates', async () => {
    const id = await aWorkspace(client(), 'alice', { WorkspaceProperties: { RunningMode: 'AUTO_STOP' }, Tags: [{ Key: 'wsr:env', Value: 'prod' }] });
    await stateOf(id);
    const result = await client().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: 'wsb-perwin0001' }));
    expect(result.SourceWorkspaceId).toBe(id);
    expect(result.TargetWorkspaceId).toMatch(/^ws-/);
    expect(result.TargetWorkspaceId).not.toBe(id);
    const target = await workspace(result.TargetWorkspaceId as string);
    expect(target).toMatchObject({ UserName: 'alice', BundleId: 'wsb-perwin0001', State: 'AVAILABLE' });
    expect(target?.WorkspaceProperties).toMatchObject({ RunningMode: 'AUTO_STOP', ComputeTypeName: 'PERFORMANCE', UserVolumeSizeGib: 100 });
    expect((await client().send(new DescribeTagsCommand({ ResourceId: result.TargetWorkspaceId }))).TagList).toEqual([{ Key: 'wsr:env', Value: 'prod' }]);
    expect(await workspace(id)).toBeUndefined();
  });

  it('refuses the same bundle, an unknown bundle and a busy source', async () => {
    const id = await aWorkspace(client());
    await stateOf(id);
    expect((await failureOf(client().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: STANDARD_WINDOWS })))).name).toBe(
      'InvalidParameterValuesException',
    );
    expect((await failureOf(client().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: 'wsb-nonexistent' })))).name).toBe(
      'ResourceNotFoundException',
    );
    await client().send(new ModifyWorkspaceStateCommand({ WorkspaceId: id, WorkspaceState: 'ADMIN_MAINTENANCE' }));
    expect((await failureOf(client().send(new MigrateWorkspaceCommand({ SourceWorkspaceId: id, BundleId: 'wsb-perwin0001' })))).name).toBe(
      'ResourceUnavailableException',
    );
  });
});

describe('connection status, snapshots and standby', () => {
  it('reports connection status per WorkSpace and pages without ids', async () => {
    const ids = await workspacesFor(client(), ['a', 'b', 'c', 'd']);
    const byId = await client().send(new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: [ids[0]] }));
    expect(byId.WorkspacesConnectionStatus?.[0]).toMatchObject({ WorkspaceId: ids[0], ConnectionState: 'DISCONNECTED' });
    expect(byId.WorkspacesConnectionStatus?.[0]?.ConnectionStateCheckTimestamp).toBeInstanceOf(Date);
    const first = await client().send(new DescribeWorkspacesConnectionStatusCommand({}));
    expect(first.WorkspacesConnectionStatus?.length).toBe(3);
    const second = await client().send(new DescribeWorkspacesConnectionStatusCommand({ NextToken: first.NextToken }));
    expect(second.WorkspacesConnectionStatus?.map((s) => s.WorkspaceId)).toEqual([ids[3]]);
  });

  it('takes the first snapshot 30 virtual minutes after a WorkSpace is AVAILABLE, then one every 12 h', async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      await aRegisteredDirectory(slow.client);
      await slow.advance(5 * 60);
      const id = await aWorkspace(slow.client);
      await slow.advance(20 * 60 + 1);
      const available = (await slow.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0];
      expect(available?.State).toBe('AVAILABLE');
      const snapshots = async () => (await slow.client.send(new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: id }))).RestoreSnapshots ?? [];
      expect(await snapshots()).toEqual([]);
      // no snapshot yet: a rebuild and a restore are refused with the reason
      const rebuild = await slow.client.send(new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: id }] }));
      expect(rebuild.FailedRequests?.[0]).toMatchObject({ ErrorCode: 'InvalidResourceState.Workspace', ErrorMessage: expect.stringContaining('no snapshot') });
      const restore = await failureOf(slow.client.send(new RestoreWorkspaceCommand({ WorkspaceId: id })));
      expect([restore.name, restore.message]).toEqual(['OperationNotSupportedException', expect.stringContaining('no snapshot')]);
      await slow.advance(29 * 60);
      expect(await snapshots()).toEqual([]);
      await slow.advance(2 * 60);
      const first = (await snapshots())[0]?.SnapshotTime as Date;
      expect(first).toBeInstanceOf(Date);
      await slow.advance(12 * 3600);
      const later = (await snapshots())[0]?.SnapshotTime as Date;
      expect((later.getTime() - first.getTime()) / 1000).toBe(12 * 3600);
      expect((await slow.client.send(new RebuildWorkspacesCommand({ RebuildWorkspaceRequests: [{ WorkspaceId: id }] }))).FailedRequests).toEqual([]);
    } finally {
      await slow.stop();
    }
  });

  it('refuses a standby whose primary Region is its own', async () => {
    const primary = await aWorkspace(client());
    await client().send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: 'd-2222222222' }));
    const error = await failureOf(
      client().send(
        new CreateStandbyWorkspacesCommand({ PrimaryRegion: 'us-east-1', StandbyWorkspaces: [{ PrimaryWorkspaceId: primary, DirectoryId: 'd-2222222222' }] }),
      ),
    );
    expect(error.name).toBe('InvalidParameterValuesException');
  });
});
