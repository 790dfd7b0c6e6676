/**
 * Application associations: one Describe{Workspace,Bundle,Image}Associations per target the
 * spec associates an application with (the API has no bulk read). Associations carry no tags:
 * a live-only one on a target that is read is removed with prune when the workspace is ours (one on
 * a workspace the spec associates nothing with any more is not read, so it stays).
 */

import { isKind } from '../../model/kind-properties.js';
import type { ApplicationAssociationProperties } from './properties.js';
import { applicationAssociationKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { ApiPort, ReadContext } from '../kind.js';

type AssociationsRead = (
  port: ApiPort,
  id: string,
) => Promise<{ readonly Associations?: readonly { readonly State?: string; readonly AssociatedResourceId?: string }[] }>;

const READ_ASSOCIATIONS: Readonly<Record<ApplicationAssociationProperties['targetType'], AssociationsRead>> = {
  workspace: (port, id) => port.call('DescribeWorkspaceAssociations', { WorkspaceId: id, AssociatedResourceTypes: ['APPLICATION'] }),
  bundle: (port, id) => port.call('DescribeBundleAssociations', { BundleId: id, AssociatedResourceTypes: ['APPLICATION'] }),
  image: (port, id) => port.call('DescribeImageAssociations', { ImageId: id, AssociatedResourceTypes: ['APPLICATION'] }),
};

/** States in which the application is (or is becoming) associated. */
const PRESENT = new Set(['PENDING_INSTALL', 'PENDING_INSTALL_DEPLOYMENT', 'INSTALLING', 'COMPLETED']);

export function associationToLive(
  targetKey: string,
  targetId: string,
  targetType: ApplicationAssociationProperties['targetType'],
  item: Record<string, any>,
): LiveResource<ApplicationAssociationProperties> {
  return {
    kind: 'applicationAssociation',
    key: applicationAssociationKey(targetKey, item.AssociatedResourceId),
    state: item.State,
    properties: { target: { id: targetId }, targetType, applicationId: item.AssociatedResourceId },
  };
}

export async function readApplicationAssociations(context: ReadContext): Promise<LiveResource<ApplicationAssociationProperties>[]> {
  const declared = context.desired.resources.filter((resource) => isKind(resource, 'applicationAssociation'));
  const targets = new Map<string, { key: string; id: string; type: ApplicationAssociationProperties['targetType'] }>();
  const byKey = new Map(context.readSoFar.map((resource) => [resource.key, resource]));
  const byId = new Map(context.readSoFar.filter((resource) => resource.id).map((resource) => [resource.id!, resource]));
  for (const resource of declared) {
    const properties = resource.properties;
    const target = 'key' in properties.target ? byKey.get(properties.target.key) : byId.get(properties.target.id);
    if (target?.id !== undefined) targets.set(target.id, { key: target.key, id: target.id, type: properties.targetType });
  }
  const live: LiveResource<ApplicationAssociationProperties>[] = [];
  for (const target of [...targets.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const output = await READ_ASSOCIATIONS[target.type](context.port, target.id);
    for (const item of output.Associations ?? [])
      if (item.State !== undefined && PRESENT.has(item.State)) live.push(associationToLive(target.key, target.id, target.type, item));
  }
  return live;
}
