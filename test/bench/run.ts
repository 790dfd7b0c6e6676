/**
 * `npm run bench [-- --quick] [-- --out FILE]`: every benchmark against the emulator with its
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
import type { BenchResults, BenchScenarios } from './scenarios/bench-results.js';
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
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: DEFAULT_OUT }, render: { type: 'string' } } });
  if (values.render !== undefined) return renderAgain(values.render);
  const mode = values.quick ? 'quick' : 'full';
  const sizes = values.quick ? QUICK : FULL;
  const startedAt = new Date();
  const started = performance.now();
  const scenarios = await runScenarios(sizes);
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

async function runScenarios(sizes: BenchSizes): Promise<BenchScenarios> {
  const noopPlan: NoopPlanResult[] = [];
  for (const [index, desktops] of sizes.noopPlan.entries()) {
    noopPlan.push(await step(`no-op plan of ${desktops}`, () => measureNoopPlan(desktops, index === 0)));
  }
  const { desktops, baselineDesktops } = sizes.applyCreate;
  const applyCreate = await step(`apply of ${desktops} new desktops (baseline at ${baselineDesktops})`, () => measureApplyCreate(desktops, baselineDesktops));
  const runningModeChange = await step(`running mode change on ${sizes.runningModeChange}`, () => measureRunningModeChange(sizes.runningModeChange));
  const rollout = sizes.imageRollout;
  const imageRollout = await step(`image rollout to ${rollout.desktops} in waves of ${rollout.batchSize}`, () => measureImageRollout(rollout.desktops, rollout.batchSize));
  const shared = sizes.imageRolloutSharedBudget;
  const imageRolloutSharedBudget = await step(`image rollout to ${shared.desktops} in waves of ${shared.batchSize}, one shared 2/s budget`, () =>
    measureImageRollout(shared.desktops, shared.batchSize, 'shared'),
  );
  const purePlan = await step(`pure diff+plan of ${sizes.purePlan.join(', ')}`, async () => measurePurePlan(sizes.purePlan));
  const cliStartup = await step(`CLI start-up, median of ${sizes.cliStartupRuns}`, async () => measureCliStartup(sizes.cliStartupRuns));
  return { noopPlan, applyCreate, runningModeChange, imageRollout, imageRolloutSharedBudget, purePlan, cliStartup };
}

async function step<T>(name: string, measure: () => Promise<T>): Promise<T> {
  process.stderr.write(`bench: ${name} …\n`);
  const started = performance.now();
  const result = await measure();
  process.stderr.write(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

await main();
