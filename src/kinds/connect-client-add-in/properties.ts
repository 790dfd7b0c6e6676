/**
 * What a desired (and a live) connect-client-add-in holds: the kind's properties, here with the kind that reads,
 * diffs, plans and exports them. Live resources use the same shape, so diffing compares like with like.
 */

export interface ConnectClientAddInProperties {
  readonly directoryId: string;
  readonly name: string;
  readonly url: string;
}
