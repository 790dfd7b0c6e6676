/**
 * The shape of a wsr/v1 spec after schema validation (the YAML's own, friendly field names). Every
 * type follows from a schema: the environment's parts from spec-schema.ts, each section's from its
 * kind (kinds/<kind>/spec.ts), so the schema, these types and the required fields are one description.
 */
import type { SpecSections } from '../kinds/kind-spec.js';
import type { SpecMetadata, SpecPolicy } from './spec-schema.js';

export type { SpecPolicy } from './spec-schema.js';
export type { SpecAccount } from '../kinds/account/spec.js';
export type { SpecApplication } from '../kinds/application-association/spec.js';
export type { SpecBundle } from '../kinds/bundle/spec.js';
export type { SpecBranding } from '../kinds/client-branding/spec.js';
export type { SpecConnectClientAddIn } from '../kinds/connect-client-add-in/spec.js';
export type { SpecConnectionAlias } from '../kinds/connection-alias/spec.js';
export type { SpecDirectory, SpecLdap } from '../kinds/directory/spec.js';
export type { SpecImage, SpecImportCustom } from '../kinds/image/spec.js';
export type { SpecIpGroup } from '../kinds/ip-group/spec.js';
export type { SpecPool } from '../kinds/pool/spec.js';
export type { SpecUsers, SpecWorkspaceFields, SpecWorkspaceTemplate } from '../kinds/workspace/schema.js';

export type SpecTags = Record<string, string>;

/** A validated spec: the environment's own parts, and one section per kind (read by the kind, `sectionOf`). */
export type SpecDocument = SpecSections & {
  apiVersion: 'wsr/v1';
  kind: 'Environment';
  metadata: SpecMetadata;
  policy?: SpecPolicy;
};
