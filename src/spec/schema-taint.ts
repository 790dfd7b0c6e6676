/**
 * So that one schema error does not hide every other error of the file: drop the entries the
 * schema rejected and run the whole-spec checks on what is left. References to a kind whose
 * entries were dropped cannot be judged, so they are not reported. Which sections others refer to
 * and which fields an entry cannot do without come from each kind's spec (its schema's `required`).
 */
import { KINDS } from '../kinds/index.js';
import type { KindSpec } from '../kinds/kind-spec.js';
import { requiredFields, type Schema } from './schema-builders.js';
import type { SpecPath } from './source-locator.js';
import type { SpecDocument } from './spec-document.js';

export interface SchemaErrorSite {
  /** The object or value the schema rejected. */
  readonly path: SpecPath;
  /** For an unknown field: its name (only the field is dropped, not its entry). */
  readonly unknownField?: string;
}

export interface SchemaValidRemainder {
  readonly spec: SpecDocument;
  /**
   * References not to report as unknown because they may name a dropped entry: a whole kind
   * (`bundle`) or one name (`bundle/standard`).
   */
  readonly unresolvable: ReadonlySet<string>;
}

/** Sections every entry depends on: an error there leaves nothing the other checks could trust. */
const FOUNDATIONS = new Set(['apiVersion', 'kind', 'metadata', 'defaults']);

/** The environment's own sections that are one object (an error drops the whole section). */
const STANDALONE = new Set(['policy']);

const KIND_SPECS = new Map<string, KindSpec>(KINDS.map(({ spec }) => [spec.section, spec]));

/** A section that is one object, not a map or list of entries (`account`): an error drops all of it. */
function isStandalone(section: string): boolean {
  if (STANDALONE.has(section)) return true;
  const schema = KIND_SPECS.get(section)?.schema;
  return schema !== undefined && schema.properties !== undefined;
}

/** Fields an entry cannot do without: an error in one of them drops the entry, not just the field. */
function requiredOfEntry(section: string): readonly string[] {
  const schema = KIND_SPECS.get(section)?.schema;
  const entry = (schema?.additionalProperties ?? schema?.items) as Schema | undefined;
  return typeof entry === 'object' && entry !== null ? requiredFields(entry) : [];
}

export function schemaValidRemainder(value: Record<string, unknown>, sites: readonly SchemaErrorSite[]): SchemaValidRemainder | undefined {
  const spec = structuredClone(value) as Record<string, unknown>;
  const unresolvable = new Set<string>();
  for (const site of sites) {
    if (site.unknownField !== undefined) {
      dropUnknownField(spec, site.path, site.unknownField);
      continue;
    }
    const [section, entry, field] = site.path.map(String);
    if (section === undefined || FOUNDATIONS.has(section)) return undefined;
    const container = spec[section];
    const referredToAs = KIND_SPECS.get(section)?.referredToAs;
    if (isStandalone(section) || entry === undefined || typeof container !== 'object' || container === null) {
      delete spec[section];
      if (referredToAs) unresolvable.add(referredToAs);
      continue;
    }
    const entries = container as Record<string, unknown>;
    const value = entries[entry];
    if (field !== undefined && typeof value === 'object' && value !== null && !requiredOfEntry(section).includes(field)) {
      delete (value as Record<string, unknown>)[field];
      continue;
    }
    // deleting a list item leaves a hole, so later items keep their index (and their line numbers)
    delete entries[entry];
    if (referredToAs) unresolvable.add(Array.isArray(container) ? referredToAs : `${referredToAs}/${entry}`);
  }
  return { spec: spec as unknown as SpecDocument, unresolvable };
}

function dropUnknownField(spec: Record<string, unknown>, path: SpecPath, field: string): void {
  let node: unknown = spec;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string | number, unknown>)[segment];
  }
  if (typeof node === 'object' && node !== null) delete (node as Record<string, unknown>)[field];
}
