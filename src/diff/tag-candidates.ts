/**
 * Which live resources need their tags read before planning (DescribeTags takes one id, so
 * this list is the price of ownership checks): resources whose spec declares tags or whose kind
 * keeps records in tags (request tokens), live-only
 * resources when pruning or destroying (ownership decides), and paired resources the diff
 * would change at all (one owned by another environment must not be modified, one not owned
 * must not be destroyed). A no-op plan reads no tags for this.
 */
import { kindDefinition } from '../kinds/index.js';
import type { DesiredState } from '../model/desired.js';
import type { LiveResource, LiveState } from '../model/live.js';
import type { PlanOptions } from '../model/plan-options.js';
import { indexLive } from './diff-context.js';
import { ownershipHolder, ownershipIn } from './ownership.js';
import { pairByKey } from './pair.js';

export function tagCandidates(desired: DesiredState, live: LiveState, options: PlanOptions = {}): LiveResource[] {
  const environmentName = desired.environment.name;
  const index = indexLive(live, environmentName, kindDefinition);
  const pairs = pairByKey(desired.resources, live.resources, environmentName, ownershipIn(index, environmentName));
  const candidates = new Map<string, LiveResource>();
  // A kind without a tags API (an add-in) is owned through its directory: read that one's tags.
  const add = (resource: LiveResource): void => {
    const holder = ownershipHolder(resource, index);
    if (holder?.id !== undefined && holder.tags === undefined && kindDefinition(holder.kind) !== undefined) candidates.set(holder.key, holder);
  };
  for (const [want, have] of pairs.both) {
    if (want.declaresTags || options.destroy || kindDefinition(want.kind)?.needsTags?.(want, desired.policy)) {
      add(have);
      continue;
    }
    if (isChanged(want, have, index)) add(have);
  }
  if (desired.policy.prune || options.destroy) {
    for (const have of pairs.unmanaged) add(have);
  }
  return [...candidates.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

function isChanged(want: Parameters<typeof pairByKey>[0][number], have: LiveResource, index: ReturnType<typeof indexLive>): boolean {
  try {
    const change = kindDefinition(want.kind)?.diff(want, have, index);
    return change !== undefined && change.action !== 'noop';
  } catch {
    // A diff that throws (volume shrink) fails the plan later anyway; its tags don't matter.
    return false;
  }
}
