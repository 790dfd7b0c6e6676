/**
 * Plan half of the pipeline: spec → desired; account guard; read live (+ tags where they
 * matter); buildPlan. Nothing here mutates the account: the reader's port refuses anything
 * but Describe/List/Get, and the planner is pure.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DesiredState } from '../model/desired.js';
import type { LiveResource, LiveState } from '../model/live.js';
import type { Logger } from 'pino';
import type { Plan } from '../model/plan.js';
import type { Diagnostic } from '../spec/diagnostic.js';
import type { EngineEvents } from '../model/engine-events.js';
import { openSession, type Session, type SessionOptions } from './session.js';
import { loadSpecFile } from '../spec/load-spec.js';
import { resolveUserSources } from './resolve-user-sources.js';
import { resolveDesiredNames } from '../live/resolve-names.js';
import { prefetchTags, readDetails, readLive, readSessions, readTags, type ReadPace } from '../live/reader.js';
import { readScopeOf } from '../live/read-scope.js';
import { detailCandidates, disruptionCandidates } from '../plan/disruption.js';
import { disruptionPolicy } from '../plan/build.js';
import { destroyedIdsOf } from '../apply/destroyed-ids.js';
import { ownershipHolder } from '../diff/ownership.js';
import { tagCandidates } from '../diff/tag-candidates.js';
import type { PlanOptions } from '../model/plan-options.js';
import { buildPlan, withPlanMembers } from '../plan/build.js';
import { PlanError, SpecError } from '../errors.js';
import { KIND_NAMES, isKindName } from '../kinds/index.js';

/** A plan of one spec file: the plan flags (PlanOptions) and how to reach the account. */
export interface PlanRequest extends PlanOptions {
  readonly specFile: string;
  /** Connection; region defaults to the spec's metadata.region. */
  readonly connection: Omit<SessionOptions, 'region'> & { readonly region?: string };
  readonly events?: EngineEvents;
  /** The spec, already loaded (reconcile loads it first to name the environment). */
  readonly desired?: DesiredState;
  /** Receives every diagnostic of the spec (errors and warnings), before an invalid spec throws. */
  readonly onDiagnostics?: (diagnostics: readonly Diagnostic[]) => void;
  /** Stops the read between calls (daemon shutdown). */
  readonly signal?: AbortSignal;
  /** The plan's creation time. @default () => new Date() */
  readonly now?: () => Date;
  /**
   * Rate limit of the read. @default the account's shared limiter (session.limiter): per
   * operation 2/s burst 5 on loopback (the emulator's buckets), else 2/s burst 5 in total (real AWS)
   */
  readonly readPace?: ReadPace;
}

export interface PreparedPlan {
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly plan: Plan;
  /** Open session; the caller closes it (or hands it to applyPlan first). */
  readonly session: Session;
}

/**
 * Loads and validates a spec. Diagnostics go to `onDiagnostics` (all of them, so the CLI can
 * print every one); an invalid spec then throws SPEC_INVALID at its first error — before any
 * API call is made.
 */
export function loadDesiredState(specFile: string, onDiagnostics?: (diagnostics: readonly Diagnostic[]) => void): DesiredState {
  const result = loadSpecFile(specFile);
  if (result.diagnostics.length > 0) onDiagnostics?.(result.diagnostics);
  if (result.desired) return result.desired;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  throw new SpecError(
    'SPEC_INVALID',
    `${result.file} is not a valid spec (${errors.length} error${errors.length === 1 ? '' : 's'}; first: ${first?.summary ?? 'unknown'})`,
    {
      location: first?.location,
      // the CLI printed every diagnostic already: repeating the first would be a duplicate line
      reported: onDiagnostics !== undefined,
    },
  );
}

