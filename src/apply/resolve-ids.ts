/** Replace `{$idOf: key}` placeholders with the ids earlier steps produced (or live had). */
import { ApplyError } from '../errors.js';
import type { ResourceKey } from '../model/keys.js';
import { isIdRef } from '../model/plan-step.js';

export type IdLookup = (key: ResourceKey) => string | undefined;

export function resolveIdRefs<T>(value: T, idOf: IdLookup): T {
  return resolveValue(value, idOf) as T;
}

function resolveValue(value: unknown, idOf: IdLookup): unknown {
  if (isIdRef(value)) return resolveIdRef(value.$idOf, idOf);
  if (Array.isArray(value)) return value.map((entry) => resolveValue(entry, idOf));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, resolveValue(entry, idOf)]));
}

export function resolveIdRef(key: ResourceKey, idOf: IdLookup): string {
  const id = idOf(key);
  if (id === undefined) {
    throw new ApplyError('APPLY_UNRESOLVED_ID', `no id for ${key}: the step that creates it did not report one`);
  }
  return id;
}
