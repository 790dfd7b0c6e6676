/** `account:` — account-level settings (BYOL): one object, not a map. */
import type { AccountProperties } from './properties.js';
import { accountKey } from '../../model/keys.js';
import { obj, oneOfValues, str, type SchemaType } from '../../spec/schema-builders.js';
import { compact, defineKindSpec } from '../kind-spec.js';

const account = obj('Account-level settings (BYOL).', {
  dedicatedTenancySupport: oneOfValues('ENABLED to allow BYOL (DEDICATED tenancy).', ['ENABLED', 'DISABLED']),
  managementCidrRange: str('The /16 management network range for BYOL.', {
    title: 'a.b.0.0/16 range',
    pattern: '^(\\d|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-5])\\.(\\d|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-5])\\.0\\.0/16$',
  }),
});

export type SpecAccount = SchemaType<typeof account>;

export const accountSpec = defineKindSpec({
  section: 'account',
  schema: account,
  toDesired(entry, context) {
    const accountId = context.spec.metadata.account;
    const properties: AccountProperties = compact({
      accountId,
      dedicatedTenancySupport: entry.dedicatedTenancySupport,
      dedicatedTenancyManagementCidrRange: entry.managementCidrRange,
    });
    context.add({ kind: 'account', key: accountKey(accountId), properties, tags: {}, path: ['account'] });
  },
});
