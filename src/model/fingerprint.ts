/**
 * A stable hash of the live state a plan was made from: ids, states, properties and tags of
 * every resource, sorted by key, object members sorted, so read order never changes it.
 * `apply --plan` compares it with a fresh read to refuse a stale plan.
 */
import { createHash } from 'node:crypto';
import type { LiveState } from './live.js';

/** Object members sorted, undefined members dropped: equal values give equal JSON. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => [key, canonical(record[key])]),
  );
}

export function fingerprintLive(live: LiveState): string {
  const hash = createHash('sha256');
  hash.update(`${live.account}\n${live.region}\n`);
  const resources = [...live.resources].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const resource of resources) {
    hash.update(JSON.stringify(canonical([resource.key, resource.id ?? null, resource.state ?? null, resource.properties, resource.tags ?? null])));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** Deterministic JSON of a value (members sorted, undefined dropped), for hashing and comparing plans. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}
