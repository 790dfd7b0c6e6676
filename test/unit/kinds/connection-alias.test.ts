import { describe, expect, it } from 'vitest';
import { aDirectory, aLiveAlias, aLiveDirectory, anAlias, expectRule, OWNED, planOf, type RuleRow } from '../../helpers/builders.js';

const A = 'connectionAlias/desktops.example.com';
const D = 'directory/d-1111111111';

const rows: RuleRow[] = [
  {
    rule: 'creates, then shares, then associates',
    desired: [anAlias({ associate: [{ id: 'd-1111111111' }], sharedWith: ['111122223333'] })],
    live: [],
    expected: [`${A}:CreateConnectionAlias`, `${A}:UpdateConnectionAliasPermission`, `${A}:AssociateConnectionAlias`],
  },
  {
    rule: 'registers the directory before associating the alias with it',
    desired: [aDirectory(), anAlias({ associate: [{ key: D }] })],
    live: [],
    expected: [`${D}:RegisterWorkspaceDirectory`, `${A}:CreateConnectionAlias`, `${A}:AssociateConnectionAlias`],
  },
  {
    rule: 'disassociates alias before deleting it',
    desired: [],
    live: [aLiveAlias({ associate: [{ id: 'd-1111111111' }], sharedWith: ['111122223333'], liveTags: OWNED })],
    options: { policy: { prune: true } },
    expected: [`${A}:DisassociateConnectionAlias`, `${A}:UpdateConnectionAliasPermission`, `${A}:DeleteConnectionAlias`],
  },
  {
    rule: 'disassociates the alias before deregistering its directory',
    desired: [],
    live: [aLiveDirectory({ liveTags: OWNED }), aLiveAlias({ associate: [{ id: 'd-1111111111' }], liveTags: OWNED })],
    options: { policy: { prune: true } },
    expected: [`${A}:DisassociateConnectionAlias`, `${A}:DeleteConnectionAlias`, `${D}:DeregisterWorkspaceDirectory`],
  },
  {
    rule: 'moves the association: disassociate, then associate',
    desired: [anAlias({ associate: [{ id: 'd-2222222222' }] })],
    live: [aLiveAlias({ associate: [{ id: 'd-1111111111' }] })],
    expected: [`${A}:DisassociateConnectionAlias`, `${A}:AssociateConnectionAlias`],
  },
];

describe('connectionAlias rules', () => {
  it.each(rows)('$rule', (row) => expectRule(row));

  it('waits for CREATED before associating an alias still CREATING', () => {
    const plan = planOf([anAlias({ associate: [{ id: 'd-1111111111' }] })], [aLiveAlias({ state: 'CREATING' })]);
    expect(plan.steps[0].operation).toBe('AssociateConnectionAlias');
    expect(plan.steps[0].before).toMatchObject({ states: ['CREATED'] });
  });
});
