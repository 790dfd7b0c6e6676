/** The registry: one line per kind, in create order (plan/order.ts holds the ordering table). */
import type { KindDefinition } from './kind.js';
import type { KindName } from '../model/keys.js';
import { bundleKind } from './bundle/index.js';
import { connectionAliasKind } from './connection-alias/index.js';
import { directoryKind } from './directory/index.js';
import { imageKind } from './image/index.js';
import { ipGroupKind } from './ip-group/index.js';
import { workspaceKind } from './workspace/index.js';

export const KINDS: readonly KindDefinition[] = [ipGroupKind, directoryKind, imageKind, bundleKind, workspaceKind, connectionAliasKind];

const BY_NAME = new Map<KindName, KindDefinition>(KINDS.map((definition) => [definition.kind, definition]));

export function kindDefinition(kind: KindName): KindDefinition | undefined {
  return BY_NAME.get(kind);
}
