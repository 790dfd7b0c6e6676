import { describe, expect, it } from 'vitest';
import { enforceDestroyPolicy } from '../../../src/plan/policy.js';
import { aLiveWorkspace, OWNED, planOf } from '../../helpers/builders.js';

const twoTerminates = planOf([], [aLiveWorkspace({ liveTags: OWNED }), aLiveWorkspace({ userName: 'bob', liveTags: OWNED })], { policy: { prune: true } });

describe('enforceDestroyPolicy', () => {
  it('refuses destructive steps without allowDestroy', () => {
    expect(() => enforceDestroyPolicy(twoTerminates, { allowDestroy: false })).toThrow(expect.objectContaining({ code: 'PLAN_DESTROY_NOT_ALLOWED' }));
  });

  it('refuses more destructive steps than maxDestroy', () => {
    expect(() => enforceDestroyPolicy(twoTerminates, { allowDestroy: true, maxDestroy: 1 })).toThrow(expect.objectContaining({ code: 'PLAN_DESTROY_LIMIT' }));
  });

  it('lets destructive steps within the limit through', () => {
    expect(() => enforceDestroyPolicy(twoTerminates, { allowDestroy: true, maxDestroy: 2 })).not.toThrow();
  });

  it('does not count blocked destructive steps', () => {
    const protectedPlan = planOf([], [aLiveWorkspace({ liveTags: OWNED })], { policy: { prune: true, protect: ['workspaces'] } });
    expect(protectedPlan.steps[0].blocked).toContain('policy.protect');
    expect(() => enforceDestroyPolicy(protectedPlan, { allowDestroy: false })).not.toThrow();
  });
});
