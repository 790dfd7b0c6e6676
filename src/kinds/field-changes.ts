/**
 * Field-by-field comparison of an API property set: only the members the desired side sets
 * are compared (an absent member means "don't care"), so live defaults never show as drift.
 */
import { memberPath } from '../model/field-path.js';
import type { FieldChange } from '../model/change.js';
import { deepEqual } from './deep-equal.js';

export function fieldChanges(path: string, desiredSet: object | undefined, liveSet: object | undefined): FieldChange[] {
  if (desiredSet === undefined) return [];
  const desired = desiredSet as Readonly<Record<string, unknown>>;
  const live = liveSet as Readonly<Record<string, unknown>> | undefined;
  const changes: FieldChange[] = [];
  for (const member of Object.keys(desired).sort()) {
    const after = desired[member];
    if (after === undefined) continue;
    const before = live?.[member];
    if (!deepEqual(after, before)) changes.push({ path: memberPath(path, member), before, after });
  }
  return changes;
}

/** One FieldChange when a scalar the desired side sets differs. */
export function scalarChange(path: string, desired: unknown, live: unknown): FieldChange[] {
  if (desired === undefined || deepEqual(desired, live)) return [];
  return [{ path, before: live, after: desired }];
}
