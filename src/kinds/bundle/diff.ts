/** Bundle diff: the image is the one field UpdateWorkspaceBundle changes; the rest is fixed at create. */
import type { Change } from '../../model/change.js';
import type { BundleProperties, DesiredResource } from '../../model/desired.js';
import type { LiveResource } from '../../model/live.js';
import type { DiffContext } from '../kind.js';
import { scalarChange } from '../field-changes.js';
import { describeRef, resolveRef } from '../resolve-ref.js';
import { tagChanges } from '../tag-changes.js';

/** Set only by CreateWorkspaceBundle. */
export const FIXED_BUNDLE_FIELDS = ['description', 'computeType', 'rootVolumeGib', 'userVolumeGib'] as const;

export function diffBundle(desired: DesiredResource | undefined, live: LiveResource | undefined, context: DiffContext): Change | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (live === undefined) {
    const properties = desired!.properties as BundleProperties;
    return { kind: 'bundle', key: desired!.key, action: 'create', reason: `bundle ${properties.name} does not exist`, fields: [], desired };
  }
  if (desired === undefined) return { kind: 'bundle', key: live.key, action: 'delete', reason: `bundle ${live.id} is no longer in the spec`, fields: [], live };
  const want = desired.properties as BundleProperties;
  const have = live.properties as BundleProperties;
  const fields = FIXED_BUNDLE_FIELDS.flatMap((member) => scalarChange(member, want[member], have[member]));
  const wantImage = resolveRef(want.image, context);
  const haveImage = resolveRef(have.image, context);
  if (wantImage !== haveImage) fields.push({ path: 'image', before: haveImage, after: describeRef(want.image, context) });
  fields.push(...tagChanges(desired, live));
  if (fields.length === 0) return { kind: 'bundle', key: desired.key, action: 'noop', reason: 'in sync', fields, desired, live };
  return { kind: 'bundle', key: desired.key, action: 'update', reason: `${fields.map((field) => field.path).join(', ')} of bundle ${live.id} differ`, fields, desired, live };
}
