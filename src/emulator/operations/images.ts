/** Images: create from a WorkSpace, copy, BYOL import, custom import, updated image, sharing, delete. */
import { DURATION } from '../clock.js';
import { alreadyExists, associated, invalidParameter, invalidState, limitExceeded, notFound, unavailable } from '../errors.js';
import { ID_FORMAT, newId } from '../ids.js';
import { pageOf } from '../pagination.js';
import type { Json, Rec } from '../store.js';
import { limitOf, nowSeconds, requireRec, tagOnCreate, transition, type Context, type Handlers } from './context.js';

export function findImage(ctx: Context, imageId: string): Json | undefined {
  return ctx.store.maps.images.get(imageId)?.data ?? ctx.store.catalogue.images.find((i) => i.ImageId === imageId);
}

const requireImage = (ctx: Context, id: string): Rec => requireRec(ctx, 'images', id, 'image');

/** Adds a PENDING image of this account that becomes AVAILABLE after the image duration. */
function newImage(
  ctx: Context,
  fields: { Name: string; Description?: string; OperatingSystem: Json; RequiredTenancy?: string; Tags?: Json[] },
  internal: Json = {},
): Rec {
  const { store } = ctx;
  if ([...store.maps.images.values()].some((i) => i.data.Name === fields.Name)) throw alreadyExists(`An image named ${fields.Name} already exists.`);
  if (store.maps.images.size >= store.quotas.images) throw limitExceeded(`At most ${store.quotas.images} images per Region.`);
  const id = newId(ID_FORMAT.image[0], ID_FORMAT.image[1], (c) => store.maps.images.has(c));
  tagOnCreate(ctx, id, fields.Tags);
  const rec: Rec = {
    seq: store.nextSeq(),
    data: {
      ImageId: id,
      Name: fields.Name,
      ...(fields.Description !== undefined ? { Description: fields.Description } : {}),
      OperatingSystem: fields.OperatingSystem,
      State: 'PENDING',
      RequiredTenancy: fields.RequiredTenancy ?? 'DEFAULT',
      Created: nowSeconds(ctx),
      OwnerAccountId: store.account,
      // own images carry Updates (UpdateResult); a new image has the current drivers and agents
      Updates: { UpdateAvailable: false },
    },
    sharedWith: [] as string[],
    ...internal,
  };
  store.maps.images.set(id, rec);
  transition(ctx, 'images', id, 'AVAILABLE', DURATION.image);
  return rec;
}

function osTypeOf(operatingSystemName: string | undefined): string {
  return /LINUX|UBUNTU|RHEL|ROCKY/.test(operatingSystemName ?? '') ? 'LINUX' : 'WINDOWS';
}

function createWorkspaceImage(input: Json, ctx: Context): Json {
  const ws = requireRec(ctx, 'workspaces', input.WorkspaceId, 'WorkSpace');
  if (ws.data.State !== 'AVAILABLE' || ws.data.ModificationStates?.length)
    throw invalidState(`WorkSpace ${input.WorkspaceId} is ${ws.data.State}; an image needs an AVAILABLE WorkSpace with no modification in progress.`);
  const rec = newImage(ctx, {
    Name: input.Name,
    Description: input.Description,
    OperatingSystem: { Type: osTypeOf(ws.data.WorkspaceProperties?.OperatingSystemName) },
    Tags: input.Tags,
  });
  // the source WorkSpace is SUSPENDED while the image is taken
  ws.data.State = 'SUSPENDED';
  transition(ctx, 'workspaces', input.WorkspaceId, 'AVAILABLE', DURATION.image);
  const { ImageId, Name, Description, OperatingSystem, State, RequiredTenancy, Created, OwnerAccountId } = rec.data;
  return { ImageId, Name, Description, OperatingSystem, State, RequiredTenancy, Created, OwnerAccountId };
}

/**
 * Images another account of the emulator shares with this one in `region` (UpdateWorkspaceImagePermission
 * AllowCopyImage): DescribeWorkspaceImages `ImageType: SHARED` lists them, CopyWorkspaceImage copies them.
 */
