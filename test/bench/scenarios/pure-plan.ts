/**
 * Pure diff + plan of N desktops in one directory, no-op and with 10% drifted (compute type).
 * Each case runs in its own process (`pure-plan-case.ts`) so its peak RSS is its own; the time
 * is buildPlan's alone (building the in-memory fleet is not the planner's work).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DesiredResource, DesiredState } from '../../../src/model/desired.js';
import type { LiveResource, LiveState } from '../../../src/model/live.js';
import { buildPlan } from '../../../src/plan/build.js';
import { aDesiredState, aDirectory, aLiveDirectory, aLiveState, aLiveWorkspace, aWorkspace } from '../../helpers/builders.js';

export const PURE_PLAN_MODES = ['no-op', '10% changes'] as const;
export type PurePlanMode = (typeof PURE_PLAN_MODES)[number];

export interface PurePlanCase {
  readonly desktops: number;
  readonly mode: PurePlanMode;
  readonly ms: number;
  readonly peakRssMb: number;
  readonly steps: number;
}

export interface PurePlanResult extends PurePlanCase {
  /** This case over the same mode at a tenth of the size (undefined for the smallest). */
  readonly timeGrowthPer10x?: number;
  readonly rssGrowthPer10x?: number;
}

export function purePlanFleet(desktops: number, mode: PurePlanMode): { desired: DesiredState; live: LiveState } {
  const desired: DesiredResource[] = [aDirectory()];
  const live: LiveResource[] = [aLiveDirectory()];
  for (let index = 0; index < desktops; index++) {
    const userName = `user${index}`;
    const drifted = mode === '10% changes' && index % 10 === 0;
    desired.push(aWorkspace({ userName, workspaceProperties: drifted ? { ComputeTypeName: 'POWER' } : {} }));
    live.push(aLiveWorkspace({ userName, id: `ws-${index.toString(36).padStart(8, '0')}` }));
  }
  return { desired: aDesiredState(desired), live: aLiveState(live) };
}

/** One case, in this process (the child's work). */
export function runPurePlanCase(desktops: number, mode: PurePlanMode): PurePlanCase {
  const { desired, live } = purePlanFleet(desktops, mode);
  const started = performance.now();
  const plan = buildPlan({ desired, live, now: new Date(0).toISOString() });
  const ms = performance.now() - started;
  return { desktops, mode, ms: Math.round(ms), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), steps: plan.steps.length };
}

/** Every size × mode, each in a fresh process. */
export function measurePurePlan(sizes: readonly number[], modes: readonly PurePlanMode[] = PURE_PLAN_MODES): PurePlanResult[] {
  const caseFile = fileURLToPath(new URL('./pure-plan-case.ts', import.meta.url));
  const cases: PurePlanCase[] = [];
  for (const mode of modes) {
    for (const desktops of sizes) {
      const output = execFileSync(process.execPath, [...process.execArgv, caseFile, String(desktops), mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
      cases.push(JSON.parse(output) as PurePlanCase);
    }
  }
  return cases.map((result) => {
    const previous = cases.find((candidate) => candidate.mode === result.mode && candidate.desktops * 10 === result.desktops);
    if (!previous) return result;
    return { ...result, timeGrowthPer10x: result.ms / Math.max(previous.ms, 1), rssGrowthPer10x: result.peakRssMb / Math.max(previous.peakRssMb, 1) };
  });
}
