/**
 * The emulator without HTTP: routes an operation name + input to its handler, with call counts,
 * fault injection, lazy transition settling, validation and state-file persistence around it.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { Clock, DURATION } from './clock.js';
import { AwsError, internalFailure } from './errors.js';
import { Faults, meteredAs, type RateLimit, type RateLimitScope } from './faults.js';
import { handlers } from './operations/index.js';
import type { Context, Realism, World } from './operations/context.js';
import { populateScope } from './seed-resources.js';
import { resolveSeed, scopeKey, type EmulatorSeed, type ResolvedSeed } from './seed.js';
import { Store, type Family, type Json, type Snapshot } from './store.js';
import { isOperation, validateInput } from './validate.js';
import { isTaggingOperation, runTaggingOperation } from './tagging.js';

export interface EmulatorConfig {
  /** object, or path of a YAML/JSON file */
  seed?: EmulatorSeed | string;
  /** load at start if present, save after every mutating call (atomic write) and on stop */
  stateFile?: string;
  /** default 1; durations are realistic × timeScale; 0 = transitions done by the next call */
  timeScale?: number;
  /** added to every call */
  latencyMs?: number;
  /** fraction of calls answered 400 ThrottlingException */
  throttleRate?: number;
  /** fraction answered 500 InternalServerError */
  failRate?: number;
  /** makes throttle/fail draws deterministic */
  randomSeed?: number;
  /** per-operation token bucket; default {capacity: 5, refillPerSecond: 2} */
  rateLimits?: false | RateLimit;
  /** what a bucket meters: each operation (default) or the whole account, every operation of a service from one bucket */
  rateLimitScope?: RateLimitScope;
  /** default page size when Limit/MaxResults is absent (default 25) */
  pageSize?: number;
  /**
   * `instant` (default for the library and the embedded emulator): a new desktop and a tag change
   * show at once. `aws`: AWS's windows — a new desktop's id is not returned by DescribeWorkspaces for
   * `readAfterCreateSeconds` (default 30) and GetResources shows a tag change after
   * `tagPropagationSeconds` (default 60), both realistic seconds × timeScale.
   */
  realism?: RealismMode;
  /**
   * Seconds (realistic, × timeScale) during which a new desktop's id is not returned by
   * DescribeWorkspaces yet — AWS: "If you immediately call DescribeWorkspaces with this identifier,
   * no information is returned" (CreateWorkspaces). Default 0 (shown at once).
   */
  readAfterCreateSeconds?: number;
  /** Seconds (realistic, × timeScale) before a tag change shows in GetResources (eventual consistency). Default 0. */
  tagPropagationSeconds?: number;
}

export interface CallResult {
  status: number;
  body: Json;
}

export const REALISMS = ['instant', 'aws'] as const;
export type RealismMode = (typeof REALISMS)[number];
/** The windows `realism: 'aws'` opens unless given explicitly (realistic seconds; emulator choice, AWS gives no figure). */
export const AWS_WINDOWS = { readAfterCreateSeconds: 30, tagPropagationSeconds: 60 } as const;

const READ_ONLY = /^(Describe|List|Get)/;

/** Who a request acts as: the account its access key belongs to, the Region its signature is scoped to. */
export interface Caller {
  readonly account: string;
  readonly region: string;
}

export class Emulator implements World {
  readonly seed: ResolvedSeed;
  readonly faults: Faults;
  clock: Clock;
  /** Connection strings ever created → the account they stay reserved to (AWS keeps them after deletion). */
  readonly connectionStrings = new Map<string, string>();
  private readonly stores = new Map<string, Store>();
  private calls: Record<string, number> = {};
  private throttledCalls: Record<string, number> = {};
  private failedCalls: Record<string, number> = {};

  constructor(private readonly config: EmulatorConfig = {}) {
    this.seed = resolveSeed(config.seed);
    this.clock = new Clock(config.timeScale ?? 1);
    this.faults = new Faults({
      throttleRate: config.throttleRate ?? 0,
      failRate: config.failRate ?? 0,
      rateLimits: config.rateLimits ?? { capacity: 5, refillPerSecond: 2 },
      latencyMs: config.latencyMs ?? 0,
      ...(config.randomSeed !== undefined ? { randomSeed: config.randomSeed } : {}),
    });
    this.loadStateFile();
  }

