/**
 * Tags of many resources at once with the Resource Groups Tagging API: GetResources filtered by
 * the resource types present among the ids, 100 resources per page, instead of one DescribeTags
 * per id. Untagged resources are absent from its answer, so every wanted id not returned has no
 * tags (`{}`); resources of other environments that come back are ignored.
 */
import type { ApiPort } from '../kinds/kind.js';
import type { Tags } from '../model/desired.js';
import { idOfArn, resourceTypeFilterOf, taggingTypeOf } from './tagging-arn.js';

export const BULK_PAGE_SIZE = 100;

export async function readBulkTags(port: ApiPort, ids: readonly string[]): Promise<Map<string, Tags>> {
  const wanted = new Set(ids);
  const tagsById = new Map<string, Tags>(ids.map((id) => [id, {}]));
  const types = [...new Set(ids.map(taggingTypeOf).filter((type): type is string => type !== undefined))].sort();
  let token: string | undefined;
  do {
    const output = await port.call('GetResources', {
      ResourceTypeFilters: types.map(resourceTypeFilterOf),
      ResourcesPerPage: BULK_PAGE_SIZE,
      ...(token ? { PaginationToken: token } : {}),
    });
    for (const mapping of (output.ResourceTagMappingList ?? []) as { ResourceARN?: string; Tags?: unknown }[]) {
      const id = mapping.ResourceARN === undefined ? undefined : idOfArn(mapping.ResourceARN);
      if (id !== undefined && wanted.has(id)) tagsById.set(id, toTags(mapping.Tags));
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
