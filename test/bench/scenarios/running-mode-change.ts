/**
 * A fleet-wide change: N AUTO_STOP desktops → ALWAYS_ON. The API takes one desktop per
 * ModifyWorkspaceProperties, so N calls is the least any tool can make; the floor is their
 * bucket time.
 */
import { measureSpecChange, type ChangeRun } from './apply-change.js';
import { fleetSpec } from './fleet-spec.js';
import { rateFloor } from './rate-floor.js';

export interface RunningModeChangeResult {
  readonly desktops: number;
  readonly wsr: ChangeRun;
  readonly floor: { readonly calls: Record<string, number>; readonly seconds: number };
}

export async function measureRunningModeChange(desktops: number): Promise<RunningModeChangeResult> {
  const wsr = await measureSpecChange({
    before: () => fleetSpec({ desktops, runningMode: 'AUTO_STOP' }),
    after: () => fleetSpec({ desktops, runningMode: 'ALWAYS_ON' }),
  });
  const floorCalls = { ModifyWorkspaceProperties: desktops };
  return { desktops, wsr, floor: { calls: floorCalls, seconds: rateFloor(floorCalls) } };
}
