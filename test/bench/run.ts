/**
 * `npm run bench [-- --quick] [-- --out FILE] [-- --scenario NAME…] [-- --list]`: every benchmark
 * (or only the named scenarios; `--list` names them) against the emulator with its AWS-like rate
 * limits on. Every scenario that calls the API runs under both budget models (rate-floor.ts): one
 * 2/s budget per account and Region shared by every operation (the headline table), and a bucket
 * per operation (the emulator's default, the second table). Results go to
 * test/bench/results.json (or FILE); `--scenario` runs merge into that file (the other scenarios'
 * figures stay, with the time each was measured). Progress goes to stderr.
 * `--render FILE` prints the tables of a results file again without measuring.
 * Ratios, not timed assertions: nothing here fails because something was slow.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureApplyCreate } from './scenarios/apply-create.js';
import { measureCliStartup } from './scenarios/cli-startup.js';
import { BUDGETED_SCENARIOS, SCENARIO_NAMES, type BenchResults, type BenchScenarios, type ScenarioName } from './scenarios/bench-results.js';
import { measureDaemonBudgets } from './scenarios/daemon-budgets.js';
import { measureImageRollout } from './scenarios/image-rollout.js';
import { measureMigrateAndModes } from './scenarios/migrate-and-modes.js';
import { measureNoopPlan, type NoopPlanResult } from './scenarios/noop-plan.js';
import { measureOfflinePlan } from './scenarios/offline-plan.js';
import { measurePurePlan } from './scenarios/pure-plan.js';
import { BUCKET, BUDGET_MODELS, type RateBudget } from './scenarios/rate-floor.js';
import { benchTargets, renderResultsTable, resultsTable } from './scenarios/results-table.js';
import { measureRunningModeChange } from './scenarios/running-mode-change.js';

interface BenchSizes {
  /** No-op plan sizes; the per-resource baseline runs for real at the first, as its floor beyond. */
  readonly noopPlan: readonly number[];
  readonly applyCreate: { readonly desktops: number; readonly baselineDesktops: number };
  readonly runningModeChange: number;
  readonly migrateAndModes: { readonly migrates: number; readonly modeChanges: number };
  readonly imageRollout: { readonly desktops: number; readonly batchSize: number };
  readonly daemon: { readonly environments: number; readonly desktopsOneAccount: number; readonly desktopsPerAccount: number };
  readonly offlinePlan: readonly number[];
  readonly purePlan: readonly number[];
  /** Runs of each CLI start-up command (the median is reported). */
  readonly cliStartupRuns: number;
}

const FULL: BenchSizes = {
  noopPlan: [100, 1_000, 10_000],
  applyCreate: { desktops: 1_000, baselineDesktops: 100 },
  runningModeChange: 1_000,
  migrateAndModes: { migrates: 100, modeChanges: 500 },
  imageRollout: { desktops: 200, batchSize: 50 },
  daemon: { environments: 10, desktopsOneAccount: 20, desktopsPerAccount: 200 },
  offlinePlan: [1_000, 10_000, 100_000],
  purePlan: [1_000, 10_000, 100_000],
  cliStartupRuns: 15,
};

/** Same scenarios and tables, small N: a few minutes (CI smoke). */
const QUICK: BenchSizes = {
  noopPlan: [10, 100],
  applyCreate: { desktops: 100, baselineDesktops: 10 },
  runningModeChange: 20,
  migrateAndModes: { migrates: 5, modeChanges: 20 },
  imageRollout: { desktops: 10, batchSize: 5 },
  daemon: { environments: 3, desktopsOneAccount: 5, desktopsPerAccount: 20 },
  offlinePlan: [1_000, 10_000],
  purePlan: [1_000, 10_000],
  cliStartupRuns: 5,
};

