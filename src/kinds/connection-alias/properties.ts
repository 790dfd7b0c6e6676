/**
 * What a desired (and a live) connection-alias holds: the kind's properties, here with the kind that reads,
 * diffs, plans and exports them. Live resources use the same shape, so diffing compares like with like.
 */
import type { ResourceRef } from '../../model/desired.js';

export interface ConnectionAliasProperties {
  readonly connectionString: string;
  /** Directories to associate with (at most one per Region). */
  readonly associate: readonly ResourceRef[];
  readonly sharedWith: readonly string[];
}
