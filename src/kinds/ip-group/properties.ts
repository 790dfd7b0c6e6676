/**
 * What a desired (and a live) ip-group holds: the kind's properties, here with the kind that reads,
 * diffs, plans and exports them. Live resources use the same shape, so diffing compares like with like.
 */

export interface IpRule {
  readonly cidr: string;
  readonly description?: string;
}

export interface IpGroupProperties {
  readonly name: string;
  readonly description?: string;
  readonly rules: readonly IpRule[];
}
