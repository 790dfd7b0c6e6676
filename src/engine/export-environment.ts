/**
 * `wsr export`: open a session, ask STS whose account it is (that becomes metadata.account), read
 * the requested scope with the same reader as plan (Describe/List/Get only — the reader's port
 * refuses anything else), read every tag (ownership decides what is adopted), and turn the live
 * state into spec text with the pure exporter. Nothing here changes the account.
 */
import type { DesiredState, Policy } from '../model/desired.js';
import type { LiveResource, LiveState } from '../model/live.js';
import type { EngineEvents } from '../model/engine-events.js';
import { openSession, type Session, type SessionOptions } from './session.js';
import { readLive, readTags } from '../live/reader.js';
import type { KindExport } from '../kinds/kind.js';
import { EXPORTED_KINDS, exportSpec, type ExportedSpec } from '../export/export-spec.js';
import { renderExportedSpec } from '../export/render-exported-spec.js';
import { loadSpecText } from '../spec/load-spec.js';
import { PlanError, SpecError, WsrError } from '../errors.js';

export const DEFAULT_EXPORT_NAME = 'exported';

export interface ExportRequest {
  readonly connection: SessionOptions;
  /** metadata.name of the exported spec. @default 'exported' */
  readonly name?: string;
  /** Only these directories (d-… ids) and what they use. @default every registered directory */
  readonly directories?: readonly string[];
  /** Adopt resources tagged `wsr:env=<another environment>` too. @default false */
  readonly includeManaged?: boolean;
  /** Refuse to read when the credentials belong to another account. */
  readonly expectedAccount?: string;
  readonly events?: EngineEvents;
  readonly signal?: AbortSignal;
}

export interface ExportResult {
  /** The spec as YAML, header comments included. */
  readonly text: string;
  readonly exported: ExportedSpec;
  readonly live: LiveState;
}

/** Kinds export reads over the whole account, and again (or only) for the directories in scope; kinds export does not write are not read at all. */
const READ_FOR_EVERYTHING = EXPORTED_KINDS.filter((definition) => definition.export.readFor !== 'scope');
const READ_FOR_SCOPE = EXPORTED_KINDS.filter((definition) => definition.export.readFor !== 'everything');

/** Read everything a pruning spec would (every registered directory, image, bundle, group…). */
const READ_ALL: Policy = { prune: true, protect: [], allowDestroy: false, rollout: { mode: 'none', batchSize: 25 } };

export async function exportEnvironment(request: ExportRequest): Promise<ExportResult> {
  const session = await openSession({ ...request.connection, events: request.events ?? request.connection.events });
  try {
    return await exportWith(session, request);
  } finally {
    await session.close();
  }
}

async function exportWith(session: Session, request: ExportRequest): Promise<ExportResult> {
  const account = await session.callerAccount();
  if (request.expectedAccount !== undefined && request.expectedAccount !== account) {
    throw new PlanError('PLAN_ACCOUNT_MISMATCH', `the credentials are for account ${account}, not ${request.expectedAccount}; refusing to read it`);
  }
  const name = request.name ?? DEFAULT_EXPORT_NAME;
  const region = session.region;
  const started = performance.now();
  const live = await readScope(session, { name, account, region }, request);
  request.events?.emit({ type: 'read.done', environment: name, calls: live.stats.calls, ms: Math.round(performance.now() - started) });
  const exported = exportSpec(live, { name, account, region, directories: request.directories, includeManaged: request.includeManaged ?? false });
  const text = renderExportedSpec(exported);
  checkExportedText(text);
  return { text, exported, live };
}

/**
 * Two reads: every kind export writes but desktops (as for a pruning plan), then the directories
 * again with desktops and client properties only for those in scope, so `--directory` does not
 * page through the rest of the fleet.
 */
async function readScope(session: Session, environment: DesiredState['environment'], request: ExportRequest): Promise<LiveState> {
  // paced like a plan's read: one limiter for pages and tags, so a big export is not throttled
  const pace = session.limiter(environment.account);
  const options = { account: environment.account, region: environment.region, signal: request.signal, pace };
  const everything: DesiredState = { environment, policy: READ_ALL, resources: [] };
  const shared = await readLive(everything, session.port, { ...options, kinds: READ_FOR_EVERYTHING });
  const wanted = request.directories === undefined ? undefined : new Set(request.directories);
  const roots = shared.resources.flatMap((resource) => {
    const root = scopeRootOf(resource);
    return root !== undefined && (wanted === undefined || wanted.has(resource.id!)) ? [{ resource, root }] : [];
  });
  checkDirectoriesExist(
    request.directories ?? [],
    roots.map(({ resource }) => resource),
  );
  const inScope: DesiredState = {
    environment,
    policy: { ...READ_ALL, prune: false },
    resources: roots.map(({ resource, root }) => root.declaredForRead(resource)),
  };
  const scoped = await readLive(inScope, session.port, { ...options, kinds: READ_FOR_SCOPE });
  // what the second read read again (the directories, now with their client properties) replaces the first read's
  const readAgain = new Set(READ_FOR_SCOPE.map((definition) => definition.kind));
  const untagged: LiveState = {
    ...shared,
    resources: [...shared.resources.filter((resource) => !readAgain.has(resource.kind)), ...scoped.resources],
    stats: { calls: addCounts(shared.stats.calls, scoped.stats.calls), ms: (shared.stats.ms ?? 0) + (scoped.stats.ms ?? 0) },
  };
  // every tag: ownership (wsr:env) decides what is adopted, and the others are written to the spec
  return readTags(untagged, untagged.resources.filter(hasId), session.port, { signal: request.signal, logger: request.connection.logger, pace });
}

/** Whether an id given to `--directory` looks like one (so a typo costs no read of the account). */
export function isScopeRootId(id: string): boolean {
  return EXPORTED_KINDS.some((definition) => definition.export.scopeRoot?.idPattern.test(id) ?? false);
}

function scopeRootOf(resource: LiveResource): NonNullable<KindExport['scopeRoot']> | undefined {
  return EXPORTED_KINDS.find((definition) => definition.kind === resource.kind)?.export.scopeRoot;
}

/** A `--directory` that names nothing would export an empty spec that reads like an empty account. */
function checkDirectoriesExist(requested: readonly string[], found: readonly LiveResource[]): void {
  const missing = requested.filter((id) => !found.some((directory) => directory.id === id));
  if (missing.length === 0) return;
  throw new SpecError('EXPORT_DIRECTORY_UNKNOWN', `--directory ${missing.join(', ')}: not registered with WorkSpaces in this account and Region`);
}

function hasId(resource: LiveResource): boolean {
  return resource.id !== undefined;
}

/** An exported spec the loader would refuse is a bug here, not something to hand to a user. */
function checkExportedText(text: string): void {
  const errors = loadSpecText(text, 'exported.yaml').diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length === 0) return;
  const first = errors[0];
  throw new WsrError(
    'EXPORT_INVALID_SPEC',
    `the exported spec does not load (${errors.length} error(s); first: ${first.code} ${first.summary} at line ${first.location?.line ?? '?'})`,
  );
}

function addCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const result: Record<string, number> = { ...a };
  for (const [operation, count] of Object.entries(b)) result[operation] = (result[operation] ?? 0) + count;
  return result;
}
