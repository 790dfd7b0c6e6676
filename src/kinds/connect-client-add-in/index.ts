/** The connectClientAddIn kind: the Amazon Connect add-in of a directory (one per directory). */
import type { ConnectClientAddInProperties } from './properties.js';
import { directoryKey } from '../../model/keys.js';
import type { KindDefinition } from '../kind.js';
import { destroysMember } from '../destroying-call.js';
import { connectClientAddInSpec } from './spec.js';
import { diffConnectClientAddIn } from './diff.js';
import { readConnectClientAddIns } from './read.js';
import { connectClientAddInSteps } from './rules.js';

export const connectClientAddInKind: KindDefinition<ConnectClientAddInProperties> = {
  kind: 'connectClientAddIn',
  spec: connectClientAddInSpec,
  description: 'Amazon Connect client add-ins (one per directory)',
  destroyingCalls: { DeleteConnectClientAddIn: destroysMember('AddInId') },
  read: readConnectClientAddIns,
  diff: diffConnectClientAddIn,
  steps: connectClientAddInSteps,
  readWith: ['directory'],
  idsFromOutput(step, output) {
    return typeof output.AddInId === 'string' ? { [step.key]: output.AddInId } : {};
  },
  liveReferences(live) {
    return [live.properties.directoryId];
  },
  // no tags API: owned (and pruned) through the directory it belongs to
  ownedThrough(live) {
    return live.properties.directoryId;
  },
  desiredReferences(desired) {
    return [directoryKey(desired.properties.directoryId)];
  },
};

declare module '../../model/kind-properties.js' {
  interface PropertiesByKind {
    connectClientAddIn: ConnectClientAddInProperties;
  }
}
