/**
 * Runs a plan's DAG against an ApiPort. Every step ends `succeeded | failed | skipped`; a
 * failure is an outcome, not a throw: the dependents of a failed (or blocked) step are
 * skipped with `becauseOf` naming the root cause, and every independent step still runs.
 *
 * Per step: resolve `{$idOf}` placeholders → wait `before` → the call (coalesced with other
 * ready steps of a batchable operation) → record produced ids → wait `after`.
 */
import { ApplyError, isWsrError } from '../errors.js';
import { kindDefinition as registryKindDefinition } from '../kinds/index.js';
import type { ApiPort, KindDefinition } from '../kinds/kind.js';
import type { ApplyReport, StepReport } from '../model/apply-report.js';
import type { KindName, ResourceKey } from '../model/keys.js';
import type { Plan } from '../model/plan.js';
import type { PlanStep, StateWait } from '../model/plan-step.js';
import type { EngineEvents, StepOutcome } from '../model/engine-events.js';
import type { AuditLog } from './audit-log.js';
import type { DestructiveGuard } from './destructive-guard.js';
import { realClock, type Clock } from './clock.js';
import { ApiQueues, type QueueOptions } from '../limiter/queues.js';
import { resolveIdRef, resolveIdRefs } from './resolve-ids.js';
import { StepCaller, describeCallError, type CallOutput } from './step-caller.js';
import { StateWaiter, type WaitOptions } from './waiter.js';
import { StepGraph } from '../plan/graph.js';

export interface ApplyProgress {
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  /** Steps whose call is queued or running. */
  readonly calling: number;
  /** Steps waiting for a state (before or after their call). */
  readonly waiting: number;
  /** API calls running right now. */
  readonly inFlight: number;
}

export interface ExecuteOptions {
  readonly port: ApiPort;
  /** The port of another Region a step calls (PlanStep.region), refusing Regions the spec does not declare. @default none */
  readonly portIn?: (region: string) => ApiPort;
  /** Queues to share, or options for new ones. @default new ApiQueues() (≈2 calls/s, burst 5) */
  readonly queues?: ApiQueues | QueueOptions;
  readonly waits?: WaitOptions;
  readonly events?: EngineEvents;
  readonly signal?: AbortSignal;
  /** @default the wall clock */
  readonly clock?: Clock;
  readonly auditLog?: AuditLog;
  /**
   * Asked right before every destroying call, from the live state read for this apply (owned,
   * not protected, within the destroy cap) — whatever the plan says. @default none (unit tests)
   */
  readonly guard?: DestructiveGuard;
  /** Ids that exist before the apply, by key (live state); the plan's changes are read too. */
  readonly knownIds?: ReadonlyMap<ResourceKey, string>;
  /** Kind lookup. @default the KINDS registry */
  readonly kindDefinition?: (kind: KindName) => KindDefinition | undefined;
  /** Executor-level attempts per call (the SDK retries inside each). @default 3 */
  readonly maxAttempts?: number;
  /** @default 1000 */
  readonly retryBaseMs?: number;
  readonly onProgress?: (progress: ApplyProgress) => void;
}

type Phase = 'pending' | 'calling' | 'waiting' | 'done';

interface StepState {
  readonly step: PlanStep;
  phase: Phase;
  startedAt?: number;
  report?: StepReport;
}

export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<ApplyReport> {
  return new PlanRun(plan, options).run();
}

class PlanRun {
  private readonly clock: Clock;
  private readonly queues: ApiQueues;
  private readonly caller: StepCaller;
  private readonly waiter: StateWaiter;
  private readonly states = new Map<string, StepState>();
  private readonly graph: StepGraph;
  private readonly ids = new Map<ResourceKey, string>();
  /** Ids produced by calls of this apply (for the guard: what wsr just made is this environment's). */
  private readonly created = new Set<string>();
  private readonly calls: Record<string, number> = {};
  private readonly kindOf: (kind: KindName) => KindDefinition | undefined;
  private finished = 0;
  private readonly startedAt: number;
  private resolveDone!: () => void;

