/** Alias diff: associated directories (by id) and shared accounts, plus tags. */
import { itemPath } from '../../model/field-path.js';
import type { Change, FieldChange } from '../../model/change.js';
import type { DesiredResource } from '../../model/desired.js';
import type { ConnectionAliasProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { DiffContext } from '../kind.js';
import { describeRef } from '../resolve-ref.js';
import { sharingChanges } from '../sharing-changes.js';
import { tagChanges } from '../tag-changes.js';

export function associationChanges(desired: ConnectionAliasProperties, live: ConnectionAliasProperties | undefined, context: DiffContext): FieldChange[] {
  const want = desired.associate.map((ref) => describeRef(ref, context)).sort();
  const have = (live?.associate ?? []).map((ref) => describeRef(ref, context)).sort();
  const changes: FieldChange[] = [];
  for (const id of want) if (!have.includes(id)) changes.push({ path: itemPath('associate', id), before: undefined, after: 'associated' });
  for (const id of have) if (!want.includes(id)) changes.push({ path: itemPath('associate', id), before: 'associated', after: undefined });
  return changes;
}

export function diffConnectionAlias(
  desired: DesiredResource<ConnectionAliasProperties> | undefined,
  live: LiveResource<ConnectionAliasProperties> | undefined,
  context: DiffContext,
): Change<ConnectionAliasProperties> | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (live === undefined) {
    const properties = desired!.properties;
    return {
      kind: 'connectionAlias',
      key: desired!.key,
      action: 'create',
      reason: `connection alias ${properties.connectionString} does not exist`,
      fields: [...sharingChanges(properties.sharedWith, []), ...associationChanges(properties, undefined, context)],
      desired,
    };
  }
  if (desired === undefined)
    return { kind: 'connectionAlias', key: live.key, action: 'delete', reason: `connection alias ${live.id} is no longer in the spec`, fields: [], live };
  const want = desired.properties;
  const have = live.properties;
  const fields = [
    ...(live.details?.sharingRead === true ? sharingChanges(want.sharedWith, have.sharedWith) : []),
    ...associationChanges(want, have, context),
    ...tagChanges(desired, live),
  ];
  if (fields.length === 0) return { kind: 'connectionAlias', key: desired.key, action: 'noop', reason: 'in sync', fields, desired, live };
  return {
    kind: 'connectionAlias',
    key: desired.key,
    action: 'update',
    reason: `${fields.map((field) => field.path).join(', ')} of alias ${live.id} differ`,
    fields,
    desired,
    live,
  };
}
