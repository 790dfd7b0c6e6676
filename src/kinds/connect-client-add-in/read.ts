/**
 * Amazon Connect add-ins: DescribeConnectClientAddIns per directory the spec names one for, or every
 * registered directory when pruning (add-ins carry no tags: they are owned through their directory).
 */
import type { ConnectClientAddInProperties } from './properties.js';
import { connectClientAddInKey } from '../../model/keys.js';
import type { LiveResource } from '../../model/live.js';
import { directoriesToVisit } from '../directories-to-visit.js';
import type { ReadContext } from '../kind.js';
import { readPages } from '../read-pages.js';

export function addInToLive(item: Record<string, any>): LiveResource<ConnectClientAddInProperties> {
  return {
    kind: 'connectClientAddIn',
    key: connectClientAddInKey(item.ResourceId, item.Name),
    id: item.AddInId,
    properties: { directoryId: item.ResourceId, name: item.Name, url: item.URL },
  };
}

export async function readConnectClientAddIns(context: ReadContext): Promise<LiveResource<ConnectClientAddInProperties>[]> {
  const live: LiveResource<ConnectClientAddInProperties>[] = [];
  for (const directoryId of directoriesToVisit(context, 'connectClientAddIn', true)) {
    const items = await readPages(context.port, 'DescribeConnectClientAddIns', { ResourceId: directoryId, MaxResults: 25 }, 'AddIns');
    live.push(...items.map((item) => addInToLive({ ResourceId: directoryId, ...item })));
  }
  return live;
}
