/** Account BYOL settings: one DescribeAccount, only when the spec declares the account. */
import type { AccountProperties } from '../../model/desired.js';
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

export async function readAccount(context: ReadContext): Promise<LiveResource[]> {
  const declared = context.desired.resources.find((resource) => resource.kind === 'account');
  if (declared === undefined) return [];
  const output = await context.port.call('DescribeAccount', {});
  return [accountToLive((declared.properties as AccountProperties).accountId, output)];
}
