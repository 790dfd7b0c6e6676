/** The applicationAssociation kind: WorkSpaces applications (wsa-…) associated with desktops. */
import type { ApplicationAssociationProperties } from './properties.js';
import type { KindDefinition } from '../kind.js';
import { applicationAssociationSpec } from './spec.js';
import { diffApplicationAssociation } from './diff.js';
import { readApplicationAssociations } from './read.js';
import { applicationAssociationSteps } from './rules.js';
import { resolveApplicationNames } from './resolve-names.js';
import { workspaceKind } from '../workspace/index.js';

export const applicationAssociationKind: KindDefinition<ApplicationAssociationProperties> = {
  kind: 'applicationAssociation',
  spec: applicationAssociationSpec,
  description: 'applications (wsa-…) associated with workspaces',
  read: readApplicationAssociations,
  diff: diffApplicationAssociation,
  steps: applicationAssociationSteps,
  readWith: ['workspace'],
  resolveNames: resolveApplicationNames,
  // its steps wait on the desktop they act on
  waiter: workspaceKind.waiter,
  // no tags API: owned (and pruned) through the workspace it is on
  ownedThrough(live) {
    const target = live.properties.target;
    return 'id' in target ? target.id : undefined;
  },
  desiredReferences(desired) {
    const target = desired.properties.target;
    return 'key' in target ? [target.key] : [];
  },
};

declare module '../../model/kind-properties.js' {
  interface PropertiesByKind {
    applicationAssociation: ApplicationAssociationProperties;
  }
}