  constructor(
    private readonly plan: Plan,
    private readonly options: ExecuteOptions,
  ) {
    this.clock = options.clock ?? realClock;
    this.graph = new StepGraph(plan.steps);
    this.startedAt = this.clock.now();
    this.queues = options.queues instanceof ApiQueues ? options.queues : new ApiQueues(options.queues);
    this.kindOf = options.kindDefinition ?? registryKindDefinition;
    const countCall = (operation: string) => {
      this.calls[operation] = (this.calls[operation] ?? 0) + 1;
    };
    this.caller = new StepCaller({
      port: options.port,
      queues: this.queues,
      clock: this.clock,
      environment: plan.environment,
      countCall,
      audit: options.auditLog,
      maxAttempts: options.maxAttempts,
      retryBaseMs: options.retryBaseMs,
      signal: options.signal,
      ...(options.portIn ? { portIn: options.portIn } : {}),
    });
    this.waiter = new StateWaiter(options.port, this.queues, this.clock, options.waits, countCall);
    for (const change of plan.changes) if (change.live?.id) this.ids.set(change.key, change.live.id);
    for (const [key, id] of options.knownIds ?? []) this.ids.set(key, id);
  }

  async run(): Promise<ApplyReport> {
    const done = new Promise<void>((resolve) => {
      this.resolveDone = resolve;
    });
    this.buildGraph();
    if (this.plan.steps.length === 0) this.resolveDone();
    for (const state of this.states.values()) {
      if (state.step.blocked !== undefined && state.phase !== 'done') {
        this.finish(state, 'skipped', { error: `blocked: ${state.step.blocked}` });
      } else if (state.step.deferred !== undefined && state.phase !== 'done') {
        this.finish(state, 'skipped', { error: `deferred: ${state.step.deferred}` });
      }
    }
    for (const id of this.graph.ready()) {
      const state = this.states.get(id)!;
      if (state.phase === 'pending') this.start(state);
    }
    await done;
    return this.report();
  }

  private buildGraph(): void {
    for (const step of this.plan.steps) this.states.set(step.id, { step, phase: 'pending' });
  }

  private start(state: StepState): void {
    if (this.options.signal?.aborted) {
      this.finish(state, 'skipped', { error: 'apply aborted before this step started' });
      return;
    }
    state.startedAt = this.clock.now();
    this.options.events?.emit({ type: 'apply.step.start', environment: this.plan.environment, stepId: state.step.id, operation: state.step.operation });
    void this.runStep(state).then(
      () => this.finish(state, 'succeeded'),
      (error: unknown) => this.finish(state, 'failed', { error: describeStepError(error) }),
    );
  }

  private async runStep(state: StepState): Promise<void> {
    const { step } = state;
    const idOf = (key: ResourceKey) => this.ids.get(key);
    if (step.before) await this.waitFor(state, step.before, this.targetOf(step));
    const input = resolveIdRefs(step.input, idOf) as Record<string, unknown>;
    this.options.guard?.check(step, input, (id) => this.created.has(id));
    this.setPhase(state, 'calling');
    const output = await this.caller.call(step, input);
    this.recordIds(step, output);
    if (step.after) await this.waitFor(state, step.after, this.targetOf(step));
  }

  /** The id a wait polls: the step's target, else the id of what it produces or acts on. */
  private targetOf(step: PlanStep): string {
    if (typeof step.target === 'string') return step.target;
    if (step.target) return resolveIdRef(step.target.$idOf, (key) => this.ids.get(key));
    return resolveIdRef(step.produces ?? step.key, (key) => this.ids.get(key));
  }

  private async waitFor(state: StepState, wait: StateWait, target: string): Promise<void> {
    const kind = this.kindOf(state.step.kind);
    const recipe = kind?.waiterFor?.(state.step) ?? kind?.waiter;
    if (!recipe) throw new ApplyError('APPLY_NO_WAITER', `${state.step.id} asks to wait but kind ${state.step.kind} has no waiter recipe`);
    this.setPhase(state, 'waiting');
    await this.waiter.wait(recipe, target, wait, this.options.signal);
  }

