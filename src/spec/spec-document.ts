/**
 * The shape of a wsr/v1 spec after schema validation (the YAML's own, friendly field names). Every
 * type follows from a schema: the environment's parts from spec-schema.ts, each section's from its
 * kind (`SchemaType` of the fragment in kinds/<kind>/spec.ts, e.g. `SpecPool`), so the schema, the
 * types and the required fields are one description.
 */
import type { ValidSpec } from '../kinds/kind-spec.js';
import type { SpecMetadata, SpecPolicy } from './spec-schema.js';

export type { SpecPolicy } from './spec-schema.js';

export type SpecTags = Record<string, string>;

/** A validated spec: the environment's own parts, and one section per kind (each read by its kind, `sectionOf`). */
export type SpecDocument = ValidSpec & {
  apiVersion: 'wsr/v1';
  kind: 'Environment';
  metadata: SpecMetadata;
  policy?: SpecPolicy;
};
