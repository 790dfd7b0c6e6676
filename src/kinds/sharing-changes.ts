/**
 * Account sharing lists (images, connection aliases): compared as sets, shown as one field per
 * account (`sharedWith[111122223333]`), so a plan reads "share with X, unshare Y".
 */
import { itemOf, itemPath } from '../model/field-path.js';
import type { FieldChange } from '../model/change.js';

const SHARED_WITH = 'sharedWith';

export function sharingPath(account: string): string {
  return itemPath(SHARED_WITH, account);
}

export function sharingChanges(desired: readonly string[], live: readonly string[] | undefined): FieldChange[] {
  if (live === undefined) return desired.map((account) => ({ path: sharingPath(account), before: undefined, after: 'shared' }));
  const have = new Set(live);
  const want = new Set(desired);
  return [
    ...[...want]
      .filter((account) => !have.has(account))
      .sort()
      .map((account) => ({ path: sharingPath(account), before: undefined, after: 'shared' })),
    ...[...have]
      .filter((account) => !want.has(account))
      .sort()
      .map((account) => ({ path: sharingPath(account), before: 'shared', after: undefined })),
  ];
}

/** Accounts to share with (`after` set) and to unshare (`after` unset) from the fields. */
export function sharingDelta(fields: readonly FieldChange[]): { share: string[]; unshare: string[] } {
  const sharing = fields.flatMap((field) => {
    const account = itemOf(field.path, SHARED_WITH);
    return account === undefined ? [] : [{ account, after: field.after }];
  });
  return {
    share: sharing.filter((field) => field.after !== undefined).map((field) => field.account),
    unshare: sharing.filter((field) => field.after === undefined).map((field) => field.account),
  };
}
