/**
 * Bundles: DescribeWorkspaceBundles without Owner = this account's own bundles (Amazon public
 * bundles are referenced by id, never managed), paginated. Skipped when nothing in the spec
 * declares a bundle and prune is off.
 */
import type { BundleProperties } from './properties.js';
import { bundleKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { ReadContext } from '../kind.js';
import { readPages } from '../read-pages.js';

function capacity(storage: Record<string, any> | undefined): number | undefined {
  const value = Number(storage?.Capacity);
  return Number.isFinite(value) && storage?.Capacity !== undefined ? value : undefined;
}

export function bundleToLive(item: Record<string, any>): LiveResource<BundleProperties> {
  const rootVolumeGib = capacity(item.RootStorage);
  const properties: BundleProperties = {
    name: item.Name,
    ...(item.Description ? { description: item.Description } : {}),
    image: { id: item.ImageId },
    computeType: item.ComputeType?.Name,
    ...(rootVolumeGib === undefined ? {} : { rootVolumeGib }),
    userVolumeGib: capacity(item.UserStorage) ?? 0,
  };
  return { kind: 'bundle', key: bundleKey(item.Name), id: item.BundleId, state: item.State, properties, details: { bundleType: item.BundleType } };
}

export async function readBundles(context: ReadContext): Promise<LiveResource<BundleProperties>[]> {
  const declared = context.desired.resources.some((resource) => resource.kind === 'bundle');
  if (!declared && !context.desired.policy.prune) return [];
  const items = await readPages(context.port, 'DescribeWorkspaceBundles', {}, 'Bundles');
  return items.filter((item) => item.Owner === undefined || item.Owner === null || /^\d{12}$/.test(String(item.Owner))).map(bundleToLive);
}
