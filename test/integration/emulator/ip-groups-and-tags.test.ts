import {
  AssociateIpGroupsCommand,
  AuthorizeIpRulesCommand,
  CreateIpGroupCommand,
  CreateTagsCommand,
  DeleteIpGroupCommand,
  DeleteTagsCommand,
  DescribeIpGroupsCommand,
  DescribeTagsCommand,
  DisassociateIpGroupsCommand,
  RevokeIpRulesCommand,
  UpdateRulesOfIpGroupCommand,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { DIRECTORY_ID, aRegisteredDirectory, aWorkspace, failureOf } from './given.js';

let emulator: TestEmulator;
const client = () => emulator.client;
const group = async (id: string) => (await client().send(new DescribeIpGroupsCommand({ GroupIds: [id] }))).Result?.[0];
const rules = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ ipRule: `10.${from + i}.0.0/16`, ruleDesc: `r${from + i}` }));

beforeAll(async () => {
  emulator = await startTestEmulator({ pageSize: 2 });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

describe('IP access control groups', () => {
  it('creates a group with rules and tags, lower-camel members on the wire', async () => {
    const { GroupId } = await client().send(
      new CreateIpGroupCommand({ GroupName: 'office', GroupDesc: 'head office', UserRules: rules(2), Tags: [{ Key: 'wsr:env', Value: 'prod' }] }),
    );
    expect(GroupId).toMatch(/^wsipg-[0-9a-z]{10}$/);
    expect(await group(GroupId as string)).toEqual({ groupId: GroupId, groupName: 'office', groupDesc: 'head office', userRules: rules(2) });
    expect((await client().send(new DescribeTagsCommand({ ResourceId: GroupId }))).TagList).toEqual([{ Key: 'wsr:env', Value: 'prod' }]);
  });

  it('refuses a duplicate name and more than 10 rules', async () => {
    await client().send(new CreateIpGroupCommand({ GroupName: 'office' }));
    expect((await failureOf(client().send(new CreateIpGroupCommand({ GroupName: 'office' })))).name).toBe('ResourceAlreadyExistsException');
    expect((await failureOf(client().send(new CreateIpGroupCommand({ GroupName: 'big', UserRules: rules(11) })))).name).toBe('ResourceLimitExceededException');
  });

  it('authorizes, revokes and replaces rules within the 10-rule limit', async () => {
    const { GroupId } = await client().send(new CreateIpGroupCommand({ GroupName: 'g', UserRules: rules(8) }));
    await client().send(new AuthorizeIpRulesCommand({ GroupId, UserRules: rules(2, 8) }));
    expect((await group(GroupId as string))?.userRules).toHaveLength(10);
    expect((await failureOf(client().send(new AuthorizeIpRulesCommand({ GroupId, UserRules: rules(1, 10) })))).name).toBe('ResourceLimitExceededException');
    await client().send(new RevokeIpRulesCommand({ GroupId, UserRules: ['10.0.0.0/16', '10.1.0.0/16'] }));
    expect((await group(GroupId as string))?.userRules?.map((r) => r.ipRule)).not.toContain('10.0.0.0/16');
    await client().send(new UpdateRulesOfIpGroupCommand({ GroupId, UserRules: [{ ipRule: '192.0.2.0/24' }] }));
    expect((await group(GroupId as string))?.userRules).toEqual([{ ipRule: '192.0.2.0/24' }]);
    expect((await failureOf(client().send(new UpdateRulesOfIpGroupCommand({ GroupId, UserRules: rules(11) })))).name).toBe('ResourceLimitExceededException');
  });

  it.each(['300.1.1.1/8', 'not-a-cidr', '10.0.0.0/33', '10.0.0.0'])(
    'refuses the rule %s on create, authorize and update (InvalidParameterValuesException)',
    async (bad) => {
      const { GroupId } = await client().send(new CreateIpGroupCommand({ GroupName: 'g', UserRules: rules(1) }));
      const badRule = [{ ipRule: bad }];
      expect((await failureOf(client().send(new CreateIpGroupCommand({ GroupName: 'bad', UserRules: badRule })))).name).toBe('InvalidParameterValuesException');
      expect((await failureOf(client().send(new AuthorizeIpRulesCommand({ GroupId, UserRules: [...rules(1, 5), ...badRule] })))).name).toBe(
        'InvalidParameterValuesException',
      );
      expect((await failureOf(client().send(new UpdateRulesOfIpGroupCommand({ GroupId, UserRules: badRule })))).name).toBe('InvalidParameterValuesException');
      expect((await group(GroupId as string))?.userRules).toEqual(rules(1)); // nothing of a refused call is kept
      expect((await client().send(new DescribeIpGroupsCommand({}))).Result?.map((g) => g.groupName)).toEqual(['g']);
    },
  );

  it('refuses to delete a group while a directory uses it', async () => {
    await aRegisteredDirectory(client());
    const { GroupId } = await client().send(new CreateIpGroupCommand({ GroupName: 'g' }));
    await client().send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY_ID, GroupIds: [GroupId as string] }));
    expect((await failureOf(client().send(new DeleteIpGroupCommand({ GroupId })))).name).toBe('ResourceAssociatedException');
    await client().send(new DisassociateIpGroupsCommand({ DirectoryId: DIRECTORY_ID, GroupIds: [GroupId as string] }));
    await client().send(new DeleteIpGroupCommand({ GroupId }));
    expect(await group(GroupId as string)).toBeUndefined();
    expect((await failureOf(client().send(new DeleteIpGroupCommand({ GroupId })))).name).toBe('ResourceNotFoundException');
  });

  it('pages groups by hand with MaxResults and NextToken', async () => {
    for (const name of ['a', 'b', 'c']) await client().send(new CreateIpGroupCommand({ GroupName: name }));
    const first = await client().send(new DescribeIpGroupsCommand({}));
    expect(first.Result?.map((g) => g.groupName)).toEqual(['a', 'b']);
    const second = await client().send(new DescribeIpGroupsCommand({ NextToken: first.NextToken }));
    expect(second.Result?.map((g) => g.groupName)).toEqual(['c']);
    expect(second.NextToken).toBeUndefined();
    expect((await client().send(new DescribeIpGroupsCommand({ MaxResults: 3 }))).Result).toHaveLength(3);
  });
});