  /** The default account (unsigned requests and keys no account claims act as it). */
  get account(): string {
    return this.seed.account;
  }

  get defaultCaller(): Caller {
    return { account: this.seed.account, region: this.seed.region };
  }

  /** The default account's store in the default Region. */
  get store(): Store {
    return this.storeFor(this.defaultCaller) as Store;
  }

  /** Replaces the store of its (account, Region) scope (benchmarks hand a filled store to a limited emulator). */
  set store(store: Store) {
    this.stores.set(scopeKey(store.account, store.region), this.adopt(store));
  }

  /** A store reads this emulator's virtual clock and tag propagation delay. */
  private adopt(store: Store): Store {
    store.now = () => this.clock.now();
    store.tagPropagationSeconds = this.windows.tagPropagationSeconds * this.clock.timeScale;
    store.firstSnapshotSeconds = DURATION.firstSnapshot * this.clock.timeScale;
    store.snapshotIntervalSeconds = DURATION.snapshotInterval * this.clock.timeScale;
    return store;
  }

  /**
   * The store of an (account, Region) scope, made on first use from the seed; undefined for a
   * Region the emulator does not serve. Due transitions are applied first.
   */
  storeFor(caller: Caller): Store | undefined {
    if (!this.seed.regions.includes(caller.region) || !this.seed.accounts.includes(caller.account)) return undefined;
    const key = scopeKey(caller.account, caller.region);
    let store = this.stores.get(key);
    if (!store) {
      const scope = this.seed.scopes.get(key) ?? { account: caller.account, region: caller.region, directories: [], images: [], ec2ImageIds: [] };
      store = this.adopt(new Store(scope, this.seed.catalogue));
      populateScope(store, scope, this.clock.now());
      this.stores.set(key, store);
    }
    store.settle(this.clock.now());
    return store;
  }

  storesIn(region: string): Store[] {
    return this.seed.accounts.map((account) => this.storeFor({ account, region })).filter((store): store is Store => store !== undefined);
  }

  /**
   * The caller a SigV4 `Authorization` header names: `Credential=<key>/<date>/<region>/<service>/aws4_request`.
   * A key the seed gives to an account acts as that account, any other key as the default one
   * (emulator choice: signatures are not checked). A Region the emulator does not serve is refused
   * as AWS refuses a request signed for another Region than the endpoint's.
   */
  callerOf(authorization: string | undefined): Caller | AwsError {
    const scope = credentialScopeOf(authorization);
    if (!scope) return this.defaultCaller;
    if (!this.seed.regions.includes(scope.region)) {
      return new AwsError(
        'InvalidSignatureException',
        `Credential should be scoped to a valid region, not '${scope.region}'. This endpoint serves ${this.seed.regions.join(', ')}.`,
      );
    }
    return { account: this.accountOf(authorization), region: scope.region };
  }

  /** The account a request's access key signs as (the default account for keys the seed does not list). */
  accountOf(authorization: string | undefined): string {
    const scope = credentialScopeOf(authorization);
    return (scope && this.seed.accessKeys.get(scope.accessKey)) ?? this.seed.account;
  }

  async call(operation: string, input: unknown, caller: Caller = this.defaultCaller): Promise<CallResult> {
    if (!isOperation(operation)) return errorResult(new AwsError('UnknownOperationException', `Unknown operation ${operation}`));
    const fault = await this.countAndDrawFault(operation, caller);
    if (fault) return errorResult(fault);
    return this.run(operation, input, caller);
  }

  /**
   * A Resource Groups Tagging API operation (only GetResources): counted, delayed, rate limited
   * and fault-injected like any WorkSpaces operation; its throttling error is the tagging API's own.
   */
  async callTagging(operation: string, input: unknown, caller: Caller = this.defaultCaller): Promise<CallResult> {
    if (!isTaggingOperation(operation)) return errorResult(new AwsError('UnknownOperationException', `Unknown operation ${operation}`));
    const fault = await this.countAndDrawFault(operation, caller);
    if (fault) return errorResult(fault.type === 'ThrottlingException' ? new AwsError('ThrottledException', fault.message) : fault);
    return this.runTagging(operation, input, caller);
  }

