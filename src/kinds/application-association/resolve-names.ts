/**
 * Applications by name: the spec may name an application (`application: Microsoft Visio Professional
 * 2021`) instead of giving its id. Before the plan, one paged DescribeApplications (25 per page, the
 * API's maximum) lists the applications this account can use, and each name must match exactly one
 * `Name`; no name in the spec, no call.
 */
import { PlanError } from '../../errors.js';
import type { ApiPort } from '../../model/api-port.js';
import type { DesiredResource } from '../../model/desired.js';
import type { ApplicationAssociationProperties } from './properties.js';
import { applicationAssociationKey } from '../../model/keys.js';
import { readPages } from '../read-pages.js';

type Association = DesiredResource<ApplicationAssociationProperties>;

export async function resolveApplicationNames(desired: readonly Association[], port: ApiPort): Promise<Association[]> {
  if (!desired.some((resource) => resource.properties.applicationName !== undefined)) return [...desired];
  const applications = await readPages(port, 'DescribeApplications', { MaxResults: 25 }, 'Applications');
  const idsByName = new Map<string, string[]>();
  for (const application of applications) {
    if (typeof application.Name !== 'string' || typeof application.ApplicationId !== 'string') continue;
    idsByName.set(application.Name, [...(idsByName.get(application.Name) ?? []), application.ApplicationId]);
  }
  return desired.map((resource) => {
    const name = resource.properties.applicationName;
    if (name === undefined) return resource;
    const id = onlyMatch(resource, name, idsByName.get(name) ?? [], applications.length);
    const { target, targetType } = resource.properties;
    const targetKey = 'key' in target ? target.key : `${targetType}/${target.id}`;
    return { ...resource, key: applicationAssociationKey(targetKey, id), properties: { ...resource.properties, applicationId: id } };
  });
}

function onlyMatch(resource: Association, name: string, ids: readonly string[], listed: number): string {
  if (ids.length === 1) return ids[0]!;
  const location = resource.fieldSources?.application ?? resource.source;
  if (ids.length === 0) {
    throw new PlanError(
      'PLAN_APPLICATION_UNKNOWN',
      `application "${name}": no application of that name (DescribeApplications lists ${listed}); give its exact name or its id (wsa-…)`,
      { location },
    );
  }
  throw new PlanError(
    'PLAN_APPLICATION_AMBIGUOUS',
    `application "${name}": ${ids.length} applications have that name (${[...ids].sort().join(', ')}); give its id (wsa-…)`,
    { location },
  );
}
