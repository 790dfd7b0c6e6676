/**
 * Which resource a destroying call destroys, read from the call's input — not from the plan's
 * `destructive` flag, so a forged or buggy step cannot hide a destroy. Each kind lists its API's
 * destroying operations (KindDefinition.destroyingCalls). DeleteTags/CreateTags change labels, not resources.
 */
import { KINDS } from '../kinds/index.js';
import type { DestroyedIds } from '../kinds/kind.js';

const DESTROYING_OPERATIONS: ReadonlyMap<string, DestroyedIds> = new Map(KINDS.flatMap((definition) => Object.entries(definition.destroyingCalls ?? {})));

/**
 * The ids a call destroys; undefined when the operation destroys nothing. A member that is not
 * a string (missing, or an unresolved `{$idOf}`) is returned as '' so a guard can refuse it.
 */
export function destroyedIdsOf(operation: string, input: Readonly<Record<string, unknown>>): string[] | undefined {
  const idsOf = DESTROYING_OPERATIONS.get(operation);
  if (idsOf === undefined) return undefined;
  return idsOf(input).map((id) => (typeof id === 'string' ? id : ''));
}
