/**
 * Changes grouped by what they do, so a plan of 1,000 desktops reads as a handful of groups:
 * same kind, same action, same attributes (what a create will have, or each `field: old → new`),
 * same reasons and the same steps. A resource's own name is replaced by `<name>` in the reasons
 * and dropped from a create's attributes, so 1,000 creates that differ only by user name are one
 * group. Pure: Plan → groups, shared by the text and markdown renderers.
 */
import type { Change, ChangeAction } from '../../model/change.js';
import type { KindName, ResourceKey } from '../../model/keys.js';
import type { Plan } from '../../model/plan.js';
import { isRunnable, type PlanStep } from '../../model/plan-step.js';
import { formatValue } from './symbols.js';

export const NAME_PLACEHOLDER = '<name>';

export interface GroupStep {
  readonly operation: string;
  readonly destructive: boolean;
  /** With the member's name as NAME_PLACEHOLDER (for a group of one: as it is). */
  readonly reason: string;
  readonly blocked?: string;
  /** Why a later run applies it (a user connected, outside a change window). */
  readonly deferred?: string;
  /** Most items one call takes (25 for CreateWorkspaces), when the step is batched. */
  readonly batchMax?: number;
  /** The Region the call goes to, when not the environment's (a standby desktop). */
  readonly region?: string;
}

export interface ChangeGroup {
  readonly kind: KindName;
  readonly action: ChangeAction;
  /** Members in plan order. */
  readonly keys: readonly ResourceKey[];
  /** `path: value` (creates: what the resource will have) or `path: old → new` — the same for every member. */
  readonly attributes: readonly string[];
  readonly reason: string;
  readonly steps: readonly GroupStep[];
  /** Any of its steps is destructive and runnable (neither blocked nor deferred). */
  readonly destructive: boolean;
  /** Any of its steps is blocked. */
  readonly blocked: boolean;
  /** Any of its steps is deferred. */
  readonly deferred: boolean;
}

interface Member {
  readonly kind: KindName;
  readonly action: ChangeAction;
  readonly key: ResourceKey;
  readonly attributes: readonly string[];
  readonly reason: string;
  readonly steps: readonly GroupStep[];
}

/** Groups in the order their first member appears (changes in key order, then keys that only have steps). */
export function groupChanges(plan: Plan): ChangeGroup[] {
  const stepsByKey = new Map<ResourceKey, PlanStep[]>();
  for (const step of plan.steps) {
    const list = stepsByKey.get(step.key);
    if (list === undefined) stepsByKey.set(step.key, [step]);
    else list.push(step);
  }
  const members: Member[] = plan.changes.map((change) => memberOfChange(change, stepsByKey.get(change.key) ?? []));
  const changed = new Set(plan.changes.map((change) => change.key));
  // steps on keys without a change of their own (a bundle's image rollout on its desktops)
  for (const [key, steps] of stepsByKey) if (!changed.has(key)) members.push(memberOfSteps(key, steps));
  const groups = new Map<string, { first: Member; keys: ResourceKey[] }>();
  for (const member of members) {
    const signature = JSON.stringify([member.kind, member.action, member.attributes, member.reason, member.steps]);
    const group = groups.get(signature);
    if (group === undefined) groups.set(signature, { first: member, keys: [member.key] });
    else group.keys.push(member.key);
  }
  return [...groups.values()].map(({ first, keys }) => toGroup(first, keys));
}

function toGroup(first: Member, keys: readonly ResourceKey[]): ChangeGroup {
  // a group of one reads best with its real name in every reason
  const named = keys.length === 1 ? (text: string) => text.split(NAME_PLACEHOLDER).join(nameOf(first.key)) : (text: string) => text;
  return {
    kind: first.kind,
    action: first.action,
    keys,
    attributes: first.attributes.map(named),
    reason: named(first.reason),
    steps: first.steps.map((step) => ({
      ...step,
      reason: named(step.reason),
      ...(step.blocked !== undefined ? { blocked: named(step.blocked) } : {}),
      ...(step.deferred !== undefined ? { deferred: named(step.deferred) } : {}),
    })),
    destructive: first.steps.some((step) => step.destructive && isRunnable(step)),
    blocked: first.steps.some((step) => step.blocked !== undefined),
    deferred: first.steps.some((step) => step.blocked === undefined && step.deferred !== undefined),
  };
}

function memberOfChange(change: Change, steps: readonly PlanStep[]): Member {
  const name = nameOf(change.key);
  const attributes =
    change.action === 'create' && change.desired !== undefined
      ? createAttributes(change.desired.properties, change.desired.tags, name)
      : change.fields.map((field) => `${field.path}: ${formatValue(field.before)} → ${formatValue(field.after)}`);
  return {
    kind: change.kind,
    action: change.action,
    key: change.key,
    attributes: attributes.map((attribute) => withPlaceholder(attribute, name)),
    reason: withPlaceholder(change.reason, name),
    steps: steps.map((step) => groupStep(step, name)),
  };
}

