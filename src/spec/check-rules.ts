/**
 * Rules the API enforces that a schema cannot express (combinations, counts, limits), checked
 * before anything reaches AWS so a plan never contains a call the service would refuse. Each kind
 * checks its own section (kinds/<kind>/spec.ts `checks`); the policy and the tags of every section
 * are checked here.
 */
import { KIND_NAMES, KINDS } from '../kinds/index.js';
import type { ReportRule } from '../kinds/kind-spec.js';
import { isTimeZone, parseCron } from '../plan/cron.js';
import { specError, type Diagnostic } from './diagnostic.js';
import { suggestion } from './did-you-mean.js';
import type { SourceLocator, SpecPath } from './source-locator.js';
import type { SpecDocument, SpecTags } from './spec-document.js';

const RESERVED_TAG_PREFIXES = ['aws:', 'wsr:'];

export function checkRules(spec: SpecDocument, locator: SourceLocator): Diagnostic[] {
  const found: Diagnostic[] = [];
  const report: ReportRule = (code, summary, path, at = 'value') => {
    found.push(specError(code, summary, at === 'key' ? locator.key(path) : locator.value(path)));
  };
  checkPolicy(spec, report);
  for (const { spec: kindSpec } of KINDS) kindSpec.checks?.(spec, report);
  checkReservedTags(spec, report);
  return found;
}

function checkPolicy(spec: SpecDocument, report: ReportRule): void {
  const policy = spec.policy ?? {};
  const kinds = new Set<string>(KIND_NAMES);
  const plurals = new Set(KIND_NAMES.map(pluralOf));
  (policy.protect ?? []).forEach((entry, i) => {
    const kind = entry.includes('/') ? entry.slice(0, entry.indexOf('/')) : entry;
    if (kinds.has(kind) || (!entry.includes('/') && plurals.has(kind))) return;
    report('SPEC_POLICY_PROTECT', `policy.protect names unknown kind "${kind}"${suggestion(kind, [...kinds, ...plurals])}`, ['policy', 'protect', i]);
  });
  (policy.windows ?? []).forEach((window, i) => {
    const schedule = parseCron(window.schedule);
    if (typeof schedule === 'string')
      report('SPEC_WINDOW', `policy.windows[${i}].schedule is not a cron expression: ${schedule}`, ['policy', 'windows', i, 'schedule']);
    if (window.timeZone !== undefined && !isTimeZone(window.timeZone))
      report('SPEC_WINDOW', `policy.windows[${i}].timeZone "${window.timeZone}" is not an IANA time zone (e.g. Europe/Berlin, UTC)`, [
        'policy',
        'windows',
        i,
        'timeZone',
      ]);
    if (/^(0+h)?(0+m)?$/.test(window.duration))
      report('SPEC_WINDOW', `policy.windows[${i}].duration must be longer than 0`, ['policy', 'windows', i, 'duration']);
  });
  if (policy.rollout?.mode === 'rebuild' && policy.maxDestroy === 0) {
    report('SPEC_POLICY_CONFLICT', 'policy.rollout.mode rebuild destroys root volumes, but policy.maxDestroy is 0', ['policy', 'rollout', 'mode']);
  }
}

/** directory → directories, connectionAlias → connectionAliases, image → images. */
function pluralOf(kind: string): string {
  if (kind.endsWith('y')) return `${kind.slice(0, -1)}ies`;
  if (kind.endsWith('s')) return `${kind}es`;
  return `${kind}s`;
}

/** Every `tags` map in the spec, with where it is: in the entries of every section, and under defaults. */
function tagMaps(spec: SpecDocument): { tags: SpecTags; path: SpecPath }[] {
  const found: { tags: SpecTags; path: SpecPath }[] = [];
  for (const { spec: kindSpec } of KINDS) {
    const entries = spec[kindSpec.section];
    if (!hasTaggedEntries(kindSpec.schema) || typeof entries !== 'object' || entries === null) continue;
    const named: [string | number, unknown][] = Array.isArray(entries) ? entries.flatMap((entry, index) => [[index, entry]]) : Object.entries(entries);
    for (const [name, entry] of named) {
      const tags = (entry as { tags?: SpecTags } | undefined)?.tags;
      if (tags) found.push({ tags, path: [kindSpec.section, name, 'tags'] });
    }
  }
  for (const [name, fields] of Object.entries(spec.defaults ?? {})) {
    const tags = (fields as { tags?: SpecTags } | undefined)?.tags;
    if (tags) found.push({ tags, path: ['defaults', name, 'tags'] });
  }
  return found;
}

/** A map or list section whose entries may carry `tags`. */
function hasTaggedEntries(section: Readonly<Record<string, unknown>>): boolean {
  const entry = (section.additionalProperties ?? section.items) as { properties?: Record<string, unknown> } | undefined;
  return typeof entry === 'object' && entry !== null && entry.properties?.tags !== undefined;
}

function checkReservedTags(spec: SpecDocument, report: ReportRule): void {
  for (const { tags, path } of tagMaps(spec)) {
    for (const key of Object.keys(tags)) {
      const prefix = RESERVED_TAG_PREFIXES.find((p) => key.toLowerCase().startsWith(p));
      if (prefix) report('SPEC_TAG_RESERVED', `tag key "${key}" uses the reserved prefix "${prefix}"`, [...path, key], 'key');
    }
  }
}
