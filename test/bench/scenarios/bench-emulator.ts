/**
 * An emulator for one benchmark measurement: filled fast (rate limits off, the fleet applied by
 * wsr itself so the measured plan starts from exactly what wsr would have built), then served
 * with the AWS-like limits on and full buckets, so the measurement starts like a fresh account.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from '../../../src/emulator/index.js';
import { createEmulatorServer } from '../../../src/emulator/server.js';
import { applyPlan } from '../../../src/engine/apply-environment.js';
import { preparePlan } from '../../../src/engine/plan-environment.js';
import { BUCKET } from './rate-floor.js';

/** Seeded with one Directory Service directory, d-9067a1b2c3, every user allowed. */
export const DIRECTORY_ID = 'd-9067a1b2c3';

/** Ids the setup made (images…), by a name the scenario chose. */
export type MadeIds = Readonly<Record<string, string>>;

export interface BenchEmulator {
  readonly endpoint: string;
  readonly made: MadeIds;
  /** Calls received since start (or the last `resetCalls`), throttled ones included, by operation. */
  calls(): Promise<CallCounts>;
  resetCalls(): Promise<void>;
  stop(): Promise<void>;
}

export interface CallCounts {
  readonly byOperation: Record<string, number>;
  /** Answered 200, by operation (what a rate floor counts). */
  readonly acceptedByOperation: Record<string, number>;
  /** Answered 200 (received minus throttled minus failed). */
  readonly accepted: number;
  readonly throttled: number;
}

export interface BenchEmulatorOptions {
  /** A spec applied (rate limits off) before the limits go on; it may use the setup's ids. */
  readonly populateSpec?: string | ((made: MadeIds) => string);
  /** In-process setup calls before populating (images…), rate limits off. */
  readonly setup?: (emulator: Emulator) => Promise<MadeIds>;
  /** The account it stands for (one emulator per account). @default 123456789012 */
  readonly account?: string;
  /** What one bucket meters once the limits are on. @default 'operation' (the emulator's default) */
  readonly rateLimitScope?: 'operation' | 'account';
}

/** A scratch directory for specs, locks and audit logs of one run. */
export function benchDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'wsr-bench-'));
}

export function writeSpec(directory: string, name: string, text: string): string {
  const file = join(directory, name);
  writeFileSync(file, text);
  return file;
}

export async function startBenchEmulator(options: BenchEmulatorOptions = {}): Promise<BenchEmulator> {
  const seed = options.account === undefined ? {} : { seed: { account: options.account } };
  const filler = new Emulator({ timeScale: 0, rateLimits: false, ...seed });
  await filler.call('RegisterWorkspaceDirectory', { DirectoryId: DIRECTORY_ID, SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'] });
  const made = (await options.setup?.(filler)) ?? {};
  const spec = typeof options.populateSpec === 'function' ? options.populateSpec(made) : options.populateSpec;
  if (spec !== undefined) await populate(filler, spec);
  // the same account and clock behind limits that start with full buckets
  const limited = new Emulator({ timeScale: 0, rateLimits: BUCKET, ...seed, ...(options.rateLimitScope ? { rateLimitScope: options.rateLimitScope } : {}) });
  limited.store = filler.store;
  limited.clock = filler.clock;
  return serveEmulator(limited, made);
}

/** wsr plan + apply of the spec, unthrottled on both sides (the fill is not what we measure). */
async function populate(emulator: Emulator, specText: string): Promise<void> {
  const running = await serveEmulator(emulator);
  try {
    const directory = benchDirectory();
    const specFile = writeSpec(directory, 'populate.yaml', specText);
    // an empty directory with desktops in the spec reads as suspicious and holds every step unless
    // destroys are allowed; filling an empty account is exactly what this is
    const prepared = await preparePlan({ specFile, connection: { endpoint: running.endpoint }, allowDestroy: true });
    try {
      const report = await applyPlan(prepared.plan, {
        session: prepared.session,
        desired: prepared.desired,
        live: prepared.live,
        allowDestroy: true,
        lockDirectory: join(directory, 'locks'),
        tuning: { queues: { totalRate: false, familyRate: false, concurrency: 8 }, waits: { initialPollMs: 5, maxPollMs: 50 } },
      });
      if (report.failed > 0) throw new Error(`populating the bench emulator failed: ${report.failed} step(s) failed`);
      const held = prepared.plan.steps.filter((step) => step.blocked !== undefined || step.deferred !== undefined).length;
      if (held > 0) throw new Error(`populating the bench emulator held ${held} step(s): ${prepared.plan.warnings.join('; ')}`);
    } finally {
      await prepared.session.close();
    }
  } finally {
    await running.stop();
  }
}

/** What startEmulator does, for an Emulator built here (startEmulator builds its own). */
export async function serveEmulator(emulator: Emulator, made: MadeIds = {}): Promise<BenchEmulator> {
  const server = createEmulatorServer(emulator);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    made,
    async calls() {
      const counts = emulator.callCounts() as {
        calls: Record<string, number>;
        total: number;
        throttled: Record<string, number>;
        failed: Record<string, number>;
      };
      const throttled = sum(counts.throttled);
      const acceptedByOperation = Object.fromEntries(
        Object.entries(counts.calls).map(([operation, count]) => [operation, count - (counts.throttled[operation] ?? 0) - (counts.failed[operation] ?? 0)]),
      );
      return { byOperation: counts.calls, acceptedByOperation, accepted: counts.total - throttled - sum(counts.failed), throttled };
    },
    async resetCalls() {
      emulator.resetCalls();
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}
