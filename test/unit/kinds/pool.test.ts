import { describe, expect, it } from 'vitest';
import type { DesiredResource } from '../../../src/model/desired.js';
import type { PoolProperties } from '../../../src/kinds/pool/properties.js';
import type { LiveResource } from '../../../src/model/live.js';
import { aDirectory, aLiveDirectory, expectRule, OWNED, planOf, type RuleRow } from '../../helpers/builders.js';

const P = 'pool/kiosk';

function aPool(overrides: Partial<PoolProperties> = {}): DesiredResource<PoolProperties> {
  const properties: PoolProperties = {
    name: 'kiosk',
    description: 'kiosks',
    bundle: { id: 'wsb-kiosk0001' },
    directory: { id: 'd-1111111111' },
    capacity: { DesiredUserSessions: 10 },
    runningMode: 'AUTO_STOP',
    ...overrides,
  };
  return { kind: 'pool', key: P, properties, tags: {}, declaresTags: false };
}

function aLivePool(overrides: Partial<PoolProperties> & { state?: string; tags?: Record<string, string> } = {}): LiveResource<PoolProperties> {
  const { state, tags, ...rest } = overrides;
  return {
    ...aPool(rest),
    id: 'wspool-kiosk0001',
    state: state ?? 'RUNNING',
    properties: { ...aPool(rest).properties, desiredState: state === 'STOPPED' ? 'stopped' : 'running' },
    ...(tags ? { tags } : {}),
  };
}

const rows: RuleRow[] = [
  { rule: 'creates a missing pool', desired: [aPool()], live: [], expected: [`${P}:CreateWorkspacesPool`] },
  { rule: 'plans nothing for a pool in sync', desired: [aPool()], live: [aLivePool()], expected: [] },
  {
    rule: 'registers the directory before creating a pool in it',
    desired: [aDirectory(), aPool({ directory: { key: 'directory/d-1111111111' } })],
    live: [],
    expected: ['directory/d-1111111111:RegisterWorkspaceDirectory', `${P}:CreateWorkspacesPool`],
  },
  {
    rule: 'updates capacity with one UpdateWorkspacesPool',
    desired: [aPool({ capacity: { DesiredUserSessions: 20 } })],
    live: [aLivePool()],
    expected: [`${P}:UpdateWorkspacesPool`],
  },
  {
    rule: 'stops an AUTO_STOP pool the spec wants stopped',
    desired: [aPool({ desiredState: 'stopped' })],
    live: [aLivePool()],
    expected: [`${P}:StopWorkspacesPool`],
  },
  {
    rule: 'never stops an ALWAYS_ON pool',
    desired: [aPool({ desiredState: 'stopped', runningMode: 'ALWAYS_ON' })],
    live: [aLivePool({ runningMode: 'ALWAYS_ON' })],
    expected: [`${P}:StopWorkspacesPool !`],
  },
  {
    rule: 'starts a stopped pool the spec wants running',
    desired: [aPool({ desiredState: 'running' })],
    live: [aLivePool({ state: 'STOPPED' })],
    expected: [`${P}:StartWorkspacesPool`],
  },
  {
    rule: 'terminates a pruned pool',
    desired: [],
    live: [aLivePool({ tags: OWNED })],
    options: { policy: { prune: true } },
    expected: [`${P}:TerminateWorkspacesPool`],
  },
  {
    rule: 'terminates the pool before deregistering its directory',
    desired: [],
    live: [aLiveDirectory({ liveTags: OWNED }), aLivePool({ tags: OWNED })],
    options: { policy: { prune: true } },
    expected: [`${P}:TerminateWorkspacesPool`, 'directory/d-1111111111:DeregisterWorkspaceDirectory'],
  },
];

describe('pool rules', () => {
  it.each(rows)('$rule', (row) => expectRule(row));

  it('waits while the pool is UPDATING', () => {
    const plan = planOf([aPool({ capacity: { DesiredUserSessions: 20 } })], [aLivePool({ state: 'UPDATING' })]);
    expect(plan.steps[0].before).toMatchObject({ states: ['RUNNING', 'STOPPED'] });
  });
});
