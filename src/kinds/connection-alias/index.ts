/** The connectionAlias kind: cross-Region redirection aliases, their association and sharing. */
import type { ConnectionAliasProperties } from './properties.js';
import type { KindDefinition } from '../kind.js';
import { destroysMember } from '../destroying-call.js';
import { connectionAliasExport } from './export.js';
import { connectionAliasSpec } from './spec.js';
import { diffConnectionAlias } from './diff.js';
import { readConnectionAliases } from './read.js';
import { connectionAliasSteps } from './rules.js';

export const connectionAliasKind: KindDefinition<ConnectionAliasProperties> = {
  kind: 'connectionAlias',
  spec: connectionAliasSpec,
  description: 'connection aliases (wsca-…): association with a directory, sharing with an account',
  destroyingCalls: { DeleteConnectionAlias: destroysMember('AliasId') },
  tagging: { resourceType: 'connectionalias', idPrefixes: ['wsca-'] },
  export: connectionAliasExport,
  read: readConnectionAliases,
  diff: diffConnectionAlias,
  steps: connectionAliasSteps,
  readWith: ['directory'],
  waiter: { operation: 'DescribeConnectionAliases', idsMember: 'AliasIds', max: 25, listMember: 'ConnectionAliases', idField: 'AliasId', stateField: 'State' },
  idsFromOutput(step, output) {
    return typeof output.AliasId === 'string' ? { [step.key]: output.AliasId } : {};
  },
  liveReferences(live) {
    return live.properties.associate.flatMap((ref) => ('id' in ref ? [ref.id] : []));
  },
  desiredReferences(desired) {
    return desired.properties.associate.flatMap((ref) => ('key' in ref ? [ref.key] : []));
  },
};

declare module '../../model/kind-properties.js' {
  interface PropertiesByKind {
    connectionAlias: ConnectionAliasProperties;
  }
}
