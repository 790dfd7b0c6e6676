/**
 * Ownership of a live resource: its own `wsr:env` tag, or — for kinds without a tags API
 * (Connect add-ins, client branding) — the tag of the resource it belongs to (its directory).
 */
import { kindDefinition } from '../kinds/index.js';
import { isOwned, type LiveResource } from '../model/live.js';
import type { LiveIndex } from './diff-context.js';
import type { Ownership } from './pair.js';

/** The live resource whose tags decide `resource`'s ownership (itself for tagged kinds). */
export function ownershipHolder(resource: LiveResource, index: Pick<LiveIndex, 'liveById'>): LiveResource | undefined {
  const parentId = kindDefinition(resource.kind)?.ownedThrough?.(resource);
  return parentId === undefined ? resource : index.liveById(parentId);
}

export function ownershipIn(index: Pick<LiveIndex, 'liveById'>, environmentName: string): Ownership {
  return (resource) => {
    const holder = ownershipHolder(resource, index);
    return holder === undefined ? undefined : isOwned(holder, environmentName);
  };
}
