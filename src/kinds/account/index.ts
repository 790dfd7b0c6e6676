/** The account kind: BYOL dedicated tenancy settings of the account (never created or deleted). */
import type { AccountProperties } from './properties.js';
import type { KindDefinition } from '../kind.js';
import { accountSpec } from './spec.js';
import { diffAccount } from './diff.js';
import { readAccount } from './read.js';
import { accountSteps, latestModificationState } from './rules.js';

export const accountKind: KindDefinition<AccountProperties> = {
  kind: 'account',
  spec: accountSpec,
  description: 'account BYOL settings (dedicated tenancy, management CIDR range)',
  read: readAccount,
  diff: diffAccount,
  steps: accountSteps,
  // ModifyAccount only starts the change: BYOL imports and DEDICATED registrations need it COMPLETED.
  waiter: {
    operation: 'DescribeAccountModifications',
    idsMember: '',
    max: 1,
    listMember: 'AccountModifications',
    idField: '',
    stateField: 'ModificationState',
    stateOf: latestModificationState,
  },
};

declare module '../../model/kind-properties.js' {
  interface PropertiesByKind {
    account: AccountProperties;
  }
}
