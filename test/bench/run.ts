/**
 * `npm run bench [-- --quick] [-- --out FILE] [-- --scenario NAME…] [-- --list]`: every benchmark
 * (or only the named scenarios; `--list` names them) against the emulator with its
 * AWS-like rate limits on (a token bucket per operation: capacity 5, refill 2/s), one table on
 * stdout, results as JSON in test/bench/results.json (or FILE). Progress goes to stderr.
 * `--render FILE` prints the table of a results file again without measuring.
 * Ratios, not timed assertions: nothing here fails because something was slow.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureApplyCreate } from './scenarios/apply-create.js';
import { measureCliStartup } from './scenarios/cli-startup.js';
import { SCENARIO_NAMES, type BenchResults, type BenchScenarios } from './scenarios/bench-results.js';

type ScenarioName = (typeof SCENARIO_NAMES)[number];
import { measureImageRollout } from './scenarios/image-rollout.js';
import { measureNoopPlan, type NoopPlanResult } from './scenarios/noop-plan.js';
import { measurePurePlan } from './scenarios/pure-plan.js';
import { BUCKET } from './scenarios/rate-floor.js';
import { benchTargets, renderResultsTable, resultsTable } from './scenarios/results-table.js';
import { measureRunningModeChange } from './scenarios/running-mode-change.js';

interface BenchSizes {
  /** No-op plan sizes; the per-resource baseline runs for real at the first, as its floor beyond. */
  readonly noopPlan: readonly number[];
  readonly applyCreate: { readonly desktops: number; readonly baselineDesktops: number };
  readonly runningModeChange: number;
  readonly imageRollout: { readonly desktops: number; readonly batchSize: number };
  /** The rollout again with wsr's real-AWS tuning (one 2/s budget shared by all operations). */
  readonly imageRolloutSharedBudget: { readonly desktops: number; readonly batchSize: number };
  readonly purePlan: readonly number[];
  /** Runs of each CLI start-up command (the median is reported). */
  readonly cliStartupRuns: number;
}

const FULL: BenchSizes = {
  noopPlan: [100, 1_000, 10_000],
  applyCreate: { desktops: 1_000, baselineDesktops: 100 },
  runningModeChange: 1_000,
  imageRollout: { desktops: 1_000, batchSize: 100 },
  imageRolloutSharedBudget: { desktops: 200, batchSize: 50 },
  purePlan: [1_000, 10_000, 100_000],
  cliStartupRuns: 15,
};

/** Same scenarios and table, small N: about a minute (CI smoke). */
const QUICK: BenchSizes = {
  noopPlan: [20, 100],
  applyCreate: { desktops: 100, baselineDesktops: 10 },
  runningModeChange: 20,
  imageRollout: { desktops: 20, batchSize: 5 },
  imageRolloutSharedBudget: { desktops: 20, batchSize: 5 },
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
  const startedAt = new Date();
  const started = performance.now();
  const scenarios = await runScenarios(sizes, chosen);
  const rows = resultsTable(scenarios);
  const targets = benchTargets(scenarios);
  const results: BenchResults = {
    version: 1,
    mode,
    startedAt: startedAt.toISOString(),
    seconds: (performance.now() - started) / 1000,
    node: process.version,
    bucket: BUCKET,
    scenarios,
    rows,
    targets,
  };
  writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`wsr bench (${mode}) · emulator buckets per operation: capacity ${BUCKET.capacity}, ${BUCKET.refillPerSecond}/s · node ${process.version}\n\n`);
  process.stdout.write(renderResultsTable(rows, targets));
  process.stdout.write(`\n${results.seconds.toFixed(0)} s in all; results in ${values.out}\n`);
}

/** `--render FILE`: the table and targets of a results file again (after a change to the table's code), no measuring. */
function renderAgain(file: string): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  const results: BenchResults = { ...saved, rows: resultsTable(saved.scenarios), targets: benchTargets(saved.scenarios) };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(renderResultsTable(results.rows, results.targets));
}

/** What each scenario measures, for `--list` (names as `--scenario` takes them). */
const SCENARIO_DESCRIPTIONS: Readonly<Record<ScenarioName, string>> = {
  noopPlan: 'no-op plan of N desktops against a per-resource refresh',
  applyCreate: 'apply of N new desktops against the rate floor and per-resource creates',
  runningModeChange: 'running mode AUTO_STOP→ALWAYS_ON on N desktops (read, then one call each)',
  imageRollout: 'image rollout in waves (rebuilds), per-operation buckets',
  imageRolloutSharedBudget: 'the rollout under one shared 2/s budget (real-AWS tuning)',
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

async function runScenarios(sizes: BenchSizes, chosen: ReadonlySet<ScenarioName>): Promise<BenchScenarios> {
  const scenarios: { -readonly [K in keyof BenchScenarios]: BenchScenarios[K] } = {};
  if (chosen.has('noopPlan')) {
    const noopPlan: NoopPlanResult[] = [];
    for (const [index, desktops] of sizes.noopPlan.entries()) {
      noopPlan.push(await step(`no-op plan of ${desktops}`, () => measureNoopPlan(desktops, index === 0)));
    }
    scenarios.noopPlan = noopPlan;
  }
  if (chosen.has('applyCreate')) {
    const { desktops, baselineDesktops } = sizes.applyCreate;
    scenarios.applyCreate = await step(`apply of ${desktops} new desktops (baseline at ${baselineDesktops})`, () => measureApplyCreate(desktops, baselineDesktops));
  }
  if (chosen.has('runningModeChange')) {
    scenarios.runningModeChange = await step(`running mode change on ${sizes.runningModeChange}`, () => measureRunningModeChange(sizes.runningModeChange));
  }
  if (chosen.has('imageRollout')) {
    const rollout = sizes.imageRollout;
    scenarios.imageRollout = await step(`image rollout to ${rollout.desktops} in waves of ${rollout.batchSize}`, () => measureImageRollout(rollout.desktops, rollout.batchSize));
  }
  if (chosen.has('imageRolloutSharedBudget')) {
    const shared = sizes.imageRolloutSharedBudget;
    scenarios.imageRolloutSharedBudget = await step(`image rollout to ${shared.desktops} in waves of ${shared.batchSize}, one shared 2/s budget`, () =>
      measureImageRollout(shared.desktops, shared.batchSize, 'shared'),
    );
  }
  if (chosen.has('purePlan')) scenarios.purePlan = await step(`pure diff+plan of ${sizes.purePlan.join(', ')}`, async () => measurePurePlan(sizes.purePlan));
  if (chosen.has('cliStartup')) scenarios.cliStartup = await step(`CLI start-up, median of ${sizes.cliStartupRuns}`, async () => measureCliStartup(sizes.cliStartupRuns));
  return scenarios;
}

async function step<T>(name: string, measure: () => Promise<T>): Promise<T> {
  process.stderr.write(`bench: ${name} …\n`);
  const started = performance.now();
  const result = await measure();
  process.stderr.write(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

await main();
