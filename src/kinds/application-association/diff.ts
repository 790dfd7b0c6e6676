/** An association exists or not: create when missing (spec removal leaves it: no ownership tag). */
import type { Change } from '../../model/change.js';
import type { ApplicationAssociationProperties, DesiredResource } from '../../model/desired.js';
import type { LiveResource } from '../../model/live.js';

export function diffApplicationAssociation(desired: DesiredResource | undefined, live: LiveResource | undefined): Change | undefined {
  if (desired === undefined) return undefined;
  if (live !== undefined) return { kind: 'applicationAssociation', key: desired.key, action: 'noop', reason: 'associated', fields: [], desired, live };
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
