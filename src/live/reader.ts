/**
 * The only code that reads the live account. Each kind brings its own read recipe
 * (paginated, ≤25-id batches); the reader runs them in registry order, hands each the
 * resources read so far (workspaces are read per directory), and reads tags only for the
 * resources the planner asks about. A read is all or nothing: any failure — an AWS error, a
 * page that never came, throttling that outlasted the SDK's retries — throws, because missing
 * data read as "deleted" would plan the destruction of a fleet.
 */
import type { ApiPort, KindDefinition } from '../kinds/kind.js';
import type { DesiredState, Tags } from '../model/desired.js';
import type { LiveResource, LiveState } from '../model/live.js';
import { KINDS } from '../kinds/index.js';
import { WsrError, isWsrError } from '../errors.js';
import { ReadOnlyPort } from './read-only-port.js';
import { mapWithConcurrency } from './map-with-concurrency.js';

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
  /** DescribeTags calls in flight at once. @default 4 */
  readonly tagConcurrency?: number;
  /** Milliseconds clock for `stats.ms`. @default performance.now */
  readonly now?: () => number;
  /** Stops the read between calls (it then throws READ_ABORTED). */
  readonly signal?: AbortSignal;
}

export async function readLive(desired: DesiredState, port: ApiPort, options: ReadOptions): Promise<LiveState> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const guarded = new ReadOnlyPort(port, options.signal);
  const counter = callCounter(port, guarded);
  const resources: LiveResource[] = [];
  for (const kind of options.kinds ?? KINDS) {
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
  readonly now?: () => number;
  /** Stops the read between calls (it then throws READ_ABORTED). */
  readonly signal?: AbortSignal;
}

/** Fills `tags` of the candidates (one DescribeTags per id); calls are added to `stats.calls`. */
export async function readTags(
  live: LiveState,
  candidates: readonly LiveResource[],
  port: ApiPort,
  options: ReadTagsOptions = {},
): Promise<LiveState> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const guarded = new ReadOnlyPort(port, options.signal);
  const counter = callCounter(port, guarded);
  const ids = [...new Set(candidates.flatMap((resource) => (resource.id === undefined ? [] : [resource.id])))];
  const tagLists = await mapWithConcurrency(ids, options.concurrency ?? 4, async (id) => {
    const output = await guarded.call('DescribeTags', { ResourceId: id });
    return [id, toTags(output.TagList)] as const;
  });
  // by id, not key: right after a migrate, the old desktop (TERMINATING) and the new one share a key
  const tagsById = new Map<string, Tags>(tagLists);
  return {
    ...live,
    resources: live.resources.map((resource) => (resource.id !== undefined && tagsById.has(resource.id) ? { ...resource, tags: tagsById.get(resource.id) } : resource)),
    stats: { calls: addCounts(live.stats.calls, counter()), ms: (live.stats.ms ?? 0) + Math.round(now() - started) },
  };
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

function toTags(tagList: unknown): Tags {
  if (!Array.isArray(tagList)) return {};
  const tags: Record<string, string> = {};
  for (const tag of tagList as { Key?: string; Value?: string }[]) {
    if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  }
  return tags;
}
