/** What one `npm run bench` measures (written to results.json) and the shape of its table rows. */
import type { ApplyCreateResult } from './apply-create.js';
import type { CliStartupResult } from './cli-startup.js';
import type { ImageRolloutResult } from './image-rollout.js';
import type { NoopPlanResult } from './noop-plan.js';
import type { PurePlanResult } from './pure-plan.js';
import type { RunningModeChangeResult } from './running-mode-change.js';

export const SCENARIO_NAMES = ['noopPlan', 'applyCreate', 'runningModeChange', 'imageRollout', 'imageRolloutSharedBudget', 'purePlan', 'cliStartup'] as const;

/** What one run measured; a scenario left out by `--scenario` is absent. */
export interface BenchScenarios {
  readonly noopPlan?: readonly NoopPlanResult[];
  readonly applyCreate?: ApplyCreateResult;
  readonly runningModeChange?: RunningModeChangeResult;
  readonly imageRollout?: ImageRolloutResult;
  /** The same rollout, smaller, with wsr's real-AWS tuning: one 2/s budget for all operations. */
  readonly imageRolloutSharedBudget?: ImageRolloutResult;
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
  readonly version: 1;
  readonly mode: 'full' | 'quick';
  readonly startedAt: string;
  readonly seconds: number;
  readonly node: string;
  readonly bucket: { readonly capacity: number; readonly refillPerSecond: number };
  readonly scenarios: BenchScenarios;
  readonly rows: readonly BenchRow[];
  readonly targets: readonly BenchTarget[];
}
