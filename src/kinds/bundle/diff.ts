/** Bundle diff: the image is the one field UpdateWorkspaceBundle changes; the rest is fixed at create. */
import type { Change, FieldChange } from '../../model/change.js';
import type { DesiredResource } from '../../model/desired.js';
import type { BundleProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { DiffContext } from '../kind.js';
import { scalarChange } from '../field-changes.js';
import { describeRef, resolveRef } from '../resolve-ref.js';
import { tagChanges } from '../tag-changes.js';
import { describeProgress, rolloutProgress, rollsOutImages } from './rollout.js';

/** Set only by CreateWorkspaceBundle. */
export const FIXED_BUNDLE_FIELDS = ['description', 'computeType', 'rootVolumeGib', 'userVolumeGib'] as const;

export function diffBundle(
  desired: DesiredResource<BundleProperties> | undefined,
  live: LiveResource<BundleProperties> | undefined,
  context: DiffContext,
): Change<BundleProperties> | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (live === undefined) {
    const properties = desired!.properties;
    return { kind: 'bundle', key: desired!.key, action: 'create', reason: `bundle ${properties.name} does not exist`, fields: [], desired };
  }
  if (desired === undefined) return { kind: 'bundle', key: live.key, action: 'delete', reason: `bundle ${live.id} is no longer in the spec`, fields: [], live };
  const want = desired.properties;
  const have = live.properties;
  const fields = FIXED_BUNDLE_FIELDS.flatMap((member) => scalarChange(member, want[member], have[member]));
  const wantImage = resolveRef(want.image, context);
  const haveImage = resolveRef(have.image, context);
  if (wantImage !== haveImage) fields.push({ path: 'image', before: haveImage, after: describeRef(want.image, context) });
  else if (rollsOutImages(context.policy) && live.id !== undefined && wantImage !== undefined) fields.push(...unfinishedRollout(live.id, wantImage, context));
  fields.push(...tagChanges(desired, live));
  if (fields.length === 0) return { kind: 'bundle', key: desired.key, action: 'noop', reason: 'in sync', fields, desired, live };
  const rollout = fields.find((field) => field.path === 'rollout');
  const reason =
    fields.length === 1 && rollout !== undefined
      ? `rollout of bundle ${live.id} unfinished: ${String(rollout.before)}`
      : `${fields.map((field) => field.path).join(', ')} of bundle ${live.id} differ`;
  return { kind: 'bundle', key: desired.key, action: 'update', reason, fields, desired, live };
}

/** A rollout an earlier apply left part-way (desktops marked with another image): the field `rollout`. */
function unfinishedRollout(bundleId: string, image: string, context: DiffContext): FieldChange[] {
  const progress = rolloutProgress(bundleId, image, false, context);
  if (progress.toRoll.length === 0) return [];
  return [{ path: 'rollout', before: describeProgress(progress, image), after: `${progress.desktops.length} of ${progress.desktops.length} on ${image}` }];
}
