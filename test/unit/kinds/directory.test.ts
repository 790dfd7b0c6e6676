import { describe, expect, it } from 'vitest';
import { aDirectory, aLiveDirectory, aLiveWorkspace, aWorkspace, expectRule, OWNED, planOf, type RuleRow } from '../../helpers/builders.js';

const D = 'directory/d-1111111111';
const WS = 'workspace/d-1111111111/alice';

const rows: RuleRow[] = [
  {
    rule: 'registers, then sets each property set with its own call',
    desired: [aDirectory({ selfservicePermissions: { RestartWorkspace: 'ENABLED' }, workspaceAccessProperties: { DeviceTypeWeb: 'DENY' } })],
    live: [],
    expected: [`${D}:RegisterWorkspaceDirectory`, `${D}:ModifySelfservicePermissions`, `${D}:ModifyWorkspaceAccessProperties`],
  },
  {
    rule: 'modifies only the property set that drifted',
    desired: [aDirectory({ selfservicePermissions: { RestartWorkspace: 'ENABLED' }, workspaceAccessProperties: { DeviceTypeWeb: 'DENY' } })],
    live: [
      aLiveDirectory({
        selfservicePermissions: { RestartWorkspace: 'DISABLED' },
        workspaceAccessProperties: { DeviceTypeWeb: 'DENY', DeviceTypeOsx: 'ALLOW' },
      }),
    ],
    expected: [`${D}:ModifySelfservicePermissions`],
  },
  {
    rule: 'associates new IP groups before dropping old ones (no allow-all window)',
    desired: [aDirectory({ ipGroups: [{ id: 'wsipg-new00001' }] })],
    live: [aLiveDirectory({ ipGroups: [{ id: 'wsipg-old00001' }] })],
    expected: [`${D}:AssociateIpGroups`, `${D}:DisassociateIpGroups`],
  },
  {
    rule: 'blocks a subnet change (registration only)',
    desired: [aDirectory({ subnetIds: ['subnet-b', 'subnet-c'] })],
    live: [aLiveDirectory({ subnetIds: ['subnet-a', 'subnet-b'] })],
    expected: [`${D}:RegisterWorkspaceDirectory !`],
  },
  {
    rule: 'terminates its workspaces before deregistering the directory',
    desired: [],
    live: [aLiveDirectory({ liveTags: OWNED }), aLiveWorkspace({ liveTags: OWNED })],
    options: { policy: { prune: true } },
    expected: [`${WS}:TerminateWorkspaces`, `${D}:DeregisterWorkspaceDirectory`],
  },
  {
    rule: 'blocks deregistering a directory that keeps unmanaged desktops',
    desired: [],
    live: [aLiveDirectory({ liveTags: OWNED }), aLiveWorkspace({ liveTags: {} })],
    options: { policy: { prune: true } },
    expected: [`${D}:DeregisterWorkspaceDirectory !`],
  },
];

describe('directory rules', () => {
  it.each(rows)('$rule', (row) => expectRule(row));

  it('waits for REGISTERING before modifying', () => {
    const plan = planOf([aDirectory({ selfservicePermissions: { RestartWorkspace: 'ENABLED' } })], [aLiveDirectory({ state: 'REGISTERING' })]);
    expect(plan.steps[0].before).toMatchObject({ states: ['REGISTERED'] });
  });

  it('blocks destructive steps in a managed directory that reads empty while the spec has desktops in it', () => {
    const spec = [aDirectory(), aWorkspace()];
    const live = [aLiveDirectory(), aLiveWorkspace({ directoryId: 'd-2222222222', liveTags: OWNED })];
    const plan = planOf(spec, live, { destroy: true });
    expect(plan.warnings).toEqual([expect.stringContaining('suspicious: directory d-1111111111 read empty')]);
    expect(plan.steps.find((step) => step.key === D)?.blocked).toContain('suspicious');
    const allowed = planOf(spec, live, { destroy: true, allowDestroy: true });
    expect(allowed.steps.find((step) => step.key === D)?.blocked).toBeUndefined();
  });

  it('a directory that reads empty while the spec has desktops in it holds every step inside it, creates included', () => {
    const spec = [aDirectory({ selfservicePermissions: { RestartWorkspace: 'ENABLED' } }), aWorkspace(), aWorkspace({ userName: 'bob' })];
    const plan = planOf(spec, [aLiveDirectory({ liveTags: OWNED, selfservicePermissions: { RestartWorkspace: 'DISABLED' } })]);
    expect(plan.steps.map((step) => `${step.id} ${step.blocked === undefined ? 'runs' : 'held'}`)).toEqual([
      `${D}:ModifySelfservicePermissions held`,
      'workspace/d-1111111111/alice:CreateWorkspaces held',
      'workspace/d-1111111111/bob:CreateWorkspaces held',
    ]);
    expect(plan.steps[1]!.blocked).toContain('suspicious');
    const allowed = planOf(spec, [aLiveDirectory({ liveTags: OWNED })], { allowDestroy: true });
    expect(allowed.steps.every((step) => step.blocked === undefined)).toBe(true);
  });

  it('never modifies a directory tagged for another environment (its IP groups and property sets), and says which environment owns it', () => {
    const plan = planOf(
      [aDirectory({ ipGroups: [{ id: 'wsipg-mine0001' }], selfservicePermissions: { RestartWorkspace: 'ENABLED' } })],
      [aLiveDirectory({ liveTags: { 'wsr:env': 'team-a' }, ipGroups: [{ id: 'wsipg-theirs01' }], selfservicePermissions: { RestartWorkspace: 'DISABLED' } })],
    );
    expect(plan.steps.length).toBeGreaterThan(0);
    for (const step of plan.steps) expect(step.blocked).toMatch(/^owned by environment team-a \(wsr:env=team-a\), not /);
  });
});
