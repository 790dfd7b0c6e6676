/** The application catalogue (read-only, seeded) and application associations with WorkSpaces. */
import { AwsError, alreadyExists, inUse, notFound } from '../errors.js';
import { pageOf } from '../pagination.js';
import type { Json, Rec } from '../store.js';
import { limitOf, nowSeconds, requireRec, type Context, type Handlers } from './context.js';
import { findImage } from './images.js';
import { findBundle } from './workspaces.js';

function requireApplication(ctx: Context, id: string): Json {
  const application = ctx.store.catalogue.applications.find((a) => a.ApplicationId === id);
  if (!application) throw notFound(id, 'application');
  return application;
}

function describeApplications(input: Json, ctx: Context): Json {
  let apps = ctx.store.catalogue.applications.map((data, index) => ({ seq: index + 1, data }));
  const hasAny = (list: string[] | undefined, values: string[]): boolean => !list || values.some((v) => list.includes(v));
  if (input.ApplicationIds) apps = apps.filter((a) => input.ApplicationIds.includes(a.data.ApplicationId));
  apps = apps.filter(
    (a) => hasAny(input.ComputeTypeNames, a.data.SupportedComputeTypeNames) && hasAny(input.OperatingSystemNames, a.data.SupportedOperatingSystemNames),
  );
  if (input.LicenseType) apps = apps.filter((a) => a.data.LicenseType === input.LicenseType);
  if (input.Owner) apps = apps.filter((a) => a.data.Owner === input.Owner);
  const page = pageOf('DescribeApplications', apps, input.NextToken, limitOf(ctx, input, 'MaxResults'));
  return { Applications: page.items.map((a) => a.data), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

const associationKey = (workspaceId: string, applicationId: string): string => `${workspaceId}|${applicationId}`;

function associate(input: Json, ctx: Context): Json {
  const ws = requireRec(ctx, 'workspaces', input.WorkspaceId, 'WorkSpace');
  const application = requireApplication(ctx, input.ApplicationId);
  const key = associationKey(input.WorkspaceId, input.ApplicationId);
  if (ctx.store.maps.associations.has(key)) throw alreadyExists(`Application ${input.ApplicationId} is already associated with ${input.WorkspaceId}.`);
  const props: Json = ws.data.WorkspaceProperties;
  if (!application.SupportedComputeTypeNames.includes(props.ComputeTypeName))
    throw new AwsError('ComputeNotCompatibleException', `Application ${input.ApplicationId} does not support compute type ${props.ComputeTypeName}.`);
  if (props.OperatingSystemName && !application.SupportedOperatingSystemNames.includes(props.OperatingSystemName))
    throw new AwsError('OperatingSystemNotCompatibleException', `Application ${input.ApplicationId} does not support ${props.OperatingSystemName}.`);
  if (!['AVAILABLE', 'STOPPED'].includes(ws.data.State)) throw inUse(input.WorkspaceId, `WorkSpace ${input.WorkspaceId} is ${ws.data.State}.`);
  const now = nowSeconds(ctx);
  const data: Json = {
    AssociatedResourceId: input.ApplicationId,
    AssociatedResourceType: 'APPLICATION',
    Created: now,
    LastUpdatedTime: now,
    State: 'PENDING_INSTALL_DEPLOYMENT',
    WorkspaceId: input.WorkspaceId,
  };
  ctx.store.maps.associations.set(key, { seq: ctx.store.nextSeq(), data });
  return { Association: data };
}

function requireAssociation(ctx: Context, workspaceId: string, applicationId: string): Rec {
  requireRec(ctx, 'workspaces', workspaceId, 'WorkSpace');
  requireApplication(ctx, applicationId);
  return requireRec(ctx, 'associations', associationKey(workspaceId, applicationId), 'application association');
}

function disassociate(input: Json, ctx: Context): Json {
  const rec = requireAssociation(ctx, input.WorkspaceId, input.ApplicationId);
  if (rec.data.State.startsWith('PENDING_INSTALL')) {
    ctx.store.maps.associations.delete(associationKey(input.WorkspaceId, input.ApplicationId)); // never installed: just forget it
    return { Association: { ...rec.data, State: 'REMOVED' } };
  }
  rec.data.State = 'PENDING_UNINSTALL_DEPLOYMENT';
  rec.data.LastUpdatedTime = nowSeconds(ctx);
  return { Association: rec.data };
}

function associationsOf(ctx: Context, workspaceId: string): Rec[] {
  return [...ctx.store.maps.associations.values()].filter((a) => a.data.WorkspaceId === workspaceId);
}

/** Installs/uninstalls what is pending on the WorkSpace (done at once in the emulator). */
function deploy(input: Json, ctx: Context): Json {
  const ws = requireRec(ctx, 'workspaces', input.WorkspaceId, 'WorkSpace');
  if (!['AVAILABLE', 'STOPPED'].includes(ws.data.State)) throw inUse(input.WorkspaceId, `WorkSpace ${input.WorkspaceId} is ${ws.data.State}.`);
  const now = nowSeconds(ctx);
  const deployed: Json[] = [];
  for (const rec of associationsOf(ctx, input.WorkspaceId)) {
    if (rec.data.State === 'PENDING_INSTALL_DEPLOYMENT' || (input.Force && rec.data.State === 'ERROR')) rec.data.State = 'COMPLETED';
    else if (rec.data.State === 'PENDING_UNINSTALL_DEPLOYMENT') {
      rec.data.State = 'REMOVED';
      ctx.store.maps.associations.delete(associationKey(input.WorkspaceId, rec.data.AssociatedResourceId));
    } else continue;
    rec.data.LastUpdatedTime = now;
    deployed.push(rec.data);
  }
  return { Deployment: { Associations: deployed } };
}

function describeWorkspaceAssociations(input: Json, ctx: Context): Json {
  requireRec(ctx, 'workspaces', input.WorkspaceId, 'WorkSpace');
  return { Associations: associationsOf(ctx, input.WorkspaceId).map((a) => a.data) };
}

function describeApplicationAssociations(input: Json, ctx: Context): Json {
  requireApplication(ctx, input.ApplicationId);
  const wanted: string[] = input.AssociatedResourceTypes;
  const recs = wanted.includes('WORKSPACE') ? [...ctx.store.maps.associations.values()].filter((a) => a.data.AssociatedResourceId === input.ApplicationId) : [];
  const page = pageOf('DescribeApplicationAssociations', recs, input.NextToken, limitOf(ctx, input, 'MaxResults'));
  const view = (a: Json): Json => ({
    ApplicationId: a.AssociatedResourceId,
    AssociatedResourceId: a.WorkspaceId,
    AssociatedResourceType: 'WORKSPACE',
    Created: a.Created,
    LastUpdatedTime: a.LastUpdatedTime,
    State: a.State,
  });
  return { Associations: page.items.map((r) => view(r.data)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/**
 * Bundles and images carry no application associations here: no API in this model creates one.
 * Amazon-owned bundles and images are known (DescribeWorkspaceBundles/Images list them), so they
 * answer an empty list like the account's own, not ResourceNotFoundException.
 */
function describeBundleAssociations(input: Json, ctx: Context): Json {
  if (!findBundle(ctx, input.BundleId)) throw notFound(input.BundleId, 'bundle');
  return { Associations: [] };
}

function describeImageAssociations(input: Json, ctx: Context): Json {
  if (!findImage(ctx, input.ImageId)) throw notFound(input.ImageId, 'image');
  return { Associations: [] };
}

export const applicationHandlers: Handlers = {
  DescribeApplications: describeApplications,
  AssociateWorkspaceApplication: associate,
  DisassociateWorkspaceApplication: disassociate,
  DeployWorkspaceApplications: deploy,
  DescribeWorkspaceAssociations: describeWorkspaceAssociations,
  DescribeApplicationAssociations: describeApplicationAssociations,
  DescribeBundleAssociations: describeBundleAssociations,
  DescribeImageAssociations: describeImageAssociations,
};
