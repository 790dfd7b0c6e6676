/**
 * Names in the spec resolved to ids before the plan (KindDefinition.resolveNames): each kind that
 * can be referred to by name reads what it needs, only when the spec uses a name.
 */
import { KINDS } from '../kinds/index.js';
import type { ApiPort } from '../model/api-port.js';
import type { DesiredResource, DesiredState } from '../model/desired.js';

export async function resolveDesiredNames(desired: DesiredState, port: ApiPort): Promise<DesiredState> {
  let resources: readonly DesiredResource[] = desired.resources;
  for (const definition of KINDS) {
    if (definition.resolveNames === undefined) continue;
    const own = resources.filter((resource) => resource.kind === definition.kind);
    if (own.length === 0) continue;
    // the kind answers its resources in the order given: put each back where it was
    const resolved = await definition.resolveNames(own, port);
    let next = 0;
    resources = resources.map((resource) => (resource.kind === definition.kind ? resolved[next++]! : resource));
  }
  return resources === desired.resources ? desired : { ...desired, resources: [...resources] };
}
