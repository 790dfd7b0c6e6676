/**
 * One-shot actions (reboot/rebuild/restore by request token, or from the command line) and
 * maintenance as desired state: each rule a row an administrator would recognise.
 */
import { describe, expect, it } from 'vitest';
import type { LiveResource } from '../../../src/model/live.js';
import { aLiveWorkspace, aWorkspace, planOf, stepIds } from '../../helpers/builders.js';

const WS = 'workspace/d-1111111111/alice';
const withSnapshot = (live: LiveResource, snapshot: string | null): LiveResource => ({ ...live, details: { ...live.details, restoreSnapshot: snapshot } });

describe('one-shot actions by request token', () => {
  const rebuild = aWorkspace({ actions: { rebuild: '2026-12-01-broken-profile' } });

  it('rebuilds once for a new token, then records the token as a tag', () => {
    const plan = planOf([rebuild], [aLiveWorkspace({ liveTags: {} })]);
    expect(stepIds(plan)).toEqual([`${WS}:RebuildWorkspaces`, `${WS}:CreateTags`]);
    expect(plan.steps[0]).toMatchObject({
      destructive: true,
      after: { states: ['AVAILABLE'] },
      input: { RebuildWorkspaceRequests: [{ WorkspaceId: 'ws-alice0001' }] },
    });
    expect(plan.steps[0].reason).toContain('rebuild (request 2026-12-01-broken-profile)');
    expect(plan.steps[1]).toMatchObject({
      dependsOn: [`${WS}:RebuildWorkspaces`],
      input: { Tags: [{ Key: 'wsr:rebuild', Value: '2026-12-01-broken-profile' }] },
    });
  });

  it('does nothing once the token is recorded', () => {
    expect(planOf([rebuild], [aLiveWorkspace({ liveTags: { 'wsr:rebuild': '2026-12-01-broken-profile' } })]).steps).toEqual([]);
  });

  it('runs again when the token changes', () => {
    expect(stepIds(planOf([rebuild], [aLiveWorkspace({ liveTags: { 'wsr:rebuild': '2026-11-01-old' } })]))).toEqual([
      `${WS}:RebuildWorkspaces`,
      `${WS}:CreateTags`,
    ]);
  });

  it('does not act when the tags were not read (no token can be compared)', () => {
    expect(planOf([rebuild], [aLiveWorkspace()]).steps).toEqual([]);
  });

  it('a new desktop records the token at creation and is not rebuilt', () => {
    const plan = planOf([rebuild], []);
    expect(stepIds(plan)).toEqual([`${WS}:CreateWorkspaces`]);
    expect((plan.steps[0].input as any).Workspaces[0].Tags).toContainEqual({ Key: 'wsr:rebuild', Value: '2026-12-01-broken-profile' });
  });

  it('reboots (not destructive) only in a state that accepts it; a STOPPED desktop is blocked with the reason', () => {
    const reboot = aWorkspace({ actions: { reboot: 'r1' } });
    expect(planOf([reboot], [aLiveWorkspace({ liveTags: {} })]).steps[0]).toMatchObject({ operation: 'RebootWorkspaces', destructive: false });
    const stopped = planOf([reboot], [aLiveWorkspace({ state: 'STOPPED', liveTags: {} })]);
    expect(stopped.steps[0].blocked).toBe('RebootWorkspaces needs AVAILABLE|UNHEALTHY|REBOOTING, the desktop is STOPPED');
    expect(stopped.steps[1].blocked).toBe(`waits for blocked step ${WS}:RebootWorkspaces`);
  });

  it('ADMIN_MAINTENANCE blocks a rebuild (and the token is not recorded)', () => {
    const plan = planOf([rebuild], [aLiveWorkspace({ state: 'ADMIN_MAINTENANCE', liveTags: {} })]);
    expect(plan.steps.map((step) => step.blocked !== undefined)).toEqual([true, true]);
    expect(plan.steps[0].blocked).toContain('ADMIN_MAINTENANCE');
  });

  it('a restore shows the snapshot time it goes back to', () => {
    const plan = planOf([aWorkspace({ actions: { restore: 'yesterday' } })], [withSnapshot(aLiveWorkspace({ liveTags: {} }), '2026-11-24T20:00:00.000Z')]);
    expect(plan.steps[0]).toMatchObject({ operation: 'RestoreWorkspace', destructive: true, input: { WorkspaceId: 'ws-alice0001' } });
    expect(plan.steps[0].reason).toContain('to the snapshot of 2026-11-24 20:00 UTC');
  });

  it('a restore without a snapshot is blocked with the reason', () => {
    const plan = planOf([aWorkspace({ actions: { restore: 'yesterday' } })], [withSnapshot(aLiveWorkspace({ liveTags: {} }), null)]);
    expect(plan.steps[0].blocked).toMatch(/^no snapshot to restore from: DescribeWorkspaceSnapshots lists no RestoreSnapshots/);
  });

  it('spec tags do not remove wsr’s own records (request tokens)', () => {
    const tagged = aWorkspace({ actions: { rebuild: 't1' }, tags: { team: 'a' } });
    expect(planOf([tagged], [aLiveWorkspace({ liveTags: { team: 'a', 'wsr:rebuild': 't1', 'wsr:env': 'test-env' } })]).steps).toEqual([]);
  });
});

