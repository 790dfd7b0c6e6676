/**
 * The only code that reads the live account. Each kind brings its own read recipe
 * (paginated, ≤25-id batches); the reader runs them in registry order, hands each the
 * resources read so far (workspaces are read per directory), and reads tags only for the
 * resources the planner asks about. A read is all or nothing: any failure — an AWS error, a
 * page that never came, throttling that outlasted the SDK's retries — throws, because missing
 * data read as "deleted" would plan the destruction of a fleet.
 */
import type { Logger } from 'pino';
import type { ApiPort, DetailRead, KindDefinition } from '../kinds/kind.js';
import type { DesiredState, Tags } from '../model/desired.js';
import type { LiveResource, LiveState } from '../model/live.js';
import { KINDS } from '../kinds/index.js';
import { WsrError, isWsrError } from '../errors.js';
import { ReadOnlyPort } from './read-only-port.js';
import { PacedPort } from './paced-port.js';
import type { ApiQueues, QueueOptions } from '../limiter/queues.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { ARN_LIST_MAX, BULK_PAGE_SIZE, readAllWorkspacesTags, readBulkTags, readTagsByArn, toTags } from './bulk-tags.js';
import { taggingTypeOf } from './tagging-arn.js';

/** Above this many ids, GetResources (100 per call, but every tagged resource of the types) beats one DescribeTags each. */
export const DEFAULT_BULK_TAG_THRESHOLD = 10;

/**
 * Why GetResources may fail where DescribeTags works: no `tag:GetResources` permission, no tagging
 * API behind the port or the endpoint (404, unknown operation), or a tagging endpoint the network
 * does not reach (a VPC with only a WorkSpaces endpoint). Throttling, 5xx and aborts are not among
 * them: they fail the read like any other call.
 */
const BULK_UNAVAILABLE_CODES = new Set(['AWS_ACCESS_DENIED', 'TAGGING_UNAVAILABLE', 'INTERNAL_UNKNOWN_OPERATION']);
const BULK_UNAVAILABLE_AWS_CODES = new Set(['UnknownOperationException', 'UnknownOperation', 'UnsupportedOperation']);
const BULK_UNREACHABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Ports GetResources already failed on: later reads through them go straight to DescribeTags, and warn no more. */
const bulkUnavailable = new WeakSet<ApiPort>();

/** A port that knows how many calls went through it (SdkApiPort counts HTTP attempts). */
interface CountingPort extends ApiPort {
  calls(): Record<string, number>;
}

export interface ReadOptions {
  /** The account the port talks to (checked by the account guard before reading). */
  readonly account: string;
  readonly region: string;
  /** Kinds to read, in order. @default KINDS */
  readonly kinds?: readonly KindDefinition[];
  /** Kinds decided while the first are read (prune's ownership answer, read-scope.ts): read after them, in order. */
  readonly laterKinds?: Promise<readonly KindDefinition[]>;
  /** DescribeTags calls in flight at once. @default 4 */
  readonly tagConcurrency?: number;
  /** Milliseconds clock for `stats.ms`. @default performance.now */
  readonly now?: () => number;
  /** Stops the read between calls (it then throws READ_ABORTED). */
  readonly signal?: AbortSignal;
  /** Rate limiter every call waits for (share one between reads and tags). @default false: unpaced */
  readonly pace?: ReadPace;
}

/**
 * How reads are paced: an ApiQueues to share (e.g. plan's read and tag read), options for a new
 * one, or `false` for none (in-memory ports, an emulator without limits).
 */
export type ReadPace = ApiQueues | QueueOptions | false;

/** The port the kinds see: read-only on top, paced below it, so a refused or aborted call spends no slot. */
export function guardedPort(port: ApiPort, pace: ReadPace | undefined, signal: AbortSignal | undefined): ReadOnlyPort {
  const inner = pace === undefined || pace === false ? port : new PacedPort(port, pace, signal);
  return new ReadOnlyPort(inner, signal);
}

