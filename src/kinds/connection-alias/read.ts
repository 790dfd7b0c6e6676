/**
 * Connection aliases: DescribeConnectionAliases in pages of 25, plus
 * DescribeConnectionAliasPermissions per alias the spec declares or that is a prune candidate
 * (sharing must be known to unshare before a delete). Skipped when the spec has none and
 * prune is off.
 */
import type { ConnectionAliasProperties } from './properties.js';
import { connectionAliasKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { ReadContext } from '../kind.js';
import { readPages } from '../read-pages.js';

/** Association statuses that hold the alias to a directory (a disassociation must come first). */
const HELD = new Set(['ASSOCIATED_WITH_OWNER_ACCOUNT', 'ASSOCIATED_WITH_SHARED_ACCOUNT', 'PENDING_ASSOCIATION']);

export function aliasToLive(item: Record<string, any>, sharedWith?: readonly string[]): LiveResource<ConnectionAliasProperties> {
  const associations: Record<string, any>[] = (item.Associations ?? []).filter((association: Record<string, any>) => HELD.has(association.AssociationStatus));
  const own = associations.filter((association) => association.AssociatedAccountId === undefined || association.AssociatedAccountId === item.OwnerAccountId);
  const properties: ConnectionAliasProperties = {
    connectionString: item.ConnectionString,
    associate: own.map((association) => ({ id: association.ResourceId as string })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    sharedWith: sharedWith === undefined ? [] : [...sharedWith].sort(),
  };
  return {
    kind: 'connectionAlias',
    key: connectionAliasKey(item.ConnectionString),
    id: item.AliasId,
    state: item.State,
    properties,
    details: {
      sharingRead: sharedWith !== undefined,
      associations: associations.map((association) => ({
        resourceId: association.ResourceId,
        status: association.AssociationStatus,
        account: association.AssociatedAccountId,
      })),
    },
  };
}

export async function readConnectionAliases(context: ReadContext): Promise<LiveResource<ConnectionAliasProperties>[]> {
  const declared = new Set(context.desired.resources.filter((resource) => resource.kind === 'connectionAlias').map((resource) => resource.key));
  const prune = context.desired.policy.prune;
  if (declared.size === 0 && !prune) return [];
  const items = await readPages(context.port, 'DescribeConnectionAliases', { Limit: 25 }, 'ConnectionAliases');
  const live: LiveResource<ConnectionAliasProperties>[] = [];
  for (const item of items) {
    // the SDK types every output member optional; DescribeConnectionAliases always returns both
    const wanted = declared.has(connectionAliasKey(item.ConnectionString!)) || prune;
    const sharedWith = wanted ? await readAliasSharing(context, item.AliasId!) : undefined;
    live.push(aliasToLive(item, sharedWith));
  }
  return live;
}

async function readAliasSharing(context: ReadContext, aliasId: string): Promise<string[]> {
  const permissions = await readPages(context.port, 'DescribeConnectionAliasPermissions', { AliasId: aliasId, MaxResults: 25 }, 'ConnectionAliasPermissions');
  return permissions.filter((permission) => permission.AllowAssociation !== false).map((permission) => permission.SharedAccountId as string);
}