const DEFAULT_OUT = fileURLToPath(new URL('./results.json', import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string', default: DEFAULT_OUT },
      render: { type: 'string' },
      scenario: { type: 'string', multiple: true },
      list: { type: 'boolean', default: false },
    },
  });
  if (values.list) return listScenarios();
  if (values.render !== undefined) return renderAgain(values.render);
  const chosen = chosenScenarios(values.scenario);
  const mode = values.quick ? 'quick' : 'full';
  const sizes = values.quick ? QUICK : FULL;
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const measured = await runScenarios(sizes, chosen);
  const previous = chosen.size < SCENARIO_NAMES.length ? mergeableResults(values.out, mode) : undefined;
  const scenarios = { ...previous?.scenarios, ...measured.shared };
  const perOperation = { ...previous?.perOperation, ...measured['per-operation'] };
  const measuredAt = { ...previous?.measuredAt, ...Object.fromEntries([...chosen].map((name) => [name, startedAt])) };
  const results = resultsOf({ mode, startedAt, seconds: (performance.now() - started) / 1000, scenarios, perOperation, measuredAt });
  writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`wsr bench (${mode}) · buckets: capacity ${BUCKET.capacity}, ${BUCKET.refillPerSecond}/s · node ${process.version}\n\n`);
  process.stdout.write(renderAll(results));
  const merged = previous === undefined ? '' : ` (merged with the other scenarios already in it)`;
  process.stdout.write(`\n${results.seconds.toFixed(0)} s in all; results in ${values.out}${merged}\n`);
}

function resultsOf(run: Pick<BenchResults, 'mode' | 'startedAt' | 'seconds' | 'scenarios' | 'perOperation' | 'measuredAt'>): BenchResults {
  return {
    version: 2,
    ...run,
    node: process.version,
    bucket: BUCKET,
    rows: resultsTable(run.scenarios),
    perOperationRows: resultsTable(run.perOperation),
    targets: benchTargets(run.scenarios),
  };
}

/**
 * The results file a `--scenario` run merges into: one of the same format and mode (a quick
 * figure must not stand in a full run's table); otherwise the run starts a new file.
 */
function mergeableResults(file: string, mode: BenchResults['mode']): BenchResults | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
    if (saved.version === 2 && saved.mode === mode) return saved;
    process.stderr.write(`bench: ${file} holds a ${saved.mode} run of format ${saved.version}; not merging into it\n`);
  } catch {
    process.stderr.write(`bench: ${file} is not a results file; not merging into it\n`);
  }
  return undefined;
}

function renderAll(results: BenchResults): string {
  return [
    '## One 2/s budget per account and Region (shared by every operation; how AWS is reported to limit an account)\n',
    renderResultsTable(results.rows, results.targets),
    "\n## A bucket per operation (2/s each; the emulator's default model)\n",
    renderResultsTable(results.perOperationRows, []),
  ].join('\n');
}

/** `--render FILE`: the tables and targets of a results file again (after a change to the table's code), no measuring. */
function renderAgain(file: string): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  const results = resultsOf(saved);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(renderAll(results));
}

/** What each scenario measures, for `--list` (names as `--scenario` takes them). */
const SCENARIO_DESCRIPTIONS: Readonly<Record<ScenarioName, string>> = {
  noopPlan: 'no-op plan of N desktops against a per-resource refresh',
  applyCreate: 'apply of N new desktops against the rate floor and per-resource creates',
  runningModeChange: 'running mode AUTO_STOP→ALWAYS_ON on N desktops (read, then one call each)',
  migrateAndModes: '100 migrates + 500 running-mode changes in one apply, against the rate floor',
  imageRollout: 'image rollout to 200 desktops in waves of 50 (rebuilds), against the rate floor',
  daemon: 'one daemon cycle: 10 environments in one account, and 10 in 10 accounts',
  offlinePlan: 'spec load + plan from a captured live state at 1k/10k/100k: no-op, create, day-2 (calls, wall, CPU, peak RSS)',
  purePlan: 'pure diff + plan at 1k/10k/100k, no-op and 10% drift (time, peak RSS)',
  cliStartup: 'wsr --version / wsr validate start-up against node -e 0',
};

function listScenarios(): void {
  for (const name of SCENARIO_NAMES) process.stdout.write(`${name.padEnd(26)} ${SCENARIO_DESCRIPTIONS[name]}\n`);
}

