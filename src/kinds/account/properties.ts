/**
 * What a desired (and a live) account holds: the kind's properties, here with the kind that reads,
 * diffs, plans and exports them. Live resources use the same shape, so diffing compares like with like.
 */

export interface AccountProperties {
  readonly accountId: string;
  readonly dedicatedTenancySupport?: 'ENABLED' | 'DISABLED';
  readonly dedicatedTenancyManagementCidrRange?: string;
}
