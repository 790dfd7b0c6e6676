/** Connection aliases (cross-Region redirection): create, associate, share, delete. */
import { DURATION } from '../clock.js';
import { alreadyExists, associated, invalidParameter, invalidState, limitExceeded } from '../errors.js';
import { ID_FORMAT, newId, randomAlnum } from '../ids.js';
import { pageOf } from '../pagination.js';
import type { Json, Rec } from '../store.js';
import { limitOf, requireRec, tagOnCreate, transition, type Context, type Handlers } from './context.js';
import { requireDirectory } from './directories.js';

function requireCreatedAlias(ctx: Context, id: string): Rec {
  const rec = requireRec(ctx, 'aliases', id, 'connection alias');
  if (rec.data.State !== 'CREATED') throw invalidState(`Connection alias ${id} is ${rec.data.State}; it must be CREATED.`);
  return rec;
}

function createAlias(input: Json, ctx: Context): Json {
  const { store } = ctx;
  if ([...store.maps.aliases.values()].some((a) => a.data.ConnectionString === input.ConnectionString))
    throw alreadyExists(`The connection string ${input.ConnectionString} is already in use.`);
  // a connection string stays reserved to the account that used it, also after the alias is deleted
  // (API reference, DeleteConnectionAlias; admin guide "Security considerations if you stop using Cross-Region Redirection")
  const owner = ctx.world.connectionStrings.get(input.ConnectionString);
  if (owner !== undefined && owner !== store.account) throw alreadyExists(`The connection string ${input.ConnectionString} is reserved to another account.`);
  if (store.maps.aliases.size >= store.quotas.aliases) throw limitExceeded(`At most ${store.quotas.aliases} connection aliases per Region.`);
  const id = newId(ID_FORMAT.alias[0], ID_FORMAT.alias[1], (c) => store.maps.aliases.has(c));
  tagOnCreate(ctx, id, input.Tags);
  ctx.world.connectionStrings.set(input.ConnectionString, store.account);
  store.maps.aliases.set(id, {
    seq: store.nextSeq(),
    data: { ConnectionString: input.ConnectionString, AliasId: id, State: 'CREATING', OwnerAccountId: store.account, Associations: [] },
    permissions: [],
  });
  transition(ctx, 'aliases', id, 'CREATED', DURATION.alias);
  return { AliasId: id };
}

function describeAliases(input: Json, ctx: Context): Json {
  let recs = [...ctx.store.maps.aliases.values()];
  if (input.AliasIds) recs = recs.filter((r) => input.AliasIds.includes(r.data.AliasId));
  if (input.ResourceId) recs = recs.filter((r) => r.data.Associations.some((a: Json) => a.ResourceId === input.ResourceId));
  const page = pageOf('DescribeConnectionAliases', recs, input.NextToken, limitOf(ctx, input));
  return { ConnectionAliases: page.items.map((r) => r.data), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

function describePermissions(input: Json, ctx: Context): Json {
  const rec = requireRec(ctx, 'aliases', input.AliasId, 'connection alias');
  const items = (rec.permissions as Json[]).map((p, index) => ({ seq: index + 1, p }));
  const page = pageOf('DescribeConnectionAliasPermissions', items, input.NextToken, limitOf(ctx, input, 'MaxResults'));
  return { AliasId: input.AliasId, ConnectionAliasPermissions: page.items.map((i) => i.p), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

function associateAlias(input: Json, ctx: Context): Json {
  const rec = requireCreatedAlias(ctx, input.AliasId);
  requireDirectory(ctx, input.ResourceId);
  if (rec.data.Associations.length > 0)
    throw associated(`Connection alias ${input.AliasId} is already associated with ${rec.data.Associations[0].ResourceId}.`);
  const ConnectionIdentifier = randomAlnum(20);
  rec.data.Associations = [
    { AssociationStatus: 'ASSOCIATED_WITH_OWNER_ACCOUNT', AssociatedAccountId: ctx.store.account, ResourceId: input.ResourceId, ConnectionIdentifier },
  ];
  return { ConnectionIdentifier };
}

function disassociateAlias(input: Json, ctx: Context): Json {
  const rec = requireCreatedAlias(ctx, input.AliasId);
  rec.data.Associations = [];
  return {};
}

function updatePermission(input: Json, ctx: Context): Json {
  const rec = requireCreatedAlias(ctx, input.AliasId);
  const { SharedAccountId, AllowAssociation } = input.ConnectionAliasPermission as Json;
  if (SharedAccountId === ctx.store.account) throw invalidParameter('A connection alias cannot be shared with its own account.');
  const others = (rec.permissions as Json[]).filter((p) => p.SharedAccountId !== SharedAccountId);
  if (AllowAssociation && others.length > 0)
    throw limitExceeded(
      `Connection alias ${input.AliasId} is already shared with ${others[0].SharedAccountId}; an alias can be shared with one account per Region.`,
    );
  rec.permissions = AllowAssociation ? [{ SharedAccountId, AllowAssociation: true }] : others;
  return {};
}

function deleteAlias(input: Json, ctx: Context): Json {
  const rec = requireRec(ctx, 'aliases', input.AliasId, 'connection alias');
  if (rec.data.Associations.length > 0)
    throw associated(`Connection alias ${input.AliasId} is associated with ${rec.data.Associations[0].ResourceId}; disassociate it first.`);
  if (rec.permissions.length > 0) throw associated(`Connection alias ${input.AliasId} is shared with ${rec.permissions[0].SharedAccountId}; unshare it first.`);
  if (rec.data.State !== 'CREATED') throw invalidState(`Connection alias ${input.AliasId} is ${rec.data.State}.`);
  rec.data.State = 'DELETING';
  transition(ctx, 'aliases', input.AliasId, null, DURATION.alias);
  return {};
}

export const aliasHandlers: Handlers = {
  CreateConnectionAlias: createAlias,
  DescribeConnectionAliases: describeAliases,
  DescribeConnectionAliasPermissions: describePermissions,
  AssociateConnectionAlias: associateAlias,
  DisassociateConnectionAlias: disassociateAlias,
  UpdateConnectionAliasPermission: updatePermission,
  DeleteConnectionAlias: deleteAlias,
};
