/**
 * So that one schema error does not hide every other error of the file: drop the entries the
 * schema rejected and run the whole-spec checks on what is left. References to a kind whose
 * entries were dropped cannot be judged, so they are not reported.
 */
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

/** The sections whose entries other entries refer to, by the word unknown-reference messages use. */
const REFERENCED_AS: Readonly<Record<string, string>> = {
  directories: 'directory',
  bundles: 'bundle',
  images: 'image',
  ipGroups: 'IP group',
  workspaces: 'workspace',
};

/** Sections every entry depends on: an error there leaves nothing the other checks could trust. */
const FOUNDATIONS = new Set(['apiVersion', 'kind', 'metadata', 'defaults']);
const STANDALONE = new Set(['policy', 'account']);

/** Fields an entry cannot do without: an error in one of them drops the entry, not just the field. */
const REQUIRED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  directories: ['id'],
  bundles: ['image', 'computeType', 'userVolumeGib'],
  workspaces: ['users'],
  pools: ['description', 'directory', 'bundle', 'capacity'],
  connectClientAddIns: ['directory', 'name', 'url'],
  applications: ['application'],
};

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
    if (STANDALONE.has(section) || entry === undefined || typeof container !== 'object' || container === null) {
      delete spec[section];
      if (REFERENCED_AS[section]) unresolvable.add(REFERENCED_AS[section]);
      continue;
    }
    const entries = container as Record<string, unknown>;
    const value = entries[entry];
    if (field !== undefined && typeof value === 'object' && value !== null && !(REQUIRED_FIELDS[section] ?? []).includes(field)) {
      delete (value as Record<string, unknown>)[field];
      continue;
    }
    // deleting a list item leaves a hole, so later items keep their index (and their line numbers)
    delete entries[entry];
    if (REFERENCED_AS[section]) unresolvable.add(Array.isArray(container) ? REFERENCED_AS[section] : `${REFERENCED_AS[section]}/${entry}`);
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