export async function readLive(desired: DesiredState, port: ApiPort, options: ReadOptions): Promise<LiveState> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const guarded = guardedPort(port, options.pace, options.signal);
  const counter = callCounter(port, guarded);
  const resources: LiveResource[] = [];
  for (const kind of options.kinds ?? KINDS) {
    const read = await readKind(kind, { port: guarded, desired, readSoFar: resources });
    resources.push(...read);
  }
  for (const kind of (await options.laterKinds) ?? []) {
    const read = await readKind(kind, { port: guarded, desired, readSoFar: resources });
    resources.push(...read);
  }
  return {
    account: options.account,
    region: options.region,
    resources,
    stats: { calls: counter(), ms: Math.round(now() - started) },
  };
}

export interface ReadTagsOptions {
  /** DescribeTags calls in flight at once. @default 4 */
  readonly concurrency?: number;
  /**
   * More ids than this are read with GetResources by resource type (pages of 100); this many or
   * fewer with one DescribeTags each. @default DEFAULT_BULK_TAG_THRESHOLD (10)
   */
  readonly bulkThreshold?: number;
  /** Receives the one warning when GetResources is denied or unavailable (WSR_W2003). */
  readonly logger?: Pick<Logger, 'warn'>;
  readonly now?: () => number;
  /** Stops the read between calls (it then throws READ_ABORTED). */
  readonly signal?: AbortSignal;
  /** Rate limiter every call waits for. @default false: unpaced */
  readonly pace?: ReadPace;
  /**
   * Tags of every tagged WorkSpaces resource, read alongside the listing (prefetchTags): used for
   * every candidate; a failure other than "bulk read unavailable" fails the read.
   */
  readonly prefetched?: Promise<Map<string, Tags>>;
}

/**
 * Starts reading every tagged WorkSpaces resource's tags (GetResources, pages of 100) at once, so
 * the pages come in alongside the listing's — GetResources is another service with its own
 * budget — instead of after it. Worth it when the spec declares tags on more resources than
 * `bulkThreshold` (they are all candidates, and most resources in the account are then ours);
 * undefined otherwise. Hand the promise to readTags (`prefetched`).
 */
export function prefetchTags(
  desired: DesiredState,
  port: ApiPort,
  options: Pick<ReadTagsOptions, 'bulkThreshold' | 'pace' | 'signal'> = {},
): Promise<Map<string, Tags>> | undefined {
  if (bulkUnavailable.has(port)) return undefined;
  const declaring = desired.resources.filter((resource) => resource.declaresTags).length;
  if (declaring <= (options.bulkThreshold ?? DEFAULT_BULK_TAG_THRESHOLD)) return undefined;
  const prefetched = readAllWorkspacesTags(guardedPort(port, options.pace, options.signal));
  // the listing may fail first and never ask for it: not an unhandled rejection
  prefetched.catch(() => {});
  return prefetched;
}

/**
 * Fills `tags` of the candidates — with GetResources when there are more than `bulkThreshold`
 * ids, else one DescribeTags per id; calls are added to `stats.calls`. A denied or unavailable
 * GetResources falls back to DescribeTags with one warning; any other failure fails the read.
 */
export async function readTags(live: LiveState, candidates: readonly LiveResource[], port: ApiPort, options: ReadTagsOptions = {}): Promise<LiveState> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const guarded = guardedPort(port, options.pace, options.signal);
  const counter = callCounter(port, guarded);
  const ids = [...new Set(candidates.flatMap((resource) => (resource.id === undefined ? [] : [resource.id])))];
  // by id, not key: right after a migrate, the old desktop (TERMINATING) and the new one share a key
  const tagsById = await readTagsById(ids, port, guarded, {
    ...options,
    account: live.account,
    region: live.region,
    taggedOfTypes: (types) => countOfTypes(live, types),
  });
  return {
    ...live,
    resources: live.resources.map((resource) =>
      resource.id !== undefined && tagsById.has(resource.id) ? { ...resource, tags: tagsById.get(resource.id) } : resource,
    ),
    stats: { calls: addCounts(live.stats.calls, counter()), ms: (live.stats.ms ?? 0) + Math.round(now() - started) },
  };
}

export interface ReadSessionsOptions {
  readonly signal?: AbortSignal;
  /** Rate limiter every call waits for. @default false: unpaced */
  readonly pace?: ReadPace;
  readonly now?: () => number;
}

/**
 * Fills `sessions` of the candidates (the resources a plan would disrupt) with who is connected
 * now, through each kind's SessionRecipe; calls are added to `stats.calls`. Resources of kinds
 * without a recipe are left unread.
 */
