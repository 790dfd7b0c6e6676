/**
 * The Resource Groups Tagging API's `GetResources`, served on the emulator's port
 * (`X-Amz-Target: ResourceGroupsTaggingAPI_20170126.GetResources`), over the same tag store
 * CreateTags/DescribeTags use — so a reader can fetch the tags of 100 resources per call.
 * Like AWS: only tagged resources are returned, in pages of `ResourcesPerPage` (≤ 100), filtered
 * by `ResourceTypeFilters` (`workspaces` or `workspaces:<type>`), `TagFilters` and
 * `ResourceARNList`; the last page carries an empty `PaginationToken`.
 */
import { AwsError } from './errors.js';
import { isTaggable } from './operations/tags.js';
import type { Store, Json } from './store.js';

export const TAGGING_TARGET_PREFIX = 'ResourceGroupsTaggingAPI_20170126.';

/** Plain-id prefix → the resource type in the ARN (`arn:aws:workspaces:<region>:<account>:<type>/<id>`). */
const RESOURCE_TYPES: readonly (readonly [RegExp, string])[] = [
  [/^ws-/, 'workspace'],
  [/^(d-|wsd-)/, 'directory'],
  [/^wsb-/, 'workspacebundle'],
  [/^wsipg-/, 'workspaceipgroup'],
  [/^wsi-/, 'workspaceimage'],
  [/^wsca-/, 'connectionalias'],
  [/^wspool-/, 'workspacespool'],
];

const MAX_PER_PAGE = 100;
const MAX_TAG_FILTERS = 50;
const MAX_ARN_LIST = 100;

export interface TaggingScope {
  readonly store: Store;
  readonly account: string;
  readonly region: string;
  /** Virtual epoch seconds: GetResources shows tag changes only once they have propagated. */
  readonly now: number;
}

interface TagFilter {
  Key: string;
  Values?: string[];
}
interface Tagged {
  arn: string;
  type: string;
  tags: Json[];
}

const OPERATIONS = ['GetResources', 'TagResources', 'UntagResources'] as const;

export function isTaggingOperation(operation: string): boolean {
  return (OPERATIONS as readonly string[]).includes(operation);
}

export function runTaggingOperation(operation: string, input: Json, scope: TaggingScope): Json {
  if (operation === 'TagResources') return tagResources(input, scope);
  if (operation === 'UntagResources') return untagResources(input, scope);
  return getResources(input, scope);
}

const MAX_TAG_ARNS = 20;

/**
 * TagResources / UntagResources: 1–20 ARNs of this account and Region; per-ARN problems (unknown
 * resource, reserved `aws:` key, more than 50 tags) are `FailedResourcesMap` entries, the others are
 * changed. The same tag store as CreateTags/DeleteTags.
 */
function tagResources(input: Json, scope: TaggingScope): Json {
  const arns = arnsToChange(input.ResourceARNList);
  const tags = input.Tags;
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags) || Object.keys(tags).length === 0 || Object.keys(tags).length > 50) {
    throw invalidTaggingParameter('Tags must map 1 to 50 keys to values.');
  }
  const entries = Object.entries(tags as Record<string, unknown>).map(([Key, Value]) => ({ Key, Value: String(Value ?? '') }));
  return changeEach(arns, scope, (id) => {
    const merged = new Map<string, Json>(scope.store.tagsOf(id).map((t) => [t.Key, t]));
    for (const tag of entries) {
      if (tag.Key.toLowerCase().startsWith('aws:')) return `Tag key ${tag.Key} uses the reserved prefix aws:`;
      merged.set(tag.Key, tag);
    }
    if (merged.size > scope.store.quotas.tagsPerResource) return `A resource can have at most ${scope.store.quotas.tagsPerResource} tags.`;
    scope.store.setTags(id, [...merged.values()]);
    return undefined;
  });
}

function untagResources(input: Json, scope: TaggingScope): Json {
  const arns = arnsToChange(input.ResourceARNList);
  const keys = input.TagKeys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > 50 || keys.some((k) => typeof k !== 'string'))
    throw invalidTaggingParameter('TagKeys must list 1 to 50 keys.');
  return changeEach(arns, scope, (id) => {
    const reserved = (keys as string[]).find((k) => k.toLowerCase().startsWith('aws:'));
    if (reserved) return `Tag key ${reserved} uses the reserved prefix aws: and cannot be removed.`;
    scope.store.setTags(
      id,
      scope.store.tagsOf(id).filter((t) => !(keys as string[]).includes(t.Key)),
    );
    return undefined;
  });
}

function arnsToChange(value: unknown): string[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_TAG_ARNS || value.some((arn) => typeof arn !== 'string')) {
    throw invalidTaggingParameter(`ResourceARNList must hold 1 to ${MAX_TAG_ARNS} ARNs.`);
  }
  return value as string[];
}