  /** Rate buckets are per account and Region (and operation), as AWS meters them. */
  private async countAndDrawFault(operation: string, caller: Caller): Promise<AwsError | undefined> {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
    await this.faults.delay();
    const fault = this.faults.draw(operation, `${caller.account}/${caller.region}/${meteredAs(operation, this.config.rateLimitScope)}`);
    if (!fault) return undefined;
    const counter = fault.status === 500 ? this.failedCalls : this.throttledCalls;
    counter[operation] = (counter[operation] ?? 0) + 1;
    return fault;
  }

  private runTagging(operation: string, input: unknown, caller: Caller): CallResult {
    try {
      const store = this.storeFor(caller) as Store;
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        throw new AwsError('InvalidParameterException', 'The request body must be a JSON object.');
      const body = runTaggingOperation(operation, input as Json, { store, account: store.account, region: store.region, now: this.clock.now() });
      if (operation !== 'GetResources') this.saveStateFile();
      return { status: 200, body };
    } catch (error) {
      if (error instanceof AwsError) return errorResult(error);
      process.stderr.write(`wsr emulator: ${operation} failed: ${(error as Error).stack ?? String(error)}\n`);
      return errorResult(internalFailure());
    }
  }

  private run(operation: string, input: unknown, caller: Caller): CallResult {
    try {
      const store = this.storeFor(caller) as Store;
      validateInput(operation, input);
      const body = handlers[operation](input as Json, this.context(store));
      if (!READ_ONLY.test(operation)) this.saveStateFile();
      return { status: 200, body };
    } catch (error) {
      if (error instanceof AwsError) return errorResult(error);
      // a bug in a handler must not take the server down; the caller sees a retryable 500
      process.stderr.write(`wsr emulator: ${operation} failed: ${(error as Error).stack ?? String(error)}\n`);
      return errorResult(internalFailure());
    }
  }

  private context(store: Store): Context {
    return { store, clock: this.clock, pageSize: this.config.pageSize ?? 25, world: this, realism: this.realism };
  }

  /** The windows of the configured realism, explicit figures first. */
  get windows(): { readAfterCreateSeconds: number; tagPropagationSeconds: number } {
    const aws = this.config.realism === 'aws';
    return {
      readAfterCreateSeconds: this.config.readAfterCreateSeconds ?? (aws ? AWS_WINDOWS.readAfterCreateSeconds : 0),
      tagPropagationSeconds: this.config.tagPropagationSeconds ?? (aws ? AWS_WINDOWS.tagPropagationSeconds : 0),
    };
  }

  /** What `realism: 'aws'` adds: windows in which AWS does not show yet what it has done. */
  get realism(): Realism {
    return { readAfterCreateSeconds: this.windows.readAfterCreateSeconds };
  }

  callCounts(): Json {
    const total = Object.values(this.calls).reduce((a, b) => a + b, 0);
    return { calls: { ...this.calls }, total, throttled: { ...this.throttledCalls }, failed: { ...this.failedCalls } };
  }

  resetCalls(): void {
    this.calls = {};
    this.throttledCalls = {};
    this.failedCalls = {};
  }

  /** Back to the seed: every account as seeded, clock offset 0, counters cleared. */
  reset(): void {
    this.stores.clear();
    this.connectionStrings.clear();
    this.clock = new Clock(this.clock.timeScale);
    this.resetCalls();
    this.saveStateFile();
  }

  advance(seconds: number): void {
    this.clock.advance(seconds);
    for (const store of this.stores.values()) store.settle(this.clock.now());
    this.saveStateFile();
  }

  /** The store (any account, any Region) holding `family/id` — resource ids are unique across them. */
  private storeHolding(family: Family, id: string): Store | undefined {
    this.store; // the default scope exists even before its first call
    for (const store of this.stores.values()) {
      store.settle(this.clock.now());
      if (store.maps[family].has(id)) return store;
    }
    return undefined;
  }

  /**
   * Puts a resource into a state no API call reaches (ERROR, IMPAIRED, UNHEALTHY…), for tests of
   * callers; any transition in flight is dropped. False if the resource does not exist.
   */
  forceState(family: Family, id: string, state: string): boolean {
    const store = this.storeHolding(family, id);
    const rec = store?.maps[family].get(id);
    if (!store || !rec) return false;
    store.cancel(family, id);
    rec.data.State = state;
    delete rec.data.ModificationStates;
    this.saveStateFile();
    return true;
  }