export async function preparePlan(request: PlanRequest): Promise<PreparedPlan> {
  const loaded = request.desired ?? loadDesiredState(request.specFile, request.onDiagnostics);
  checkTargetSyntax(request.targets ?? []);
  // group members and user files are read before any AWS call: an unreadable group stops here
  let desired = await resolveUserSources(loaded, { specFile: request.specFile, events: request.events ?? request.connection.events });
  const environment = desired.environment;
  const region = request.connection.region ?? environment.region;
  guardRegion(region, desired, request.specFile);
  const session = await openSession({
    ...request.connection,
    region,
    roleArn: request.connection.roleArn ?? environment.roleArn,
    events: request.events ?? request.connection.events,
  });
  try {
    await guardAccount(session, desired, request.specFile);
    // names given instead of ids (applications): one read each, only when the spec uses a name
    desired = await resolveDesiredNames(desired, session.port);
    const options = planOptionsOf(request);
    const started = performance.now();
    // the account's limiter: the read shares the budget of the apply and of every environment in the account
    const pace = request.readPace ?? session.limiter(environment.account);
    // tags of a spec that declares them come from another service's budget: read them alongside the listing
    const prefetched = prefetchTags(desired, session.port, { pace, signal: request.signal });
    // only the kinds the spec, --target or prune can touch (prune: those this environment owns resources of)
    const scope = readScopeOf(desired, session.port, {
      targets: request.targets,
      pace,
      signal: request.signal,
      logger: request.connection.logger,
      ...(prefetched ? { prefetched } : {}),
    });
    const untagged = await readLive(desired, session.port, {
      account: environment.account,
      region,
      signal: request.signal,
      pace,
      kinds: scope.first,
      laterKinds: scope.later,
    });
    const candidates = tagCandidates(desired, untagged, options);
    const tagged = await readTags(untagged, candidates, session.port, {
      signal: request.signal,
      logger: request.connection.logger,
      pace,
      ...(prefetched ? { prefetched } : {}),
    });
    checkTargetsExist(request.targets ?? [], desired, tagged);
    const now = (request.now?.() ?? new Date()).toISOString();
    const owned = await planWithOwnership({ desired, live: tagged, options, now }, session, {
      signal: request.signal,
      pace,
      logger: request.connection.logger,
    });
    const { live, plan: built } = await planWithSessions({ desired, live: owned.live, options, now }, session, { signal: request.signal, pace }, owned.plan);
    request.events?.emit({ type: 'read.done', environment: environment.name, calls: live.stats.calls, ms: Math.round(performance.now() - started) });
    const plan = withPlanMembers(built, {
      ...specHashOf(request.specFile),
      madeWith: {
        destroy: options.destroy ?? false,
        targets: [...(options.targets ?? [])],
        refreshOnly: options.refreshOnly ?? false,
        allowDestroy: options.allowDestroy ?? false,
        ...(hasRequestedActions(options) ? { requestedActions: options.requestedActions } : {}),
        ...(options.whenConnected === undefined ? {} : { whenConnected: options.whenConnected }),
        ...(options.ignoreWindows ? { ignoreWindows: true } : {}),
      },
    });
    request.events?.emit({ type: 'plan.done', environment: environment.name, summary: plan.summary, changesByKind: changesByKind(plan) });
    return { desired, live, plan, session };
  } catch (error) {
    await session.close();
    throw error;
  }
}

/**
 * Every resource a runnable step would destroy must have its ownership tag read: the safety
 * gates block what is not this environment's, and the executor's guard refuses a destroy it
 * cannot prove owned. Tags are read at first only where the diff foresaw it; a destroy the diff
 * did not foresee (a rollout's rebuilds) has its targets' tags read here (bulk), then the plan
 * is made again.
 */
async function planWithOwnership(
  input: { desired: DesiredState; live: LiveState; options: PlanOptions; now: string },
  session: Session,
  read: { signal?: AbortSignal; pace: ReadPace; logger?: Logger },
): Promise<{ live: LiveState; plan: Plan }> {
  const first = buildPlan(input);
  const byId = new Map(input.live.resources.filter((resource) => resource.id !== undefined).map((resource) => [resource.id!, resource]));
  const unknown = new Map<string, LiveResource>();
  for (const step of first.steps) {
    if (step.blocked !== undefined) continue;
    for (const id of destroyedIdsOf(step.operation, step.input) ?? []) {
      // kinds without tags (Connect add-ins) are owned through their directory: read the holder's tags
      const resource = byId.get(id);
      const holder = resource === undefined ? undefined : ownershipHolder(resource, { liveById: (parent) => byId.get(parent) });
      if (holder?.id !== undefined && holder.tags === undefined) unknown.set(holder.id, holder);
    }
  }
  if (unknown.size === 0) return { live: input.live, plan: first };
  const live = await readTags(input.live, [...unknown.values()], session.port, { signal: read.signal, logger: read.logger, pace: read.pace });
  return { live, plan: buildPlan({ ...input, live }) };
}

/**
 * Connection status and restore snapshots cost calls, so they are read only for the resources
 * this plan would disrupt (connections: only when the policy defers or ends sessions) or restore,
 * then the plan is made again with them.
 */
