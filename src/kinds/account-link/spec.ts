/** `accountLinks:` — keyed by the other account; the value is this account's role in the link. */
import type { AccountLinkProperties } from './properties.js';
import { accountLinkKey } from '../../model/keys.js';
import { mapOf, oneOfValues } from '../../spec/schema-builders.js';
import { defineKindSpec } from '../kind-spec.js';

const accountLinks = mapOf(
  'Account links, keyed by the other account: invite (this account sends the invitation), accept or reject (its invitation to this account, when it arrives). An invitation from an account not listed here is never accepted.',
  oneOfValues('invite, accept or reject.', ['invite', 'accept', 'reject']),
  { title: '12-digit AWS account id', pattern: '^\\d{12}$' },
);

export const accountLinkSpec = defineKindSpec({
  section: 'accountLinks',
  schema: accountLinks,
  toDesired(links, context) {
    for (const [account, role] of Object.entries(links)) {
      const properties: AccountLinkProperties = { account, role };
      context.add({ kind: 'accountLink', key: accountLinkKey(account), properties, tags: {}, path: ['accountLinks', account] });
    }
  },
});
