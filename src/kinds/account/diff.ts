/** Account diff: dedicated tenancy (BYOL) support and its management CIDR range. */
import type { Change } from '../../model/change.js';
import type { DesiredResource } from '../../model/desired.js';
import type { AccountProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import { scalarChange } from '../field-changes.js';

export function diffAccount(
  desired: DesiredResource<AccountProperties> | undefined,
  live: LiveResource<AccountProperties> | undefined,
): Change<AccountProperties> | undefined {
  // The account always exists and is never deleted: only a declared, read account is diffed.
  if (desired === undefined || live === undefined) return undefined;
  const want = desired.properties;
  const have = live.properties;
  const fields = [
    ...scalarChange('dedicatedTenancySupport', want.dedicatedTenancySupport, have.dedicatedTenancySupport),
    ...scalarChange('dedicatedTenancyManagementCidrRange', want.dedicatedTenancyManagementCidrRange, have.dedicatedTenancyManagementCidrRange),
  ];
  if (fields.length === 0) return { kind: 'account', key: desired.key, action: 'noop', reason: 'in sync', fields, desired, live };
  return { kind: 'account', key: desired.key, action: 'update', reason: `${fields.map((field) => field.path).join(', ')} differ`, fields, desired, live };
}
