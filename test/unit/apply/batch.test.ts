import { describe, expect, it } from 'vitest';
import { batchKeyOf, itemIdentity, mergeBatchInput, splitBatchOutput } from '../../../src/apply/batch.js';

const batch = { member: 'Workspaces', max: 25 };

describe('batch coalescing', () => {
  it('gives equal keys to steps that differ only in their batch items', () => {
    const a = batchKeyOf('CreateWorkspaces', batch, { Workspaces: [{ UserName: 'a' }] });
    const b = batchKeyOf('CreateWorkspaces', batch, { Workspaces: [{ UserName: 'b' }] });
    const c = batchKeyOf('CreateWorkspaces', batch, { Workspaces: [{ UserName: 'c' }], Other: 1 });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('refuses to merge more items than the API takes', () => {
    expect(() => mergeBatchInput({ member: 'RebuildWorkspaceRequests', max: 1 }, {}, [{}, {}])).toThrow(RangeError);
    expect(mergeBatchInput(batch, { Workspaces: [{ UserName: 'a' }] }, [{ UserName: 'a' }, { UserName: 'b' }])).toEqual({
      Workspaces: [{ UserName: 'a' }, { UserName: 'b' }],
    });
  });

  it('matches CreateWorkspaces answers by DirectoryId + UserName and others by WorkspaceId', () => {
    expect(itemIdentity({ DirectoryId: 'd-1', UserName: 'Alice', BundleId: 'wsb-1' })).toBe('user:d-1/alice');
    expect(itemIdentity({ WorkspaceRequest: { DirectoryId: 'd-1', UserName: 'alice' }, ErrorCode: 'x' })).toBe('user:d-1/alice');
    expect(itemIdentity({ WorkspaceId: 'ws-1' })).toBe('id:ws-1');
    expect(itemIdentity({ WorkspaceId: 'ws-1', ErrorCode: 'x' })).toBe('id:ws-1');
  });

  it("splits a create answer into each item's pending desktop or failure", () => {
    const items = [
      { DirectoryId: 'd-1', UserName: 'alice' },
      { DirectoryId: 'd-1', UserName: 'bob' },
    ];
    const [alice, bob] = splitBatchOutput(items, {
      PendingRequests: [{ WorkspaceId: 'ws-a', DirectoryId: 'd-1', UserName: 'alice', State: 'PENDING' }],
      FailedRequests: [{ WorkspaceRequest: items[1], ErrorCode: 'ResourceExists.WorkSpace', ErrorMessage: 'exists' }],
    });
    expect(alice).toEqual({
      output: { PendingRequests: [{ WorkspaceId: 'ws-a', DirectoryId: 'd-1', UserName: 'alice', State: 'PENDING' }], FailedRequests: [] },
    });
    expect(bob!.failure).toEqual({ code: 'ResourceExists.WorkSpace', message: 'exists' });
  });

  it('splits a stop answer by WorkspaceId', () => {
    const results = splitBatchOutput([{ WorkspaceId: 'ws-1' }, { WorkspaceId: 'ws-2' }], {
      FailedRequests: [{ WorkspaceId: 'ws-2', ErrorCode: 'InvalidResourceState.Workspace', ErrorMessage: 'PENDING' }],
    });
    expect(results.map((result) => result.failure?.code)).toEqual([undefined, 'InvalidResourceState.Workspace']);
  });
});
