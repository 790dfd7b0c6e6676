/**
 * A bundle's image rollout (`policy.rollout.mode: rebuild`) as progress recorded on the desktops:
 * each desktop carries `wsr:image=<wsi-…>`, the image its root volume was last built from by wsr
 * (written at create and after each successful rebuild). A desktop whose mark differs from the
 * bundle's image is still to roll, so a rollout stopped part-way (a desktop in ADMIN_MAINTENANCE
 * blocked its wave and the waves after it) is resumed by every later plan until all carry the
 * bundle's image. A desktop without a mark (made before marks, or outside wsr) counts as rolled,
 * except in the plan that changes the bundle's image: then every desktop on it rolls, and an
 * unmarked one is first marked with the image it is on, so a wave that does not run is resumed too.
 */

import { isKind } from '../../model/kind-properties.js';
import type { DesiredState } from '../../model/desired.js';
import { IMAGE_TAG_KEY, OWNERSHIP_TAG_KEY } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { IdRef } from '../../model/plan-step.js';

/** A desktop on its way out holds its bundle but is never rebuilt. */
const GOING_STATES = new Set(['TERMINATING', 'TERMINATED']);

export interface RolloutProgress {
  /** Desktops on the bundle (not on their way out). */
  readonly desktops: readonly LiveResource[];
  /** Those still to be rebuilt onto the bundle's image, in key order. */
  readonly toRoll: readonly LiveResource[];
}

export interface RolloutLookups {
  readonly environmentName: string;
  referrersOf?(id: string): readonly LiveResource[];
}

/** Is a rollout of bundle images by rebuild on (`policy.rollout.mode: rebuild`)? */
export function rollsOutImages(policy: DesiredState['policy'] | undefined): boolean {
  return policy?.rollout.mode === 'rebuild';
}

/**
 * Which desktops on `bundleId` are not yet on `image`. `imageChanges`: this plan updates the
 * bundle's image, so every desktop not marked with the new image rolls (marked or not); otherwise
 * only desktops of this environment whose mark names another image.
 */
export function rolloutProgress(bundleId: string, image: string | IdRef, imageChanges: boolean, lookups: RolloutLookups): RolloutProgress {
  const desktops = (lookups.referrersOf?.(bundleId) ?? [])
    .filter((resource) => isKind(resource, 'workspace'))
    .filter((resource) => !GOING_STATES.has(resource.state ?? ''))
    .filter((resource) => {
      const bundle = resource.properties.bundle;
      return 'id' in bundle && bundle.id === bundleId;
    })
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const toRoll = desktops.filter((desktop) => {
    const mark = desktop.tags?.[IMAGE_TAG_KEY];
    if (imageChanges) return typeof image !== 'string' || mark !== image;
    return mark !== undefined && mark !== image && desktop.tags?.[OWNERSHIP_TAG_KEY] === lookups.environmentName;
  });
  return { desktops, toRoll };
}

/** A user is connected to it now (LiveResource.sessions: read for the desktops a plan would disrupt). */
function hasUser(desktop: LiveResource): boolean {
  return (desktop.sessions?.length ?? 0) > 0;
}

/**
 * The order desktops roll in: with whenConnected `defer`, idle desktops first (key order), then
 * those with a user connected — their rebuilds are deferred, and in the last waves they hold no
 * idle desktop's wave behind them. With `proceed`, key order.
 */
export function rolloutOrder(desktops: readonly LiveResource[], whenConnected: 'defer' | 'proceed' = 'defer'): LiveResource[] {
  if (whenConnected === 'proceed') return [...desktops];
  return [...desktops.filter((desktop) => !hasUser(desktop)), ...desktops.filter(hasUser)];
}

/**
 * "rollout of bundle/golden onto wsi-new: 2 of 3 desktop(s) rolled, 1 waiting for their users
 * (alice)" — rolled as of this plan; waiting: still to roll with a user connected (deferred).
 */
export function describeRolloutReport(key: string, image: string, progress: RolloutProgress, whenConnected: 'defer' | 'proceed' = 'defer'): string {
  const rolled = progress.desktops.length - progress.toRoll.length;
  const waiting = whenConnected === 'defer' ? progress.toRoll.filter(hasUser) : [];
  const users = waiting.flatMap((desktop) => (desktop.sessions ?? []).map((session) => session.user));
  const names = users.length === 0 ? '' : ` (${users.slice(0, 5).join(', ')}${users.length > 5 ? ', …' : ''})`;
  return `rollout of ${key} onto ${image}: ${rolled} of ${progress.desktops.length} desktop(s) rolled, ${waiting.length} waiting for their users${names}`;
}

/** "5 of 7 desktops on wsi-new, 2 to roll" — what every plan shows until the rollout is done. */
export function describeProgress(progress: RolloutProgress, image: string): string {
  const rolled = progress.desktops.length - progress.toRoll.length;
  return `${rolled} of ${progress.desktops.length} desktop(s) on ${image}, ${progress.toRoll.length} to roll`;
}