describe('one-shot actions from the command line (--rebuild KEY)', () => {
  it('rebuilds for this run without recording anything', () => {
    const plan = planOf([aWorkspace()], [aLiveWorkspace({ liveTags: {} })], { requestedActions: { rebuild: [WS] } });
    expect(stepIds(plan)).toEqual([`${WS}:RebuildWorkspaces`]);
    expect(plan.steps[0].reason).toContain('--rebuild on the command line');
  });

  it('refuses a key the spec does not declare, a desktop that does not exist yet, and an action the kind lacks', () => {
    expect(() => planOf([aWorkspace()], [aLiveWorkspace()], { requestedActions: { reboot: ['workspace/d-1111111111/bob'] } })).toThrow(
      expect.objectContaining({
        code: 'PLAN_ACTION_KEY_UNKNOWN',
        message: expect.stringContaining('--reboot workspace/d-1111111111/bob: the spec declares no such resource'),
      }),
    );
    expect(() => planOf([aWorkspace()], [], { requestedActions: { rebuild: [WS] } })).toThrow(expect.objectContaining({ code: 'PLAN_ACTION_KEY_UNKNOWN' }));
  });
});

describe('maintenance as desired state', () => {
  it('maintenance: true puts an AVAILABLE desktop in ADMIN_MAINTENANCE', () => {
    const plan = planOf([aWorkspace({ maintenance: true })], [aLiveWorkspace()]);
    expect(plan.steps.map((step) => [step.operation, step.input])).toEqual([
      ['ModifyWorkspaceState', { WorkspaceId: 'ws-alice0001', WorkspaceState: 'ADMIN_MAINTENANCE' }],
    ]);
  });

  it('maintenance: true after the other changes (they would be refused in maintenance)', () => {
    const plan = planOf([aWorkspace({ maintenance: true, workspaceProperties: { UserVolumeSizeGib: 100 } })], [aLiveWorkspace()]);
    expect(plan.steps.map((step) => step.operation)).toEqual(['ModifyWorkspaceProperties', 'ModifyWorkspaceState']);
  });

  it('maintenance: false returns it to AVAILABLE first, and the other steps then run instead of being blocked', () => {
    const plan = planOf(
      [aWorkspace({ maintenance: false, workspaceProperties: { ComputeTypeName: 'POWER' } })],
      [aLiveWorkspace({ state: 'ADMIN_MAINTENANCE' })],
    );
    expect(plan.steps.map((step) => [step.operation, step.blocked])).toEqual([
      ['ModifyWorkspaceState', undefined],
      ['ModifyWorkspaceProperties', undefined],
    ]);
    expect(plan.steps[1].dependsOn).toEqual([plan.steps[0].id]);
  });

  it('while the spec keeps it in maintenance, other steps are blocked with that reason', () => {
    const plan = planOf(
      [aWorkspace({ maintenance: true, workspaceProperties: { ComputeTypeName: 'POWER' } })],
      [aLiveWorkspace({ state: 'ADMIN_MAINTENANCE' })],
    );
    expect(plan.steps[0].blocked).toBe('ModifyWorkspaceProperties is refused in ADMIN_MAINTENANCE; return the desktop to AVAILABLE first');
  });

  it('is in sync when the state matches', () => {
    expect(planOf([aWorkspace({ maintenance: true })], [aLiveWorkspace({ state: 'ADMIN_MAINTENANCE' })]).steps).toEqual([]);
    expect(planOf([aWorkspace({ maintenance: false })], [aLiveWorkspace()]).steps).toEqual([]);
  });
});

describe('standby desktops declared on their primary (CreateStandbyWorkspaces in the standby Region)', () => {
  const standby = { region: 'us-west-2', directoryId: 'd-2222222222' } as const;
  const withStandbys = (live: LiveResource, regions: string[]): LiveResource => ({ ...live, details: { ...live.details, standbyRegions: regions } });

  it('a new desktop: its standby is created in the standby Region after the create', () => {
    const plan = planOf([aWorkspace({ standby })], []);
    expect(plan.steps.map((step) => [step.operation, step.region])).toEqual([
      ['CreateWorkspaces', undefined],
      ['CreateStandbyWorkspaces', 'us-west-2'],
    ]);
    expect(plan.steps[1]).toMatchObject({
      dependsOn: [`${WS}:CreateWorkspaces`],
      input: {
        PrimaryRegion: 'eu-west-1',
        StandbyWorkspaces: [{ PrimaryWorkspaceId: { $idOf: WS }, DirectoryId: 'd-2222222222', Tags: [{ Key: 'wsr:env', Value: expect.any(String) }] }],
      },
    });
  });

  it('an existing primary without a standby in that Region gets one; one that has it needs nothing', () => {
    expect(planOf([aWorkspace({ standby })], [withStandbys(aLiveWorkspace(), [])]).steps.map((step) => [step.operation, step.action, step.region])).toEqual([
      ['CreateStandbyWorkspaces', 'update', 'us-west-2'],
    ]);
    expect(planOf([aWorkspace({ standby })], [withStandbys(aLiveWorkspace(), ['us-west-2'])]).steps).toEqual([]);
  });

  it('a primary still PENDING: the standby waits for it to be AVAILABLE or STOPPED', () => {
    const plan = planOf([aWorkspace({ standby })], [withStandbys(aLiveWorkspace({ state: 'PENDING' }), [])]);
    expect(plan.steps[0]).toMatchObject({ operation: 'CreateStandbyWorkspaces', target: 'ws-alice0001', before: { states: ['AVAILABLE', 'STOPPED'] } });
  });

  it("a standby in the environment's own Region is PLAN_STANDBY_REGION", () => {
    expect(() => planOf([aWorkspace({ standby: { region: 'eu-west-1', directoryId: 'd-2222222222' } })], [])).toThrow(
      /standby\.region eu-west-1 is the environment's own Region/,
    );
  });
});
