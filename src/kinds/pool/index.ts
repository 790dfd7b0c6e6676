/** The pool kind: WorkSpaces Pools (wspool-…), their capacity, settings and power state. */
import type { PoolProperties } from './properties.js';
import type { KindDefinition } from '../kind.js';
import { destroysMember } from '../destroying-call.js';
import { poolExport } from './export.js';
import { poolSpec } from './spec.js';
import { diffPool } from './diff.js';
import { readPools } from './read.js';
import { poolSteps } from './rules.js';
import { poolSessions } from './sessions.js';

export const poolKind: KindDefinition<PoolProperties> = {
  kind: 'pool',
  spec: poolSpec,
  description: 'WorkSpaces Pools (wspool-…): capacity, settings, running/stopped',
  destroyingCalls: { TerminateWorkspacesPool: destroysMember('PoolId') },
  tagging: { resourceType: 'workspacespool', idPrefixes: ['wspool-'] },
  export: poolExport,
  read: readPools,
  diff: diffPool,
  steps: poolSteps,
  readWith: ['directory', 'bundle'],
  sessions: poolSessions,
  waiter: { operation: 'DescribeWorkspacesPools', idsMember: 'PoolIds', max: 25, listMember: 'WorkspacesPools', idField: 'PoolId', stateField: 'State' },
  idsFromOutput(step, output) {
    const id = output.WorkspacesPool?.PoolId;
    return typeof id === 'string' ? { [step.key]: id } : {};
  },
  liveReferences(live) {
    const properties = live.properties;
    return [properties.bundle, properties.directory].flatMap((ref) => ('id' in ref ? [ref.id] : []));
  },
  desiredReferences(desired) {
    const properties = desired.properties;
    return [properties.bundle, properties.directory].flatMap((ref) => ('key' in ref ? [ref.key] : []));
  },
};

declare module '../../model/kind-properties.js' {
  interface PropertiesByKind {
    pool: PoolProperties;
  }
}
