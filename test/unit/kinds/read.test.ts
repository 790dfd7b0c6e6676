import { describe, expect, it } from 'vitest';
import { imageKind } from '../../../src/kinds/image/index.js';
import { KINDS } from '../../../src/kinds/index.js';
import type { ApiPort } from '../../../src/kinds/kind.js';
import type { DesiredResource } from '../../../src/model/desired.js';
import type { LiveResource } from '../../../src/model/live.js';
import { aDesiredState, aDirectory, anIpGroup, aWorkspace } from '../../helpers/builders.js';

/** An in-memory account: list members served in pages of `pageSize`, calls counted. */
class PagedPort implements ApiPort {
  readonly calls: Record<string, number> = {};
  readonly inputs: { operation: string; input: Record<string, unknown> }[] = [];

  constructor(
    private readonly data: Record<string, (input: Record<string, unknown>) => { member: string; items: unknown[] }>,
    private readonly pageSize = 25,
  ) {}

  async call(operation: string, input: Record<string, unknown>): Promise<Record<string, any>> {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
    this.inputs.push({ operation, input });
    const source = this.data[operation];
    if (source === undefined) throw new Error(`unexpected call ${operation}`);
    const { member, items } = source(input);
    const start = Number(input.NextToken ?? 0);
    const page = items.slice(start, start + this.pageSize);
    const next = start + this.pageSize < items.length ? String(start + this.pageSize) : undefined;
    return { [member]: page, ...(next === undefined ? {} : { NextToken: next }) };
  }
}

const DIRECTORY = { DirectoryId: 'd-1111111111', State: 'REGISTERED', ipGroupIds: ['wsipg-office01'], SubnetIds: ['subnet-a'] };

function fleet(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => ({
    WorkspaceId: `ws-${String(index).padStart(8, '0')}`,
    DirectoryId: 'd-1111111111',
    UserName: `user${index}`,
    State: 'AVAILABLE',
    BundleId: 'wsb-standard1',
    WorkspaceProperties: {
      RunningMode: 'AUTO_STOP',
      ComputeTypeName: 'STANDARD',
      RootVolumeSizeGib: 80,
      UserVolumeSizeGib: 50,
      OperatingSystemName: 'WINDOWS_2022',
    },
  }));
}

function accountWith(desktops: Record<string, unknown>[]): PagedPort {
  return new PagedPort({
    DescribeIpGroups: () => ({
      member: 'Result',
      items: [{ groupId: 'wsipg-office01', groupName: 'office', userRules: [{ ipRule: '198.51.100.0/24', ruleDesc: 'HQ' }] }],
    }),
    DescribeWorkspaceDirectories: () => ({ member: 'Directories', items: [DIRECTORY] }),
    DescribeWorkspaces: (input) => ({ member: 'Workspaces', items: desktops.filter((desktop) => desktop.DirectoryId === input.DirectoryId) }),
    DescribeWorkspaceImages: () => ({ member: 'Images', items: [] }),
    DescribeWorkspaceBundles: () => ({ member: 'Bundles', items: [] }),
    DescribeConnectionAliases: () => ({ member: 'ConnectionAliases', items: [] }),
    DescribeWorkspacesPools: () => ({ member: 'WorkspacesPools', items: [] }),
    DescribeClientBranding: () => ({ member: 'DeviceTypeWindows', items: [] }),
    DescribeConnectClientAddIns: () => ({ member: 'AddIns', items: [] }),
  });
}

async function readAll(resources: readonly DesiredResource[], port: ApiPort, prune = false): Promise<LiveResource[]> {
  const desired = aDesiredState(resources, { prune });
  const live: LiveResource[] = [];
  for (const kind of KINDS) live.push(...(await kind.read({ port, desired, readSoFar: live })));
  return live;
}

