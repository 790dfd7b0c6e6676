/**
 * What a desired (and a live) account-link holds: the kind's properties, here with the kind that reads,
 * diffs, plans and exports them. Live resources use the same shape, so diffing compares like with like.
 */

/** What this account does about a link with another one (account links). */
export const ACCOUNT_LINK_ROLES = ['invite', 'accept', 'reject'] as const;

export type AccountLinkRole = (typeof ACCOUNT_LINK_ROLES)[number];

export interface AccountLinkProperties {
  /** The other account of the link. */
  readonly account: string;
  /**
   * invite: this account invites it (CreateAccountLinkInvitation); accept/reject: its invitation to
   * this account is accepted/rejected when it arrives. Live: `invite` when this account is the source.
   */
  readonly role: AccountLinkRole;
}
