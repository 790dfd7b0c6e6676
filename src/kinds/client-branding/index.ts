/** The clientBranding kind: per-directory, per-platform client branding (text attributes). */
import type { ClientBrandingProperties } from './properties.js';
import { directoryKey } from '../../model/keys.js';
import type { KindDefinition } from '../kind.js';
import { clientBrandingSpec } from './spec.js';
import { diffClientBranding } from './diff.js';
import { readClientBranding } from './read.js';
import { clientBrandingSteps, clientBrandingWarnings } from './rules.js';

export const clientBrandingKind: KindDefinition<ClientBrandingProperties> = {
  kind: 'clientBranding',
  spec: clientBrandingSpec,
  description: 'client branding per directory and platform (support links, login message)',
  read: readClientBranding,
  diff: diffClientBranding,
  steps: clientBrandingSteps,
  readWith: ['directory'],
  warnings: clientBrandingWarnings,
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
    clientBranding: ClientBrandingProperties;
  }
}
