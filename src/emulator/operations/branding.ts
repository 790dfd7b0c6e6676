/** Client branding per directory and platform, and Amazon Connect client add-ins (one per directory). */
import { alreadyExists, invalidParameter } from '../errors.js';
import { newUuid } from '../ids.js';
import { pageOf } from '../pagination.js';
import type { Json } from '../store.js';
import { limitOf, requireRec, type Context, type Handlers } from './context.js';
import { requireDirectory } from './directories.js';

const PLATFORMS = ['DeviceTypeWindows', 'DeviceTypeOsx', 'DeviceTypeAndroid', 'DeviceTypeIos', 'DeviceTypeLinux', 'DeviceTypeWeb'];
const LOGOS: Record<string, string> = { Logo: 'LogoUrl', Logo2x: 'Logo2xUrl', Logo3x: 'Logo3xUrl' };

/** Logos are uploaded as bytes and described as URLs; the bytes themselves are not kept. */
function describedAttributes(directoryId: string, platform: string, attributes: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (LOGOS[key]) out[LOGOS[key]] = `https://workspaces-client-branding.s3.amazonaws.com/${directoryId}/${platform}/${key.toLowerCase()}.png`;
    else out[key] = value;
  }
  return out;
}

function importBranding(input: Json, ctx: Context): Json {
  requireDirectory(ctx, input.ResourceId);
  const given = PLATFORMS.filter((p) => input[p] !== undefined);
  for (const platform of given) {
    if (input[platform].SupportEmail !== undefined && input[platform].SupportLink !== undefined) {
      throw invalidParameter(`${platform}: specify either SupportEmail or SupportLink, not both.`);
    }
  }
  const rec = ctx.store.maps.branding.get(input.ResourceId) ?? { seq: ctx.store.nextSeq(), data: {} };
  const out: Json = {};
  for (const platform of given) {
    rec.data[platform] = describedAttributes(input.ResourceId, platform, input[platform]);
    out[platform] = rec.data[platform];
  }
  ctx.store.maps.branding.set(input.ResourceId, rec);
  return out;
}

function describeBranding(input: Json, ctx: Context): Json {
  requireDirectory(ctx, input.ResourceId);
  return ctx.store.maps.branding.get(input.ResourceId)?.data ?? {};
}

function deleteBranding(input: Json, ctx: Context): Json {
  requireDirectory(ctx, input.ResourceId);
  const rec = ctx.store.maps.branding.get(input.ResourceId);
  if (rec) for (const platform of input.Platforms as string[]) delete rec.data[platform];
  return {};
}

function createAddIn(input: Json, ctx: Context): Json {
  requireDirectory(ctx, input.ResourceId);
  const existing = [...ctx.store.maps.addIns.values()].find((a) => a.data.ResourceId === input.ResourceId);
  if (existing) throw alreadyExists(`Directory ${input.ResourceId} already has the Amazon Connect add-in ${existing.data.AddInId}.`);
  const AddInId = newUuid();
  ctx.store.maps.addIns.set(AddInId, { seq: ctx.store.nextSeq(), data: { AddInId, ResourceId: input.ResourceId, Name: input.Name, URL: input.URL } });
  return { AddInId };
}

function requireAddIn(ctx: Context, input: Json): Json {
  const rec = requireRec(ctx, 'addIns', input.AddInId, 'add-in');
  if (rec.data.ResourceId !== input.ResourceId) throw requireRec(ctx, 'addIns', `${input.ResourceId}/${input.AddInId}`, 'add-in');
  return rec.data;
}

function describeAddIns(input: Json, ctx: Context): Json {
  requireDirectory(ctx, input.ResourceId);
  const recs = [...ctx.store.maps.addIns.values()].filter((a) => a.data.ResourceId === input.ResourceId);
  const page = pageOf('DescribeConnectClientAddIns', recs, input.NextToken, limitOf(ctx, input, 'MaxResults'));
  return { AddIns: page.items.map((r) => r.data), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

function updateAddIn(input: Json, ctx: Context): Json {
  const addIn = requireAddIn(ctx, input);
  if (input.Name !== undefined) addIn.Name = input.Name;
  if (input.URL !== undefined) addIn.URL = input.URL;
  return {};
}

function deleteAddIn(input: Json, ctx: Context): Json {
  requireAddIn(ctx, input);
  ctx.store.maps.addIns.delete(input.AddInId);
  return {};
}

export const brandingHandlers: Handlers = {
  ImportClientBranding: importBranding,
  DescribeClientBranding: describeBranding,
  DeleteClientBranding: deleteBranding,
  CreateConnectClientAddIn: createAddIn,
  DescribeConnectClientAddIns: describeAddIns,
  UpdateConnectClientAddIn: updateAddIn,
  DeleteConnectClientAddIn: deleteAddIn,
};
