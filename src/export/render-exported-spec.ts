/**
 * An exported spec as YAML a person would have written: sections in the usual order, names and
 * fields sorted (same live state → same text, so exports diff well), short lists inline, and a
 * header that says what was adopted, what was left out and why, and how ownership works.
 */
import { Document, isMap, isSeq, visit } from 'yaml';
import { OWNERSHIP_TAG_KEY } from '../model/keys.js';
import { EXPORTED_KINDS, type ExportedSpec, type SkippedResource } from './export-spec.js';

/** Skipped resources listed one by one in the header; the rest are counted. */
const MAX_LISTED_SKIPS = 20;

/** How the header counts several of a kind (`2 directories`): the name of its spec section. */
const PLURALS = new Map<string, string>(EXPORTED_KINDS.map((definition) => [definition.kind, definition.spec.section]));

/** Lists that read better on one line (`users: [alice, bob]`). */
const INLINE_LISTS = new Set(['users', 'subnets', 'ipGroups', 'sharedWith', 'associate', 'protocols']);

/** A list goes inline only while it stays this short; a long `users` list reads better one per line. */
const MAX_INLINE_CHARS = 80;

export function renderExportedSpec(exported: ExportedSpec): string {
  const { apiVersion, kind, metadata, ...sections } = exported.document;
  // sections keep the spec's usual order; everything below them is sorted
  const document = new Document({ apiVersion, kind, metadata, ...(sortKeys(sections) as object) });
  visit(document, {
    Pair(_key, pair) {
      const name = String((pair.key as { value?: unknown })?.value ?? '');
      if (INLINE_LISTS.has(name) && isSeq(pair.value)) pair.value.flow = inlineLength(pair.value.toJSON()) <= MAX_INLINE_CHARS;
      // one IP rule or user setting per line, each as {cidr: …, description: …}
      if ((name === 'rules' || name === 'userSettings' || name === 'storageConnectors') && isSeq(pair.value)) {
        for (const item of pair.value.items) if (isMap(item)) item.flow = true;
      }
    },
  });
  document.commentBefore = headerOf(exported);
  return document.toString({ lineWidth: 120, flowCollectionPadding: false });
}

/** Map keys in code-point order (an entry's `id` first: it says which resource this is); list order kept. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => (a === 'id' ? -1 : b === 'id' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
}

function inlineLength(items: unknown): number {
  return Array.isArray(items) ? items.reduce((sum: number, item) => sum + String(item).length + 2, 2) : 0;
}

function headerOf(exported: ExportedSpec): string {
  const { metadata } = exported.document;
  const adopted = Object.entries(exported.counts)
    .map(([kind, count]) => `${count} ${count === 1 ? kind : (PLURALS.get(kind) ?? `${kind}s`)}`)
    .join(', ');
  const lines = [
    ` Exported by \`wsr export\` from account ${metadata.account} (${metadata.region}): ${adopted || 'nothing to adopt'}.`,
    '',
    ` Ownership: wsr deletes, migrates or rebuilds only resources tagged ${OWNERSHIP_TAG_KEY}=${metadata.name}.`,
    ' Export changes nothing, so it does not tag what it adopts, and the first apply does not tag it',
    ' either: adopted resources get in-place updates (settings, rules, sharing, tags) to match this',
    ' file, but their destructive steps are blocked and policy.prune never deletes them until you tag',
    ` them ${OWNERSHIP_TAG_KEY}=${metadata.name} yourself (CreateTags).`,
    ' Not exported: power state (desktops stop and start by themselves under AUTO_STOP), pool state,',
    ' client branding, Connect add-ins, application associations and account settings.',
    ...alsoManagedLines(exported.alsoManaged),
    ...skippedLines(exported.skipped),
  ];
  return lines.join('\n');
}

function alsoManagedLines(adopted: readonly SkippedResource[]): string[] {
  if (adopted.length === 0) return [];
  const environments = [...new Set(adopted.map((entry) => entry.managedBy!))].sort().join(', ');
  return [
    '',
    ` Adopted with --include-managed: ${adopted.length} resource${adopted.length === 1 ? '' : 's'} tagged for another environment (${environments}).`,
    " Two specs that manage one resource undo each other's changes: remove them from one of the two.",
  ];
}

function skippedLines(skipped: readonly SkippedResource[]): string[] {
  if (skipped.length === 0) return [];
  const managed = skipped.filter((entry) => entry.managedBy !== undefined);
  const lines = ['', ` Skipped ${skipped.length} resource${skipped.length === 1 ? '' : 's'}:`];
  if (managed.length > 0) {
    const environments = [...new Set(managed.map((entry) => entry.managedBy!))].sort().join(', ');
    lines.push(
      ` ${managed.length} ${managed.length === 1 ? 'carries' : 'carry'} ${OWNERSHIP_TAG_KEY} of another environment (${environments}): that spec owns ${managed.length === 1 ? 'it' : 'them'};`,
    );
    lines.push(' run `wsr export --include-managed` to adopt them anyway.');
  }
  for (const entry of skipped.slice(0, MAX_LISTED_SKIPS)) lines.push(`   ${entry.key}${entry.id ? ` (${entry.id})` : ''}: ${entry.reason}`);
  if (skipped.length > MAX_LISTED_SKIPS) lines.push(`   … and ${skipped.length - MAX_LISTED_SKIPS} more`);
  return lines;
}
