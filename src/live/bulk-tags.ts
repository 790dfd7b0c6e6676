/**
 * Tags of many resources at once with the Resource Groups Tagging API: GetResources filtered by
 * the resource types present among the ids, 100 resources per page, instead of one DescribeTags
 * per id. Untagged resources are absent from its answer, so every wanted id not returned has no
 * tags (`{}`); resources of other environments that come back are ignored.
 */
import type { ApiPort } from '../kinds/kind.js';
import type { Tags } from '../model/desired.js';
import { arnOf, idOfArn, resourceTypeFilterOf, taggingTypeOf } from './tagging-arn.js';

export const BULK_PAGE_SIZE = 100;
/** GetResources takes at most 100 ARNs in ResourceARNList (and then no type or tag filter). */
export const ARN_LIST_MAX = 100;

/** Tags of `ids` from every tagged resource of their types (pages of 100, whatever the account holds). */
export async function readBulkTags(port: ApiPort, ids: readonly string[]): Promise<Map<string, Tags>> {
  const types = [...new Set(ids.map(taggingTypeOf).filter((type): type is string => type !== undefined))].sort();
  return pickTags(ids, await readTaggedResources(port, types.map(resourceTypeFilterOf)));
}

/**
 * Tags of `ids` named by ARN, 100 per call: cheaper than the type filter when the ids are few
 * and the account holds many tagged resources of their types (100 migrations in a 10,000-desktop
 * fleet: 1 call instead of 100 pages).
 */
export async function readTagsByArn(port: ApiPort, ids: readonly string[], account: string, region: string): Promise<Map<string, Tags>> {
  const arns = ids.map((id) => arnOf(id, account, region)).filter((arn): arn is string => arn !== undefined);
  const found = new Map<string, Tags>();
  for (let start = 0; start < arns.length; start += ARN_LIST_MAX) {
    for (const [id, tags] of await readTaggedResources(port, [], arns.slice(start, start + ARN_LIST_MAX))) found.set(id, tags);
  }
  return pickTags(ids, found);
}

/** Every tagged WorkSpaces resource of the account (all types), by id: the read a plan overlaps with its listing. */
export function readAllWorkspacesTags(port: ApiPort): Promise<Map<string, Tags>> {
  return readTaggedResources(port, ['workspaces']);
}

/**
 * Which of `types` hold at least one resource tagged `tag` (GetResources with a TagFilter, pages
 * of 100; it stops as soon as every type was seen — usually one call).
 */
export async function readTaggedTypes(port: ApiPort, types: readonly string[], tag: { readonly key: string; readonly value: string }): Promise<Set<string>> {
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const output = await port.call('GetResources', {
      ResourceTypeFilters: types.map(resourceTypeFilterOf),
      TagFilters: [{ Key: tag.key, Values: [tag.value] }],
      ResourcesPerPage: BULK_PAGE_SIZE,
      ...(token ? { PaginationToken: token } : {}),
    });
    for (const mapping of (output.ResourceTagMappingList ?? []) as { ResourceARN?: string }[]) {
      const id = mapping.ResourceARN === undefined ? undefined : idOfArn(mapping.ResourceARN);
      const type = id === undefined ? undefined : taggingTypeOf(id);
      if (type !== undefined) seen.add(type);
    }
    token = typeof output.PaginationToken === 'string' && output.PaginationToken !== '' ? output.PaginationToken : undefined;
  } while (token && seen.size < types.length);
  return seen;
}

/** Every wanted id gets its tags, or `{}` when GetResources did not return it (untagged). */
function pickTags(ids: readonly string[], found: ReadonlyMap<string, Tags>): Map<string, Tags> {
  return new Map(ids.map((id) => [id, found.get(id) ?? {}]));
}

async function readTaggedResources(port: ApiPort, typeFilters: readonly string[], arns?: readonly string[]): Promise<Map<string, Tags>> {
  const tagsById = new Map<string, Tags>();
  let token: string | undefined;
  do {
    const output = await port.call('GetResources', {
      // an ARN list stands alone (AWS refuses it with type or tag filters); ≤ 100 ARNs fit a page
      ...(arns ? { ResourceARNList: [...arns] } : { ResourceTypeFilters: [...typeFilters], ResourcesPerPage: BULK_PAGE_SIZE }),
      ...(token ? { PaginationToken: token } : {}),
    });
    for (const mapping of (output.ResourceTagMappingList ?? []) as { ResourceARN?: string; Tags?: unknown }[]) {
      const id = mapping.ResourceARN === undefined ? undefined : idOfArn(mapping.ResourceARN);
      if (id !== undefined) tagsById.set(id, toTags(mapping.Tags));
    }
    // the last page carries an empty token
    token = typeof output.PaginationToken === 'string' && output.PaginationToken !== '' ? output.PaginationToken : undefined;
  } while (token);
  return tagsById;
}

/** `[{Key, Value}]` (DescribeTags' TagList and GetResources' Tags alike) → a Tags record. */
export function toTags(tagList: unknown): Tags {
  if (!Array.isArray(tagList)) return {};
  const tags: Record<string, string> = {};
  for (const tag of tagList as { Key?: string; Value?: string }[]) {
    if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  }
  return tags;
}