/** Applies `change` to each ARN's resource; a refusal (message) becomes its FailedResourcesMap entry. */
function changeEach(arns: string[], scope: TaggingScope, change: (id: string) => string | undefined): Json {
  const failed: Json = {};
  for (const arn of arns) {
    const match = /^arn:aws:workspaces:([^:]+):(\d{12}):([a-z]+)\/(.+)$/.exec(arn);
    const id = match && match[1] === scope.region && match[2] === scope.account ? match[4] : undefined;
    const problem =
      id === undefined || !isTaggable(scope.store, id) ? `The resource ${arn} could not be found in ${scope.account} ${scope.region}.` : change(id);
    if (problem) failed[arn] = { StatusCode: 400, ErrorCode: 'InvalidParameterException', ErrorMessage: problem };
  }
  return { FailedResourcesMap: failed };
}

export const invalidTaggingParameter = (message: string): AwsError => new AwsError('InvalidParameterException', message);

export function getResources(input: Json, scope: TaggingScope): Json {
  const perPage = pageSizeOf(input.ResourcesPerPage);
  const matches = matcherOf(input);
  const after = decodePaginationToken(input.PaginationToken);
  const tagged = taggedResources(scope)
    .filter(matches)
    .filter((resource) => resource.arn > after);
  const page = tagged.slice(0, perPage);
  const more = tagged.length > perPage;
  return {
    ResourceTagMappingList: page.map((resource) => ({
      ResourceARN: resource.arn,
      Tags: resource.tags.map((tag) => ({ Key: tag.Key, Value: tag.Value ?? '' })),
    })),
    PaginationToken: more ? encodePaginationToken(page[page.length - 1].arn) : '',
  };
}

/** Every tagged resource, in ARN order (a stable order makes "after this ARN" a correct resume point). */
function taggedResources(scope: TaggingScope): Tagged[] {
  const result: Tagged[] = [];
  for (const id of scope.store.maps.tags.keys()) {
    const type = RESOURCE_TYPES.find(([pattern]) => pattern.test(id))?.[1];
    const tags = scope.store.taggingViewOf(id, scope.now);
    if (type === undefined || tags.length === 0) continue;
    result.push({ arn: `arn:aws:workspaces:${scope.region}:${scope.account}:${type}/${id}`, type, tags });
  }
  return result.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

function pageSizeOf(value: unknown): number {
  if (value === undefined || value === null) return MAX_PER_PAGE;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_PER_PAGE) {
    throw invalidTaggingParameter(`ResourcesPerPage must be between 1 and ${MAX_PER_PAGE}.`);
  }
  return value as number;
}

function matcherOf(input: Json): (resource: Tagged) => boolean {
  const types = typeFiltersOf(input.ResourceTypeFilters);
  const tagFilters = tagFiltersOf(input.TagFilters);
  const arns = arnListOf(input.ResourceARNList);
  if (arns && (types || tagFilters.length > 0)) {
    throw invalidTaggingParameter('ResourceARNList cannot be combined with ResourceTypeFilters or TagFilters.');
  }
  return (resource) =>
    (types === undefined || types.has('workspaces') || types.has(`workspaces:${resource.type}`)) &&
    (arns === undefined || arns.has(resource.arn)) &&
    tagFilters.every((filter) => matchesTagFilter(resource.tags, filter));
}

function typeFiltersOf(value: unknown): Set<string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string'))
    throw invalidTaggingParameter('ResourceTypeFilters must be a list of strings.');
  if (value.length === 0) return undefined;
  return new Set(value as string[]);
}

function tagFiltersOf(value: unknown): TagFilter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_TAG_FILTERS)
    throw invalidTaggingParameter(`TagFilters must be a list of at most ${MAX_TAG_FILTERS} filters.`);
  for (const filter of value as Json[]) {
    if (typeof filter?.Key !== 'string' || filter.Key.length === 0) throw invalidTaggingParameter('Each TagFilter needs a Key.');
    if (filter.Values !== undefined && !Array.isArray(filter.Values)) throw invalidTaggingParameter('TagFilter Values must be a list of strings.');
  }
  return value as TagFilter[];
}

function arnListOf(value: unknown): Set<string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_ARN_LIST)
    throw invalidTaggingParameter(`ResourceARNList must hold 1 to ${MAX_ARN_LIST} ARNs.`);
  return new Set(value as string[]);
}

/** A key with no values matches any value of that key; with values, one of them. */
function matchesTagFilter(tags: readonly Json[], filter: TagFilter): boolean {
  const tag = tags.find((candidate) => candidate.Key === filter.Key);
  if (!tag) return false;
  return !filter.Values || filter.Values.length === 0 || filter.Values.includes(tag.Value ?? '');
}

function encodePaginationToken(lastArn: string): string {
  return Buffer.from(JSON.stringify({ v: 1, a: lastArn })).toString('base64url');
}

/** The ARN to resume after ('' for the first page). */
function decodePaginationToken(token: unknown): string {
  if (token === undefined || token === null || token === '') return '';
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as { v?: number; a?: string };
    if (parsed.v === 1 && typeof parsed.a === 'string') return parsed.a;
  } catch {
    // fall through: an undecodable token is the caller's mistake
  }
  throw invalidTaggingParameter('The PaginationToken is not valid.');
}
