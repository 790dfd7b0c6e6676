/** The registry: one line per kind, in create order. */
import type { KindDefinition } from './kind.js';
import type { KindName } from '../model/keys.js';

export const KINDS: readonly KindDefinition[] = [];

export function kindDefinition(kind: KindName): KindDefinition | undefined {
  return KINDS.find((definition) => definition.kind === kind);
}
