/**
 * The registry: one line per kind, in read order (a kind is read after the kinds it needs:
 * workspaces after directories, associations after workspaces). Plan order is plan/order.ts.
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

export const KINDS: readonly KindDefinition[] = [
  accountKind,
  accountLinkKind,
  ipGroupKind,
  directoryKind,
  clientBrandingKind,
  connectClientAddInKind,
  imageKind,
  bundleKind,
  workspaceKind,
  poolKind,
  applicationAssociationKind,
  connectionAliasKind,
];

const BY_NAME = new Map<KindName, KindDefinition>(KINDS.map((definition) => [definition.kind, definition]));

export function kindDefinition(kind: KindName): KindDefinition | undefined {
  return BY_NAME.get(kind);
}
