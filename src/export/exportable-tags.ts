/**
 * The tags a spec can declare for a live resource: everything but the reserved `aws:` and `wsr:`
 * keys (the ownership tag is wsr's own; the spec refuses both prefixes).
 */
import type { Tags } from '../model/desired.js';

const RESERVED_PREFIXES = ['aws:', 'wsr:'];

/** Undefined when nothing is left (then the spec declares no tags and the diff does not compare them). */
export function exportableTags(tags: Tags | undefined): Record<string, string> | undefined {
  if (tags === undefined) return undefined;
  const keys = Object.keys(tags)
    .filter((key) => !RESERVED_PREFIXES.some((prefix) => key.toLowerCase().startsWith(prefix)))
    .sort();
  if (keys.length === 0) return undefined;
  return Object.fromEntries(keys.map((key) => [key, tags[key]]));
}
