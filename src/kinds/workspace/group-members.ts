/**
 * Desktops whose users come from a directory group carry `wsr:group=<group>`, so the planner can
 * count what a group had (the desktops tagged with it) against what the directory says now, and
 * hold the terminations when a group drops by more than policy.maxDestroy or to zero: more likely
 * a mistake in the directory (a cleared group, a wrong filter) than 312 people leaving at once.
 */
import { tagPath } from '../../model/field-path.js';
import type { FieldChange } from '../../model/change.js';
import type { DesiredResource, DesiredState, Policy } from '../../model/desired.js';
import type { WorkspaceDesiredProperties } from './properties.js';
import { GROUP_TAG_KEY, OWNERSHIP_TAG_KEY, REMOVED_AT_TAG_KEY } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { SuspiciousRead } from '../kind.js';

/** Group desktops (to count them) and, with a grace period, every desktop (to see a removal mark). */
export function workspaceNeedsTags(desired: DesiredResource<WorkspaceDesiredProperties>, policy: Policy): boolean {
  return desired.properties.group !== undefined || policy.gracePeriodSeconds !== undefined;
}

/** wsr's own tags on a paired desktop: the group it comes from, and no removal mark (its user is back). */
export function sourceTagChanges(desired: DesiredResource<WorkspaceDesiredProperties>, live: LiveResource<WorkspaceDesiredProperties>): FieldChange[] {
  if (live.tags === undefined) return [];
  const want = desired.properties;
  const changes: FieldChange[] = [];
  if (live.tags[GROUP_TAG_KEY] !== want.group) changes.push({ path: tagPath(GROUP_TAG_KEY), before: live.tags[GROUP_TAG_KEY], after: want.group });
  if (live.tags[REMOVED_AT_TAG_KEY] !== undefined) changes.push({ path: tagPath(REMOVED_AT_TAG_KEY), before: live.tags[REMOVED_AT_TAG_KEY], after: undefined });
  return changes;
}

export function suspiciousGroupDrops(desired: DesiredState, live: readonly LiveResource[]): SuspiciousRead[] {
  const groups = desired.userGroups ?? [];
  if (groups.length === 0) return [];
  const environment = desired.environment.name;
  const desiredKeys = new Set(desired.resources.map((resource) => resource.key));
  const limit = desired.policy.maxDestroy;
  const reads: SuspiciousRead[] = [];
  for (const group of groups) {
    const had = live.filter(
      (resource) => resource.kind === 'workspace' && resource.tags?.[OWNERSHIP_TAG_KEY] === environment && resource.tags?.[GROUP_TAG_KEY] === group.tag,
    );
    const before = had.length;
    const now = group.members;
    if (before === 0 || (now > 0 && (limit === undefined || before - now <= limit))) continue;
    const removed = had.filter((resource) => !desiredKeys.has(resource.key)).map((resource) => resource.key);
    if (removed.length === 0) continue;
    const fact = `group ${group.group} went from ${before} to ${now} members`;
    const why = now === 0 ? 'to zero' : `by more than policy.maxDestroy (${limit})`;
    reads.push({
      warning: `suspicious: ${fact} (${why}); the terminations of its ${removed.length} removed member(s) are blocked unless --allow-destroy`,
      reason: `${fact} (use --allow-destroy if it really did)`,
      keyPrefixes: removed,
    });
  }
  return reads;
}