describe('read recipes', () => {
  it('reads 1,000 desktops of one directory in ⌈1000/25⌉ pages plus one directory call', async () => {
    const port = accountWith(fleet(1000));
    const desired = Array.from({ length: 1000 }, (_, index) => aWorkspace({ userName: `user${index}` }));
    const live = await readAll([aDirectory(), ...desired], port);
    expect(live.filter((resource) => resource.kind === 'workspace')).toHaveLength(1000);
    expect(port.calls).toEqual({ DescribeWorkspaceDirectories: 1, DescribeWorkspaces: 40 });
    expect(port.inputs.find((call) => call.operation === 'DescribeWorkspaces')?.input).toMatchObject({ DirectoryId: 'd-1111111111', Limit: 25 });
  });

  it('skips kinds the spec does not declare when prune is off', async () => {
    const port = accountWith([]);
    await readAll([anIpGroup()], port);
    expect(port.calls).toEqual({ DescribeIpGroups: 1 });
  });

  it('reads every kind and every registered directory when pruning (branding and add-ins too: they are pruned through their directory)', async () => {
    const port = accountWith(fleet(3));
    await readAll([], port, true);
    expect(Object.keys(port.calls).sort()).toEqual([
      'DescribeClientBranding',
      'DescribeConnectClientAddIns',
      'DescribeConnectionAliases',
      'DescribeIpGroups',
      'DescribeWorkspaceBundles',
      'DescribeWorkspaceDirectories',
      'DescribeWorkspaceImages',
      'DescribeWorkspaces',
      'DescribeWorkspacesPools',
    ]);
  });

  it('normalises live desktops into the desired shape, dropping server-owned fields', async () => {
    const [, desktop] = await readAll([aWorkspace({ userName: 'user0' })], accountWith(fleet(1)));
    expect(desktop).toMatchObject({
      kind: 'workspace',
      key: 'workspace/d-1111111111/user0',
      id: 'ws-00000000',
      state: 'AVAILABLE',
      properties: { bundle: { id: 'wsb-standard1' }, runningState: 'running' },
    });
    expect((desktop.properties as { workspaceProperties: object }).workspaceProperties).not.toHaveProperty('OperatingSystemName');
  });

  it('normalises IP groups and directories with ids as references', async () => {
    const live = await readAll([anIpGroup(), aDirectory()], accountWith([]));
    expect(live.find((resource) => resource.kind === 'ipGroup')?.properties).toEqual({
      name: 'office',
      rules: [{ cidr: '198.51.100.0/24', description: 'HQ' }],
    });
    expect(live.find((resource) => resource.kind === 'directory')?.properties).toMatchObject({ ipGroups: [{ id: 'wsipg-office01' }], subnetIds: ['subnet-a'] });
  });

  it('reads client properties in batches of 25, only when the spec sets them', async () => {
    const port = new PagedPort({
      DescribeWorkspaceDirectories: () => ({ member: 'Directories', items: [DIRECTORY] }),
      DescribeClientProperties: () => ({
        member: 'ClientPropertiesList',
        items: [{ ResourceId: 'd-1111111111', ClientProperties: { ReconnectEnabled: 'ENABLED' } }],
      }),
      DescribeWorkspaces: () => ({ member: 'Workspaces', items: [] }),
    });
    const live = await readAll([aDirectory({ clientProperties: { ReconnectEnabled: 'DISABLED' } })], port);
    expect(port.calls.DescribeClientProperties).toBe(1);
    expect(live[0].properties).toMatchObject({ clientProperties: { ReconnectEnabled: 'ENABLED' } });
  });
});

describe('image read recipe', () => {
  it('reads an image adopted by id that another account shares, without asking for its sharing', async () => {
    const port = new PagedPort({
      DescribeWorkspaceImages: (input) =>
        input.ImageIds
          ? { member: 'Images', items: [{ ImageId: 'wsi-shared0001', Name: 'their-name', State: 'AVAILABLE', OwnerAccountId: '999988887777' }] }
          : { member: 'Images', items: [] },
    });
    const desired = aDesiredState([
      {
        kind: 'image',
        key: 'image/golden',
        properties: { name: 'golden', source: { type: 'existing', imageId: 'wsi-shared0001' }, sharedWith: [] },
        tags: {},
        declaresTags: false,
      },
    ]);
    const live = await imageKind.read({ port, desired, readSoFar: [] });
    expect(live.map((resource) => [resource.key, resource.id])).toEqual([['image/golden', 'wsi-shared0001']]);
    expect(port.calls).toEqual({ DescribeWorkspaceImages: 2 });
  });
});
