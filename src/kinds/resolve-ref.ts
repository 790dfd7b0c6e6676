/** References in desired properties are keys or AWS ids; the diff compares them by id. */
import type { ResourceRef } from '../model/desired.js';
import type { IdRef } from '../model/plan-step.js';
import type { DiffContext } from './kind.js';

/** The AWS id a reference points at now, or undefined when its resource does not exist yet. */
export function resolveRef(ref: ResourceRef, context: DiffContext): string | undefined {
  return 'id' in ref ? ref.id : context.idOf(ref.key);
}

/** For a step input: the id when known, else a placeholder the executor fills after the create. */
export function refInput(ref: ResourceRef, context: DiffContext): string | IdRef {
  if ('id' in ref) return ref.id;
  return context.idOf(ref.key) ?? { $idOf: ref.key };
}

/** Printable form for reasons and field changes. */
export function describeRef(ref: ResourceRef, context: DiffContext): string {
  if ('id' in ref) return ref.id;
  return context.idOf(ref.key) ?? ref.key;
}
