/**
 * What a desired (and a live) application-association holds: the kind's properties, here with the kind that reads,
 * diffs, plans and exports them. Live resources use the same shape, so diffing compares like with like.
 */
import type { ResourceRef } from '../../model/desired.js';

export interface ApplicationAssociationProperties {
  /** The workspace, bundle or image the application is associated with. */
  readonly target: ResourceRef;
  readonly targetType: 'workspace' | 'bundle' | 'image';
  /** `wsa-…`; empty until a name the spec gave is resolved at plan time (DescribeApplications). */
  readonly applicationId: string;
  /** The application's name when the spec gave a name rather than an id. */
  readonly applicationName?: string;
}