function imagesSharedWith(ctx: Context, region: string): Rec[] {
  return ctx.world
    .storesIn(region)
    .filter((store) => store.account !== ctx.store.account)
    .flatMap((store) => [...store.maps.images.values()].filter((rec) => (rec.sharedWith as string[]).includes(ctx.store.account)));
}

function copyWorkspaceImage(input: Json, ctx: Context): Json {
  // the source is the account's own image in SourceRegion (this Region when the same), or one shared with it there
  const region: string = input.SourceRegion;
  const home = ctx.world.storeFor({ account: ctx.store.account, region });
  const source = home?.maps.images.get(input.SourceImageId) ?? imagesSharedWith(ctx, region).find((rec) => rec.data.ImageId === input.SourceImageId);
  if (!source) throw notFound(input.SourceImageId, 'image');
  if (source.data.State !== 'AVAILABLE') throw unavailable(input.SourceImageId, `Image ${input.SourceImageId} is ${source.data.State}.`);
  return { ImageId: imageFrom(ctx, source, input).data.ImageId };
}

function requireByol(ctx: Context): void {
  if (ctx.store.accountSettings.DedicatedTenancySupport !== 'ENABLED')
    throw invalidParameter('The account is not enabled for BYOL (ModifyAccount DedicatedTenancySupport=ENABLED).');
}

function importWorkspaceImage(input: Json, ctx: Context): Json {
  requireByol(ctx);
  if (!ctx.store.ec2ImageIds.has(input.Ec2ImageId)) throw notFound(input.Ec2ImageId, 'EC2 image');
  const rec = newImage(
    ctx,
    { Name: input.ImageName, Description: input.ImageDescription, OperatingSystem: { Type: 'WINDOWS' }, RequiredTenancy: 'DEDICATED', Tags: input.Tags },
    { importedFrom: input.Ec2ImageId },
  );
  return { ImageId: rec.data.ImageId };
}

function importCustomWorkspaceImage(input: Json, ctx: Context): Json {
  const source: Json = input.ImageSource;
  if (source.Ec2ImageId && !ctx.store.ec2ImageIds.has(source.Ec2ImageId)) throw notFound(source.Ec2ImageId, 'EC2 image');
  const rec = newImage(
    ctx,
    {
      Name: input.ImageName,
      Description: input.ImageDescription,
      OperatingSystem: { Type: input.Platform === 'WINDOWS' ? 'WINDOWS' : 'LINUX' },
      Tags: input.Tags,
    },
    {
      customImport: { InfrastructureConfigurationArn: input.InfrastructureConfigurationArn, ImageSource: source, Created: nowSeconds(ctx) },
    },
  );
  return { ImageId: rec.data.ImageId, State: 'PENDING' };
}

function describeCustomImport(input: Json, ctx: Context): Json {
  const rec = requireImage(ctx, input.ImageId);
  if (!rec.customImport) throw notFound(input.ImageId, 'custom image import');
  const done = rec.data.State === 'AVAILABLE';
  return {
    ImageId: input.ImageId,
    InfrastructureConfigurationArn: rec.customImport.InfrastructureConfigurationArn,
    State: done ? 'COMPLETED' : 'IN_PROGRESS',
    ProgressPercentage: done ? 100 : 50,
    Created: rec.customImport.Created,
    LastUpdatedTime: nowSeconds(ctx),
    ImageSource: rec.customImport.ImageSource,
  };
}

function createUpdatedWorkspaceImage(input: Json, ctx: Context): Json {
  const source = requireImage(ctx, input.SourceImageId);
  if (source.data.State !== 'AVAILABLE') throw invalidState(`Image ${input.SourceImageId} is ${source.data.State}.`);
  return { ImageId: imageFrom(ctx, source, input).data.ImageId };
}

