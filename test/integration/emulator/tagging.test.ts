import { CreateIpGroupCommand, CreateTagsCommand, DeleteTagsCommand, DescribeTagsCommand, TerminateWorkspacesCommand } from '@aws-sdk/client-workspaces';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
  TagResourcesCommand,
  UntagResourcesCommand,
  paginateGetResources,
  type GetResourcesCommandInput,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_CREDENTIALS, startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { DIRECTORY_ID, aRegisteredDirectory, failureOf, workspacesFor } from './given.js';

let emulator: TestEmulator;
let tagging: ResourceGroupsTaggingAPIClient;
const client = () => emulator.client;
const ACCOUNT = '123456789012';
const arnOf = (type: string, id: string) => `arn:aws:workspaces:us-east-1:${ACCOUNT}:${type}/${id}`;

async function allResources(input: GetResourcesCommandInput): Promise<{ ResourceARN?: string; Tags?: { Key?: string; Value?: string }[] }[]> {
  const all = [];
  for await (const page of paginateGetResources({ client: tagging }, input)) all.push(...(page.ResourceTagMappingList ?? []));
  return all;
}

async function tagged(ids: string[], tags: Record<string, string>): Promise<void> {
  for (const id of ids) await client().send(new CreateTagsCommand({ ResourceId: id, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  tagging = new ResourceGroupsTaggingAPIClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
});
afterAll(async () => {
  tagging.destroy();
  await emulator.stop();
});
beforeEach(() => emulator.reset());

describe('Resource Groups Tagging API GetResources', () => {
  it('returns the tags of tagged resources by ARN, and leaves untagged ones out', async () => {
    await aRegisteredDirectory(client());
    const [tagged1, untagged] = await workspacesFor(client(), ['alice', 'bob']);
    await tagged([tagged1], { 'cost-center': '4711' });
    const result = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['workspaces:workspace'] }));
    expect(result.ResourceTagMappingList).toEqual([{ ResourceARN: arnOf('workspace', tagged1), Tags: [{ Key: 'cost-center', Value: '4711' }] }]);
    expect(JSON.stringify(result)).not.toContain(untagged);
    expect(result.PaginationToken).toBe('');
  });

  it('pages 250 tagged desktops in pages of at most 100, each exactly once', async () => {
    await aRegisteredDirectory(client());
    const ids = await workspacesFor(
      client(),
      Array.from({ length: 250 }, (_, i) => `user${i}`),
      { Tags: [{ Key: 'team', Value: 'a' }] },
    );
    await emulator.admin('reset-calls');
    const pages: number[] = [];
    for await (const page of paginateGetResources({ client: tagging, pageSize: 100 }, { ResourceTypeFilters: ['workspaces:workspace'] })) {
      pages.push(page.ResourceTagMappingList?.length ?? 0);
    }
    expect(pages).toEqual([100, 100, 50]);
    const arns = (await allResources({ ResourceTypeFilters: ['workspaces:workspace'], ResourcesPerPage: 100 })).map((r) => r.ResourceARN);
    expect(new Set(arns)).toEqual(new Set(ids.map((id) => arnOf('workspace', id))));
  });

  it('filters by resource type and names each type in its ARN', async () => {
    await aRegisteredDirectory(client());
    const [workspaceId] = await workspacesFor(client(), ['alice']);
    const { GroupId } = await client().send(new CreateIpGroupCommand({ GroupName: 'office' }));
    await tagged([workspaceId, DIRECTORY_ID, GroupId as string], { owner: 'wsr' });
    const groups = await allResources({ ResourceTypeFilters: ['workspaces:workspaceipgroup'] });
    expect(groups.map((r) => r.ResourceARN)).toEqual([arnOf('workspaceipgroup', GroupId as string)]);
    const several = await allResources({ ResourceTypeFilters: ['workspaces:workspace', 'workspaces:directory'] });
    expect(several.map((r) => r.ResourceARN).sort()).toEqual([arnOf('directory', DIRECTORY_ID), arnOf('workspace', workspaceId)].sort());
    expect(await allResources({ ResourceTypeFilters: ['workspaces'] })).toHaveLength(3);
    expect(await allResources({ ResourceTypeFilters: ['ec2:instance'] })).toEqual([]);
  });

  it('filters by tag key, and by key and one of several values', async () => {
    await aRegisteredDirectory(client());
    const [a, b, c] = await workspacesFor(client(), ['a', 'b', 'c']);
    await tagged([a], { team: 'red' });
    await tagged([b], { team: 'blue' });
    await tagged([c], { other: 'x' });
    const arns = async (TagFilters: { Key: string; Values?: string[] }[]) => (await allResources({ TagFilters })).map((r) => r.ResourceARN).sort();
    expect(await arns([{ Key: 'team' }])).toEqual([arnOf('workspace', a), arnOf('workspace', b)].sort());
    expect(await arns([{ Key: 'team', Values: ['blue', 'green'] }])).toEqual([arnOf('workspace', b)]);
  });

  it('follows the tag store: deleted tags and terminated desktops disappear', async () => {
    await aRegisteredDirectory(client());
    const [a, b] = await workspacesFor(client(), ['a', 'b']);
    await tagged([a, b], { team: 'red' });
    await client().send(new DeleteTagsCommand({ ResourceId: a, TagKeys: ['team'] }));
    await client().send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: b }] }));
    await emulator.advance(3600);
    expect(await allResources({ ResourceTypeFilters: ['workspaces:workspace'] })).toEqual([]);
  });

  it('is counted in /_emulator/calls like any operation', async () => {
    await emulator.admin('reset-calls');
    await tagging.send(new GetResourcesCommand({}));
    expect((await emulator.calls()).GetResources).toBe(1);
  });

  it('refuses more than 100 per page and a forged pagination token', async () => {
    expect((await failureOf(tagging.send(new GetResourcesCommand({ ResourcesPerPage: 101 })))).name).toBe('InvalidParameterException');
    expect((await failureOf(tagging.send(new GetResourcesCommand({ PaginationToken: 'not-a-token' })))).name).toBe('InvalidParameterException');
  });

  it("is rate limited like other operations, with the tagging API's ThrottledException", async () => {
    const limited = await startTestEmulator({ rateLimits: { capacity: 1, refillPerSecond: 0.001 } });
    const limitedTagging = new ResourceGroupsTaggingAPIClient({
      endpoint: limited.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    });
    try {
      await limitedTagging.send(new GetResourcesCommand({}));
      expect((await failureOf(limitedTagging.send(new GetResourcesCommand({})))).name).toBe('ThrottledException');
    } finally {
      limitedTagging.destroy();
      await limited.stop();
    }
  });
});

