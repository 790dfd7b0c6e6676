import { describe, expect, it } from 'vitest';
import { diffKinds } from '../../../src/diff/diff-kinds.js';
import { aDesiredState, aLiveState, aLiveWorkspace, aWorkspace, OWNED } from '../../helpers/builders.js';

describe('diffKinds', () => {
  it('reports field-by-field changes only for what the spec sets', () => {
    const base = aWorkspace();
    const sparse = { ...base, properties: { ...base.properties, workspaceProperties: { ComputeTypeName: 'POWER', Protocols: ['WSP'] } } };
    const live = aLiveState([aLiveWorkspace({ workspaceProperties: { Protocols: ['WSP'], RunningModeAutoStopTimeoutInMinutes: 120 } })]);
    const [change] = diffKinds(aDesiredState([sparse]), live).changes;
    expect(change.fields).toEqual([{ path: 'workspaceProperties.ComputeTypeName', before: 'STANDARD', after: 'POWER' }]);
  });

  it('compares tags only when the spec declares them and they were read, ignoring the ownership tag', () => {
    const desired = aDesiredState([aWorkspace({ tags: { team: 'b' } })]);
    const unread = diffKinds(desired, aLiveState([aLiveWorkspace()]));
    expect(unread.changes).toEqual([]);
    const read = diffKinds(desired, aLiveState([aLiveWorkspace({ liveTags: { ...OWNED, team: 'a', stray: 'x' } })]));
    expect(read.changes[0].fields).toEqual([
      { path: 'tags.team', before: 'a', after: 'b' },
      { path: 'tags.stray', before: 'x', after: undefined },
    ]);
  });

  it('counts in-sync pairs as noop and keeps them out of the changes', () => {
    const result = diffKinds(aDesiredState([aWorkspace()]), aLiveState([aLiveWorkspace()]));
    expect(result.noop).toBe(1);
    expect(result.changes).toEqual([]);
  });
});
