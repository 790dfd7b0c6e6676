/** Image diff: sharing (per account) and tags; an image's content never changes in place. */
import type { Change } from '../../model/change.js';
import type { DesiredResource } from '../../model/desired.js';
import type { ImageProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { DiffContext } from '../kind.js';
import { scalarChange } from '../field-changes.js';
import { sharingChanges } from '../sharing-changes.js';
import { tagChanges } from '../tag-changes.js';

export function diffImage(
  desired: DesiredResource<ImageProperties> | undefined,
  live: LiveResource<ImageProperties> | undefined,
  _context: DiffContext,
): Change<ImageProperties> | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (live === undefined) {
    const properties = desired!.properties;
    return {
      kind: 'image',
      key: desired!.key,
      action: 'create',
      reason: `image ${properties.name} does not exist (${properties.source.type})`,
      fields: sharingChanges(properties.sharedWith, []),
      desired,
    };
  }
  if (desired === undefined) return { kind: 'image', key: live.key, action: 'delete', reason: `image ${live.id} is no longer in the spec`, fields: [], live };
  const want = desired.properties;
  const have = live.properties;
  const sharingRead = live.details?.sharingRead === true;
  const fields = [
    ...scalarChange('description', want.description, have.description),
    ...(sharingRead ? sharingChanges(want.sharedWith, have.sharedWith) : []),
    ...tagChanges(desired, live),
  ];
  if (fields.length === 0) return { kind: 'image', key: desired.key, action: 'noop', reason: 'in sync', fields, desired, live };
  return {
    kind: 'image',
    key: desired.key,
    action: 'update',
    reason: `${fields.map((field) => field.path).join(', ')} of image ${live.id} differ`,
    fields,
    desired,
    live,
  };
}
