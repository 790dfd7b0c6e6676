/**
 * One daemon cycle (mode plan, no-op) over 10 environments, under a budget model (rate-floor.ts):
 * one 2/s budget per account and Region (the emulator metering each account as one bucket, as
 * AWS is reported to), or a bucket per operation (the emulator's default):
 *
 * - **10 environments in one account** (their desktops in one directory): wsr's limiter per
 *   account and Region against a limiter per run (what wsr did before: each environment paced
 *   itself at 2/s and together they overran the account). Throttled attempts counted by the
 *   emulator; the floor is every call of the cycle through the one bucket.
 * - **10 environments in 10 accounts** (one emulator each): accounts in parallel against the
 *   old daemon default of 2 environments at a time over all accounts. The floor is one
 *   environment's (they do not share a budget).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReconcileLoop } from '../../../src/daemon/loop.js';
import { FileSpecStore } from '../../../src/daemon/spec-store.js';
import { checkSpecText } from '../../../src/daemon/check-spec-text.js';
import { reconcile, type ConnectionOptions } from '../../../src/engine/reconcile.js';
import type { QueueOptions } from '../../../src/limiter/queues.js';
import { startBenchEmulator, type BenchEmulator } from './bench-emulator.js';
import { fleetSpec } from './fleet-spec.js';
import { emulatorScopeOf, floorUnder, wsrRateLimitsOf, type RateBudget } from './rate-floor.js';

export interface DaemonCycleRun {
  readonly seconds: number;
  readonly accepted: number;
  readonly acceptedByOperation: Readonly<Record<string, number>>;
  readonly throttled: number;
}

export interface DaemonBudgetResult {
  readonly environments: number;
  readonly budget: RateBudget;
  /** Desktops of each environment in the one-account cycle (all in one directory, so each environment pages through all of them). */
  readonly desktopsPerEnvironment: number;
  /** Desktops of each environment in the ten-account cycle. */
  readonly desktopsPerAccount: number;
  readonly oneAccount: { readonly wsr: DaemonCycleRun; readonly limiterPerRun: DaemonCycleRun; readonly floorSeconds: number };
  readonly tenAccounts: { readonly wsr: DaemonCycleRun; readonly twoAtATime: DaemonCycleRun; readonly oneEnvironmentFloorSeconds: number };
}

const NOT_RUN: DaemonCycleRun = { seconds: 0, accepted: 0, acceptedByOperation: {}, throttled: 0 };

export interface DaemonBudgetOptions {
  readonly environments: number;
  readonly desktopsPerEnvironment: number;
  /** @default desktopsPerEnvironment */
  readonly desktopsPerAccount?: number;
  readonly budget: RateBudget;
  /** `accounts`: skip the one-account cycles (whose floor grows with E² · D). */
  readonly only?: 'accounts';
}

