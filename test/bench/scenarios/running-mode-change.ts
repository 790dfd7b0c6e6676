/**
 * A fleet-wide change: N AUTO_STOP desktops → ALWAYS_ON. The API takes one desktop per
 * ModifyWorkspaceProperties, so N calls is the least any tool can make. The floor is two phases
 * that cannot overlap: the read (⌈N/25⌉ DescribeWorkspaces pages + the directory), then the
 * modifications; no waits (the change is done when the call returns).
 */
import { measureSpecChange, type ChangeRun } from './apply-change.js';
import { fleetSpec } from './fleet-spec.js';
import { pagesOf, phasedRateFloor, type RateBudget } from './rate-floor.js';

export interface RunningModeChangeResult {
  readonly desktops: number;
  readonly budget: RateBudget;
  readonly wsr: ChangeRun;
  readonly floor: { readonly read: Record<string, number>; readonly apply: Record<string, number>; readonly seconds: number };
}

export async function measureRunningModeChange(desktops: number, budget: RateBudget): Promise<RunningModeChangeResult> {
  const wsr = await measureSpecChange({
    budget,
    before: () => fleetSpec({ desktops, runningMode: 'AUTO_STOP' }),
    after: () => fleetSpec({ desktops, runningMode: 'ALWAYS_ON' }),
  });
  const read = { DescribeWorkspaceDirectories: 1, DescribeWorkspaces: pagesOf(desktops) };
  const apply = { ModifyWorkspaceProperties: desktops };
  return { desktops, budget, wsr, floor: { read, apply, seconds: phasedRateFloor([read, apply], budget) } };
}
