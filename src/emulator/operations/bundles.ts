/** Bundles: the account's own (create/update/delete) and Amazon's public ones (read-only). */
import { DURATION } from '../clock.js';
import { alreadyExists, associated, limitExceeded, notFound, notSupported, unavailable } from '../errors.js';
import { ID_FORMAT, newId } from '../ids.js';
import { pageOf } from '../pagination.js';
import type { Json, Rec } from '../store.js';
import { findImage } from './images.js';
import { atMostOneOf, nowSeconds, requireRec, tagOnCreate, transition, type Context, type Handlers } from './context.js';

function usableImage(ctx: Context, imageId: string): Json {
  const image = findImage(ctx, imageId);
  if (!image) throw notFound(imageId, 'image');
  if (image.State !== 'AVAILABLE') throw unavailable(imageId, `Image ${imageId} is ${image.State}.`);
  return image;
}

function createBundle(input: Json, ctx: Context): Json {
  const { store } = ctx;
  const image = usableImage(ctx, input.ImageId);
  if ([...store.maps.bundles.values()].some((b) => b.data.Name === input.BundleName)) throw alreadyExists(`A bundle named ${input.BundleName} already exists.`);
  const reservedUntil = store.deletedBundleNames.get(input.BundleName);
  if (reservedUntil !== undefined && reservedUntil > ctx.clock.now()) {
    throw alreadyExists(`A bundle named ${input.BundleName} was deleted less than 2 hours ago; wait before reusing the name.`);
  }
  if (store.maps.bundles.size >= store.quotas.bundles) throw limitExceeded(`At most ${store.quotas.bundles} custom bundles per Region.`);
  const id = newId(ID_FORMAT.bundle[0], ID_FORMAT.bundle[1], (c) => store.maps.bundles.has(c) || store.catalogue.bundles.some((b) => b.BundleId === c));
  tagOnCreate(ctx, id, input.Tags);
  const now = nowSeconds(ctx);
  const linux = image.OperatingSystem?.Type === 'LINUX';
  const data: Json = {
    BundleId: id,
    Name: input.BundleName,
    Owner: store.account,
    Description: input.BundleDescription,
    ImageId: input.ImageId,
    RootStorage: input.RootStorage ?? { Capacity: '80' },
    UserStorage: input.UserStorage,
    ComputeType: input.ComputeType,
    CreationTime: now,
    LastUpdatedTime: now,
    State: 'PENDING',
    BundleType: 'REGULAR',
  };
  store.maps.bundles.set(id, {
    seq: store.nextSeq(),
    data: { ...data, Protocols: linux ? ['WSP'] : ['PCOIP'], OperatingSystem: linux ? 'AMAZON_LINUX_2' : 'WINDOWS_10' },
  });
  transition(ctx, 'bundles', id, 'AVAILABLE', DURATION.bundle);
  return { WorkspaceBundle: data };
}

/** The API shape: internal Protocols/OperatingSystem are the emulator's, not WorkspaceBundle members. */
function bundleView(data: Json): Json {
  const { Protocols: _p, OperatingSystem: _o, ...view } = data;
  return view;
}

function updateBundle(input: Json, ctx: Context): Json {
  if (ctx.store.catalogue.bundles.some((b) => b.BundleId === input.BundleId))
    throw notSupported(`Bundle ${input.BundleId} is owned by Amazon and cannot be updated.`);
  const rec = requireRec(ctx, 'bundles', input.BundleId, 'bundle');
  if (input.ImageId !== undefined) {
    usableImage(ctx, input.ImageId);
    rec.data.ImageId = input.ImageId;
  }
  rec.data.LastUpdatedTime = nowSeconds(ctx);
  return {};
}

function deleteBundle(input: Json, ctx: Context): Json {
  if (input.BundleId === undefined) return {};
  requireRec(ctx, 'bundles', input.BundleId, 'bundle');
  for (const ws of ctx.store.maps.workspaces.values()) {
    if (ws.data.BundleId === input.BundleId) throw associated(`Bundle ${input.BundleId} is used by WorkSpace ${ws.data.WorkspaceId}.`);
  }
  const pool = [...ctx.store.maps.pools.values()].find((p) => p.data.BundleId === input.BundleId);
  if (pool) throw associated(`Bundle ${input.BundleId} is used by pool ${pool.data.PoolId}.`);
  // "wait at least 2 hours after deleting a bundle before creating a new bundle with the same name" (admin guide, delete_bundle)
  const rec = ctx.store.maps.bundles.get(input.BundleId) as Rec;
  ctx.store.deletedBundleNames.set(rec.data.Name, ctx.clock.dueIn(DURATION.bundleNameReserved));
  ctx.store.remove('bundles', input.BundleId);
  return {};
}

function describeBundles(input: Json, ctx: Context): Json {
  atMostOneOf(input, ['BundleIds', 'Owner']);
  const own = [...ctx.store.maps.bundles.values()];
  const amazon: Rec[] = ctx.store.catalogue.bundles.map((data, index) => ({ seq: index + 1, data }));
  let recs: Rec[];
  if (input.BundleIds) recs = [...amazon, ...own].filter((r) => input.BundleIds.includes(r.data.BundleId));
  else if (input.Owner === 'AMAZON') recs = amazon;
  else if (input.Owner === undefined || input.Owner === ctx.store.account) recs = own;
  else recs = [];
  const scope = `DescribeWorkspaceBundles/${input.Owner === 'AMAZON' ? 'amazon' : 'own'}`;
  const page = pageOf(scope, recs, input.NextToken, ctx.pageSize);
  return { Bundles: page.items.map((r) => bundleView(r.data)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

export const bundleHandlers: Handlers = {
  CreateWorkspaceBundle: createBundle,
  UpdateWorkspaceBundle: updateBundle,
  DeleteWorkspaceBundle: deleteBundle,
  DescribeWorkspaceBundles: describeBundles,
};
