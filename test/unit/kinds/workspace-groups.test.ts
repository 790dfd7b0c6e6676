/**
 * The planner's rules for desktops of directory-group members: a group that lost more than
 * policy.maxDestroy members (or all of them) holds its terminations, like a directory read empty;
 * with policy.gracePeriod a removed member's desktop is stopped and marked first, terminated after.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/build.js';
import type { DesiredResource, Policy, UserGroupCount } from '../../../src/model/desired.js';
import type { LiveResource } from '../../../src/model/live.js';
import { aDesiredState, aLiveState, aLiveWorkspace, aWorkspace, NOW, OWNED } from '../../helpers/builders.js';

const GROUP: UserGroupCount = { group: 'CN=Dev,DC=corp', tag: 'CN=Dev/DC=corp', template: 0, members: 0 };
const names = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `u${from + i}`);

function groupPlan(options: {
  members: string[];
  had: string[];
  policy?: Partial<Policy>;
  now?: string;
  liveTags?: Record<string, string>;
  allowDestroy?: boolean;
}) {
  const desired: DesiredResource[] = options.members.map((userName) => ({
    ...aWorkspace({ userName, group: GROUP.tag }),
    origin: 'group CN=Dev,DC=corp (workspaces[0])',
  }));
  const live: LiveResource[] = options.had.map((userName) => aLiveWorkspace({ userName, liveTags: { ...OWNED, 'wsr:group': GROUP.tag, ...options.liveTags } }));
  const state = { ...aDesiredState(desired, { prune: true, ...options.policy }), userGroups: [{ ...GROUP, members: options.members.length }] };
  return buildPlan({ desired: state, live: aLiveState(live), options: { allowDestroy: options.allowDestroy ?? false }, now: options.now ?? NOW });
}

describe('directory group members', () => {
  it('terminates the desktops of members who left, within maxDestroy', () => {
    const plan = groupPlan({ members: names(8), had: names(10), policy: { maxDestroy: 5 } });
    const terminations = plan.steps.filter((step) => step.operation === 'TerminateWorkspaces');
    expect(terminations.map((step) => [step.key, step.blocked])).toEqual([
      ['workspace/d-1111111111/u10', undefined],
      ['workspace/d-1111111111/u9', undefined],
    ]);
    expect(terminations[0].reason).toContain('its user left group CN=Dev/DC=corp');
  });

  it('holds the terminations of a group that dropped by more than maxDestroy, with the counts', () => {
    const plan = groupPlan({ members: names(3), had: names(10), policy: { maxDestroy: 5 } });
    const terminations = plan.steps.filter((step) => step.operation === 'TerminateWorkspaces');
    expect(terminations).toHaveLength(7);
    expect(new Set(terminations.map((step) => step.blocked))).toEqual(
      new Set(['group CN=Dev,DC=corp went from 10 to 3 members (use --allow-destroy if it really did)']),
    );
    expect(plan.warnings).toContain(
      'suspicious: group CN=Dev,DC=corp went from 10 to 3 members (by more than policy.maxDestroy (5)); the terminations of its 7 removed member(s) are blocked unless --allow-destroy',
    );
  });

  it('holds the terminations of a group that went to zero even within maxDestroy, unless --allow-destroy', () => {
    expect(
      groupPlan({ members: [], had: names(2), policy: { maxDestroy: 5 } }).steps.every(
        (step) => step.blocked === 'group CN=Dev,DC=corp went from 2 to 0 members (use --allow-destroy if it really did)',
      ),
    ).toBe(true);
    expect(groupPlan({ members: [], had: names(2), policy: { maxDestroy: 5 }, allowDestroy: true }).steps.every((step) => step.blocked === undefined)).toBe(
      true,
    );
  });

  it('with a grace period: marks and stops first, holds the termination during the period, terminates after', () => {
    const policy = { maxDestroy: 5, gracePeriodSeconds: 3600 };
    expect(groupPlan({ members: ['u1'], had: ['u1', 'u2'], policy }).steps.map((step) => `${step.id} ${step.destructive}`)).toEqual([
      'workspace/d-1111111111/u2:CreateTags false',
      'workspace/d-1111111111/u2:StopWorkspaces false',
    ]);
    const marked = { 'wsr:removed-at': '2026-11-25T11:30:00.000Z' };
    expect(groupPlan({ members: ['u1'], had: ['u1', 'u2'], policy, liveTags: marked }).steps.map((step) => step.blocked)).toEqual([
      // the mark sits on u1 too here: its user is back, so the mark goes
      undefined,
      'grace period: terminated after 2026-11-25T12:30:00.000Z unless the user is back in the spec (policy.gracePeriod 1h)',
    ]);
    expect(
      groupPlan({ members: ['u1'], had: ['u1', 'u2'], policy, liveTags: marked, now: '2026-11-25T12:30:00.000Z' }).steps.map(
        (step) => `${step.id} ${step.blocked ?? 'runs'}`,
      ),
    ).toEqual(['workspace/d-1111111111/u1:DeleteTags runs', 'workspace/d-1111111111/u2:TerminateWorkspaces runs']);
  });

  it('with a grace period, a group emptied by mistake does not even stop its desktops', () => {
    const plan = groupPlan({ members: [], had: names(2), policy: { maxDestroy: 5, gracePeriodSeconds: 3600 } });
    expect(plan.steps.map((step) => `${step.operation} ${step.blocked}`)).toEqual([
      'CreateTags group CN=Dev,DC=corp went from 2 to 0 members (use --allow-destroy if it really did)',
      'StopWorkspaces group CN=Dev,DC=corp went from 2 to 0 members (use --allow-destroy if it really did)',
      'CreateTags group CN=Dev,DC=corp went from 2 to 0 members (use --allow-destroy if it really did)',
      'StopWorkspaces group CN=Dev,DC=corp went from 2 to 0 members (use --allow-destroy if it really did)',
    ]);
  });

  it('plan --destroy ignores the grace period', () => {
    const desired = aDesiredState([], { prune: true, gracePeriodSeconds: 3600 });
    const plan = buildPlan({ desired, live: aLiveState([aLiveWorkspace({ liveTags: OWNED })]), options: { destroy: true }, now: NOW });
    expect(plan.steps.map((step) => step.operation)).toEqual(['TerminateWorkspaces']);
  });
});

describe('the daemon status page digest', () => {
  it("shows where a user came from and why a group member's termination is held", async () => {
    const { digestPlan } = await import('../../../src/daemon/plan-digest.js');
    const plan = groupPlan({ members: ['u9'], had: names(8), policy: { maxDestroy: 5 } });
    const digest = digestPlan(plan, undefined);
    const created = digest.sections.find((section) => section.action === 'create')!.groups[0]!;
    expect(created.reason).toBe('no workspace for u9 in d-1111111111 (from group CN=Dev,DC=corp (workspaces[0]))');
    expect(digest.blocked[0].reason).toBe('group CN=Dev,DC=corp went from 8 to 1 members (use --allow-destroy if it really did)');
  });
});
