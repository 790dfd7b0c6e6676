/**
 * Apply of N new desktops through the real pipeline (preparePlan → applyPlan, real SDK over
 * HTTP, instant transitions) against the rate floor and a per-resource baseline.
 *
 * Floor: every desktop needs its create and one DescribeWorkspaces showing it AVAILABLE, at best
 * 25 per call, so each operation needs ⌈N/25⌉ calls; the busier bucket sets the time.
 * Baseline (what per-resource tools do): the same plan with batching off — one CreateWorkspaces
 * per desktop — and one-id waits, through wsr's executor. It runs for real at a small N and is
 * scaled linearly to N: linear because its time is the bucket's refill.
 */
import { join } from 'node:path';
import { applyPlan, type ApplyTuning } from '../../../src/engine/apply-environment.js';
import { preparePlan } from '../../../src/engine/plan-environment.js';
import { kindDefinition } from '../../../src/kinds/index.js';
import type { KindName } from '../../../src/model/keys.js';
import type { Plan } from '../../../src/model/plan.js';
import { benchDirectory, startBenchEmulator, writeSpec } from './bench-emulator.js';
import { fleetSpec } from './fleet-spec.js';
import { bucketSeconds, emulatorScopeOf, floorUnder, wsrRateLimitsOf, type RateBudget } from './rate-floor.js';

const PER_CALL = 25;

export interface ApplyRun {
  readonly desktops: number;
  readonly seconds: number;
  readonly calls: number;
  readonly byOperation: Record<string, number>;
  readonly throttled: number;
  readonly failedSteps: number;
}

export interface ApplyCreateResult {
  readonly desktops: number;
  readonly budget: RateBudget;
  readonly wsr: ApplyRun;
  readonly floor: { readonly calls: Record<string, number>; readonly seconds: number };
  /** Measured at `measured.desktops`, then scaled to `desktops`. */
  readonly baseline: { readonly measured: ApplyRun; readonly creates: number; readonly calls: number; readonly seconds: number; readonly time: 'scaled' };
}

export async function measureApplyCreate(desktops: number, baselineDesktops: number, budget: RateBudget): Promise<ApplyCreateResult> {
  const batches = Math.ceil(desktops / PER_CALL);
  const floorCalls = { CreateWorkspaces: batches, DescribeWorkspaces: batches };
  const wsr = await applyNewDesktops(desktops, false, budget);
  const measured = await applyNewDesktops(baselineDesktops, true, budget);
  const scale = desktops / baselineDesktops;
  // the per-resource run's time is its bucket's refill: one create + one wait poll per desktop (shared), or the creates alone (per operation)
  const callsPerDesktop = budget === 'shared' ? 2 : 1;
  return {
    desktops,
    budget,
    wsr,
    floor: { calls: floorCalls, seconds: floorUnder(budget, floorCalls) },
    baseline: {
      measured,
      creates: desktops,
      calls: Math.round(measured.calls * scale),
      seconds: bucketSeconds(callsPerDesktop * desktops) * (measured.seconds / Math.max(bucketSeconds(callsPerDesktop * baselineDesktops), 1e-9)),
      time: 'scaled',
    },
  };
}

/** The plan as a per-resource tool would run it: no batching. */
export function unbatched(plan: Plan): Plan {
  return { ...plan, steps: plan.steps.map(({ batch: _batch, ...step }) => step) };
}

/** Waiter recipes that poll one id per call. */
export function oneIdWaits(kind: KindName): ReturnType<typeof kindDefinition> {
  const definition = kindDefinition(kind);
  return definition?.waiter ? { ...definition, waiter: { ...definition.waiter, max: 1 } } : definition;
}

function perResourceTuning(budget: RateBudget): ApplyTuning {
  return { queues: wsrRateLimitsOf(budget), waits: { initialPollMs: 100, maxPollMs: 2000 }, kindDefinition: oneIdWaits };
}

async function applyNewDesktops(desktops: number, perResource: boolean, budget: RateBudget): Promise<ApplyRun> {
  const emulator = await startBenchEmulator({ rateLimitScope: emulatorScopeOf(budget) });
  try {
    const directory = benchDirectory();
    const specFile = writeSpec(directory, 'spec.yaml', fleetSpec({ desktops }));
    // an empty directory with desktops in the spec reads as suspicious and holds every step unless
    // destroys are allowed; a first fill is exactly that
    const prepared = await preparePlan({ specFile, connection: { endpoint: emulator.endpoint, rateLimits: wsrRateLimitsOf(budget) }, allowDestroy: true });
    const held = prepared.plan.steps.filter((step) => step.blocked !== undefined || step.deferred !== undefined).length;
    if (held > 0) throw new Error(`apply bench: the plan holds ${held} step(s): ${prepared.plan.warnings.join('; ')}`);
    const plan = perResource ? unbatched(prepared.plan) : prepared.plan;
    // let the buckets refill after the read, so the apply starts from full buckets
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await emulator.resetCalls();
    const started = performance.now();
    const report = await applyPlan(plan, {
      session: prepared.session,
      desired: prepared.desired,
      live: prepared.live,
      allowDestroy: true,
      lockDirectory: join(directory, 'locks'),
      ...(perResource ? { tuning: perResourceTuning(budget) } : {}),
    });
    const seconds = (performance.now() - started) / 1000;
    await prepared.session.close();
    const calls = await emulator.calls();
    return { desktops, seconds, calls: calls.accepted, byOperation: calls.byOperation, throttled: calls.throttled, failedSteps: report.failed };
  } finally {
    await emulator.stop();
  }
}
