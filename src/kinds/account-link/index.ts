/** The account link kind: links between this account and others (invite, accept or reject). */
import type { AccountLinkProperties } from './properties.js';
import type { KindDefinition } from '../kind.js';
import { accountLinkSpec } from './spec.js';
import { diffAccountLink } from './diff.js';
import { readAccountLinks } from './read.js';
import { accountLinkSteps } from './rules.js';

export const accountLinkKind: KindDefinition<AccountLinkProperties> = {
  kind: 'accountLink',
  spec: accountLinkSpec,
  description: 'account links (link-…): invitations this account sends, accepts or rejects',
  read: readAccountLinks,
  diff: diffAccountLink,
  steps: accountLinkSteps,
};

declare module '../../model/kind-properties.js' {
  interface PropertiesByKind {
    accountLink: AccountLinkProperties;
  }
}