export async function readSessions(live: LiveState, candidates: readonly LiveResource[], port: ApiPort, options: ReadSessionsOptions = {}): Promise<LiveState> {
  if (candidates.length === 0) return live;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const guarded = guardedPort(port, options.pace, options.signal);
  const counter = callCounter(port, guarded);
  const read = new Set<string>();
  const sessionsById = new Map<string, LiveResource['sessions']>();
  for (const definition of KINDS) {
    const ofKind = candidates.filter((resource) => resource.kind === definition.kind && resource.id !== undefined);
    if (definition.sessions === undefined || ofKind.length === 0) continue;
    const found = await definition.sessions.read(ofKind, guarded);
    for (const resource of ofKind) {
      read.add(resource.id!);
      sessionsById.set(resource.id!, found.get(resource.id!) ?? []);
    }
  }
  return {
    ...live,
    resources: live.resources.map((resource) =>
      resource.id !== undefined && read.has(resource.id) ? { ...resource, sessions: sessionsById.get(resource.id) } : resource,
    ),
    stats: { calls: addCounts(live.stats.calls, counter()), ms: (live.stats.ms ?? 0) + Math.round(now() - started) },
  };
}

/** Fills `details[member]` of the resources each DetailRead asked about (restore snapshots…). */
export async function readDetails(
  live: LiveState,
  candidates: readonly { readonly read: DetailRead; readonly resources: readonly LiveResource[] }[],
  port: ApiPort,
  options: ReadSessionsOptions = {},
): Promise<LiveState> {
  if (candidates.length === 0) return live;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const guarded = guardedPort(port, options.pace, options.signal);
  const counter = callCounter(port, guarded);
  const detailsById = new Map<string, Record<string, unknown>>();
  for (const { read, resources } of candidates) {
    const found = await read.read(resources, guarded);
    for (const [id, value] of found) detailsById.set(id, { ...detailsById.get(id), [read.member]: value });
  }
  return {
    ...live,
    resources: live.resources.map((resource) => {
      const extra = resource.id === undefined ? undefined : detailsById.get(resource.id);
      return extra === undefined ? resource : { ...resource, details: { ...resource.details, ...extra } };
    }),
    stats: { calls: addCounts(live.stats.calls, counter()), ms: (live.stats.ms ?? 0) + Math.round(now() - started) },
  };
}

interface TagReadScope extends ReadTagsOptions {
  readonly account: string;
  readonly region: string;
  /** Live resources of these tagging types: at most that many can be tagged. */
  readonly taggedOfTypes: (types: ReadonlySet<string>) => number;
}

async function readTagsById(ids: readonly string[], port: ApiPort, guarded: ReadOnlyPort, options: TagReadScope): Promise<Map<string, Tags>> {
  const bulkIds = ids.filter((id) => taggingTypeOf(id) !== undefined);
  const prefetched = options.prefetched && !bulkUnavailable.has(port) ? await settledPrefetch(options.prefetched) : undefined;
  if (prefetched instanceof Map) {
    const rest = await describeTagsOneByOne(
      ids.filter((id) => taggingTypeOf(id) === undefined),
      guarded,
      options,
    );
    return new Map([...bulkIds.map((id) => [id, prefetched.get(id) ?? {}] as const), ...rest]);
  }
  if (prefetched !== undefined && !isBulkUnavailable(prefetched.error)) throw prefetched.error;
  if (prefetched !== undefined) markBulkUnavailable(port, options, prefetched.error, ids.length);
  if (bulkIds.length <= (options.bulkThreshold ?? DEFAULT_BULK_TAG_THRESHOLD) || bulkUnavailable.has(port)) {
    return describeTagsOneByOne(ids, guarded, options);
  }
  let bulk: Map<string, Tags>;
  try {
    bulk = arnListIsCheaper(bulkIds, options) ? await readTagsByArn(guarded, bulkIds, options.account, options.region) : await readBulkTags(guarded, bulkIds);
  } catch (error) {
    if (!isBulkUnavailable(error)) throw error;
    markBulkUnavailable(port, options, error, ids.length);
    return describeTagsOneByOne(ids, guarded, options);
  }
  const rest = await describeTagsOneByOne(
    ids.filter((id) => !bulk.has(id)),
    guarded,
    options,
  );
  return new Map([...bulk, ...rest]);
}

