/** What one `npm run bench` measures (written to results.json) and the shape of its table rows. */
import type { ApplyCreateResult } from './apply-create.js';
import type { CliStartupResult } from './cli-startup.js';
import type { DaemonBudgetResult } from './daemon-budgets.js';
import type { ImageRolloutResult } from './image-rollout.js';
import type { MigrateAndModesResult } from './migrate-and-modes.js';
import type { NoopPlanResult } from './noop-plan.js';
import type { OfflinePlanResult } from './offline-plan.js';
import type { PurePlanResult } from './pure-plan.js';
import type { RunningModeChangeResult } from './running-mode-change.js';

export const SCENARIO_NAMES = [
  'noopPlan',
  'applyCreate',
  'runningModeChange',
  'migrateAndModes',
  'imageRollout',
  'daemon',
  'offlinePlan',
  'purePlan',
  'cliStartup',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Scenarios that call the API: measured under both budget models (rate-floor.ts BUDGET_MODELS). */
export const BUDGETED_SCENARIOS: readonly ScenarioName[] = ['noopPlan', 'applyCreate', 'runningModeChange', 'migrateAndModes', 'imageRollout', 'daemon'];

/** What one run measured under one budget model; a scenario left out by `--scenario` is absent. */
export interface BenchScenarios {
  readonly noopPlan?: readonly NoopPlanResult[];
  readonly applyCreate?: ApplyCreateResult;
  readonly runningModeChange?: RunningModeChangeResult;
  /** 100 migrates + 500 running-mode changes in one apply. */
  readonly migrateAndModes?: MigrateAndModesResult;
  readonly imageRollout?: ImageRolloutResult;
  /** One daemon cycle: 10 environments in one account, and 10 in 10 accounts. */
  readonly daemon?: DaemonBudgetResult;
  /** Spec load + plan from a captured live state, 1k/10k/100k: no-op, create, day-2 change (time, CPU, peak RSS, calls). */
  readonly offlinePlan?: readonly OfflinePlanResult[];
  readonly purePlan?: readonly PurePlanResult[];
  /** `wsr --version` / `wsr validate` against `node -e 0` (absent in results made before it existed). */
  readonly cliStartup?: CliStartupResult;
}

export interface BenchRow {
  readonly scenario: string;
  readonly n: number;
  readonly wsrCalls?: number;
  readonly wsrSeconds: number;
  /** What wsr is compared with: the rate floor, the per-resource baseline, or a target. */
  readonly reference: string;
  readonly referenceCalls?: number;
  readonly referenceSeconds?: number;
  /** measured in this run, the bucket floor of its calls, or scaled from a measured smaller run. */
  readonly referenceTime?: 'measured' | 'floor' | 'scaled';
  readonly note?: string;
}

export interface BenchTarget {
  readonly target: string;
  readonly measured: string;
  readonly status: 'met' | 'missed' | 'not measured';
}

export interface BenchResults {
  readonly version: 2;
  readonly mode: 'full' | 'quick';
  /** When the last run that wrote into this file started (`--scenario` runs merge into it). */
  readonly startedAt: string;
  /** Wall time of that run. */
  readonly seconds: number;
  readonly node: string;
  readonly bucket: { readonly capacity: number; readonly refillPerSecond: number };
  /** The headline: every API scenario under one 2/s budget per account and Region; also the scenarios without a budget. */
  readonly scenarios: BenchScenarios;
  /** The API scenarios again under a bucket per operation (the emulator's default model). */
  readonly perOperation: BenchScenarios;
  /** When each scenario was last measured (ISO time), so a merged file says which figures share a run. */
  readonly measuredAt: Readonly<Partial<Record<ScenarioName, string>>>;
  readonly rows: readonly BenchRow[];
  readonly perOperationRows: readonly BenchRow[];
  readonly targets: readonly BenchTarget[];
}
