/** Tags on every taggable resource, by plain id (pools by id too). */
import { invalidParameter, notFound } from '../errors.js';
import type { Family, Json } from '../store.js';
import { checkTags, type Context, type Handlers } from './context.js';

const TAGGABLE: [RegExp, Family][] = [
  [/^ws-/, 'workspaces'],
  [/^(d-|wsd-)/, 'directories'],
  [/^wsipg-/, 'ipGroups'],
  [/^wsi-/, 'images'],
  [/^wsb-/, 'bundles'],
  [/^wsca-/, 'aliases'],
  [/^wspool-/, 'pools'],
];

/** Whether `resourceId` names a taggable resource of this store. */
export function isTaggable(store: Context['store'], resourceId: string): boolean {
  const family = TAGGABLE.find(([pattern]) => pattern.test(resourceId))?.[1];
  return family !== undefined && store.maps[family].has(resourceId);
}

function requireTaggable(ctx: Context, resourceId: string): void {
  const family = TAGGABLE.find(([pattern]) => pattern.test(resourceId))?.[1];
  if (!family || !ctx.store.maps[family].has(resourceId)) throw notFound(resourceId, 'resource');
}

function createTags(input: Json, ctx: Context): Json {
  requireTaggable(ctx, input.ResourceId);
  ctx.store.setTags(input.ResourceId, checkTags(ctx, input.Tags, ctx.store.tagsOf(input.ResourceId)));
  return {};
}

function deleteTags(input: Json, ctx: Context): Json {
  requireTaggable(ctx, input.ResourceId);
  const keys = input.TagKeys as string[];
  const reserved = keys.find((k) => k.toLowerCase().startsWith('aws:'));
  if (reserved) throw invalidParameter(`Tag key ${reserved} uses the reserved prefix aws: and cannot be deleted.`);
  ctx.store.setTags(
    input.ResourceId,
    ctx.store.tagsOf(input.ResourceId).filter((t) => !keys.includes(t.Key)),
  );
  return {};
}

function describeTags(input: Json, ctx: Context): Json {
  requireTaggable(ctx, input.ResourceId);
  return { TagList: ctx.store.tagsOf(input.ResourceId) };
}

export const tagHandlers: Handlers = { CreateTags: createTags, DeleteTags: deleteTags, DescribeTags: describeTags };