/**
 * By ARN: ⌈ids/100⌉ calls. By type: ⌈tagged resources of those types/100⌉ pages, at most the live
 * count of those types. The ARN list wins when the candidates are fewer (100 migrations in a
 * 10,000-desktop fleet: 1 call instead of 100 pages).
 */
function arnListIsCheaper(ids: readonly string[], options: TagReadScope): boolean {
  const types = new Set(ids.map((id) => taggingTypeOf(id)!));
  return Math.ceil(ids.length / ARN_LIST_MAX) < Math.ceil(options.taggedOfTypes(types) / BULK_PAGE_SIZE);
}

function countOfTypes(live: LiveState, types: ReadonlySet<string>): number {
  let count = 0;
  for (const resource of live.resources) if (resource.id !== undefined && types.has(taggingTypeOf(resource.id) ?? '')) count += 1;
  return count;
}

async function settledPrefetch(prefetched: Promise<Map<string, Tags>>): Promise<Map<string, Tags> | { error: unknown }> {
  try {
    return await prefetched;
  } catch (error) {
    return { error };
  }
}

function markBulkUnavailable(port: ApiPort, options: ReadTagsOptions, error: unknown, ids: number): void {
  bulkUnavailable.add(port);
  warnBulkUnavailable(options.logger, error, ids);
}

async function describeTagsOneByOne(ids: readonly string[], guarded: ReadOnlyPort, options: ReadTagsOptions): Promise<Map<string, Tags>> {
  const tagLists = await mapWithConcurrency(ids, options.concurrency ?? 4, async (id) => {
    const output = await guarded.call('DescribeTags', { ResourceId: id });
    return [id, toTags(output.TagList)] as const;
  });
  return new Map<string, Tags>(tagLists);
}

/** A GetResources failure that means the tagging API is not there for us (denied, absent, unreachable), not a failed read. */
export function isBulkUnavailable(error: unknown): boolean {
  if (!isWsrError(error)) return false;
  const { awsCode, httpStatus } = error as { awsCode?: string; httpStatus?: number };
  const networkCode = (error.cause as { code?: string } | undefined)?.code;
  return (
    BULK_UNAVAILABLE_CODES.has(error.code) ||
    (awsCode !== undefined && BULK_UNAVAILABLE_AWS_CODES.has(awsCode)) ||
    httpStatus === 404 ||
    (networkCode !== undefined && BULK_UNREACHABLE_NETWORK_CODES.has(networkCode))
  );
}

function warnBulkUnavailable(logger: ReadTagsOptions['logger'], error: unknown, ids: number): void {
  const { code, awsCode } = error as { code?: string; awsCode?: string };
  logger?.warn(
    { code: 'WSR_W2003', operation: 'GetResources', errorCode: code, ...(awsCode ? { awsCode } : {}), ids },
    'bulk tag read unavailable, reading tags one by one',
  );
}

async function readKind(kind: KindDefinition, context: Parameters<KindDefinition['read']>[0]): Promise<LiveResource[]> {
  try {
    return await kind.read(context);
  } catch (error) {
    if (isWsrError(error)) throw error;
    throw new WsrError('READ_INCOMPLETE', `reading ${kind.kind} failed, so live state is incomplete: ${(error as Error)?.message ?? String(error)}`, {
      source: 'aws',
      cause: error,
    });
  }
}

/**
 * Calls made from now on, by operation: the port's own counts when it keeps them (HTTP
 * attempts, retries included), else the commands sent through the guard.
 */
function callCounter(port: ApiPort, guarded: ReadOnlyPort): () => Record<string, number> {
  if (!isCountingPort(port)) return () => guarded.calls();
  const before = port.calls();
  return () => subtractCounts(port.calls(), before);
}

function isCountingPort(port: ApiPort): port is CountingPort {
  return typeof (port as Partial<CountingPort>).calls === 'function';
}

function subtractCounts(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [operation, count] of Object.entries(after)) {
    const delta = count - (before[operation] ?? 0);
    if (delta > 0) result[operation] = delta;
  }
  return result;
}

function addCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const result: Record<string, number> = { ...a };
  for (const [operation, count] of Object.entries(b)) result[operation] = (result[operation] ?? 0) + count;
  return result;
}