describe('tags', () => {
  it('upserts, deletes by key and describes tags of a WorkSpace and a directory', async () => {
    await aRegisteredDirectory(client());
    const id = await aWorkspace(client());
    await client().send(
      new CreateTagsCommand({
        ResourceId: id,
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    await client().send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: 'a', Value: '3' }] }));
    await client().send(new DeleteTagsCommand({ ResourceId: id, TagKeys: ['b', 'missing'] }));
    expect((await client().send(new DescribeTagsCommand({ ResourceId: id }))).TagList).toEqual([{ Key: 'a', Value: '3' }]);
    await client().send(new CreateTagsCommand({ ResourceId: DIRECTORY_ID, Tags: [{ Key: 'd', Value: 'x' }] }));
    expect((await client().send(new DescribeTagsCommand({ ResourceId: DIRECTORY_ID }))).TagList).toEqual([{ Key: 'd', Value: 'x' }]);
  });

  it('refuses the reserved aws: prefix, the 51st tag and unknown resources', async () => {
    const { GroupId } = await client().send(new CreateIpGroupCommand({ GroupName: 'g' }));
    expect((await failureOf(client().send(new CreateTagsCommand({ ResourceId: GroupId, Tags: [{ Key: 'aws:owner', Value: 'me' }] })))).name).toBe(
      'InvalidParameterValuesException',
    );
    expect((await failureOf(client().send(new DeleteTagsCommand({ ResourceId: GroupId, TagKeys: ['aws:cloudformation:stack-name'] })))).name).toBe(
      'InvalidParameterValuesException',
    );
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await client().send(new CreateTagsCommand({ ResourceId: GroupId, Tags: fifty }));
    expect((await failureOf(client().send(new CreateTagsCommand({ ResourceId: GroupId, Tags: [{ Key: 'one-more', Value: 'v' }] })))).name).toBe(
      'ResourceLimitExceededException',
    );
    const missing = await failureOf(client().send(new DescribeTagsCommand({ ResourceId: 'ws-0000000000' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.ResourceId).toBe('ws-0000000000');
  });
});
