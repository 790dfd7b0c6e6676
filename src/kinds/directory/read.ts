/**
 * Directories: DescribeWorkspaceDirectories in pages of 25 (≤ 50 registered per Region, so two
 * calls at most), plus DescribeClientProperties in batches of 25 only for the declared
 * directories whose client properties the spec sets.
 */

import { isKind } from '../../model/kind-properties.js';
import type { ClientProperties } from '@aws-sdk/client-workspaces';
import type { DirectoryProperties } from './properties.js';
import { directoryKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import type { ReadContext } from '../kind.js';
import { chunkBy } from '../chunk-by.js';
import { readPages } from '../read-pages.js';

/** Kinds that live inside a directory: declaring one means the directory must be read. */
const KINDS_INSIDE_DIRECTORIES = new Set(['directory', 'workspace', 'pool', 'connectionAlias', 'clientBranding', 'connectClientAddIn']);

export function directoryToLive(item: Record<string, any>, clientProperties?: ClientProperties): LiveResource<DirectoryProperties> {
  const ipGroupIds: string[] = [...(item.ipGroupIds ?? [])].sort();
  const properties: DirectoryProperties = dropUndefined({
    directoryId: item.DirectoryId,
    subnetIds: item.SubnetIds,
    tenancy: item.Tenancy,
    ipGroups: ipGroupIds.map((id) => ({ id })),
    selfservicePermissions: item.SelfservicePermissions,
    workspaceCreationProperties: item.WorkspaceCreationProperties,
    workspaceAccessProperties: item.WorkspaceAccessProperties,
    samlProperties: item.SamlProperties,
    certificateBasedAuthProperties: item.CertificateBasedAuthProperties,
    streamingProperties: item.StreamingProperties,
    endpointEncryptionMode: item.EndpointEncryptionMode,
    clientProperties,
  });
  return {
    kind: 'directory',
    key: directoryKey(item.DirectoryId),
    id: item.DirectoryId,
    state: item.State,
    properties,
    details: { ipGroupIds, directoryName: item.DirectoryName, directoryType: item.DirectoryType },
  };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

export async function readDirectories(context: ReadContext): Promise<LiveResource<DirectoryProperties>[]> {
  const needed = context.desired.resources.some((resource) => KINDS_INSIDE_DIRECTORIES.has(resource.kind));
  if (!needed && !context.desired.policy.prune) return [];
  const items = await readPages(context.port, 'DescribeWorkspaceDirectories', { Limit: 25 }, 'Directories');
  // DEREGISTERED is shown only briefly before the id disappears: it is gone already.
  const registered = items.filter((item) => item.State !== 'DEREGISTERED');
  const clientProperties = await readClientProperties(context, registered);
  return registered.map((item) => directoryToLive(item, clientProperties.get(item.DirectoryId!)));
}

async function readClientProperties(context: ReadContext, items: readonly Record<string, any>[]): Promise<Map<string, ClientProperties>> {
  const wanted = new Set(
    context.desired.resources
      .filter((resource) => isKind(resource, 'directory'))
      .filter((resource) => resource.properties.clientProperties !== undefined)
      .map((resource) => resource.properties.directoryId),
  );
  const ids = items.map((item) => item.DirectoryId as string).filter((id) => wanted.has(id));
  const found = new Map<string, ClientProperties>();
  for (const chunk of chunkBy(ids, 25)) {
    const output = await context.port.call('DescribeClientProperties', { ResourceIds: chunk });
    for (const entry of output.ClientPropertiesList ?? []) found.set(entry.ResourceId!, entry.ClientProperties ?? {});
  }
  return found;
}
