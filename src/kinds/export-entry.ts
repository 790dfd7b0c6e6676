/**
 * Small pieces every kind's export (live → spec entry, `toSpec`) uses: leave out what is
 * undefined, write a map sorted by name, keep only the tags a spec can declare, and keep a
 * description only when the spec's pattern can hold it.
 */
import type { Tags } from '../model/desired.js';
import type { LiveResource } from '../model/live.js';

/** The spec's pattern for descriptions (schemas/wsr-v1.schema.json). */
export const SPEC_DESCRIPTION = /^[a-zA-Z0-9_./() -]{1,255}$/;

/** The spec's pattern for image and bundle names (schemas/wsr-v1.schema.json). */
export const SPEC_IMAGE_OR_BUNDLE_NAME = /^[a-zA-Z0-9_./()\\-]{1,64}$/;

/** Tags the spec refuses (the ownership tag is wsr's own; `aws:` is AWS's). */
const RESERVED_TAG_PREFIXES = ['aws:', 'wsr:'];

/** The object without its undefined members (so "not written" stays out of the YAML). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Entries as a map sorted by name, or undefined when there are none (the section is left out). */
export function nonEmptyMap<V>(entries: readonly (readonly [string, V])[]): Record<string, V> | undefined {
  if (entries.length === 0) return undefined;
  return Object.fromEntries([...entries].sort(([a], [b]) => compareText(a, b)));
}

export function nonEmptyObject<T extends object>(value: T): T | undefined {
  return Object.keys(value).length > 0 ? value : undefined;
}

/**
 * The tags a spec can declare for a live resource: everything but the reserved `aws:` and `wsr:`
 * keys. Undefined when nothing is left (then the spec declares no tags and the diff does not compare them).
 */
export function exportableTags(tags: Tags | undefined): Record<string, string> | undefined {
  if (tags === undefined) return undefined;
  const keys = Object.keys(tags)
    .filter((key) => !RESERVED_TAG_PREFIXES.some((prefix) => key.toLowerCase().startsWith(prefix)))
    .sort();
  if (keys.length === 0) return undefined;
  return Object.fromEntries(keys.map((key) => [key, tags[key]]));
}

/** The entry with the resource's exportable tags, if it has any. */
export function withTags<T extends object>(entry: T, resource: LiveResource): T & { tags?: Record<string, string> } {
  const tags = exportableTags(resource.tags);
  return tags === undefined ? entry : { ...entry, tags };
}

/** A description the spec's pattern cannot hold is left out (the diff then does not compare it). */
export function describable(description: string | undefined): string | undefined {
  return description !== undefined && SPEC_DESCRIPTION.test(description) ? description : undefined;
}

/** The AWS id of a live reference (live state holds ids; a key would be the spec's own name). */
export function refId(ref: { key: string } | { id: string }): string {
  return 'id' in ref ? ref.id : ref.key;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
