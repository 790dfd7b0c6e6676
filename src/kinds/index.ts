/**
 * The registry: one line per kind, and the one list of kinds. Its order is every order of kinds:
 * read order (a kind is read after the kinds it needs: workspaces after directories, associations
 * after workspaces), create order (plan/order.ts; deletes run it in reverse), the order of the
 * spec's sections in the schema, and of every list of kind names. `KindName` (model/keys.ts) is
 * the vocabulary; `satisfies` makes tsc refuse a registry that misses or repeats a name.
 */
import type { KindDefinition } from './kind.js';
import type { KindName } from '../model/keys.js';
import { accountKind } from './account/index.js';
import { accountLinkKind } from './account-link/index.js';
import { applicationAssociationKind } from './application-association/index.js';
import { bundleKind } from './bundle/index.js';
import { clientBrandingKind } from './client-branding/index.js';
import { connectClientAddInKind } from './connect-client-add-in/index.js';
import { connectionAliasKind } from './connection-alias/index.js';
import { directoryKind } from './directory/index.js';
import { imageKind } from './image/index.js';
import { ipGroupKind } from './ip-group/index.js';
import { poolKind } from './pool/index.js';
import { workspaceKind } from './workspace/index.js';

/** Every kind name of the vocabulary, each with its definition: tsc refuses one missing or unknown. */
export type KindRegistry = { readonly [K in KindName]: KindDefinition };

const REGISTRY = {
  account: accountKind,
  accountLink: accountLinkKind,
  ipGroup: ipGroupKind,
  directory: directoryKind,
  clientBranding: clientBrandingKind,
  connectClientAddIn: connectClientAddInKind,
  image: imageKind,
  bundle: bundleKind,
  workspace: workspaceKind,
  pool: poolKind,
  applicationAssociation: applicationAssociationKind,
  connectionAlias: connectionAliasKind,
} as const satisfies KindRegistry;

export const KINDS: readonly KindDefinition[] = Object.values(REGISTRY);

/** Every kind name, in registry order. */
export const KIND_NAMES: readonly KindName[] = KINDS.map((definition) => definition.kind);

export function isKindName(value: string): value is KindName {
  return Object.hasOwn(REGISTRY, value);
}

export function kindDefinition(kind: KindName): KindDefinition | undefined {
  return Object.hasOwn(REGISTRY, kind) ? REGISTRY[kind] : undefined;
}