/** A new image named by the request, with the source image's operating system and tenancy (copy, updated image). */
function imageFrom(ctx: Context, source: { data: Json }, input: Json) {
  return newImage(ctx, {
    Name: input.Name,
    Description: input.Description,
    OperatingSystem: source.data.OperatingSystem,
    RequiredTenancy: source.data.RequiredTenancy,
    Tags: input.Tags,
  });
}

function describeWorkspaceImages(input: Json, ctx: Context): Json {
  let images: Json[];
  if (input.ImageIds) images = (input.ImageIds as string[]).map((id) => findImage(ctx, id)).filter((i): i is Json => i !== undefined);
  else if (input.ImageType === 'SHARED') images = imagesSharedWith(ctx, ctx.store.region).map((r) => r.data);
  else images = [...ctx.store.maps.images.values()].map((r) => r.data);
  const withSeq = images.map((data, index) => ({ seq: ctx.store.maps.images.get(data.ImageId)?.seq ?? index + 1, data }));
  const page = pageOf('DescribeWorkspaceImages', withSeq, input.NextToken, limitOf(ctx, input, 'MaxResults'));
  return { Images: page.items.map((i) => i.data), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

function describeImagePermissions(input: Json, ctx: Context): Json {
  const rec = requireImage(ctx, input.ImageId);
  const shared = (rec.sharedWith as string[]).map((account, index) => ({ seq: index + 1, account }));
  const page = pageOf('DescribeWorkspaceImagePermissions', shared, input.NextToken, limitOf(ctx, input, 'MaxResults'));
  return {
    ImageId: input.ImageId,
    ImagePermissions: page.items.map((s) => ({ SharedAccountId: s.account })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

function updateImagePermission(input: Json, ctx: Context): Json {
  const rec = requireImage(ctx, input.ImageId);
  if (rec.data.State !== 'AVAILABLE') throw unavailable(input.ImageId, `Image ${input.ImageId} is ${rec.data.State}.`);
  if (input.SharedAccountId === ctx.store.account) throw invalidParameter('An image cannot be shared with its own account.');
  const shared: string[] = rec.sharedWith;
  if (input.AllowCopyImage) {
    if (!shared.includes(input.SharedAccountId)) shared.push(input.SharedAccountId);
  } else {
    if (!shared.includes(input.SharedAccountId)) throw invalidParameter(`Image ${input.ImageId} is not shared with ${input.SharedAccountId}.`);
    rec.sharedWith = shared.filter((a) => a !== input.SharedAccountId);
  }
  return {};
}

function deleteWorkspaceImage(input: Json, ctx: Context): Json {
  const rec = ctx.store.maps.images.get(input.ImageId);
  if (!rec) return {}; // the model has no ResourceNotFoundException here: deleting a missing image succeeds
  const bundle = [...ctx.store.maps.bundles.values()].find((b) => b.data.ImageId === input.ImageId);
  if (bundle) throw associated(`Image ${input.ImageId} is used by bundle ${bundle.data.BundleId}.`);
  if (rec.sharedWith.length > 0) throw associated(`Image ${input.ImageId} is shared with ${rec.sharedWith.join(', ')}; unshare it first.`);
  if (rec.data.State === 'PENDING') throw invalidState(`Image ${input.ImageId} is still PENDING.`);
  ctx.store.remove('images', input.ImageId);
  return {};
}

export const imageHandlers: Handlers = {
  CreateWorkspaceImage: createWorkspaceImage,
  CopyWorkspaceImage: copyWorkspaceImage,
  ImportWorkspaceImage: importWorkspaceImage,
  ImportCustomWorkspaceImage: importCustomWorkspaceImage,
  DescribeCustomWorkspaceImageImport: describeCustomImport,
  CreateUpdatedWorkspaceImage: createUpdatedWorkspaceImage,
  DescribeWorkspaceImages: describeWorkspaceImages,
  DescribeWorkspaceImagePermissions: describeImagePermissions,
  UpdateWorkspaceImagePermission: updateImagePermission,
  DeleteWorkspaceImage: deleteWorkspaceImage,
};