/** `--scenario` names (repeatable), checked: an unknown one is an error naming the known ones. */
function chosenScenarios(names: readonly string[] | undefined): ReadonlySet<ScenarioName> {
  if (names === undefined || names.length === 0) return new Set(SCENARIO_NAMES);
  const unknown = names.filter((name) => !(SCENARIO_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown --scenario ${unknown.join(', ')}; one of ${SCENARIO_NAMES.join(', ')} (see --list)\n`);
    process.exit(1);
  }
  return new Set(names as ScenarioName[]);
}

type Measured = { -readonly [K in keyof BenchScenarios]: BenchScenarios[K] };

/** The chosen scenarios, the API ones under each budget model (the shared budget first), the others once (kept with the headline). */
async function runScenarios(sizes: BenchSizes, chosen: ReadonlySet<ScenarioName>): Promise<Record<RateBudget, Measured>> {
  const measured: Record<RateBudget, Measured> = { shared: {}, 'per-operation': {} };
  for (const budget of BUDGET_MODELS) {
    for (const name of BUDGETED_SCENARIOS) {
      if (chosen.has(name)) await measureBudgeted(name, sizes, budget, measured[budget]);
    }
  }
  if (chosen.has('offlinePlan'))
    measured.shared.offlinePlan = await step(`offline plan of ${sizes.offlinePlan.join(', ')}`, () => measureOfflinePlan(sizes.offlinePlan));
  if (chosen.has('purePlan'))
    measured.shared.purePlan = await step(`pure diff+plan of ${sizes.purePlan.join(', ')}`, async () => measurePurePlan(sizes.purePlan));
  if (chosen.has('cliStartup'))
    measured.shared.cliStartup = await step(`CLI start-up, median of ${sizes.cliStartupRuns}`, async () => measureCliStartup(sizes.cliStartupRuns));
  return measured;
}

async function measureBudgeted(name: ScenarioName, sizes: BenchSizes, budget: RateBudget, into: Measured): Promise<void> {
  const under = `, ${budget === 'shared' ? 'one shared budget' : 'buckets per operation'}`;
  switch (name) {
    case 'noopPlan': {
      const noopPlan: NoopPlanResult[] = [];
      for (const [index, desktops] of sizes.noopPlan.entries()) {
        noopPlan.push(await step(`no-op plan of ${desktops}${under}`, () => measureNoopPlan(desktops, index === 0, budget)));
      }
      into.noopPlan = noopPlan;
      return;
    }
    case 'applyCreate': {
      const { desktops, baselineDesktops } = sizes.applyCreate;
      into.applyCreate = await step(`apply of ${desktops} new desktops (baseline at ${baselineDesktops})${under}`, () =>
        measureApplyCreate(desktops, baselineDesktops, budget),
      );
      return;
    }
    case 'runningModeChange':
      into.runningModeChange = await step(`running mode change on ${sizes.runningModeChange}${under}`, () =>
        measureRunningModeChange(sizes.runningModeChange, budget),
      );
      return;
    case 'migrateAndModes': {
      const { migrates, modeChanges } = sizes.migrateAndModes;
      into.migrateAndModes = await step(`${migrates} migrates + ${modeChanges} running-mode changes${under}`, () =>
        measureMigrateAndModes(migrates, modeChanges, budget),
      );
      return;
    }
    case 'imageRollout': {
      const { desktops, batchSize } = sizes.imageRollout;
      into.imageRollout = await step(`image rollout to ${desktops} in waves of ${batchSize}${under}`, () => measureImageRollout(desktops, batchSize, budget));
      return;
    }
    case 'daemon': {
      const { environments, desktopsOneAccount, desktopsPerAccount } = sizes.daemon;
      into.daemon = await step(`daemon cycle, ${environments} environments in one account and in ${environments} accounts${under}`, () =>
        measureDaemonBudgets({ environments, desktopsPerEnvironment: desktopsOneAccount, desktopsPerAccount, budget }),
      );
      return;
    }
    default:
      throw new Error(`bench: ${name} is not an API scenario`);
  }
}

async function step<T>(name: string, measure: () => Promise<T>): Promise<T> {
  process.stderr.write(`bench: ${name} …\n`);
  const started = performance.now();
  const result = await measure();
  process.stderr.write(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

await main();
