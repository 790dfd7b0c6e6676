/**
 * An association exists or not: create when missing; one installed only up to
 * PENDING_INSTALL_DEPLOYMENT is deployed (update); one the spec no longer lists is removed with
 * prune when its workspace is ours (associations carry no tags: owned through the workspace).
 */

import { isKind } from '../../model/kind-properties.js';
import type { Change } from '../../model/change.js';
import type { DesiredResource } from '../../model/desired.js';
import type { ApplicationAssociationProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { DiffContext } from '../kind.js';
import { resolveRef } from '../resolve-ref.js';

/** Associated but not installed until DeployWorkspaceApplications runs. */
export const AWAITING_DEPLOYMENT = 'PENDING_INSTALL_DEPLOYMENT';

/**
 * A desktop that this plan migrates (or replaces) comes back with a new id and no associations:
 * what the spec associates with it must be associated again, on the new desktop.
 */
function targetGetsNewDesktop(properties: ApplicationAssociationProperties, context: DiffContext | undefined): boolean {
  if (context === undefined || properties.targetType !== 'workspace' || !('key' in properties.target)) return false;
  const wanted = context.desiredOf?.(properties.target.key);
  const id = context.idOf(properties.target.key);
  const current = id === undefined ? undefined : context.liveById(id);
  if (!isKind(wanted, 'workspace') || !isKind(current, 'workspace')) return false;
  return resolveRef(wanted.properties.bundle, context) !== resolveRef(current.properties.bundle, context);
}

export function diffApplicationAssociation(
  desired: DesiredResource<ApplicationAssociationProperties> | undefined,
  live: LiveResource<ApplicationAssociationProperties> | undefined,
  context?: DiffContext,
): Change<ApplicationAssociationProperties> | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (desired === undefined) {
    const properties = live!.properties;
    return {
      kind: 'applicationAssociation',
      key: live!.key,
      action: 'delete',
      reason: `application ${properties.applicationId} is no longer in the spec for this ${properties.targetType}`,
      fields: [],
      live,
    };
  }
  if (live !== undefined && targetGetsNewDesktop(desired.properties, context)) {
    const properties = desired.properties;
    return {
      kind: 'applicationAssociation',
      key: desired.key,
      action: 'create',
      reason: `the desktop is migrated to a new one, which has no applications: associate ${properties.applicationId} again`,
      fields: [{ path: 'applicationId', before: undefined, after: properties.applicationId }],
      desired,
      live,
    };
  }
  if (live !== undefined) {
    if (live.state === AWAITING_DEPLOYMENT) {
      return {
        kind: 'applicationAssociation',
        key: desired.key,
        action: 'update',
        reason: 'associated but never deployed (PENDING_INSTALL_DEPLOYMENT)',
        fields: [{ path: 'state', before: live.state, after: 'COMPLETED' }],
        desired,
        live,
      };
    }
    return { kind: 'applicationAssociation', key: desired.key, action: 'noop', reason: 'associated', fields: [], desired, live };
  }
  const properties = desired.properties;
  return {
    kind: 'applicationAssociation',
    key: desired.key,
    action: 'create',
    reason: `application ${properties.applicationId} is not associated with the ${properties.targetType}`,
    fields: [{ path: 'applicationId', before: undefined, after: properties.applicationId }],
    desired,
  };
}
