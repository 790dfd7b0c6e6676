/**
 * The transition oracle: against the emulator at realistic timing (a non-zero time scale, so
 * every create, migrate, terminate and rebuild takes time, and random throttling on), apply spec
 * `before` until it converges, then apply spec `after` exactly ONCE and check what a user sees:
 * the apply exits 0, no call was refused by the API (throttles retried by the SDK are fine;
 * a refusal means a step ran before what it needed), and a fresh plan has nothing left to do.
 *
 * Runs in-process through the same preparePlan → applyPlan pipeline the CLI uses (with the
 * real SDK on a loopback port), and decides the exit code with the CLI's own rule.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from './start-emulator.js';
import { quickRetries } from './quick-retries.js';
import { preparePlan, type PreparedPlan } from '../../src/engine/plan-environment.js';
import { applyPlan } from '../../src/engine/apply-environment.js';
import { applyExitCode } from '../../src/cli/exit-codes.js';
import { EngineEvents } from '../../src/model/engine-events.js';
import type { ApplyReport } from '../../src/model/apply-report.js';
import type { Plan } from '../../src/model/plan.js';
import type { EmulatorOptions } from '../../src/emulator/index.js';

/** The issue's realistic timing: a 20-minute create takes 2.4 s; one call in five is throttled. */
export const REALISTIC: EmulatorOptions = { timeScale: 0.002, throttleRate: 0.2, randomSeed: 10 };

export interface ApplyRun {
  readonly plan: Plan;
  readonly report?: ApplyReport;
  /** The exit code `wsr apply --auto-approve` would give this run. */
  readonly exitCode: number;
  /** Calls the API refused (not throttles): `Operation ErrorCode`. */
  readonly refusedCalls: readonly string[];
}

export interface TransitionOutcome {
  readonly name: string;
  readonly before: ApplyRun;
  readonly after: ApplyRun;
  /** Step ids a fresh plan still has after the one apply of `after`, with each change's fields. */
  readonly leftOver: readonly string[];
  readonly converged: boolean;
}

export interface TransitionCase {
  readonly name: string;
  readonly before: string;
  readonly after: string;
  /** Runs between the before-apply and the after-apply (e.g. force a desktop into a state). */
  readonly between?: (oracle: TransitionOracle) => Promise<void>;
}

export class TransitionOracle {
  private readonly directory = mkdtempSync(join(tmpdir(), 'wsr-oracle-'));
  private files = 0;

  private constructor(
    readonly emulator: TestEmulator,
    private readonly timeScale: number,
  ) {}

  static async start(options: EmulatorOptions = REALISTIC): Promise<TransitionOracle> {
    return new TransitionOracle(await startTestEmulator({ ...options, maxAttempts: 10 }), options.timeScale ?? 0);
  }

  async stop(): Promise<void> {
    await this.emulator.stop();
  }

  writeSpec(text: string): string {
    this.files += 1;
    const file = join(this.directory, `spec-${this.files}.yaml`);
    writeFileSync(file, text);
    return file;
  }

  async plan(specText: string, options: { destroy?: boolean } = {}): Promise<Plan> {
    const prepared = await this.prepare(this.writeSpec(specText), new EngineEvents(), options);
    await prepared.session.close();
    return prepared.plan;
  }

  /** One `wsr apply --auto-approve` of the spec (no apply when the plan is empty). */
  async applyOnce(specText: string, options: { destroy?: boolean } = {}): Promise<ApplyRun> {
    const events = new EngineEvents();
    const refusedCalls: string[] = [];
    events.on((event) => {
      if (event.type === 'api.call' && event.outcome === 'error' && !isInjectedFault(event.errorCode))
        refusedCalls.push(`${event.operation} ${event.errorCode ?? ''}`.trim());
    });
    const prepared = await this.prepare(this.writeSpec(specText), events, options);
    try {
      if (prepared.plan.steps.length === 0) return { plan: prepared.plan, exitCode: applyExitCode(undefined), refusedCalls };
      const report = await applyPlan(prepared.plan, {
        session: prepared.session,
        desired: prepared.desired,
        live: prepared.live,
        events,
        allowDestroy: true,
        maxDestroy: prepared.desired.policy.maxDestroy,
        lockDirectory: join(this.directory, 'locks'),
        // wait timeouts scaled like the emulator's clock (×5 slack), so a state never reached fails in seconds, not hours
        tuning: { waits: { initialPollMs: 50, maxPollMs: 400, factor: 1.5, timeScale: (this.timeScale || 0.002) * 5 } },
      });
      return { plan: prepared.plan, report, exitCode: applyExitCode(report), refusedCalls };
    } finally {
      await prepared.session.close();
    }
  }

  /** Apply `before` until a plan is empty (at most 3 runs): the starting point, however reached. */
  async converge(specText: string): Promise<ApplyRun> {
    let run = await this.applyOnce(specText);
    for (let attempt = 1; attempt < 3 && (run.report?.failed ?? 0) + (run.report?.skipped ?? 0) > 0; attempt += 1) run = await this.applyOnce(specText);
    return run;
  }

  /** before (converged) → after applied once → a fresh plan must be empty. */
  async transition(testCase: TransitionCase): Promise<TransitionOutcome> {
    await this.emulator.reset();
    const before = await this.converge(testCase.before);
    await testCase.between?.(this);
    const after = await this.applyOnce(testCase.after);
    const replan = await this.plan(testCase.after);
    const leftOver = replan.steps.map((step) => `${step.id}${step.blocked ? ` (blocked: ${step.blocked})` : ''}`);
    const converged = after.exitCode === 0 && after.refusedCalls.length === 0 && leftOver.length === 0 && replan.changes.length === 0;
    return {
      name: testCase.name,
      before,
      after,
      leftOver: [
        ...leftOver,
        ...replan.changes
          .filter((change) => !replan.steps.some((step) => step.key === change.key))
          .map((change) => `${change.key} ${change.action} ${change.fields.map((field) => field.path).join(',')}`),
      ],
      converged,
    };
  }

  private prepare(specFile: string, events: EngineEvents, options: { destroy?: boolean }): Promise<PreparedPlan> {
    return preparePlan({
      specFile,
      events,
      destroy: options.destroy ?? false,
      allowDestroy: true,
      connection: { endpoint: this.emulator.endpoint, events, client: { maxAttempts: 10, retryStrategy: quickRetries(10, (retry) => 5 * 2 ** retry) } },
    });
  }
}

/** Throttling and injected 5xx are the emulator's faults, retried by the SDK: not refusals. */
function isInjectedFault(code: string | undefined): boolean {
  return code === 'ThrottlingException' || code === 'ThrottledException' || code === 'InternalServerError' || code === 'InternalFailure';
}

/** One line per failed check, for an assertion message a human can act on. */
export function describeOutcome(outcome: TransitionOutcome): string {
  const lines = [`${outcome.name}:`];
  if (outcome.after.exitCode !== 0) lines.push(`  apply exit ${outcome.after.exitCode}`);
  for (const step of outcome.after.report?.steps ?? []) if (step.outcome !== 'succeeded') lines.push(`  ${step.stepId} ${step.outcome}: ${step.error ?? ''}`);
  for (const call of outcome.after.refusedCalls) lines.push(`  refused call: ${call}`);
  for (const left of outcome.leftOver) lines.push(`  left for a second apply: ${left}`);
  return lines.join('\n');
}