async function planWithSessions(
  input: { desired: DesiredState; live: LiveState; options: PlanOptions; now: string },
  session: Session,
  read: { signal?: AbortSignal; pace: ReadPace },
  plan?: Plan,
): Promise<{ live: LiveState; plan: Plan }> {
  const first = plan ?? buildPlan(input);
  const policy = disruptionPolicy(input.desired, input.options);
  const byId = new Map(input.live.resources.filter((resource) => resource.id !== undefined).map((resource) => [resource.id!, resource]));
  const readsSessions = policy.whenConnected === 'defer' || policy.endPoolSessions;
  const sessionCandidates = readsSessions ? disruptionCandidates(first.steps, (id) => byId.get(id)) : [];
  const details = detailCandidates(first.steps, (id) => byId.get(id));
  if (sessionCandidates.length === 0 && details.length === 0) return { live: input.live, plan: first };
  const withSessions = await readSessions(input.live, sessionCandidates, session.port, read);
  const live = await readDetails(withSessions, details, session.port, read);
  return { live, plan: buildPlan({ ...input, live }) };
}

/** SHA-256 of the spec file's bytes, so `apply --plan` can refuse a plan made from another spec. */
export function hashSpecFile(specFile: string): string {
  return createHash('sha256').update(readFileSync(specFile)).digest('hex');
}

function specHashOf(specFile: string): { specHash?: string } {
  try {
    return { specHash: hashSpecFile(specFile) };
  } catch {
    // a spec given as data (tests, the daemon's last good spec after the file vanished) has no file to hash
    return {};
  }
}

/** The first call of every plan: refuse to read (let alone change) an account the spec does not name. */
/**
 * The Region guard, like the account guard: an environment is (name, account, Region), so a
 * `--region` other than the spec's `metadata.region` is refused before any call — it would plan
 * against another Region's desktops and call everything there "to create".
 */
function guardRegion(region: string, desired: DesiredState, specFile: string): void {
  const expected = desired.environment.region;
  if (region === expected) return;
  throw new PlanError(
    'PLAN_REGION_MISMATCH',
    `--region ${region}, but ${specFile} is for Region ${expected} (metadata.region); refusing to read or change it`,
    {
      hint: `drop --region, or pass --region ${expected}`,
    },
  );
}

async function guardAccount(session: Session, desired: DesiredState, specFile: string): Promise<void> {
  const actual = await session.callerAccount();
  const expected = desired.environment.account;
  if (actual === expected) return;
  throw new PlanError(
    'PLAN_ACCOUNT_MISMATCH',
    `the credentials are for account ${actual}, but ${specFile} is for account ${expected} (metadata.account); refusing to read or change it`,
    { hint: 'use the profile or role of the account the spec names' },
  );
}

/** `--target KIND/KEY…` with a known kind: checked before any call. */
function checkTargetSyntax(targets: readonly string[]): void {
  for (const target of targets) {
    const kind = target.split('/')[0];
    if (target.includes('/') && isKindName(kind) && !target.endsWith('/')) continue;
    throw new SpecError(
      'PLAN_TARGET_INVALID',
      `--target ${target}: expected KIND/KEY with KIND one of ${KIND_NAMES.join(', ')} (e.g. workspace/d-1234567890/alice)`,
    );
  }
}

/**
 * A target that names nothing would give an empty plan that reads like "in sync"; a typo must
 * not look like good news.
 */
function checkTargetsExist(targets: readonly string[], desired: DesiredState, live: LiveState): void {
  if (targets.length === 0) return;
  const keys = [...desired.resources.map((resource) => resource.key), ...live.resources.map((resource) => resource.key)];
  for (const target of targets) {
    if (keys.some((key) => key === target || key.startsWith(`${target}/`))) continue;
    throw new PlanError('PLAN_TARGET_UNKNOWN', `--target ${target} matches no resource in the spec or in the account`);
  }
}

function planOptionsOf(request: PlanRequest): PlanOptions {
  return {
    destroy: request.destroy ?? false,
    targets: request.targets ?? [],
    refreshOnly: request.refreshOnly ?? false,
    allowDestroy: request.allowDestroy ?? false,
    showUnmanaged: request.showUnmanaged ?? false,
    ...(request.whenConnected === undefined ? {} : { whenConnected: request.whenConnected }),
    ...(request.requestedActions === undefined ? {} : { requestedActions: request.requestedActions }),
    ...(request.ignoreWindows ? { ignoreWindows: true } : {}),
  };
}

function hasRequestedActions(options: PlanOptions): boolean {
  return Object.values(options.requestedActions ?? {}).some((keys) => keys.length > 0);
}

function changesByKind(plan: Plan): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const change of plan.changes) {
    if (change.action === 'noop') continue;
    counts[change.kind] = (counts[change.kind] ?? 0) + 1;
  }
  return counts;
}
