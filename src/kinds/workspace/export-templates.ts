/**
 * Desktops → workspace templates, the way a person writes a fleet: desktops that share
 * directory, bundle, running mode, timeout, compute, volumes, protocols, encryption and tags
 * become one template with `users: [...]`, and a value shared by several templates moves to
 * `defaults.workspace` (templates keep only what differs). Hoisting respects how templates
 * inherit (see kinds/workspace/template.ts): a template can override a default but never unset it,
 * so a field is hoisted only when every template has a value for it.
 */
import type { SpecWorkspaceFields, SpecWorkspaceTemplate } from './schema.js';

/** One desktop as template fields (directory and bundle already turned into spec references). */
export interface DesktopEntry {
  readonly userName: string;
  readonly workspaceName?: string;
  readonly fields: SpecWorkspaceFields;
}

export interface WorkspaceTemplates {
  readonly defaults?: SpecWorkspaceFields;
  readonly templates: SpecWorkspaceTemplate[];
}

/** Hoisted in this order: runningMode before autoStopTimeoutMinutes (the timeout depends on it). */
const HOISTABLE = ['directory', 'bundle', 'runningMode', 'autoStopTimeoutMinutes', 'computeType', 'rootVolumeGib', 'userVolumeGib', 'protocols'] as const;

type HoistableField = (typeof HOISTABLE)[number];

interface Group {
  readonly fields: SpecWorkspaceFields;
  readonly users: string[];
  readonly workspaceName?: string;
}

export function workspaceTemplates(desktops: readonly DesktopEntry[]): WorkspaceTemplates {
  const groups = groupDesktops(desktops);
  const defaults: SpecWorkspaceFields = {};
  for (const field of HOISTABLE) hoist(groups, defaults, field);
  hoistEncryption(groups, defaults);
  hoistTags(groups, defaults);
  const templates = groups.map(toTemplate);
  return Object.keys(defaults).length > 0 ? { defaults: sortedFields(defaults), templates } : { templates };
}

/** Same fields → one group; a named workspace (one of several for a user) is always its own template. */
function groupDesktops(desktops: readonly DesktopEntry[]): Group[] {
  const byShape = new Map<string, Group>();
  for (const desktop of desktops) {
    const shape = canonical({ fields: desktop.fields, workspaceName: desktop.workspaceName ?? null, user: desktop.workspaceName ? desktop.userName : null });
    const group = byShape.get(shape) ?? {
      fields: { ...desktop.fields },
      users: [],
      ...(desktop.workspaceName ? { workspaceName: desktop.workspaceName } : {}),
    };
    group.users.push(desktop.userName);
    byShape.set(shape, group);
  }
  const groups = [...byShape.values()];
  for (const group of groups) group.users.sort();
  return groups.sort(compareGroups);
}

/** Templates read by directory, then bundle, then the biggest first. */
function compareGroups(a: Group, b: Group): number {
  return (
    compareText(a.fields.directory ?? '', b.fields.directory ?? '') ||
    compareText(a.fields.bundle ?? '', b.fields.bundle ?? '') ||
    b.users.length - a.users.length ||
    compareText(canonical({ ...a.fields, workspaceName: a.workspaceName }), canonical({ ...b.fields, workspaceName: b.workspaceName })) ||
    compareText(a.users[0] ?? '', b.users[0] ?? '')
  );
}

/**
 * The value most desktops use moves to defaults when at least two templates share it and every
 * template has the field; templates with that value then leave it out.
 */
function hoist(groups: Group[], defaults: SpecWorkspaceFields, field: HoistableField): void {
  const candidates = field === 'autoStopTimeoutMinutes' ? timeoutCandidates(groups, defaults) : groups;
  if (candidates === undefined || candidates.length === 0) return;
  if (candidates.some((group) => group.fields[field] === undefined)) return;
  const winner = mostCommon(candidates, field);
  if (winner === undefined) return;
  (defaults as Record<string, unknown>)[field] = winner.value;
  for (const group of candidates) {
    if (canonical(group.fields[field]) === winner.key) delete group.fields[field];
  }
}

/**
 * A default timeout is ignored by templates that set ALWAYS_ON themselves, but inherited by those
 * taking ALWAYS_ON from the defaults (which the spec refuses): no timeout default then.
 */
function timeoutCandidates(groups: readonly Group[], defaults: SpecWorkspaceFields): Group[] | undefined {
  if (defaults.runningMode === 'ALWAYS_ON') return undefined;
  return groups.filter((group) => (group.fields.runningMode ?? defaults.runningMode) !== 'ALWAYS_ON');
}

function mostCommon(groups: readonly Group[], field: HoistableField): { key: string; value: unknown } | undefined {
  const tally = new Map<string, { value: unknown; templates: number; desktops: number }>();
  for (const group of groups) {
    const key = canonical(group.fields[field]);
    const entry = tally.get(key) ?? { value: group.fields[field], templates: 0, desktops: 0 };
    entry.templates += 1;
    entry.desktops += group.users.length;
    tally.set(key, entry);
  }
  const ranked = [...tally.entries()].sort(([ka, a], [kb, b]) => b.desktops - a.desktops || b.templates - a.templates || compareText(ka, kb));
  const [key, best] = ranked[0];
  return best.templates >= 2 ? { key, value: best.value } : undefined;
}

/** Encryption merges member by member with the default, so only an identical setting everywhere is hoisted. */
function hoistEncryption(groups: Group[], defaults: SpecWorkspaceFields): void {
  if (groups.length < 2 || groups.some((group) => group.fields.encryption === undefined)) return;
  const first = canonical(groups[0].fields.encryption);
  if (!groups.every((group) => canonical(group.fields.encryption) === first)) return;
  defaults.encryption = groups[0].fields.encryption;
  for (const group of groups) delete group.fields.encryption;
}

/** Template tags merge over default tags: the pairs every template carries become the default. */
function hoistTags(groups: Group[], defaults: SpecWorkspaceFields): void {
  if (groups.length < 2) return;
  const [first, ...rest] = groups.map((group) => group.fields.tags ?? {});
  const common = Object.keys(first).filter((key) => rest.every((tags) => tags[key] === first[key]));
  if (common.length === 0) return;
  defaults.tags = Object.fromEntries(common.sort().map((key) => [key, first[key]]));
  for (const group of groups) {
    const own = Object.fromEntries(Object.entries(group.fields.tags ?? {}).filter(([key]) => !common.includes(key)));
    if (Object.keys(own).length > 0) group.fields.tags = own;
    else delete group.fields.tags;
  }
}

function toTemplate(group: Group): SpecWorkspaceTemplate {
  return { ...sortedFields(group.fields), users: group.users, ...(group.workspaceName ? { workspaceName: group.workspaceName } : {}) };
}

function sortedFields(fields: SpecWorkspaceFields): SpecWorkspaceFields {
  return Object.fromEntries(
    Object.keys(fields)
      .sort()
      .map((key) => [key, fields[key as keyof SpecWorkspaceFields]]),
  ) as SpecWorkspaceFields;
}

/** JSON with sorted keys: equal values give equal text. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => compareText(a, b)))
        : v,
    ) ?? 'undefined'
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
