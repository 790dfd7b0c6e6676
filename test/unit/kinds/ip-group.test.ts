import { describe, expect, it } from 'vitest';
import { aDirectory, aLiveDirectory, aLiveIpGroup, anIpGroup, expectRule, OWNED, planOf, type RuleRow } from '../../helpers/builders.js';

const G = 'ipGroup/office';
const D = 'directory/d-1111111111';
const HQ = { cidr: '198.51.100.0/24', description: 'HQ' };
const VPN = { cidr: '203.0.113.0/24', description: 'VPN' };

const rows: RuleRow[] = [
  { rule: 'creates a missing group with its rules in one call', desired: [anIpGroup()], live: [], expected: [`${G}:CreateIpGroup`] },
  { rule: 'plans nothing for a group in sync', desired: [anIpGroup()], live: [aLiveIpGroup()], expected: [] },
  { rule: 'authorizes a rule added in the spec', desired: [anIpGroup({ rules: [HQ, VPN] })], live: [aLiveIpGroup()], expected: [`${G}:AuthorizeIpRules`] },
  { rule: 'revokes a rule added in the console', desired: [anIpGroup()], live: [aLiveIpGroup({ rules: [HQ, VPN] })], expected: [`${G}:RevokeIpRules`] },
  {
    rule: 'revokes before authorizing (never above the 10-rule quota)',
    desired: [anIpGroup({ rules: [VPN] })],
    live: [aLiveIpGroup({ rules: [HQ] })],
    expected: [`${G}:RevokeIpRules`, `${G}:AuthorizeIpRules`],
  },
  {
    rule: 'replaces all rules to change a rule description',
    desired: [anIpGroup({ rules: [{ ...HQ, description: 'head office' }] })],
    live: [aLiveIpGroup()],
    expected: [`${G}:UpdateRulesOfIpGroup`],
  },
  {
    rule: 'creates the group before the directory associates it',
    desired: [anIpGroup(), aDirectory({ ipGroups: [{ key: G }] })],
    live: [aLiveDirectory()],
    expected: [`${G}:CreateIpGroup`, `${D}:AssociateIpGroups`],
  },
  {
    rule: 'disassociates from directories before deleting the group',
    desired: [],
    live: [aLiveIpGroup({ liveTags: OWNED }), aLiveDirectory({ ipGroups: [{ id: 'wsipg-office01' }] })],
    options: { policy: { prune: true } },
    expected: [`${G}:DisassociateIpGroups`, `${G}:DeleteIpGroup`],
  },
  {
    rule: 'lets the directory drop the group when it manages its groups, then deletes it',
    desired: [aDirectory({ ipGroups: [] })],
    live: [aLiveIpGroup({ liveTags: OWNED }), aLiveDirectory({ ipGroups: [{ id: 'wsipg-office01' }] })],
    options: { policy: { prune: true } },
    expected: [`${D}:DisassociateIpGroups`, `${G}:DeleteIpGroup`],
  },
];

describe('ipGroup rules', () => {
  it.each(rows)('$rule', (row) => expectRule(row));

  it('warns on every plan that the description cannot change after create, and counts no change (plan --detailed-exitcode exits 0)', () => {
    const plan = planOf([anIpGroup({ description: 'new words' })], [aLiveIpGroup({ description: 'old words' })]);
    expect(plan.steps).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([expect.stringContaining('cannot change an IP group description')]);
  });

  it('warns that associating a group without rules blocks all access', () => {
    const plan = planOf([anIpGroup({ rules: [] }), aDirectory({ ipGroups: [{ key: G }] })], [aLiveDirectory()]);
    expect(plan.warnings).toEqual([expect.stringContaining('blocks all access')]);
  });

  it('passes the created group id to the association as a placeholder', () => {
    const plan = planOf([anIpGroup(), aDirectory({ ipGroups: [{ key: G }] })], [aLiveDirectory()]);
    expect(plan.steps[1].input).toEqual({ DirectoryId: 'd-1111111111', GroupIds: [{ $idOf: G }] });
    expect(plan.steps[1].dependsOn).toEqual([`${G}:CreateIpGroup`]);
  });
});
