/** The registry: one line per kind, in create order (plan/order.ts derives KIND_ORDER from it). */
import type { KindDefinition } from './kind.js';
import type { KindName } from '../model/keys.js';
import { directoryKind } from './directory/index.js';
import { ipGroupKind } from './ip-group/index.js';
import { workspaceKind } from './workspace/index.js';

export const KINDS: readonly KindDefinition[] = [ipGroupKind, directoryKind, workspaceKind];

const BY_NAME = new Map<KindName, KindDefinition>(KINDS.map((definition) => [definition.kind, definition]));

export function kindDefinition(kind: KindName): KindDefinition | undefined {
  return BY_NAME.get(kind);
}
