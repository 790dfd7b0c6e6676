/**
 * Account links: ListAccountLinks (pages of up to 10), only when the spec declares links. Each
 * link is keyed by the other account; of several links with one account (a rejected invitation,
 * then a new one) the open or linked one is kept.
 */
import type { AccountLinkProperties } from './properties.js';
import { accountLinkKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { ReadContext } from '../kind.js';
import { readPages } from '../read-pages.js';

/** Later in this list = more relevant when one account has several links. */
const RELEVANCE = ['DELETED', 'REJECTED', 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT', 'LINKED'];

export function accountLinkToLive(item: Record<string, any>, thisAccount: string): LiveResource<AccountLinkProperties> {
  const outgoing = item.SourceAccountId === thisAccount;
  const other = outgoing ? item.TargetAccountId : item.SourceAccountId;
  return {
    kind: 'accountLink',
    key: accountLinkKey(other),
    // no `id`: links take no tags (the tagging API does not reach them), so nothing reads tags by it
    state: item.AccountLinkStatus,
    properties: { account: other, role: outgoing ? 'invite' : 'accept' },
    details: { linkId: item.AccountLinkId },
  };
}

export async function readAccountLinks(context: ReadContext): Promise<LiveResource<AccountLinkProperties>[]> {
  if (!context.desired.resources.some((resource) => resource.kind === 'accountLink')) return [];
  const items = await readPages(context.port, 'ListAccountLinks', { MaxResults: 10 }, 'AccountLinks');
  const byKey = new Map<string, LiveResource<AccountLinkProperties>>();
  for (const item of items) {
    const live = accountLinkToLive(item, context.desired.environment.account);
    const kept = byKey.get(live.key);
    if (kept === undefined || RELEVANCE.indexOf(live.state ?? '') > RELEVANCE.indexOf(kept.state ?? '')) byKey.set(live.key, live);
  }
  return [...byKey.values()];
}
