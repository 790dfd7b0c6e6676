/**
 * Images: DescribeWorkspaceImages {ImageType: OWNED} in pages of 25, plus one
 * DescribeWorkspaceImagePermissions per image the spec declares or that is a prune candidate
 * (sharing must be known to unshare before a delete). Skipped when the spec has no image or
 * bundle and prune is off. An image the spec adopts by id (`existing`) takes the spec's key.
 */
import type { ImageProperties } from '../../model/desired.js';
import { imageKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { ReadContext } from '../kind.js';
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

export async function readImages(context: ReadContext): Promise<LiveResource[]> {
  const declared = context.desired.resources.filter((resource) => resource.kind === 'image');
  const bundles = context.desired.resources.some((resource) => resource.kind === 'bundle');
  const prune = context.desired.policy.prune;
  if (declared.length === 0 && !bundles && !prune) return [];
  const adoptedKeys = new Map<string, string>();
  for (const resource of declared) {
    const source = (resource.properties as ImageProperties).source;
    if (source.type === 'existing') adoptedKeys.set(source.imageId, resource.key);
  }
  const declaredKeys = new Set(declared.map((resource) => resource.key));
  const items = await readPages(context.port, 'DescribeWorkspaceImages', { ImageType: 'OWNED', MaxResults: 25 }, 'Images');
  const live: LiveResource[] = [];
  for (const item of items) {
    const key = adoptedKeys.get(item.ImageId) ?? imageKey(item.Name);
    const readSharing = declaredKeys.has(key) || prune;
    const sharedWith = readSharing ? await readImageSharing(context, item.ImageId) : undefined;
    live.push(imageToLive(item, key, sharedWith));
  }
  return live;
}

async function readImageSharing(context: ReadContext, imageId: string): Promise<string[]> {
  const permissions = await readPages(context.port, 'DescribeWorkspaceImagePermissions', { ImageId: imageId, MaxResults: 25 }, 'ImagePermissions');
  return permissions.map((permission) => permission.SharedAccountId as string);
}
