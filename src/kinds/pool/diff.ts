/** Pool diff: everything UpdateWorkspacesPool sets, the power state, tags. */
import type { Change, FieldChange } from '../../model/change.js';
import type { DesiredResource } from '../../model/desired.js';
import type { PoolProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { DiffContext } from '../kind.js';
import { fieldChanges, scalarChange } from '../field-changes.js';
import { describeRef, resolveRef } from '../resolve-ref.js';
import { tagChanges } from '../tag-changes.js';

function refChange(path: string, want: PoolProperties['bundle'], have: PoolProperties['bundle'], context: DiffContext): FieldChange[] {
  const before = resolveRef(have, context);
  return resolveRef(want, context) === before ? [] : [{ path, before, after: describeRef(want, context) }];
}

export function diffPool(
  desired: DesiredResource<PoolProperties> | undefined,
  live: LiveResource<PoolProperties> | undefined,
  context: DiffContext,
): Change<PoolProperties> | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (live === undefined) {
    return { kind: 'pool', key: desired!.key, action: 'create', reason: `pool ${desired!.properties.name} does not exist`, fields: [], desired };
  }
  if (desired === undefined) return { kind: 'pool', key: live.key, action: 'delete', reason: `pool ${live.id} is no longer in the spec`, fields: [], live };
  const want = desired.properties;
  const have = live.properties;
  const fields = [
    ...scalarChange('description', want.description, have.description),
    ...refChange('bundle', want.bundle, have.bundle, context),
    ...refChange('directory', want.directory, have.directory, context),
    ...fieldChanges('capacity', want.capacity, have.capacity),
    ...scalarChange('runningMode', want.runningMode, have.runningMode),
    ...fieldChanges('applicationSettings', want.applicationSettings, have.applicationSettings),
    ...fieldChanges('timeoutSettings', want.timeoutSettings, have.timeoutSettings),
    ...(have.desiredState === undefined ? [] : scalarChange('desiredState', want.desiredState, have.desiredState)),
    ...tagChanges(desired, live),
  ];
  if (fields.length === 0) return { kind: 'pool', key: desired.key, action: 'noop', reason: 'in sync', fields, desired, live };
  return {
    kind: 'pool',
    key: desired.key,
    action: 'update',
    reason: `${fields.map((field) => field.path).join(', ')} of pool ${live.id} differ`,
    fields,
    desired,
    live,
  };
}
