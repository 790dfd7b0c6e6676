/**
 * Images: DescribeWorkspaceImages {ImageType: OWNED} in pages of 25, plus one
 * DescribeWorkspaceImagePermissions per image the spec declares or that is a prune candidate
 * (sharing must be known to unshare before a delete). Skipped when the spec has no image or
 * bundle and prune is off. An image the spec adopts by id (`existing`) takes the spec's key, and
 * is read by id when it is not this account's own (shared with it).
 */

import { isKind } from '../../model/kind-properties.js';
import type { ImageProperties } from './properties.js';
import { imageKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { ReadContext } from '../kind.js';
import { chunkBy } from '../chunk-by.js';
import { readPages } from '../read-pages.js';

export function imageToLive(item: Record<string, any>, key: string, sharedWith?: readonly string[]): LiveResource<ImageProperties> {
  const properties: ImageProperties = {
    name: item.Name,
    ...(item.Description ? { description: item.Description } : {}),
    source: { type: 'existing', imageId: item.ImageId },
    sharedWith: sharedWith === undefined ? [] : [...sharedWith].sort(),
  };
  return {
    kind: 'image',
    key,
    id: item.ImageId,
    state: item.State,
    properties,
    details: { sharingRead: sharedWith !== undefined, ownerAccountId: item.OwnerAccountId, requiredTenancy: item.RequiredTenancy },
  };
}

export async function readImages(context: ReadContext): Promise<LiveResource<ImageProperties>[]> {
  const declared = context.desired.resources.filter((resource) => isKind(resource, 'image'));
  const bundles = context.desired.resources.some((resource) => resource.kind === 'bundle');
  const prune = context.desired.policy.prune;
  if (declared.length === 0 && !bundles && !prune) return [];
  const adoptedKeys = new Map<string, string>();
  for (const resource of declared) {
    const source = resource.properties.source;
    if (source.type === 'existing') adoptedKeys.set(source.imageId, resource.key);
  }
  const declaredKeys = new Set(declared.map((resource) => resource.key));
  const owned = await readPages(context.port, 'DescribeWorkspaceImages', { ImageType: 'OWNED', MaxResults: 25 }, 'Images');
  const items = [...owned, ...(await readAdoptedElsewhere(context, owned, [...adoptedKeys.keys()]))];
  const account = context.desired.environment.account;
  const live: LiveResource<ImageProperties>[] = [];
  for (const item of items) {
    const key = adoptedKeys.get(item.ImageId) ?? imageKey(item.Name);
    // Only the owner can read (and change) an image's sharing.
    const ownedHere = item.OwnerAccountId === undefined || item.OwnerAccountId === account;
    const readSharing = ownedHere && (declaredKeys.has(key) || prune);
    const sharedWith = readSharing ? await readImageSharing(context, item.ImageId) : undefined;
    live.push(imageToLive(item, key, sharedWith));
  }
  return live;
}

/** Images adopted by id that OWNED did not list (shared with this account): one call per 25 ids. */
async function readAdoptedElsewhere(
  context: ReadContext,
  owned: readonly Record<string, any>[],
  adoptedIds: readonly string[],
): Promise<Record<string, any>[]> {
  const seen = new Set(owned.map((item) => item.ImageId as string));
  const missing = adoptedIds.filter((id) => !seen.has(id)).sort();
  const found: Record<string, any>[] = [];
  for (const chunk of chunkBy(missing, 25)) {
    const output = await context.port.call('DescribeWorkspaceImages', { ImageIds: chunk });
    found.push(...(output.Images ?? []));
  }
  return found;
}

async function readImageSharing(context: ReadContext, imageId: string): Promise<string[]> {
  const permissions = await readPages(context.port, 'DescribeWorkspaceImagePermissions', { ImageId: imageId, MaxResults: 25 }, 'ImagePermissions');
  return permissions.map((permission) => permission.SharedAccountId as string);
}
