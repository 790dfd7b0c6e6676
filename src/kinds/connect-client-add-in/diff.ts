/** Add-in diff: the URL is the one thing UpdateConnectClientAddIn changes (the name is the key). */
import type { Change } from '../../model/change.js';
import type { DesiredResource } from '../../model/desired.js';
import type { ConnectClientAddInProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import { scalarChange } from '../field-changes.js';

export function diffConnectClientAddIn(
  desired: DesiredResource<ConnectClientAddInProperties> | undefined,
  live: LiveResource<ConnectClientAddInProperties> | undefined,
): Change<ConnectClientAddInProperties> | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (live === undefined) {
    const properties = desired!.properties;
    return {
      kind: 'connectClientAddIn',
      key: desired!.key,
      action: 'create',
      reason: `no add-in ${properties.name} in ${properties.directoryId}`,
      fields: [],
      desired,
    };
  }
  if (desired === undefined)
    return { kind: 'connectClientAddIn', key: live.key, action: 'delete', reason: `add-in ${live.id} is no longer in the spec`, fields: [], live };
  const fields = scalarChange('url', desired.properties.url, live.properties.url);
  if (fields.length === 0) return { kind: 'connectClientAddIn', key: desired.key, action: 'noop', reason: 'in sync', fields, desired, live };
  return { kind: 'connectClientAddIn', key: desired.key, action: 'update', reason: `url of add-in ${live.id} differs`, fields, desired, live };
}