  private recordIds(step: PlanStep, output: CallOutput): void {
    const produced = this.kindOf(step.kind)?.idsFromOutput?.(step, output) ?? {};
    for (const [key, id] of Object.entries(produced)) {
      if (typeof id !== 'string' || id === '') continue;
      this.ids.set(key, id);
      this.created.add(id);
    }
  }

  private setPhase(state: StepState, phase: Phase): void {
    state.phase = phase;
    this.progress();
  }

  /** `skipDownstream` false when the walk of a root cause is already skipping this step's dependents. */
  private finish(state: StepState, outcome: StepOutcome, detail: { error?: string; becauseOf?: string } = {}, skipDownstream = true): void {
    if (state.phase === 'done') return;
    state.phase = 'done';
    const ms = state.startedAt === undefined ? 0 : Math.round(this.clock.now() - state.startedAt);
    state.report = {
      stepId: state.step.id,
      key: state.step.key,
      operation: state.step.operation,
      outcome,
      ms,
      ...(detail.error !== undefined ? { error: detail.error } : {}),
      ...(detail.becauseOf !== undefined ? { becauseOf: detail.becauseOf } : {}),
    };
    this.finished += 1;
    this.options.events?.emit({
      type: 'apply.step.done',
      environment: this.plan.environment,
      stepId: state.step.id,
      operation: state.step.operation,
      outcome,
      ms,
      ...(detail.error !== undefined ? { error: detail.error } : {}),
    });
    if (outcome === 'succeeded') this.releaseDependents(state);
    else if (skipDownstream) this.skipDependents(state, detail.becauseOf ?? state.step.id);
    this.progress();
    if (this.finished === this.states.size) this.resolveDone();
  }

  private releaseDependents(state: StepState): void {
    for (const id of this.graph.release(state.step.id)) {
      const dependent = this.states.get(id)!;
      if (dependent.phase === 'pending') this.start(dependent);
    }
  }

  /** Everything downstream of a root cause is skipped and names that root cause. */
  private skipDependents(state: StepState, rootCause: string): void {
    this.graph.walkDownstream(state.step.id, (id) => {
      const dependent = this.states.get(id)!;
      if (dependent.phase !== 'pending') return false;
      this.finish(dependent, 'skipped', { becauseOf: rootCause, error: `skipped because ${rootCause} did not succeed` }, false);
      return true;
    });
  }

  private progress(): void {
    if (!this.options.onProgress) return;
    let succeeded = 0;
    let failed = 0;
    let skipped = 0;
    let calling = 0;
    let waiting = 0;
    for (const state of this.states.values()) {
      if (state.phase === 'calling') calling += 1;
      else if (state.phase === 'waiting') waiting += 1;
      else if (state.report?.outcome === 'succeeded') succeeded += 1;
      else if (state.report?.outcome === 'failed') failed += 1;
      else if (state.report?.outcome === 'skipped') skipped += 1;
    }
    this.options.onProgress({ total: this.states.size, succeeded, failed, skipped, calling, waiting, inFlight: this.queues.stats().inFlight });
  }

  private report(): ApplyReport {
    const steps = this.plan.steps.map((step) => this.states.get(step.id)!.report!);
    return {
      steps,
      calls: { ...this.calls },
      ms: Math.round(this.clock.now() - this.startedAt),
      succeeded: steps.filter((step) => step.outcome === 'succeeded').length,
      failed: steps.filter((step) => step.outcome === 'failed').length,
      skipped: steps.filter((step) => step.outcome === 'skipped').length,
    };
  }
}

function describeStepError(error: unknown): string {
  if (isWsrError(error) && error.code.startsWith('APPLY_')) return error.message;
  return describeCallError(error);
}
