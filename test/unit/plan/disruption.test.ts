/**
 * policy.disruption: a step that would interrupt a connected user is deferred (shown with who
 * and since when, never run), steps chained after it wait with it, steps that disrupt no one
 * still run; `proceed` (policy or --when-connected) runs it and says so.
 */
import { describe, expect, it } from 'vitest';
import type { LiveResource, UserSession } from '../../../src/model/live.js';
import type { PoolProperties } from '../../../src/kinds/pool/properties.js';
import { poolKey } from '../../../src/model/keys.js';
import { disruptionCandidates } from '../../../src/plan/disruption.js';
import { aLiveWorkspace, aWorkspace, OWNED, planOf } from '../../helpers/builders.js';

const WS = 'workspace/d-1111111111/alice';
const ALICE_AT_0912: UserSession[] = [{ user: 'alice', since: '2026-11-25T09:12:31.000Z' }];

function connected(resource: LiveResource, sessions: readonly UserSession[]): LiveResource {
  return { ...resource, sessions };
}

const migrateAlice = aWorkspace({ bundle: { id: 'wsb-power0001' } });

describe('disruption gate (policy.disruption.whenConnected)', () => {
  it('defers a migrate while the user is connected, with who and since when', () => {
    const plan = planOf([migrateAlice], [connected(aLiveWorkspace(), ALICE_AT_0912)]);
    const migrate = plan.steps.find((step) => step.operation === 'MigrateWorkspace')!;
    expect(migrate.deferred).toBe('alice connected since 09:12 UTC (policy.disruption.whenConnected: defer)');
    expect(migrate.blocked).toBeUndefined();
    expect(plan.summary.deferred).toBe(1);
  });

  it('shows the date when the user connected before the plan’s day', () => {
    const plan = planOf([migrateAlice], [connected(aLiveWorkspace(), [{ user: 'alice', since: '2026-11-24T18:05:00.000Z' }])]);
    expect(plan.steps[0].deferred).toMatch(/^alice connected since 2026-11-24 18:05 UTC/);
  });

  it('runs the migrate once nobody is connected (sessions read, none)', () => {
    const plan = planOf([migrateAlice], [connected(aLiveWorkspace(), [])]);
    expect(plan.steps.map((step) => [step.operation, step.deferred])).toEqual([['MigrateWorkspace', undefined]]);
  });

  it('defers the steps chained after a deferred one, naming it', () => {
    const desired = aWorkspace({ bundle: { id: 'wsb-power0001' }, workspaceProperties: { UserVolumeSizeGib: 100 } });
    const plan = planOf([desired], [connected(aLiveWorkspace(), ALICE_AT_0912)]);
    expect(plan.steps.map((step) => [step.operation, step.deferred?.slice(0, 26)])).toEqual([
      ['MigrateWorkspace', 'alice connected since 09:1'],
      ['ModifyWorkspaceProperties', 'waits for deferred step wo'],
    ]);
  });

  it('does not defer what interrupts no one: a volume grow or running-mode change while connected', () => {
    const desired = aWorkspace({ workspaceProperties: { UserVolumeSizeGib: 100, RunningMode: 'ALWAYS_ON' } });
    const plan = planOf([desired], [connected(aLiveWorkspace(), ALICE_AT_0912)]);
    expect(plan.steps.every((step) => step.deferred === undefined)).toBe(true);
  });

  it('defers a compute-type change, a stop and a terminate of a connected desktop', () => {
    const live = connected(aLiveWorkspace({ liveTags: OWNED }), ALICE_AT_0912);
    expect(planOf([aWorkspace({ workspaceProperties: { ComputeTypeName: 'POWER' } })], [live]).steps[0].deferred).toBeDefined();
    expect(planOf([aWorkspace({ runningState: 'stopped' })], [live]).steps[0].deferred).toBeDefined();
    expect(planOf([], [live], { policy: { prune: true } }).steps[0]).toMatchObject({
      operation: 'TerminateWorkspaces',
      deferred: expect.stringContaining('alice connected'),
    });
  });

  it('proceeds when the policy says so, and says who is cut off', () => {
    const plan = planOf([migrateAlice], [connected(aLiveWorkspace(), ALICE_AT_0912)], {
      policy: { disruption: { whenConnected: 'proceed', endPoolSessions: false } },
    });
    expect(plan.steps[0].deferred).toBeUndefined();
    expect(plan.steps[0].reason).toContain('alice connected since 09:12 UTC, proceeding');
  });

  it('--when-connected proceed overrides a defer policy', () => {
    const plan = planOf([migrateAlice], [connected(aLiveWorkspace(), ALICE_AT_0912)], { whenConnected: 'proceed' });
    expect(plan.steps[0].deferred).toBeUndefined();
  });

  it('asks for the connection status only of desktops a step would disrupt, not of those read already', () => {
    const bob = aLiveWorkspace({ userName: 'bob', id: 'ws-bob0000001' });
    const plan = planOf([migrateAlice, aWorkspace({ userName: 'bob', workspaceProperties: { UserVolumeSizeGib: 100 } })], [aLiveWorkspace(), bob]);
    const byId = new Map([aLiveWorkspace(), bob].map((resource) => [resource.id!, resource]));
    expect(disruptionCandidates(plan.steps, (id) => byId.get(id)).map((resource) => resource.key)).toEqual([WS]);
    const read = new Map([...byId].map(([id, resource]) => [id, connected(resource, [])]));
    expect(disruptionCandidates(plan.steps, (id) => read.get(id))).toEqual([]);
  });
});

