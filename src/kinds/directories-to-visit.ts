/** Directory ids a per-directory read must visit: those the spec names for a kind, all registered ones when pruning. */
import type { KindName } from '../model/keys.js';
import type { ReadContext } from './kind.js';

export function directoriesToVisit(context: ReadContext, kind: KindName, prunable: boolean): string[] {
  const registered = context.readSoFar.filter((resource) => resource.kind === 'directory' && resource.state === 'REGISTERED').map((resource) => resource.id!);
  if (prunable && context.desired.policy.prune) return registered.sort();
  const named = new Set(
    context.desired.resources.filter((resource) => resource.kind === kind).map((resource) => (resource.properties as { directoryId: string }).directoryId),
  );
  return registered.filter((id) => named.has(id)).sort();
}
