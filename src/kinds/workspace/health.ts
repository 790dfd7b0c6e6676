/**
 * Unhealthy desktops: a desktop the spec declares and does not want stopped, sitting in ERROR or
 * UNHEALTHY, diffs as "no change" (its properties match), yet its user cannot work. Every plan
 * says so, with a count (plan summary, daemon metric), so it is never invisible. Repair (reboot for
 * UNHEALTHY, restore or rebuild for ERROR) is opt-in: `policy.repair` (diff.ts) or a one-shot
 * action the spec asks for (`actions`); never done by default.
 */
import { isKind } from '../../model/kind-properties.js';
import type { DesiredState } from '../../model/desired.js';
import type { LiveResource } from '../../model/live.js';

const UNHEALTHY_STATES = new Set(['ERROR', 'UNHEALTHY']);
/** Beyond this many, the warning counts instead of listing. */
const MAX_LISTED = 10;

/** Desktops of the spec, not wanted stopped, in ERROR or UNHEALTHY, in key order. */
export function unhealthyDesktops(desired: DesiredState, live: readonly LiveResource[]): LiveResource[] {
  const wanted = new Map(desired.resources.filter((resource) => isKind(resource, 'workspace')).map((resource) => [resource.key, resource.properties]));
  return live
    .filter((resource) => resource.kind === 'workspace' && resource.state !== undefined && UNHEALTHY_STATES.has(resource.state))
    .filter((resource) => wanted.has(resource.key) && wanted.get(resource.key)!.runningState !== 'stopped')
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

export function unhealthyDesktopWarnings(desired: DesiredState, live: readonly LiveResource[]): string[] {
  const unhealthy = unhealthyDesktops(desired, live);
  if (unhealthy.length === 0) return [];
  const listed = unhealthy.slice(0, MAX_LISTED).map((resource) => `${resource.key} (${resource.id} ${resource.state})`);
  const more = unhealthy.length > MAX_LISTED ? `, … ${unhealthy.length - MAX_LISTED} more` : '';
  return [
    `${unhealthy.length} desktop(s) unhealthy although the spec wants them running: ${listed.join(', ')}${more}; repair with policy.repair or a one-shot action (reboot for UNHEALTHY, restore or rebuild for ERROR)`,
  ];
}
