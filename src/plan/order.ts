/**
 * KIND_ORDER: the create order of kinds (ipGroup → directory → image → bundle → workspace → pool
 * → alias …), which is the registry's order (kinds/index.ts); deletes run it in reverse.
 * Same-kind ties break on the key.
 */
import { KIND_NAMES } from '../kinds/index.js';
import type { ChangeAction } from '../model/change.js';
import type { KindName } from '../model/keys.js';

export const KIND_ORDER: readonly KindName[] = KIND_NAMES;

const RANK = new Map<KindName, number>(KIND_ORDER.map((kind, index) => [kind, index]));

/** Position of a step in the tie-break: creates/updates in kind order, then deletes in reverse. */
export function orderRank(kind: KindName, action: ChangeAction): number {
  const rank = RANK.get(kind) ?? KIND_ORDER.length;
  return action === 'delete' ? 2 * KIND_ORDER.length - rank : rank;
}

export function compareKinds(a: KindName, b: KindName): number {
  return (RANK.get(a) ?? KIND_ORDER.length) - (RANK.get(b) ?? KIND_ORDER.length);
}
