/** Bench results → table rows, targets, and the markdown table `npm run bench` prints. */
import type { BenchRow, BenchScenarios, BenchTarget } from './bench-results.js';
import type { ChangeRun } from './apply-change.js';
import type { ImageRolloutResult } from './image-rollout.js';
import { cliStartupRows, cliStartupTarget } from './cli-startup.js';

export function resultsTable(scenarios: BenchScenarios): BenchRow[] {
  return [...noopRows(scenarios), ...applyRows(scenarios), ...changeRows(scenarios), ...purePlanRows(scenarios), ...(scenarios.cliStartup ? cliStartupRows(scenarios.cliStartup) : [])];
}

function noopRows({ noopPlan = [] }: BenchScenarios): BenchRow[] {
  return noopPlan.map((result) => ({
    scenario: 'no-op plan',
    n: result.desktops,
    wsrCalls: result.wsr.calls,
    wsrSeconds: result.wsr.seconds,
    reference: 'per-resource refresh',
    referenceCalls: result.baseline.calls,
    referenceSeconds: result.baseline.seconds,
    referenceTime: result.baseline.time,
    note: `received ${Object.entries(result.wsr.byOperation).map(([operation, count]) => `${operation} ${count}`).join(', ')} (+1 STS); throttled ${result.wsr.throttled}${result.baseline.throttled === undefined ? '' : ` (per-resource ${result.baseline.throttled})`}; ${result.wsr.changes} changes`,
  }));
}

function applyRows({ applyCreate }: BenchScenarios): BenchRow[] {
  if (!applyCreate) return [];
  const { wsr, floor, baseline } = applyCreate;
  const wsrSide = { scenario: 'apply: create', n: applyCreate.desktops, wsrCalls: wsr.calls, wsrSeconds: wsr.seconds };
  return [
    { ...wsrSide, reference: 'rate floor', referenceCalls: sumOf(floor.calls), referenceSeconds: floor.seconds, referenceTime: 'floor', note: `CreateWorkspaces ${wsr.byOperation.CreateWorkspaces ?? 0} (⌈N/25⌉ = ${floor.calls.CreateWorkspaces}); throttled ${wsr.throttled}; failed steps ${wsr.failedSteps}` },
    { ...wsrSide, reference: `per-resource (${baseline.measured.desktops} measured in ${baseline.measured.seconds.toFixed(1)} s)`, referenceCalls: baseline.calls, referenceSeconds: baseline.seconds, referenceTime: 'scaled', note: `one CreateWorkspaces + one-id waits per desktop; throttled ${baseline.measured.throttled}` },
  ];
}

function changeRows({ runningModeChange, imageRollout, imageRolloutSharedBudget }: BenchScenarios): BenchRow[] {
  const mode = runningModeChange;
  return [
    ...(mode
      ? [{ scenario: 'running mode AUTO_STOP→ALWAYS_ON', n: mode.desktops, wsrCalls: mode.wsr.calls, wsrSeconds: mode.wsr.seconds, reference: 'rate floor (read, then apply)', referenceCalls: sumOf(mode.floor.read) + sumOf(mode.floor.apply), referenceSeconds: mode.floor.seconds, referenceTime: 'floor' as const, note: `${changeNote(mode.wsr)}` }]
      : []),
    ...[imageRollout, imageRolloutSharedBudget].filter((rollout): rollout is ImageRolloutResult => rollout !== undefined).map(rolloutRow),
  ];
}

function rolloutRow(rollout: ImageRolloutResult): BenchRow {
  const budget = rollout.budget === 'shared' ? ', one shared 2/s budget (real-AWS tuning)' : '';
  return {
    scenario: `image rollout, ${rollout.waves} waves of ${rollout.batchSize}${budget}`,
    n: rollout.desktops,
    wsrCalls: rollout.wsr.calls,
    wsrSeconds: rollout.wsr.seconds,
    reference: `rate floor (read, then apply${rollout.budget === 'shared' ? ', one bucket' : ''})`,
    referenceCalls: sumOf(rollout.floor.read) + sumOf(rollout.floor.apply),
    referenceSeconds: rollout.floor.seconds,
    referenceTime: 'floor',
    note: `${changeNote(rollout.wsr)}; floor DescribeWorkspaces ${rollout.floor.read.DescribeWorkspaces} read + ${rollout.floor.apply.DescribeWorkspaces} waits`,
  };
}

function changeNote(run: ChangeRun): string {
  const received = Object.entries(run.byOperation).map(([operation, count]) => `${operation} ${count}`).join(', ');
  return `plan ${seconds(run.planSeconds)} + apply ${seconds(run.applySeconds)}; received ${received}; throttled ${run.throttled}; failed steps ${run.failedSteps}`;
}

