/** What every operation handler gets, and the helpers they share. */
import type { Clock } from '../clock.js';
import { AwsError, invalidParameter, limitExceeded, notFound } from '../errors.js';
import type { Family, Json, Rec, Store } from '../store.js';

/** The other accounts and Regions of the emulator, for calls that reach across them. */
export interface World {
  /** The store of (account, Region), or undefined for a Region the emulator does not serve. */
  storeFor(caller: { readonly account: string; readonly region: string }): Store | undefined;
  /** Every account's store in `region` (the served accounts; none for a Region not served). */
  storesIn(region: string): Store[];
  /** Connection strings ever created → the account they stay reserved to. */
  readonly connectionStrings: Map<string, string>;
}

/** Delays AWS has and an instant emulator need not (`realism: 'aws'`). */
export interface Realism {
  /** Realistic seconds a new desktop's id is not returned by DescribeWorkspaces (0 = at once). */
  readAfterCreateSeconds: number;
}

export interface Context {
  store: Store;
  clock: Clock;
  /** Page size when the request gives no Limit/MaxResults. */
  pageSize: number;
  world: World;
  realism: Realism;
}
export type Handler = (input: Json, ctx: Context) => Json;
export type Handlers = Record<string, Handler>;

export function requireRec(ctx: Context, family: Family, id: string, what: string): Rec {
  const rec = ctx.store.maps[family].get(id);
  if (!rec) throw notFound(id, what);
  return rec;
}

/** Epoch seconds, as the JSON 1.1 protocol sends timestamps. */
export const nowSeconds = (ctx: Context): number => Math.floor(ctx.clock.now());

/** Schedules `family/id` to reach `to` after a realistic duration. */
export function transition(ctx: Context, family: Family, id: string, to: string | null, seconds: number, clearModifications = false): void {
  ctx.store.schedule({ at: ctx.clock.dueIn(seconds), family, id, to, ...(clearModifications ? { clearModifications } : {}) });
}

/** Tag rules: no `aws:` keys, unique keys, ≤ quota per resource (after merging). */
export function checkTags(ctx: Context, tags: Json[] | undefined, existing: Json[] = []): Json[] {
  const merged = new Map<string, Json>(existing.map((t) => [t.Key, t]));
  for (const tag of tags ?? []) {
    if (String(tag.Key).toLowerCase().startsWith('aws:')) throw invalidParameter(`Tag key ${tag.Key} uses the reserved prefix aws:`);
    merged.set(tag.Key, tag.Value === undefined ? { Key: tag.Key } : { Key: tag.Key, Value: tag.Value });
  }
  if (merged.size > ctx.store.quotas.tagsPerResource) throw limitExceeded(`A resource can have at most ${ctx.store.quotas.tagsPerResource} tags.`);
  return [...merged.values()];
}

/** Stores creation-time tags of a new resource (already checked). */
export function tagOnCreate(ctx: Context, resourceId: string, tags: Json[] | undefined): void {
  if (tags && tags.length > 0) ctx.store.setTags(resourceId, checkTags(ctx, tags));
}

export function atMostOneOf(input: Json, names: string[]): void {
  const given = names.filter((n) => input[n] !== undefined && input[n] !== null);
  if (given.length > 1) throw invalidParameter(`Specify at most one of ${given.join(', ')}.`);
}

export function limitOf(ctx: Context, input: Json, member = 'Limit'): number {
  const value = input[member];
  return typeof value === 'number' ? value : ctx.pageSize;
}

/** Deep copy of API data so callers never hold references into the store. */
export const copy = <T>(value: T): T => structuredClone(value);

export function fail(code: string, message: string): AwsError {
  return new AwsError(code, message);
}
