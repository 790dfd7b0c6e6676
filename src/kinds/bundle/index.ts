/** The bundle kind: this account's own bundles (Amazon public bundles are referenced by id). */
import type { BundleProperties } from './properties.js';
import type { KindDefinition } from '../kind.js';
import { destroysMember } from '../destroying-call.js';
import { bundleExport } from './export.js';
import { bundleSpec } from './spec.js';
import { diffBundle } from './diff.js';
import { readBundles } from './read.js';
import { bundleSteps, rolloutWarnings } from './rules.js';

export const bundleKind: KindDefinition<BundleProperties> = {
  kind: 'bundle',
  spec: bundleSpec,
  description: 'custom bundles (wsb-…): image, compute type, volumes; rebuild rollouts',
  destroyingCalls: { DeleteWorkspaceBundle: destroysMember('BundleId') },
  tagging: { resourceType: 'workspacebundle', idPrefixes: ['wsb-'] },
  export: bundleExport,
  read: readBundles,
  diff: diffBundle,
  steps: bundleSteps,
  readWith: ['image', 'workspace'],
  warnings: rolloutWarnings,
  waiter: { operation: 'DescribeWorkspaceBundles', idsMember: 'BundleIds', max: 25, listMember: 'Bundles', idField: 'BundleId', stateField: 'State' },
  idsFromOutput(step, output) {
    const id = output.WorkspaceBundle?.BundleId;
    return typeof id === 'string' ? { [step.key]: id } : {};
  },
  liveReferences(live) {
    const image = live.properties.image;
    return 'id' in image && image.id ? [image.id] : [];
  },
  desiredReferences(desired) {
    const image = desired.properties.image;
    return 'key' in image ? [image.key] : [];
  },
};

declare module '../../model/kind-properties.js' {
  interface PropertiesByKind {
    bundle: BundleProperties;
  }
}
