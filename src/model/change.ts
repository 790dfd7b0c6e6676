/** What the diff found for one resource. `action` uses Terraform's words. */
import type { DesiredResource } from './desired.js';
import type { KindName, ResourceKey } from './keys.js';
import type { LiveResource } from './live.js';

export const CHANGE_ACTIONS = ['create', 'update', 'replace', 'migrate', 'delete', 'noop'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export interface FieldChange {
  /** Dotted path in the kind's properties, e.g. `workspaceProperties.ComputeTypeName` or `rules[198.51.100.0/24]`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface Change<P = unknown> {
  readonly kind: KindName;
  readonly key: ResourceKey;
  readonly action: ChangeAction;
  /** A short sentence with the fact in it. */
  readonly reason: string;
  readonly fields: readonly FieldChange[];
  readonly desired?: DesiredResource<P>;
  readonly live?: LiveResource<P>;
}
