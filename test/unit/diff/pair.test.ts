import { describe, expect, it } from 'vitest';
import { pairByKey } from '../../../src/diff/pair.js';
import { aLiveWorkspace, aWorkspace, ENV, OWNED } from '../../helpers/builders.js';

describe('pairByKey', () => {
  it('pairs by key and sorts live-only resources by ownership', () => {
    const pairs = pairByKey(
      [aWorkspace(), aWorkspace({ userName: 'new' })],
      [
        aLiveWorkspace(),
        aLiveWorkspace({ userName: 'mine', liveTags: OWNED }),
        aLiveWorkspace({ userName: 'theirs', liveTags: { 'wsr:env': 'other' } }),
        aLiveWorkspace({ userName: 'unread' }),
      ],
      ENV,
    );
    expect(pairs.both.map(([desired]) => desired.key)).toEqual(['workspace/d-1111111111/alice']);
    expect(pairs.desiredOnly.map((resource) => resource.key)).toEqual(['workspace/d-1111111111/new']);
    expect(pairs.liveOnlyOwned.map((resource) => resource.key)).toEqual(['workspace/d-1111111111/mine']);
    expect(pairs.unmanaged.map((resource) => resource.key)).toEqual(['workspace/d-1111111111/theirs', 'workspace/d-1111111111/unread']);
  });
});
