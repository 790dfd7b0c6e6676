/** Bench results → table rows, targets, and the markdown table `npm run bench` prints. */
import type { BenchRow, BenchScenarios, BenchTarget } from './bench-results.js';
import type { ChangeRun } from './apply-change.js';
import type { DaemonBudgetResult } from './daemon-budgets.js';
import type { ImageRolloutResult } from './image-rollout.js';
import type { MigrateAndModesResult } from './migrate-and-modes.js';
import type { OfflinePlanResult } from './offline-plan.js';
import { cliStartupRows, cliStartupTarget } from './cli-startup.js';

export function resultsTable(scenarios: BenchScenarios): BenchRow[] {
  return [
    ...noopRows(scenarios),
    ...applyRows(scenarios),
    ...changeRows(scenarios),
    ...daemonRows(scenarios.daemon),
    ...offlinePlanRows(scenarios.offlinePlan ?? []),
    ...purePlanRows(scenarios),
    ...(scenarios.cliStartup ? cliStartupRows(scenarios.cliStartup) : []),
  ];
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
    note: `received ${Object.entries(result.wsr.byOperation)
      .map(([operation, count]) => `${operation} ${count}`)
      .join(
        ', ',
      )} (+1 STS); throttled ${result.wsr.throttled}${result.baseline.throttled === undefined ? '' : ` (per-resource ${result.baseline.throttled})`}; ${result.wsr.changes} changes`,
  }));
}

function applyRows({ applyCreate }: BenchScenarios): BenchRow[] {
  if (!applyCreate) return [];
  const { wsr, floor, baseline } = applyCreate;
  const wsrSide = { scenario: 'apply: create', n: applyCreate.desktops, wsrCalls: wsr.calls, wsrSeconds: wsr.seconds };
  return [
    {
      ...wsrSide,
      reference: 'rate floor',
      referenceCalls: sumOf(floor.calls),
      referenceSeconds: floor.seconds,
      referenceTime: 'floor',
      note: `CreateWorkspaces ${wsr.byOperation.CreateWorkspaces ?? 0} (⌈N/25⌉ = ${floor.calls.CreateWorkspaces}); throttled ${wsr.throttled}; failed steps ${wsr.failedSteps}`,
    },
    {
      ...wsrSide,
      reference: `per-resource (${baseline.measured.desktops} measured in ${baseline.measured.seconds.toFixed(1)} s)`,
      referenceCalls: baseline.calls,
      referenceSeconds: baseline.seconds,
      referenceTime: 'scaled',
      note: `one CreateWorkspaces + one-id waits per desktop; throttled ${baseline.measured.throttled}`,
    },
  ];
}

function changeRows({ runningModeChange, migrateAndModes, imageRollout }: BenchScenarios): BenchRow[] {
  const mode = runningModeChange;
  return [
    ...(mode
      ? [
          {
            scenario: 'running mode AUTO_STOP→ALWAYS_ON',
            n: mode.desktops,
            wsrCalls: mode.wsr.calls,
            wsrSeconds: mode.wsr.seconds,
            reference: 'rate floor (read, then apply)',
            referenceCalls: sumOf(mode.floor.read) + sumOf(mode.floor.apply),
            referenceSeconds: mode.floor.seconds,
            referenceTime: 'floor' as const,
            note: `${changeNote(mode.wsr)}`,
          },
        ]
      : []),
    ...(migrateAndModes ? [migrateRow(migrateAndModes)] : []),
    ...(imageRollout ? [rolloutRow(imageRollout)] : []),
  ];
}

function migrateRow(result: MigrateAndModesResult): BenchRow {
  return {
    scenario: `${result.migrates} migrates + ${result.modeChanges} running-mode changes`,
    n: result.migrates + result.modeChanges,
    wsrCalls: result.wsr.calls,
    wsrSeconds: result.wsr.seconds,
    reference: 'rate floor (read, then apply)',
    referenceCalls: sumOf(result.floor.read) + sumOf(result.floor.apply),
    referenceSeconds: result.floor.seconds,
    referenceTime: 'floor',
    note: changeNote(result.wsr),
  };
}

function rolloutRow(rollout: ImageRolloutResult): BenchRow {
  return {
    scenario: `image rollout, ${rollout.waves} waves of ${rollout.batchSize}`,
    n: rollout.desktops,
    wsrCalls: rollout.wsr.calls,
    wsrSeconds: rollout.wsr.seconds,
    reference: 'rate floor (read, then apply)',
    referenceCalls: sumOf(rollout.floor.read) + sumOf(rollout.floor.apply),
    referenceSeconds: rollout.floor.seconds,
    referenceTime: 'floor',
    note: `${changeNote(rollout.wsr)}; floor DescribeWorkspaces ${rollout.floor.read.DescribeWorkspaces} read + ${rollout.floor.apply.DescribeWorkspaces} waits`,
  };
}

