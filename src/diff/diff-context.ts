/** The lookups kinds use while diffing: key → live id, id → live resource, id → referrers. */
import type { KindDefinition, DiffContext } from '../kinds/kind.js';
import type { KindName, ResourceKey } from '../model/keys.js';
import type { LiveResource, LiveState } from '../model/live.js';

export interface LiveIndex extends DiffContext {
  readonly byKey: ReadonlyMap<ResourceKey, LiveResource>;
  referrersOf(id: string): readonly LiveResource[];
}

export function indexLive(live: LiveState, environmentName: string, kindDefinition: (kind: KindName) => KindDefinition | undefined): LiveIndex {
  const byKey = new Map<ResourceKey, LiveResource>();
  const byId = new Map<string, LiveResource>();
  const referrers = new Map<string, LiveResource[]>();
  for (const resource of live.resources) {
    byKey.set(resource.key, resource);
    if (resource.id !== undefined) byId.set(resource.id, resource);
    for (const id of kindDefinition(resource.kind)?.liveReferences?.(resource) ?? []) {
      const list = referrers.get(id);
      if (list === undefined) referrers.set(id, [resource]);
      else list.push(resource);
    }
  }
  return {
    environmentName,
    byKey,
    idOf: (key) => byKey.get(key)?.id,
    liveById: (id) => byId.get(id),
    referrersOf: (id) => referrers.get(id) ?? [],
  };
}
