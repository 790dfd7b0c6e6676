import { describe, expect, it } from 'vitest';
import type { DesiredResource } from '../../../src/model/desired.js';
import type { LiveResource } from '../../../src/model/live.js';
import type { PlanOptions } from '../../../src/model/plan-options.js';
import { aDirectory, aLiveDirectory, aLiveWorkspace, aWorkspace, OWNED, planOf } from '../../helpers/builders.js';

const WS = 'workspace/d-1111111111/alice';

interface Row {
  readonly rule: string;
  readonly desired: readonly DesiredResource[];
  readonly live: readonly LiveResource[];
  readonly options?: PlanOptions & { policy?: Record<string, unknown> };
  /** Step ids in plan order; a trailing ` !` means blocked. */
  readonly expected: readonly string[];
}

const rows: Row[] = [
  { rule: 'creates a missing desktop', desired: [aWorkspace()], live: [], expected: [`${WS}:CreateWorkspaces`] },
  { rule: 'plans nothing for a desktop in sync', desired: [aWorkspace()], live: [aLiveWorkspace()], expected: [] },
  {
    rule: 'stops a new desktop the spec wants stopped, after it is AVAILABLE',
    desired: [aWorkspace({ runningState: 'stopped' })],
    live: [],
    expected: [`${WS}:CreateWorkspaces`, `${WS}:StopWorkspaces`],
  },
  {
    rule: 'migrates instead of replacing on bundle change',
    desired: [aWorkspace({ bundle: { id: 'wsb-power0001' } })],
    live: [aLiveWorkspace()],
    expected: [`${WS}:MigrateWorkspace`],
  },
  {
    rule: 'replaces (terminate then create) on an encryption change',
    desired: [aWorkspace({ userVolumeEncryptionEnabled: true })],
    live: [aLiveWorkspace()],
    expected: [`${WS}:TerminateWorkspaces`, `${WS}:CreateWorkspaces`],
  },
  {
    rule: 'one change kind per ModifyWorkspaceProperties call, chained',
    desired: [aWorkspace({ workspaceProperties: { ComputeTypeName: 'POWER', UserVolumeSizeGib: 100, RunningMode: 'ALWAYS_ON' } })],
    live: [aLiveWorkspace()],
    expected: [`${WS}:ModifyWorkspaceProperties`, `${WS}:ModifyWorkspaceProperties:2`, `${WS}:ModifyWorkspaceProperties:3`],
  },
  {
    rule: 'stops a running desktop the spec wants stopped',
    desired: [aWorkspace({ runningState: 'stopped' })],
    live: [aLiveWorkspace()],
    expected: [`${WS}:StopWorkspaces`],
  },
  {
    rule: 'starts a stopped desktop the spec wants running',
    desired: [aWorkspace({ runningState: 'running' })],
    live: [aLiveWorkspace({ state: 'STOPPED' })],
    expected: [`${WS}:StartWorkspaces`],
  },
  {
    rule: 'never stops an ALWAYS_ON desktop',
    desired: [aWorkspace({ runningState: 'stopped', workspaceProperties: { RunningMode: 'ALWAYS_ON' } })],
    live: [aLiveWorkspace({ workspaceProperties: { RunningMode: 'ALWAYS_ON' } })],
    expected: [`${WS}:StopWorkspaces !`],
  },
  {
    rule: 'waits for PENDING before stopping',
    desired: [aWorkspace({ runningState: 'stopped' })],
    live: [aLiveWorkspace({ state: 'PENDING' })],
    expected: [`${WS}:StopWorkspaces`],
  },
  {
    rule: 'blocks a stop in ADMIN_MAINTENANCE',
    desired: [aWorkspace({ runningState: 'stopped' })],
    live: [aLiveWorkspace({ state: 'ADMIN_MAINTENANCE' })],
    expected: [`${WS}:StopWorkspaces !`],
  },
  {
    rule: 'blocks a modify while SUSPENDED and everything after it',
    desired: [aWorkspace({ workspaceProperties: { ComputeTypeName: 'POWER', UserVolumeSizeGib: 100 } })],
    live: [aLiveWorkspace({ state: 'SUSPENDED' })],
    expected: [`${WS}:ModifyWorkspaceProperties !`, `${WS}:ModifyWorkspaceProperties:2 !`],
  },
  { rule: 'leaves a live-only desktop alone without prune', desired: [], live: [aLiveWorkspace({ liveTags: OWNED })], expected: [] },
  {
    rule: 'prunes an owned live-only desktop with policy.prune',
    desired: [],
    live: [aLiveWorkspace({ liveTags: OWNED })],
    options: { policy: { prune: true } },
    expected: [`${WS}:TerminateWorkspaces`],
  },
  {
    rule: 'never prunes a standby desktop (its primary in another Region owns it), even one tagged with this environment',
    desired: [],
    live: [{ ...aLiveWorkspace({ liveTags: OWNED }), details: { modificationStates: [], standbyOf: 'ws-primary001 in us-east-1' } }],
    options: { policy: { prune: true } },
    expected: [],
  },
  {
    rule: 'never prunes a live-only desktop of another environment',
    desired: [],
    live: [aLiveWorkspace({ liveTags: { 'wsr:env': 'other' } })],
    options: { policy: { prune: true } },
    expected: [],
  },
  {
    rule: 'blocks migrating a desktop whose tags show another owner',
    desired: [aWorkspace({ bundle: { id: 'wsb-power0001' } })],
    live: [aLiveWorkspace({ liveTags: { 'wsr:env': 'other' } })],
    expected: [`${WS}:MigrateWorkspace !`],
  },
  {
    rule: 'creates the directory registration before its desktops',
    desired: [aDirectory(), aWorkspace()],
    live: [],
    expected: ['directory/d-1111111111:RegisterWorkspaceDirectory', `${WS}:CreateWorkspaces`],
  },
  {
    rule: 'terminates desktops before deregistering their directory',
    desired: [aDirectory(), aWorkspace()],
    live: [aLiveDirectory(), aLiveWorkspace()],
    options: { destroy: true },
    expected: [`${WS}:TerminateWorkspaces`, 'directory/d-1111111111:DeregisterWorkspaceDirectory'],
  },
];

