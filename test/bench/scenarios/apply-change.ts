/**
 * Plan + apply of a changed spec on a fleet wsr built from the previous spec: the shared half of
 * the fleet-wide running-mode change and the image rollout. Time and calls cover the whole run
 * (read, plan, apply), as an operator would wait for them; plan and apply times are kept apart too.
 * Calls by operation are those the emulator received (throttled attempts included).
 */
import { join } from 'node:path';
import { applyPlan, type ApplyTuning } from '../../../src/engine/apply-environment.js';
import { preparePlan } from '../../../src/engine/plan-environment.js';
import type { Emulator } from '../../../src/emulator/index.js';
import type { Plan } from '../../../src/model/plan.js';
import { benchDirectory, startBenchEmulator, writeSpec, type MadeIds } from './bench-emulator.js';
import { emulatorScopeOf, wsrRateLimitsOf, type RateBudget } from './rate-floor.js';

export interface ChangeRun {
  /** Read + plan + apply. */
  readonly seconds: number;
  readonly planSeconds: number;
  readonly applySeconds: number;
  /** Accepted calls by operation (read + apply). */
  readonly byOperation: Record<string, number>;
  readonly calls: number;
  readonly throttled: number;
  readonly failedSteps: number;
  readonly steps: number;
}

export interface SpecChange {
  /** The spec the fleet is built from (rate limits off). */
  readonly before: (made: MadeIds) => string;
  /** The spec whose plan and apply are measured. */
  readonly after: (made: MadeIds) => string;
  readonly setup?: (emulator: Emulator) => Promise<MadeIds>;
  readonly allowDestroy?: boolean;
  readonly onPlan?: (plan: Plan) => void;
  /** The budget model: what the emulator meters as one bucket, and wsr's limiter to match. */
  readonly budget: RateBudget;
  /** Executor tuning (waits…). @default wsr's default for a loopback endpoint (polls from 100 ms) */
  readonly tuning?: ApplyTuning;
}

export async function measureSpecChange(change: SpecChange): Promise<ChangeRun> {
  const emulator = await startBenchEmulator({
    populateSpec: change.before,
    rateLimitScope: emulatorScopeOf(change.budget),
    ...(change.setup ? { setup: change.setup } : {}),
  });
  try {
    await emulator.resetCalls();
    const directory = benchDirectory();
    const specFile = writeSpec(directory, 'spec.yaml', change.after(emulator.made));
    const started = performance.now();
    const prepared = await preparePlan({ specFile, connection: { endpoint: emulator.endpoint, rateLimits: wsrRateLimitsOf(change.budget) } });
    change.onPlan?.(prepared.plan);
    const planned = performance.now();
    const report = await applyPlan(prepared.plan, {
      session: prepared.session,
      desired: prepared.desired,
      live: prepared.live,
      allowDestroy: change.allowDestroy ?? false,
      lockDirectory: join(directory, 'locks'),
      ...(change.tuning ? { tuning: change.tuning } : {}),
    });
    const finished = performance.now();
    await prepared.session.close();
    const calls = await emulator.calls();
    return {
      seconds: (finished - started) / 1000,
      planSeconds: (planned - started) / 1000,
      applySeconds: (finished - planned) / 1000,
      byOperation: calls.byOperation,
      calls: calls.accepted,
      throttled: calls.throttled,
      failedSteps: report.failed,
      steps: report.steps.length,
    };
  } finally {
    await emulator.stop();
  }
}
