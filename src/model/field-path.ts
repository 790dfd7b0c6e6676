/**
 * A FieldChange's path, built and read only through these helpers (no `slice(n)` arithmetic on
 * the string): `set.member` for a member of a property set (`workspaceProperties.ComputeTypeName`,
 * `tags.team`), `list[item]` for an item of a list compared by identity (`rules[198.51.100.0/24]`,
 * `sharedWith[111122223333]`), or a plain field name (`bundle`). Plans keep the string form, so
 * saved plans and renders do not change.
 */
export type FieldPath = string;

/** The property set holding a resource's tags in a FieldPath. */
const TAGS = 'tags';

export function memberPath(set: string, member: string): FieldPath {
  return `${set}.${member}`;
}

export function itemPath(list: string, item: string): FieldPath {
  return `${list}[${item}]`;
}

export function tagPath(key: string): FieldPath {
  return memberPath(TAGS, key);
}

/** The member of `set` the path names (`RunningMode` of `workspaceProperties.RunningMode`); undefined for another path. */
export function memberOf(path: FieldPath, set: string): string | undefined {
  const prefix = `${set}.`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

/** The item of `list` the path names (`198.51.100.0/24` of `rules[198.51.100.0/24]`); undefined for another path. */
export function itemOf(path: FieldPath, list: string): string | undefined {
  const prefix = `${list}[`;
  return path.startsWith(prefix) && path.endsWith(']') ? path.slice(prefix.length, -1) : undefined;
}

/** The tag key the path names; undefined when it is not a tag. */
export function tagKeyOf(path: FieldPath): string | undefined {
  return memberOf(path, TAGS);
}

/** The top-level field the path is under (`workspaceProperties`, `rules`, `bundle`). */
export function fieldOf(path: FieldPath): string {
  const end = path.search(/[.[]/);
  return end === -1 ? path : path.slice(0, end);
}