describe('pool sessions', () => {
  const poolProperties: PoolProperties = {
    name: 'call-centre',
    description: 'agents',
    bundle: { id: 'wsb-standard1' },
    directory: { id: 'd-1111111111' },
    capacity: { DesiredUserSessions: 10 },
    runningMode: 'AUTO_STOP',
  };
  const desiredPool = {
    kind: 'pool' as const,
    key: poolKey('call-centre'),
    properties: { ...poolProperties, desiredState: 'stopped' as const },
    tags: {},
    declaresTags: false,
  };
  const livePool: LiveResource = {
    kind: 'pool',
    key: poolKey('call-centre'),
    id: 'wspool-abc123456',
    state: 'RUNNING',
    properties: { ...poolProperties, desiredState: 'running' },
    sessions: [
      { user: 'agent1', since: '2026-11-25T08:00:00.000Z', sessionId: 's-1' },
      { user: 'agent2', since: '2026-11-25T08:30:00.000Z', sessionId: 's-2' },
    ],
  };

  it('defers stopping a pool with sessions', () => {
    const plan = planOf([desiredPool], [livePool]);
    expect(plan.steps[0]).toMatchObject({
      operation: 'StopWorkspacesPool',
      deferred: expect.stringMatching(/^2 users connected \(agent1, agent2\) since 08:00 UTC/),
    });
  });

  it('ends the sessions first when the policy proceeds and ends pool sessions', () => {
    const plan = planOf([desiredPool], [livePool], { policy: { disruption: { whenConnected: 'proceed', endPoolSessions: true } } });
    expect(plan.steps.map((step) => `${step.operation} ${JSON.stringify(step.input)}`)).toEqual([
      'TerminateWorkspacesPoolSession {"SessionId":"s-1"}',
      'TerminateWorkspacesPoolSession {"SessionId":"s-2"}',
      'StopWorkspacesPool {"PoolId":"wspool-abc123456"}',
    ]);
    expect(plan.steps[2].dependsOn).toEqual(plan.steps.slice(0, 2).map((step) => step.id));
  });

  it('a pool moved to another bundle and stopped ends each session once, before both steps', () => {
    const moved = { ...desiredPool, properties: { ...desiredPool.properties, bundle: { id: 'wsb-power0001' } } };
    const plan = planOf([moved], [livePool], { policy: { disruption: { whenConnected: 'proceed', endPoolSessions: true } } });
    const ends = plan.steps.filter((step) => step.operation === 'TerminateWorkspacesPoolSession').map((step) => step.id);
    expect(ends).toHaveLength(2);
    const update = plan.steps.find((step) => step.operation === 'UpdateWorkspacesPool')!;
    const stop = plan.steps.find((step) => step.operation === 'StopWorkspacesPool')!;
    expect(update.dependsOn).toEqual(expect.arrayContaining(ends));
    expect(stop.dependsOn).toEqual(expect.arrayContaining(ends));
  });
});
