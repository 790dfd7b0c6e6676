/**
 * Pairs desired and live resources by key. A live-only resource is "owned" only when its tags
 * were read and carry this environment's `wsr:env`; anything else live-only is unmanaged and
 * never changed.
 */
import type { DesiredResource } from '../model/desired.js';
import type { LiveResource } from '../model/live.js';
import { isOwned } from '../model/live.js';

export interface Pairs {
  readonly both: readonly (readonly [DesiredResource, LiveResource])[];
  readonly desiredOnly: readonly DesiredResource[];
  readonly liveOnlyOwned: readonly LiveResource[];
  readonly unmanaged: readonly LiveResource[];
}

/** Whether a live resource belongs to this environment: true, false, or undefined when unknown. */
export type Ownership = (resource: LiveResource) => boolean | undefined;

export function pairByKey(
  desired: readonly DesiredResource[],
  live: readonly LiveResource[],
  environmentName: string,
  ownership: Ownership = (resource) => isOwned(resource, environmentName),
): Pairs {
  const liveByKey = new Map(live.map((resource) => [resource.key, resource]));
  const desiredKeys = new Set<string>();
  const both: (readonly [DesiredResource, LiveResource])[] = [];
  const desiredOnly: DesiredResource[] = [];
  for (const resource of desired) {
    desiredKeys.add(resource.key);
    const match = liveByKey.get(resource.key);
    if (match === undefined) desiredOnly.push(resource);
    else both.push([resource, match]);
  }
  const liveOnlyOwned: LiveResource[] = [];
  const unmanaged: LiveResource[] = [];
  for (const resource of live) {
    if (desiredKeys.has(resource.key)) continue;
    if (ownership(resource) === true) liveOnlyOwned.push(resource);
    else unmanaged.push(resource);
  }
  return { both, desiredOnly, liveOnlyOwned, unmanaged };
}