  /**
   * A user connects to (or leaves) a desktop — AWS has no API for it. Reported by
   * DescribeWorkspacesConnectionStatus while the desktop stays AVAILABLE; a stop, reboot, rebuild,
   * restore or terminate ends the session. False if the desktop does not exist.
   */
  setConnection(workspaceId: string, state: 'CONNECTED' | 'DISCONNECTED', lastConnectedAt?: number): boolean {
    const rec = this.storeHolding('workspaces', workspaceId)?.maps.workspaces.get(workspaceId);
    if (!rec) return false;
    const at = lastConnectedAt ?? (state === 'CONNECTED' ? Math.floor(this.clock.now()) : rec.connection?.lastConnectedAt);
    rec.connection = { state, ...(at === undefined ? {} : { lastConnectedAt: at }) };
    this.saveStateFile();
    return true;
  }

  /** The store holding a pool (for the admin endpoint that connects a pool user). */
  storeOfPool(poolId: string): Store {
    return this.storeHolding('pools', poolId) ?? this.store;
  }

  /** A JSON dump of the whole state (transitions due by now are applied first). */
  dump(): Snapshot {
    for (const store of [this.store, ...this.stores.values()]) store.settle(this.clock.now());
    return this.snapshot();
  }

  /** The default scope at the top level (the one-account format), the other scopes under `otherScopes`. */
  private snapshot(): Snapshot {
    const home = this.store;
    const others = [...this.stores.values()].filter((store) => store !== home).map((store) => store.snapshot(this.clock.offset));
    return {
      ...home.snapshot(this.clock.offset),
      ...(others.length > 0 ? { otherScopes: others } : {}),
      ...(this.connectionStrings.size > 0 ? { connectionStrings: [...this.connectionStrings] } : {}),
    };
  }

  /**
   * Atomic and symlink-safe: the snapshot goes to a temp file with an unpredictable name in the
   * state file's own directory, created with O_CREAT|O_EXCL (which never follows a planted
   * symlink) and mode 0600, then renamed over the state file (rename replaces a link, it does not
   * write through it): readers see the old or the new file, never half of one.
   */
  saveStateFile(): void {
    const path = this.config.stateFile;
    if (!path) return;
    const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify(this.snapshot()));
    } finally {
      closeSync(fd);
    }
    try {
      renameSync(temp, path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  private loadStateFile(): void {
    const path = this.config.stateFile;
    if (!path) return;
    // refuse at start-up: later, every mutating call would succeed in memory and then answer 500
    const directory = dirname(path);
    if (!statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
      throw new Error(`state file ${path}: its directory ${directory} does not exist (create it first)`);
    }
    if (!existsSync(path)) return;
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
    if (snapshot.version !== 1) throw new Error(`state file ${path}: unsupported version ${String(snapshot.version)}`);
    if (snapshot.account !== this.seed.account)
      throw new Error(`state file ${path} belongs to account ${snapshot.account}, the seed says ${this.seed.account}`);
    this.clock = new Clock(this.clock.timeScale, snapshot.clockOffset);
    for (const scope of [snapshot, ...(snapshot.otherScopes ?? [])]) {
      if (!this.seed.accounts.includes(scope.account)) throw new Error(`state file ${path} holds account ${scope.account}, which the seed does not declare`);
      if (!this.seed.regions.includes(scope.region)) this.seed.regions.push(scope.region); // a Region the state already uses stays served
      const key = scopeKey(scope.account, scope.region);
      const store = this.adopt(
        new Store(
          this.seed.scopes.get(key) ?? { account: scope.account, region: scope.region, directories: [], images: [], ec2ImageIds: [] },
          this.seed.catalogue,
        ),
      );
      store.restore(scope);
      this.stores.set(key, store);
    }
    for (const [connectionString, account] of snapshot.connectionStrings ?? []) this.connectionStrings.set(connectionString, account);
  }
}

/** `Credential=<access key>/<yyyymmdd>/<region>/<service>/aws4_request` of a SigV4 Authorization header. */
function credentialScopeOf(authorization: string | undefined): { accessKey: string; region: string } | undefined {
  const match = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\//.exec(authorization ?? '');
  return match ? { accessKey: match[1], region: match[2] } : undefined;
}

function errorResult(error: AwsError): CallResult {
  return { status: error.status, body: error.body() };
}