describe('TagResources and UntagResources', () => {
  it('tags and untags by ARN in the store DescribeTags reads; unknown ARNs and aws: keys are FailedResourcesMap entries', async () => {
    const { GroupId } = await client().send(new CreateIpGroupCommand({ GroupName: 'office' }));
    const arn = arnOf('workspaceipgroup', GroupId as string);
    const missing = arnOf('workspaceipgroup', 'wsipg-0000000000');
    const tagResult = await tagging.send(new TagResourcesCommand({ ResourceARNList: [arn, missing], Tags: { team: 'net', env: 'prod' } }));
    expect(Object.keys(tagResult.FailedResourcesMap ?? {})).toEqual([missing]);
    expect(tagResult.FailedResourcesMap?.[missing]).toMatchObject({ StatusCode: 400, ErrorCode: 'InvalidParameterException' });
    expect((await client().send(new DescribeTagsCommand({ ResourceId: GroupId }))).TagList).toEqual([
      { Key: 'team', Value: 'net' },
      { Key: 'env', Value: 'prod' },
    ]);
    const reserved = await tagging.send(new TagResourcesCommand({ ResourceARNList: [arn], Tags: { 'aws:x': '1' } }));
    expect(Object.keys(reserved.FailedResourcesMap ?? {})).toEqual([arn]);
    await tagging.send(new UntagResourcesCommand({ ResourceARNList: [arn], TagKeys: ['team'] }));
    expect((await client().send(new DescribeTagsCommand({ ResourceId: GroupId }))).TagList).toEqual([{ Key: 'env', Value: 'prod' }]);
  });
});

describe('eventual consistency of GetResources (realism aws)', () => {
  it('shows a tag change only after the propagation delay, while DescribeTags shows it at once', async () => {
    const slow = await startTestEmulator({ timeScale: 1, realism: 'aws' });
    const slowTagging = new ResourceGroupsTaggingAPIClient({ endpoint: slow.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    try {
      const { GroupId } = await slow.client.send(new CreateIpGroupCommand({ GroupName: 'office', Tags: [{ Key: 'wsr:env', Value: 'prod' }] }));
      const view = async () => (await slowTagging.send(new GetResourcesCommand({}))).ResourceTagMappingList?.map((m) => m.Tags);
      expect(await view()).toEqual([]);
      await slow.advance(61);
      expect(await view()).toEqual([[{ Key: 'wsr:env', Value: 'prod' }]]);
      await slow.client.send(new CreateTagsCommand({ ResourceId: GroupId, Tags: [{ Key: 'team', Value: 'net' }] }));
      expect((await slow.client.send(new DescribeTagsCommand({ ResourceId: GroupId }))).TagList).toHaveLength(2);
      expect(await view()).toEqual([[{ Key: 'wsr:env', Value: 'prod' }]]); // the old view, not nothing
      await slow.advance(61);
      expect(await view()).toEqual([
        [
          { Key: 'wsr:env', Value: 'prod' },
          { Key: 'team', Value: 'net' },
        ],
      ]);
    } finally {
      slowTagging.destroy();
      await slow.stop();
    }
  });
});