function purePlanRows({ purePlan = [] }: BenchScenarios): BenchRow[] {
  return purePlan.map((result) => ({
    scenario: `pure diff+plan, ${result.mode}`,
    n: result.desktops,
    wsrSeconds: result.ms / 1000,
    reference: 'target at 100k: < 5 s, < 1 GB',
    note: `${result.steps} steps; peak RSS ${result.peakRssMb} MB${result.timeGrowthPer10x === undefined ? '' : `; per 10×: time ×${result.timeGrowthPer10x.toFixed(1)}, RSS ×${result.rssGrowthPer10x!.toFixed(1)}`}`,
  }));
}

/** The issue's three targets, judged on what this run measured. */
export function benchTargets(scenarios: BenchScenarios): BenchTarget[] {
  const targets: BenchTarget[] = [];
  const noop = scenarios.noopPlan?.find((result) => result.desktops === 1000);
  targets.push(
    noop
      ? judge('no-op plan at N=1,000 uses ≤ 1/20 of the per-resource calls', noop.wsr.calls * 20 <= noop.baseline.calls, `${noop.wsr.calls} vs ${noop.baseline.calls} calls = 1/${(noop.baseline.calls / noop.wsr.calls).toFixed(0)}`)
      : notMeasured('no-op plan at N=1,000 uses ≤ 1/20 of the per-resource calls'),
  );
  const apply = scenarios.applyCreate;
  const applyTarget = 'apply of 1,000 new desktops within 1.2× of the rate floor, in ⌈1000/25⌉ = 40 CreateWorkspaces';
  const creates = apply?.wsr.byOperation.CreateWorkspaces ?? 0;
  targets.push(
    apply?.desktops === 1000
      ? judge(applyTarget, apply.wsr.seconds <= 1.2 * apply.floor.seconds && creates === 40, `${apply.wsr.seconds.toFixed(1)} s vs floor ${apply.floor.seconds.toFixed(1)} s = ${(apply.wsr.seconds / apply.floor.seconds).toFixed(2)}×; ${creates} CreateWorkspaces`)
      : notMeasured(applyTarget),
  );
  const largest = (scenarios.purePlan ?? []).filter((result) => result.desktops === 100_000);
  const planTarget = 'pure diff+plan of 100k desktops < 5 s and < 1 GB peak RSS';
  if (largest.length === 0) targets.push(notMeasured(planTarget));
  else {
    const ms = Math.max(...largest.map((result) => result.ms));
    const rss = Math.max(...largest.map((result) => result.peakRssMb));
    targets.push(judge(planTarget, ms < 5000 && rss < 1024, `worst case ${ms} ms, ${rss} MB`));
  }
  if (scenarios.cliStartup) targets.push(cliStartupTarget(scenarios.cliStartup));
  return targets;
}

function judge(target: string, met: boolean, measured: string): BenchTarget {
  return { target, measured, status: met ? 'met' : 'missed' };
}

function notMeasured(target: string): BenchTarget {
  return { target, measured: 'not run at this size (--quick) or left out (--scenario)', status: 'not measured' };
}

export function renderResultsTable(rows: readonly BenchRow[], targets: readonly BenchTarget[]): string {
  const lines = [
    '| scenario | N | wsr calls | wsr time | compared with | its calls | its time | calls ratio | time ratio | note |',
    '|---|---:|---:|---:|---|---:|---:|---:|---:|---|',
    ...rows.map(renderRow),
    '',
    '| target | measured | status |',
    '|---|---|---|',
    ...targets.map((target) => `| ${target.target} | ${target.measured} | ${target.status} |`),
  ];
  return `${lines.join('\n')}\n`;
}

function renderRow(row: BenchRow): string {
  const referenceTime = row.referenceSeconds === undefined ? '—' : `${seconds(row.referenceSeconds)} (${row.referenceTime})`;
  const callsRatio = row.wsrCalls !== undefined && row.referenceCalls ? ratio(row.wsrCalls / row.referenceCalls) : '—';
  const timeRatio = row.referenceSeconds ? ratio(row.wsrSeconds / row.referenceSeconds) : '—';
  return `| ${row.scenario} | ${row.n.toLocaleString('en-US')} | ${row.wsrCalls ?? '—'} | ${seconds(row.wsrSeconds)} | ${row.reference} | ${row.referenceCalls ?? '—'} | ${referenceTime} | ${callsRatio} | ${timeRatio} | ${row.note ?? ''} |`;
}

function seconds(value: number): string {
  return value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(1)} s`;
}

/** Below 1 as a fraction ("1/40") reads better than 0.025×. */
function ratio(value: number): string {
  return value < 0.95 ? `1/${(1 / value).toFixed(value < 0.1 ? 0 : 1)}` : `${value.toFixed(2)}×`;
}

function sumOf(calls: Readonly<Record<string, number>>): number {
  return Object.values(calls).reduce((total, count) => total + count, 0);
}
