import { describe, expect, it } from 'vitest';
import { tagCandidates } from '../../../src/diff/tag-candidates.js';
import { aDesiredState, aLiveState, aLiveWorkspace, aWorkspace } from '../../helpers/builders.js';

const keysOf = (resources: readonly { key: string }[]): string[] => resources.map((resource) => resource.key);

describe('tagCandidates', () => {
  it('asks for no tags when nothing declares tags, nothing changes, nothing is pruned and nothing is destroyed', () => {
    const desired = aDesiredState([aWorkspace(), aWorkspace({ userName: 'bob' })]);
    const live = aLiveState([aLiveWorkspace(), aLiveWorkspace({ userName: 'bob' })]);
    expect(tagCandidates(desired, live)).toEqual([]);
  });

  it("asks for the tags of paired resources the diff would change at all (another environment's must not be modified)", () => {
    const desired = aDesiredState([aWorkspace(), aWorkspace({ userName: 'bob', workspaceProperties: { ComputeTypeName: 'POWER' } })]);
    const live = aLiveState([aLiveWorkspace(), aLiveWorkspace({ userName: 'bob' })]);
    expect(keysOf(tagCandidates(desired, live))).toEqual(['workspace/d-1111111111/bob']);
  });

  it('asks for the tags of resources whose spec declares tags', () => {
    const desired = aDesiredState([aWorkspace({ tags: { team: 'a' } }), aWorkspace({ userName: 'bob' })]);
    const live = aLiveState([aLiveWorkspace(), aLiveWorkspace({ userName: 'bob' })]);
    expect(keysOf(tagCandidates(desired, live))).toEqual(['workspace/d-1111111111/alice']);
  });

  it('asks for the tags of live-only resources when pruning (ownership decides)', () => {
    const desired = aDesiredState([], { prune: true });
    expect(keysOf(tagCandidates(desired, aLiveState([aLiveWorkspace()])))).toEqual(['workspace/d-1111111111/alice']);
    expect(tagCandidates(aDesiredState([]), aLiveState([aLiveWorkspace()]))).toEqual([]);
  });

  it('asks for the tags of paired resources the diff would change destructively', () => {
    const desired = aDesiredState([aWorkspace({ bundle: { id: 'wsb-other001' } })]);
    expect(keysOf(tagCandidates(desired, aLiveState([aLiveWorkspace()])))).toEqual(['workspace/d-1111111111/alice']);
  });

  it('asks for every managed resource on --destroy', () => {
    const desired = aDesiredState([aWorkspace(), aWorkspace({ userName: 'bob' })]);
    const live = aLiveState([aLiveWorkspace(), aLiveWorkspace({ userName: 'bob' })]);
    expect(tagCandidates(desired, live, { destroy: true })).toHaveLength(2);
  });

  it('does not ask again for tags already read', () => {
    const desired = aDesiredState([aWorkspace({ tags: { team: 'a' } })]);
    expect(tagCandidates(desired, aLiveState([aLiveWorkspace({ liveTags: { team: 'a' } })]))).toEqual([]);
  });
});