function memberOfSteps(key: ResourceKey, steps: readonly PlanStep[]): Member {
  const name = nameOf(key);
  return {
    kind: steps[0].kind,
    action: steps[0].action,
    key,
    attributes: [],
    reason: withPlaceholder(steps[0].reason, name),
    steps: steps.map((step) => groupStep(step, name)),
  };
}

function groupStep(step: PlanStep, name: string): GroupStep {
  return {
    operation: step.operation,
    destructive: step.destructive,
    reason: withPlaceholder(step.reason, name),
    ...(step.blocked !== undefined ? { blocked: withPlaceholder(step.blocked, name) } : {}),
    ...(step.deferred !== undefined ? { deferred: withPlaceholder(step.deferred, name) } : {}),
    ...(step.batch !== undefined && step.batch.max > 1 ? { batchMax: step.batch.max } : {}),
    ...(step.region === undefined ? {} : { region: step.region }),
  };
}

/**
 * What a created resource will have, one `path: value` per leaf, without the members that only
 * repeat its own name (a desktop's user name, an IP group's name).
 */
function createAttributes(properties: unknown, tags: Readonly<Record<string, string>> | undefined, name: string): string[] {
  const attributes: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (value === undefined) return;
    const reference = referenceOf(value);
    if (reference !== undefined) {
      attributes.push(`${path}: ${reference}`);
      return;
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [member, inner] of Object.entries(value)) visit(inner, path === '' ? member : `${path}.${member}`);
      return;
    }
    if (value === name) return;
    attributes.push(`${path}: ${Array.isArray(value) ? `[${value.map((item) => referenceOf(item) ?? formatValue(item)).join(', ')}]` : formatValue(value)}`);
  };
  visit(properties, '');
  if (tags !== undefined && Object.keys(tags).length > 0) attributes.push(`tags: ${formatValue(tags)}`);
  return attributes;
}

/** `{key: 'ipGroup/offices'}` → `ipGroup/offices`, `{id: 'wsb-1'}` → `wsb-1` (a desired reference). */
function referenceOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length !== 1 || typeof entries[0][1] !== 'string') return undefined;
  return entries[0][0] === 'key' || entries[0][0] === 'id' ? entries[0][1] : undefined;
}

/** The last part of a key: `workspace/d-1/alice` → `alice`. */
export function nameOf(key: ResourceKey): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

/** The name as a whole word only, so `alice` in `alice-admin` or `d` in `d-123` stays. */
function withPlaceholder(text: string, name: string): string {
  if (name === '') return text;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`, 'g'), NAME_PLACEHOLDER);
}

/** The members' keys as `prefix/{a, b, c, … N more}` when they share everything but the name. */
export function describeMembers(keys: readonly ResourceKey[], maxNames: number): string {
  if (keys.length === 1) return keys[0];
  const prefix = commonParent(keys);
  const names = keys.map((key) => key.slice(prefix.length));
  const shown = names.slice(0, maxNames).join(', ');
  const more = names.length > maxNames ? `, … ${names.length - maxNames} more` : '';
  return `${prefix}{${shown}${more}}`;
}

/** `workspace/d-1/` for keys that all sit under it; else the kind's `kind/`. */
export function commonParent(keys: readonly ResourceKey[]): string {
  const parents = keys.map((key) => key.slice(0, key.lastIndexOf('/') + 1));
  if (parents.every((parent) => parent === parents[0])) return parents[0];
  return keys[0].slice(0, keys[0].indexOf('/') + 1);
}

/** Counts per kind and action, destructive/blocked/deferred steps per kind: the plan's first table. */
export interface KindSummary {
  readonly kind: KindName;
  readonly actions: Readonly<Partial<Record<ChangeAction, number>>>;
  /** Destructive steps that will run (not blocked, not deferred). */
  readonly destructiveSteps: number;
  readonly blockedSteps: number;
  readonly deferredSteps: number;
}

export function summariseByKind(plan: Plan): KindSummary[] {
  const byKind = new Map<KindName, { actions: Partial<Record<ChangeAction, number>>; destructiveSteps: number; blockedSteps: number; deferredSteps: number }>();
  const entry = (kind: KindName) => {
    const found = byKind.get(kind) ?? { actions: {}, destructiveSteps: 0, blockedSteps: 0, deferredSteps: 0 };
    byKind.set(kind, found);
    return found;
  };
  for (const change of plan.changes) {
    const actions = entry(change.kind).actions;
    actions[change.action] = (actions[change.action] ?? 0) + 1;
  }
  for (const step of plan.steps) {
    if (step.blocked !== undefined) entry(step.kind).blockedSteps += 1;
    else if (step.deferred !== undefined) entry(step.kind).deferredSteps += 1;
    else if (step.destructive) entry(step.kind).destructiveSteps += 1;
  }
  return [...byKind].map(([kind, counts]) => ({ kind, ...counts }));
}

/** Actions in the order the summary table shows them. */
export const SUMMARY_ACTIONS: readonly ChangeAction[] = ['create', 'update', 'migrate', 'replace', 'delete'];
