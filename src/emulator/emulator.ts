/**
 * The emulator without HTTP: routes an operation name + input to its handler, with call counts,
 * fault injection, lazy transition settling, validation and state-file persistence around it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Clock } from './clock.js';
import { AwsError, internalFailure } from './errors.js';
import { Faults, type RateLimit } from './faults.js';
import { handlers } from './operations/index.js';
import type { Context } from './operations/context.js';
import { resolveSeed, type EmulatorSeed, type ResolvedSeed } from './seed.js';
import { Store, type Family, type Json, type Snapshot } from './store.js';
import { isOperation, validateInput } from './validate.js';
import { getResources, isTaggingOperation } from './tagging.js';

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
  /** default page size when Limit/MaxResults is absent (default 25) */
  pageSize?: number;
}

export interface CallResult { status: number; body: Json }

const READ_ONLY = /^(Describe|List|Get)/;

export class Emulator {
  readonly seed: ResolvedSeed;
  readonly faults: Faults;
  clock: Clock;
  store: Store;
  private calls: Record<string, number> = {};
  private throttledCalls: Record<string, number> = {};
  private failedCalls: Record<string, number> = {};

  constructor(private readonly config: EmulatorConfig = {}) {
    this.seed = resolveSeed(config.seed);
    this.clock = new Clock(config.timeScale ?? 1);
    this.store = new Store(this.seed);
    this.faults = new Faults({
      throttleRate: config.throttleRate ?? 0,
      failRate: config.failRate ?? 0,
      rateLimits: config.rateLimits ?? { capacity: 5, refillPerSecond: 2 },
      latencyMs: config.latencyMs ?? 0,
      ...(config.randomSeed !== undefined ? { randomSeed: config.randomSeed } : {}),
    });
    this.loadStateFile();
  }

  get account(): string {
    return this.seed.account;
  }

  async call(operation: string, input: unknown): Promise<CallResult> {
    if (!isOperation(operation)) return errorResult(new AwsError('UnknownOperationException', `Unknown operation ${operation}`));
    const fault = await this.countAndDrawFault(operation);
    if (fault) return errorResult(fault);
    return this.run(operation, input);
  }

  /**
   * A Resource Groups Tagging API operation (only GetResources): counted, delayed, rate limited
   * and fault-injected like any WorkSpaces operation; its throttling error is the tagging API's own.
   */
  async callTagging(operation: string, input: unknown): Promise<CallResult> {
    if (!isTaggingOperation(operation)) return errorResult(new AwsError('UnknownOperationException', `Unknown operation ${operation}`));
    const fault = await this.countAndDrawFault(operation);
    if (fault) return errorResult(fault.type === 'ThrottlingException' ? new AwsError('ThrottledException', fault.message) : fault);
    return this.runTagging(input);
  }

  private async countAndDrawFault(operation: string): Promise<AwsError | undefined> {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
    await this.faults.delay();
    const fault = this.faults.draw(operation);
    if (!fault) return undefined;
    const counter = fault.status === 500 ? this.failedCalls : this.throttledCalls;
    counter[operation] = (counter[operation] ?? 0) + 1;
    return fault;
  }

  private runTagging(input: unknown): CallResult {
    try {
      this.store.settle(this.clock.now());
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new AwsError('InvalidParameterException', 'The request body must be a JSON object.');
      return { status: 200, body: getResources(input as Json, { store: this.store, account: this.seed.account, region: this.seed.region }) };
    } catch (error) {
      if (error instanceof AwsError) return errorResult(error);
      process.stderr.write(`wsr emulator: GetResources failed: ${(error as Error).stack ?? String(error)}\n`);
      return errorResult(internalFailure());
    }
  }

  private run(operation: string, input: unknown): CallResult {
    try {
      this.store.settle(this.clock.now());
      validateInput(operation, input);
      const body = handlers[operation](input as Json, this.context());
      if (!READ_ONLY.test(operation)) this.saveStateFile();
      return { status: 200, body };
    } catch (error) {
      if (error instanceof AwsError) return errorResult(error);
      // a bug in a handler must not take the server down; the caller sees a retryable 500
      process.stderr.write(`wsr emulator: ${operation} failed: ${(error as Error).stack ?? String(error)}\n`);
      return errorResult(internalFailure());
    }
  }

  private context(): Context {
    return { store: this.store, clock: this.clock, pageSize: this.config.pageSize ?? 25 };
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

  /** Back to the seed: empty account, clock offset 0, counters cleared. */
  reset(): void {
    this.store = new Store(this.seed);
    this.clock = new Clock(this.clock.timeScale);
    this.resetCalls();
    this.saveStateFile();
  }

  advance(seconds: number): void {
    this.clock.advance(seconds);
    this.store.settle(this.clock.now());
    this.saveStateFile();
  }

  /**
   * Puts a resource into a state no API call reaches (ERROR, IMPAIRED, UNHEALTHY…), for tests of
   * callers; any transition in flight is dropped. False if the resource does not exist.
   */
  forceState(family: Family, id: string, state: string): boolean {
    this.store.settle(this.clock.now());
    const rec = this.store.maps[family].get(id);
    if (!rec) return false;
    this.store.cancel(family, id);
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
    this.store.settle(this.clock.now());
    const rec = this.store.maps.workspaces.get(workspaceId);
    if (!rec) return false;
    const at = lastConnectedAt ?? (state === 'CONNECTED' ? Math.floor(this.clock.now()) : rec.connection?.lastConnectedAt);
    rec.connection = { state, ...(at === undefined ? {} : { lastConnectedAt: at }) };
    this.saveStateFile();
    return true;
  }

  /** A JSON dump of the whole state (transitions due by now are applied first). */
  dump(): Snapshot {
    this.store.settle(this.clock.now());
    return this.store.snapshot(this.clock.offset);
  }

  saveStateFile(): void {
    const path = this.config.stateFile;
    if (!path) return;
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.store.snapshot(this.clock.offset)));
    renameSync(temp, path); // atomic on POSIX: readers see the old or the new file, never half of one
  }

  private loadStateFile(): void {
    const path = this.config.stateFile;
    if (!path || !existsSync(path)) return;
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
    if (snapshot.version !== 1) throw new Error(`state file ${path}: unsupported version ${String(snapshot.version)}`);
    if (snapshot.account !== this.seed.account) throw new Error(`state file ${path} belongs to account ${snapshot.account}, the seed says ${this.seed.account}`);
    this.clock = new Clock(this.clock.timeScale, snapshot.clockOffset);
    this.store.restore(snapshot);
  }
}

function errorResult(error: AwsError): CallResult {
  return { status: error.status, body: error.body() };
}
