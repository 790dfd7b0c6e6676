import { describe, expect, it } from 'vitest';
import { fingerprintLive } from '../../../src/model/fingerprint.js';
import { orderSteps, withPlanMembers } from '../../../src/plan/build.js';
import { serializePlan } from '../../../src/plan/plan-file.js';
import type { PlanStep } from '../../../src/model/plan-step.js';
import { aDirectory, aLiveDirectory, aLiveState, aLiveWorkspace, anIpGroup, aWorkspace, OWNED, planOf } from '../../helpers/builders.js';

const ids = (plan: { steps: readonly { id: string }[] }): string[] => plan.steps.map((step) => step.id);

describe('buildPlan options', () => {
  it('--refresh-only reports the drift with no steps', () => {
    const plan = planOf([aWorkspace({ workspaceProperties: { ComputeTypeName: 'POWER' } })], [aLiveWorkspace()], { refreshOnly: true });
    expect(plan.steps).toEqual([]);
    expect(plan.changes.map((change) => change.action)).toEqual(['update']);
  });

  it('--target keeps the targeted changes and what they depend on', () => {
    const spec = [anIpGroup(), aDirectory(), aWorkspace(), aWorkspace({ userName: 'bob' })];
    const plan = planOf(spec, [], { targets: ['workspace/d-1111111111/bob'] });
    expect(ids(plan)).toEqual(['directory/d-1111111111:RegisterWorkspaceDirectory', 'workspace/d-1111111111/bob:CreateWorkspaces']);
    expect(plan.changes.map((change) => change.key)).toEqual(['directory/d-1111111111', 'workspace/d-1111111111/bob']);
  });

  it('--target of a key prefix keeps every resource under it', () => {
    const plan = planOf([aWorkspace(), aWorkspace({ userName: 'bob' }), anIpGroup()], [aLiveDirectory()], { targets: ['workspace/d-1111111111'] });
    expect(ids(plan)).toEqual(['workspace/d-1111111111/alice:CreateWorkspaces', 'workspace/d-1111111111/bob:CreateWorkspaces']);
  });

  it('--destroy removes everything the spec manages, children first', () => {
    const plan = planOf([aDirectory(), aWorkspace()], [aLiveDirectory({ liveTags: OWNED }), aLiveWorkspace({ liveTags: OWNED })], { destroy: true });
    expect(ids(plan)).toEqual(['workspace/d-1111111111/alice:TerminateWorkspaces', 'directory/d-1111111111:DeregisterWorkspaceDirectory']);
    expect(plan.summary.delete).toBe(2);
  });

  it('--show-unmanaged lists live resources no spec entry owns', () => {
    const live = [aLiveWorkspace({ userName: 'stranger' })];
    expect(planOf([], live, { showUnmanaged: true }).unmanaged).toEqual(['workspace/d-1111111111/stranger']);
    expect(planOf([], live).unmanaged).toEqual([]);
  });

  it('protects keys named in policy.protect', () => {
    const plan = planOf([], [aLiveWorkspace({ liveTags: OWNED })], { policy: { prune: true, protect: ['workspace/d-1111111111/alice'] } });
    expect(plan.steps[0].blocked).toBe('protected by policy.protect (workspace/d-1111111111/alice)');
  });

  it('copies the read call counts and stamps the time and live fingerprint', () => {
    const plan = planOf([aWorkspace()], [aLiveWorkspace()]);
    expect(plan.createdAt).toBe('2026-11-25T12:00:00.000Z');
    expect(plan.fingerprint).toBe(fingerprintLive(aLiveState([aLiveWorkspace()])));
    expect(plan.summary).toMatchObject({ noop: 1, steps: 0 });
  });

  it('writes the live fingerprint into a saved plan, though it is computed only when first read', () => {
    const plan = planOf([aWorkspace()], [aLiveWorkspace({ state: 'STOPPED' })]);
    const saved = JSON.parse(serializePlan(plan)) as { fingerprint: string };
    expect(saved.fingerprint).toBe(fingerprintLive(aLiveState([aLiveWorkspace({ state: 'STOPPED' })])));
    expect(plan.fingerprint).toBe(saved.fingerprint);
  });

  it('keeps the fingerprint when members are added to the plan (spec hash…), and saves both', () => {
    const plan = withPlanMembers(planOf([aWorkspace()], [aLiveWorkspace()]), { specHash: 'abc' });
    const saved = JSON.parse(serializePlan(plan)) as { fingerprint: string; specHash: string };
    expect(saved).toMatchObject({ fingerprint: fingerprintLive(aLiveState([aLiveWorkspace()])), specHash: 'abc' });
  });
});

describe('orderSteps', () => {
  const step = (id: string, dependsOn: string[]): PlanStep => ({
    id,
    key: id,
    kind: 'workspace',
    action: 'update',
    operation: 'ModifyWorkspaceProperties',
    input: {},
    dependsOn,
    destructive: false,
    reason: 'test',
  });

  it('refuses a cycle with PLAN_CYCLE naming it', () => {
    expect(() => orderSteps([step('a', ['b']), step('b', ['a'])])).toThrow(
      expect.objectContaining({ code: 'PLAN_CYCLE', message: expect.stringContaining('a → b → a') }),
    );
  });

  it('orders dependencies first, then by key', () => {
    expect(orderSteps([step('c', []), step('b', ['c']), step('a', [])]).map((entry) => entry.id)).toEqual(['a', 'c', 'b']);
  });
});

describe('fingerprintLive', () => {
  it('does not depend on read order', () => {
    const one = aLiveState([aLiveWorkspace(), aLiveWorkspace({ userName: 'bob' })]);
    const two = aLiveState([aLiveWorkspace({ userName: 'bob' }), aLiveWorkspace()]);
    expect(fingerprintLive(one)).toBe(fingerprintLive(two));
  });

  it('changes when a state, a property or a tag changes', () => {
    const base = fingerprintLive(aLiveState([aLiveWorkspace()]));
    expect(fingerprintLive(aLiveState([aLiveWorkspace({ state: 'STOPPED' })]))).not.toBe(base);
    expect(fingerprintLive(aLiveState([aLiveWorkspace({ workspaceProperties: { ComputeTypeName: 'POWER' } })]))).not.toBe(base);
    expect(fingerprintLive(aLiveState([aLiveWorkspace({ liveTags: OWNED })]))).not.toBe(base);
  });
});