function daemonRows(daemon: DaemonBudgetResult | undefined): BenchRow[] {
  if (!daemon) return [];
  const { environments, oneAccount, tenAccounts } = daemon;
  const rows: BenchRow[] = [];
  if (oneAccount.wsr.accepted > 0) {
    rows.push({
      scenario: `daemon cycle, ${environments} environments in one account (${daemon.desktopsPerEnvironment} desktops each, one directory)`,
      n: environments,
      wsrCalls: oneAccount.wsr.accepted,
      wsrSeconds: oneAccount.wsr.seconds,
      reference: 'rate floor (every call of the cycle through the account)',
      referenceCalls: oneAccount.wsr.accepted,
      referenceSeconds: oneAccount.floorSeconds,
      referenceTime: 'floor',
      note: `throttled ${oneAccount.wsr.throttled}; a limiter per run instead (before): ${seconds(oneAccount.limiterPerRun.seconds)}, throttled ${oneAccount.limiterPerRun.throttled}`,
    });
  }
  rows.push({
    scenario: `daemon cycle, ${environments} environments in ${environments} accounts (${daemon.desktopsPerAccount} desktops each)`,
    n: environments,
    wsrCalls: tenAccounts.wsr.accepted,
    wsrSeconds: tenAccounts.wsr.seconds,
    reference: "one environment's rate floor (accounts have budgets of their own)",
    referenceCalls: tenAccounts.wsr.accepted,
    referenceSeconds: tenAccounts.oneEnvironmentFloorSeconds,
    referenceTime: 'floor',
    note: `throttled ${tenAccounts.wsr.throttled}; two environments at a time over all accounts (before): ${seconds(tenAccounts.twoAtATime.seconds)}`,
  });
  return rows;
}

function changeNote(run: ChangeRun): string {
  const received = Object.entries(run.byOperation)
    .map(([operation, count]) => `${operation} ${count}`)
    .join(', ');
  return `plan ${seconds(run.planSeconds)} + apply ${seconds(run.applySeconds)}; received ${received}; throttled ${run.throttled}; failed steps ${run.failedSteps}`;
}

function offlinePlanRows(results: readonly OfflinePlanResult[]): BenchRow[] {
  return results.map((result) => {
    const growth = result.growthPer10x;
    const calls = sumOf(result.readCalls) + sumOf(result.applyCalls);
    return {
      scenario: `offline plan (spec load + plan from a captured state), ${result.case}`,
      n: result.desktops,
      wsrCalls: calls,
      wsrSeconds: result.ms / 1000,
      reference: 'target at 100k: < 3 s, < 500 MB',
      note:
        `CPU ${result.cpuMs} ms (spec load ${result.specLoadMs} ms, state ${result.stateLoadMs} ms, plan ${result.planMs} ms wall); peak RSS ${result.peakRssMb} MB; ` +
        `calls: read ${callList(result.readCalls)}, apply ${callList(result.applyCalls) || 'none'}` +
        (growth
          ? `; per 10×: calls ×${growth.calls.toFixed(1)}, wall ×${growth.time.toFixed(1)}, CPU ×${growth.cpu.toFixed(1)}, RSS ×${growth.rss.toFixed(1)}`
          : ''),
    };
  });
}

function callList(calls: Readonly<Record<string, number>>): string {
  return Object.entries(calls)
    .map(([operation, count]) => `${operation} ${count}`)
    .join(', ');
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
      ? judge(
          'no-op plan at N=1,000 uses ≤ 1/20 of the per-resource calls',
          noop.wsr.calls * 20 <= noop.baseline.calls,
          `${noop.wsr.calls} vs ${noop.baseline.calls} calls = 1/${(noop.baseline.calls / noop.wsr.calls).toFixed(0)}`,
        )
      : notMeasured('no-op plan at N=1,000 uses ≤ 1/20 of the per-resource calls'),
  );
  const apply = scenarios.applyCreate;
  const applyTarget = 'apply of 1,000 new desktops within 1.2× of the rate floor, in ⌈1000/25⌉ = 40 CreateWorkspaces';
  const creates = apply?.wsr.byOperation.CreateWorkspaces ?? 0;
  targets.push(
    apply?.desktops === 1000
      ? judge(
          applyTarget,
          apply.wsr.seconds <= 1.2 * apply.floor.seconds && creates === 40,
          `${apply.wsr.seconds.toFixed(1)} s vs floor ${apply.floor.seconds.toFixed(1)} s = ${(apply.wsr.seconds / apply.floor.seconds).toFixed(2)}×; ${creates} CreateWorkspaces`,
        )
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
  targets.push(...sharedBudgetTargets(scenarios), ...offlinePlanTargets(scenarios.offlinePlan ?? []));
  if (scenarios.cliStartup) targets.push(cliStartupTarget(scenarios.cliStartup));
  return targets;
}

