/**
 * Account link diff. Only declared links are diffed: a link or invitation the spec does not list
 * is never touched (above all, an invitation from another account is never accepted unless the
 * spec says `accept` for that account).
 */
import type { Change } from '../../model/change.js';
import type { DesiredResource } from '../../model/desired.js';
import type { AccountLinkProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';

const PENDING = 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT';

export function diffAccountLink(
  desired: DesiredResource<AccountLinkProperties> | undefined,
  live: LiveResource<AccountLinkProperties> | undefined,
): Change<AccountLinkProperties> | undefined {
  if (desired === undefined) return undefined;
  const want = desired.properties;
  const base = { kind: 'accountLink' as const, key: desired.key, desired, ...(live === undefined ? {} : { live }) };
  const incomingPending = live !== undefined && live.properties.role === 'accept' && live.state === PENDING;
  if (want.role === 'invite' && (live === undefined || live.state === 'REJECTED' || live.state === 'DELETED')) {
    return { ...base, action: 'create', reason: `no open invitation to or link with ${want.account}`, fields: [] };
  }
  if ((want.role === 'accept' || want.role === 'reject') && incomingPending) {
    return {
      ...base,
      action: 'update',
      reason: `${want.account} invited this account; the spec says ${want.role}`,
      fields: [{ path: 'state', before: live!.state, after: want.role === 'accept' ? 'LINKED' : 'REJECTED' }],
    };
  }
  return { ...base, action: 'noop', reason: live === undefined ? `no invitation from ${want.account} yet` : `link is ${live.state}`, fields: [] };
}