describe('workspace rules', () => {
  it.each(rows)('$rule', ({ desired, live, options, expected }) => {
    const plan = planOf(desired, live, options as never);
    expect(plan.steps.map((step) => (step.blocked ? `${step.id} !` : step.id))).toEqual(expected);
  });

  it('waits for PENDING before stopping: the stop carries a before-wait for a stoppable state', () => {
    const plan = planOf([aWorkspace({ runningState: 'stopped' })], [aLiveWorkspace({ state: 'PENDING' })]);
    expect(plan.steps[0].before?.states).toContain('AVAILABLE');
    expect(plan.steps[0].target).toBe('ws-alice0001');
  });

  it('refuses to shrink a volume, naming the key and field', () => {
    expect(() => planOf([aWorkspace({ workspaceProperties: { UserVolumeSizeGib: 10 } })], [aLiveWorkspace()])).toThrow(
      expect.objectContaining({ code: 'PLAN_VOLUME_SHRINK', message: expect.stringContaining(`${WS}: workspaceProperties.UserVolumeSizeGib`) }),
    );
  });

  it('creates carry the ownership tag and batch 25 per CreateWorkspaces', () => {
    const [create] = planOf([aWorkspace({ tags: { team: 'a' } })], []).steps;
    expect(create.batch).toEqual({ member: 'Workspaces', max: 25 });
    expect((create.input.Workspaces as { Tags: unknown }[])[0].Tags).toEqual([
      { Key: 'team', Value: 'a' },
      { Key: 'wsr:env', Value: 'test-env' },
    ]);
    expect(create.after).toMatchObject({ states: ['AVAILABLE'] });
  });

  it('modifies the migrated desktop through the id MigrateWorkspace returns', () => {
    const plan = planOf([aWorkspace({ bundle: { id: 'wsb-power0001' }, workspaceProperties: { ComputeTypeName: 'POWER' } })], [aLiveWorkspace()]);
    expect(plan.steps.map((step) => step.operation)).toEqual(['MigrateWorkspace', 'ModifyWorkspaceProperties']);
    expect(plan.steps[1].input.WorkspaceId).toEqual({ $idOf: WS });
    expect(plan.steps[1].dependsOn).toEqual([plan.steps[0].id]);
    expect(plan.steps[0].destructive).toBe(true);
  });
});

describe('workspace API details', () => {
  it('drops an auto-stop timeout from an ALWAYS_ON create (the API refuses it)', () => {
    const [create] = planOf([aWorkspace({ workspaceProperties: { RunningMode: 'ALWAYS_ON', RunningModeAutoStopTimeoutInMinutes: 60 } })], []).steps;
    expect((create.input.Workspaces as { WorkspaceProperties: object }[])[0].WorkspaceProperties).not.toHaveProperty('RunningModeAutoStopTimeoutInMinutes');
  });

  it('ignores the auto-stop timeout of an ALWAYS_ON desktop in the diff', () => {
    const plan = planOf(
      [aWorkspace({ workspaceProperties: { RunningMode: 'ALWAYS_ON', RunningModeAutoStopTimeoutInMinutes: 60 } })],
      [aLiveWorkspace({ workspaceProperties: { RunningMode: 'ALWAYS_ON', RunningModeAutoStopTimeoutInMinutes: 0 } })],
    );
    expect(plan.changes).toEqual([]);
  });

  it('switches protocols only on an AVAILABLE desktop: blocked on a STOPPED one, after the start when the spec wants it running', () => {
    const live = [aLiveWorkspace({ state: 'STOPPED', workspaceProperties: { Protocols: ['PCOIP'] } })];
    const stopped = planOf([aWorkspace({ workspaceProperties: { Protocols: ['WSP'] } })], live);
    expect(stopped.steps[0].blocked).toContain('needs AVAILABLE');
    const started = planOf([aWorkspace({ runningState: 'running', workspaceProperties: { Protocols: ['WSP'] } })], live);
    expect(started.steps.map((step) => step.operation)).toEqual(['StartWorkspaces', 'ModifyWorkspaceProperties']);
    expect(started.steps[1].before?.states).toEqual(['AVAILABLE']);
  });
});