/** The offline plan of 100k desktops, and every offline case growing no faster than the fleet (calls, CPU, RSS per 10×). */
function offlinePlanTargets(results: readonly OfflinePlanResult[]): BenchTarget[] {
  const target = 'offline plan of 100,000 desktops (spec load + plan from a captured state) < 3 s and < 500 MB';
  const largest = results.filter((result) => result.desktops === 100_000 && result.case === 'no-op');
  const growthTarget = 'no-op, create and day-2 plans grow no faster than the fleet per 10× (calls, CPU, peak RSS ≤ 12×)';
  const grown = results.filter((result) => result.growthPer10x !== undefined);
  return [
    largest.length === 0
      ? notMeasured(target)
      : judge(
          target,
          largest[0]!.ms < 3000 && largest[0]!.peakRssMb < 500,
          `${largest[0]!.ms} ms wall (CPU ${largest[0]!.cpuMs} ms), ${largest[0]!.peakRssMb} MB`,
        ),
    grown.length === 0
      ? notMeasured(growthTarget)
      : judge(
          growthTarget,
          grown.every(({ growthPer10x: g }) => g!.calls <= 12 && g!.cpu <= 12 && g!.rss <= 12),
          grown
            .map(
              (r) =>
                `${r.case} ${r.desktops / 10}→${r.desktops}: calls ×${r.growthPer10x!.calls.toFixed(1)}, CPU ×${r.growthPer10x!.cpu.toFixed(1)}, RSS ×${r.growthPer10x!.rss.toFixed(1)}`,
            )
            .join('; '),
        ),
  ];
}

/** Issue 18's targets under one 2/s budget per account and Region (judged on the headline scenarios). */
function sharedBudgetTargets({ migrateAndModes, imageRollout, daemon }: BenchScenarios): BenchTarget[] {
  const targets: BenchTarget[] = [];
  const migrateTarget = '100 migrates + 500 running-mode changes ≤ 1.05× the floor';
  targets.push(
    migrateAndModes?.migrates === 100 && migrateAndModes.modeChanges === 500
      ? judgeRatio(
          migrateTarget,
          migrateAndModes.wsr.seconds,
          migrateAndModes.floor.seconds,
          1.05,
          `; ${migrateAndModes.wsr.failedSteps} failed steps`,
          migrateAndModes.wsr.failedSteps === 0,
        )
      : notMeasured(migrateTarget),
  );
  const rolloutTarget = '200-desktop rollout in waves ≤ 1.1× the floor';
  targets.push(
    imageRollout?.desktops === 200
      ? judgeRatio(
          rolloutTarget,
          imageRollout.wsr.seconds,
          imageRollout.floor.seconds,
          1.1,
          `; ${imageRollout.wsr.failedSteps} failed steps`,
          imageRollout.wsr.failedSteps === 0,
        )
      : notMeasured(rolloutTarget),
  );
  const oneAccountTarget = '10 environments in one account: zero throttled attempts';
  const tenAccountsTarget = "10 environments in 10 accounts: one cycle within 1.3× of one environment's floor";
  if (daemon?.environments === 10) {
    if (daemon.oneAccount.wsr.accepted > 0)
      targets.push(
        judge(
          oneAccountTarget,
          daemon.oneAccount.wsr.throttled === 0,
          `${daemon.oneAccount.wsr.throttled} throttled of ${daemon.oneAccount.wsr.accepted} accepted`,
        ),
      );
    else targets.push(notMeasured(oneAccountTarget));
    targets.push(judgeRatio(tenAccountsTarget, daemon.tenAccounts.wsr.seconds, daemon.tenAccounts.oneEnvironmentFloorSeconds, 1.3));
  } else {
    targets.push(notMeasured(oneAccountTarget), notMeasured(tenAccountsTarget));
  }
  return targets;
}

function judgeRatio(target: string, measured: number, floor: number, most: number, extra = '', alsoMet = true): BenchTarget {
  const ratio = measured / floor;
  return judge(target, alsoMet && ratio <= most, `${seconds(measured)} vs floor ${seconds(floor)} = ${ratio.toFixed(3)}×${extra}`);
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
