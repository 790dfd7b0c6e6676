/**
 * An association exists or not: create when missing; one installed only up to
 * PENDING_INSTALL_DEPLOYMENT is deployed (update); one the spec no longer lists is removed with
 * prune when its workspace is ours (associations carry no tags: owned through the workspace).
 */
import type { Change } from '../../model/change.js';
import type { ApplicationAssociationProperties, DesiredResource } from '../../model/desired.js';
import type { LiveResource } from '../../model/live.js';

/** Associated but not installed until DeployWorkspaceApplications runs. */
export const AWAITING_DEPLOYMENT = 'PENDING_INSTALL_DEPLOYMENT';

export function diffApplicationAssociation(desired: DesiredResource | undefined, live: LiveResource | undefined): Change | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (desired === undefined) {
    const properties = live!.properties as ApplicationAssociationProperties;
    return { kind: 'applicationAssociation', key: live!.key, action: 'delete', reason: `application ${properties.applicationId} is no longer in the spec for this ${properties.targetType}`, fields: [], live };
  }
  if (live !== undefined) {
    if (live.state === AWAITING_DEPLOYMENT) {
      return { kind: 'applicationAssociation', key: desired.key, action: 'update', reason: 'associated but never deployed (PENDING_INSTALL_DEPLOYMENT)', fields: [{ path: 'state', before: live.state, after: 'COMPLETED' }], desired, live };
    }
    return { kind: 'applicationAssociation', key: desired.key, action: 'noop', reason: 'associated', fields: [], desired, live };
  }
  const properties = desired.properties as ApplicationAssociationProperties;
  return {
    kind: 'applicationAssociation',
    key: desired.key,
    action: 'create',
    reason: `application ${properties.applicationId} is not associated with the ${properties.targetType}`,
    fields: [{ path: 'applicationId', before: undefined, after: properties.applicationId }],
    desired,
  };
}
