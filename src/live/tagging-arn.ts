/**
 * WorkSpaces resources as the Resource Groups Tagging API names them: a resource type
 * (`workspaces:workspace`…) to filter GetResources by, and an ARN
 * `arn:<partition>:workspaces:<region>:<account>:<type>/<id>` to map its answer back to the plain
 * id DescribeTags and the reader use. Each kind states its type (KindDefinition.tagging).
 */
import { KINDS } from '../kinds/index.js';
import { resourceArn } from '../kinds/resource-arn.js';

/** Plain-id prefix → ARN resource type, longest prefix first: `wsipg-` must win over `wsi-`. */
const TYPES_BY_PREFIX: readonly (readonly [string, string])[] = KINDS.flatMap((definition) =>
  (definition.tagging?.idPrefixes ?? []).map((prefix) => [prefix, definition.tagging!.resourceType] as const),
).sort(([a], [b]) => b.length - a.length);

/** The ARN resource type of a plain id (`ws-…` → `workspace`), or undefined when it has none. */
export function taggingTypeOf(id: string): string | undefined {
  return TYPES_BY_PREFIX.find(([prefix]) => id.startsWith(prefix))?.[1];
}

/** The `ResourceTypeFilters` entry of a resource type. */
export function resourceTypeFilterOf(type: string): string {
  return `workspaces:${type}`;
}

/**
 * The plain id in a WorkSpaces ARN, or undefined for anything else (another service, a type
 * that does not match the id's prefix, a malformed ARN): such entries are ignored, never guessed.
 */
export function idOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'workspaces') return undefined;
  const slash = parts[5].indexOf('/');
  if (slash <= 0) return undefined;
  const type = parts[5].slice(0, slash);
  const id = parts[5].slice(slash + 1);
  return id.length > 0 && taggingTypeOf(id) === type ? id : undefined;
}

/** The ARN the Resource Groups Tagging API knows a plain id by, or undefined for an id of no tagging type. */
export function arnOf(id: string, account: string, region: string): string | undefined {
  const type = taggingTypeOf(id);
  return type === undefined ? undefined : resourceArn(type, id, account, region);
}
