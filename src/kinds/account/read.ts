/**
 * Account BYOL settings: one DescribeAccount, only when the spec declares the account; when the
 * spec sets a management CIDR range the account does not have yet, one
 * ListAvailableManagementCidrRanges constrained to that range says whether AWS can use it (an
 * unavailable range would fail ModifyAccount only after the apply started).
 */

import { isKind } from '../../model/kind-properties.js';
import type { AccountProperties } from './properties.js';
import { accountKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { ReadContext } from '../kind.js';

export function accountToLive(accountId: string, output: Record<string, any>): LiveResource<AccountProperties> {
  const properties: AccountProperties = {
    accountId,
    ...(output.DedicatedTenancySupport ? { dedicatedTenancySupport: output.DedicatedTenancySupport } : {}),
    ...(output.DedicatedTenancyManagementCidrRange ? { dedicatedTenancyManagementCidrRange: output.DedicatedTenancyManagementCidrRange } : {}),
  };
  return { kind: 'account', key: accountKey(accountId), properties, details: { accountType: output.DedicatedTenancyAccountType } };
}

export async function readAccount(context: ReadContext): Promise<LiveResource<AccountProperties>[]> {
  const declared = context.desired.resources.find((resource) => isKind(resource, 'account'));
  if (declared === undefined) return [];
  const output = await context.port.call('DescribeAccount', {});
  const live = accountToLive(declared.properties.accountId, output);
  const wanted = declared.properties.dedicatedTenancyManagementCidrRange;
  if (wanted === undefined || wanted === live.properties.dedicatedTenancyManagementCidrRange) return [live];
  const available = await isManagementCidrAvailable(context, wanted);
  return available === undefined ? [live] : [{ ...live, details: { ...live.details, managementCidrAvailable: available } }];
}

/**
 * The range is among the /16s AWS offers inside it (the model caps MaxResults at 5; a /16
 * constraint holds one). Undefined when AWS will not say: the API notes list AccessDenied for
 * this call on an account not enabled for BYOL yet, which is exactly when a range is first set.
 */
async function isManagementCidrAvailable(context: ReadContext, cidr: string): Promise<boolean | undefined> {
  try {
    const output = await context.port.call('ListAvailableManagementCidrRanges', { ManagementCidrRangeConstraint: cidr, MaxResults: 5 });
    return Array.isArray(output.ManagementCidrRanges) && output.ManagementCidrRanges.includes(cidr);
  } catch (error) {
    if ((error as { code?: string }).code === 'AWS_ACCESS_DENIED') return undefined;
    throw error;
  }
}