export async function measureDaemonBudgets(options: DaemonBudgetOptions): Promise<DaemonBudgetResult> {
  const { environments, desktopsPerEnvironment, budget } = options;
  const desktopsPerAccount = options.desktopsPerAccount ?? desktopsPerEnvironment;
  const scope = emulatorScopeOf(budget);
  const accountBudget: QueueOptions = wsrRateLimitsOf(budget);
  const names = Array.from({ length: environments }, (_, index) => `env${index}`);
  // one account: every environment's desktops in the one directory, each spec naming its own
  const allUsers = fleetSpec({ desktops: environments * desktopsPerEnvironment });
  const perEnv = (index: number) =>
    fleetSpec({ name: names[index]!, desktops: desktopsPerEnvironment, firstUser: index * desktopsPerEnvironment, directoryById: true });
  const oneAccount = async (limiterPerRun: boolean): Promise<DaemonCycleRun> => {
    const emulator = await startBenchEmulator({ populateSpec: allUsers, rateLimitScope: scope });
    try {
      return await cycle(
        names.map((_, index) => perEnv(index)),
        emulator,
        {
          connectionFor: (index) => ({ endpoint: emulator.endpoint, rateLimits: limiterPerRun ? { ...accountBudget, concurrency: 4 + index } : accountBudget }),
          concurrency: 2,
        },
      );
    } finally {
      await emulator.stop();
    }
  };
  const skipOne = options.only === 'accounts';
  const wsrOne = skipOne ? NOT_RUN : await oneAccount(false);
  const perRun = skipOne ? NOT_RUN : await oneAccount(true);
  const tenAccounts = async (twoAtATime: boolean): Promise<DaemonCycleRun> => {
    const accounts = names.map((_, index) => `1111111111${String(index).padStart(2, '0')}`);
    const emulators = await Promise.all(
      accounts.map((account) => startBenchEmulator({ account, populateSpec: fleetSpec({ account, desktops: desktopsPerAccount }), rateLimitScope: scope })),
    );
    try {
      const specs = names.map((name, index) => fleetSpec({ name, account: accounts[index]!, desktops: desktopsPerAccount }));
      return await cycle(specs, emulators, {
        connectionFor: (index) => ({ endpoint: emulators[index]!.endpoint, rateLimits: accountBudget }),
        concurrency: 2,
        ...(twoAtATime ? { maxParallel: 2 } : {}),
      });
    } finally {
      await Promise.all(emulators.map((emulator) => emulator.stop()));
    }
  };
  const wsrTen = await tenAccounts(false);
  const twoAtATime = await tenAccounts(true);
  // floors of the calls the cycle was accepted for: all through one bucket, or one environment's alone
  const oneEnvironment = Object.fromEntries(
    Object.entries(wsrTen.acceptedByOperation).map(([operation, count]) => [operation, Math.ceil(count / environments)]),
  );
  return {
    environments,
    budget,
    desktopsPerEnvironment,
    desktopsPerAccount,
    oneAccount: { wsr: wsrOne, limiterPerRun: perRun, floorSeconds: floorUnder(budget, wsrOne.acceptedByOperation) },
    tenAccounts: { wsr: wsrTen, twoAtATime, oneEnvironmentFloorSeconds: floorUnder(budget, oneEnvironment) },
  };
}

async function cycle(
  specs: readonly string[],
  emulators: BenchEmulator | readonly BenchEmulator[],
  options: { connectionFor: (index: number) => ConnectionOptions; concurrency: number; maxParallel?: number },
): Promise<DaemonCycleRun> {
  const directory = mkdtempSync(join(tmpdir(), 'wsr-bench-daemon-'));
  specs.forEach((text, index) => {
    writeFileSync(join(directory, `env${index}.yaml`), text);
  });
  const all = Array.isArray(emulators) ? emulators : [emulators as BenchEmulator];
  await Promise.all(all.map((emulator) => emulator.resetCalls()));
  const loop = new ReconcileLoop({
    store: new FileSpecStore(directory),
    reconcileFn: reconcile,
    checkSpec: checkSpecText,
    mode: 'plan',
    connection: options.connectionFor(0),
    connectionFor: (env) => options.connectionFor(Number(env.replace(/\D/g, ''))),
    concurrency: options.concurrency,
    ...(options.maxParallel ? { maxParallel: options.maxParallel } : {}),
  });
  const started = performance.now();
  await loop.tick('start');
  await loop.idle();
  const seconds = (performance.now() - started) / 1000;
  const failed = loop.states().filter((state) => state.lastRun?.result === undefined || state.lastRun.result === 'failed');
  if (failed.length > 0)
    throw new Error(
      `bench daemon cycle: ${failed.map((state) => `${state.env} ${state.lastRun?.result} ${state.lastRun?.failure?.message ?? ''}`).join('; ')}`,
    );
  const counts = await Promise.all(all.map((emulator) => emulator.calls()));
  const acceptedByOperation: Record<string, number> = {};
  for (const count of counts)
    for (const [operation, accepted] of Object.entries(count.acceptedByOperation) as [string, number][])
      acceptedByOperation[operation] = (acceptedByOperation[operation] ?? 0) + accepted;
  return {
    seconds,
    accepted: counts.reduce((sum, count) => sum + count.accepted, 0),
    acceptedByOperation,
    throttled: counts.reduce((sum, count) => sum + count.throttled, 0),
  };
}

// `npx tsx test/bench/scenarios/daemon-budgets.ts [environments] [desktops per environment] [accounts]`
// (a third argument `accounts` skips the one-account cycles, whose floor grows with E² · D); `npm run bench -- --scenario daemon` runs both models
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [environments = '10', desktops = '20', only] = process.argv.slice(2);
  console.log(
    JSON.stringify(
      await measureDaemonBudgets({
        environments: Number(environments),
        desktopsPerEnvironment: Number(desktops),
        budget: 'shared',
        ...(only === 'accounts' ? { only } : {}),
      }),
      null,
      2,
    ),
  );
}
