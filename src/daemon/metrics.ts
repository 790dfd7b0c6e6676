/**
 * The daemon's Prometheus metrics, on a registry of its own (no global state, so tests and
 * several daemons in one process do not collide). Per-run engine events feed the API and
 * drift series; the loop records each finished reconcile.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineEvent, EngineEvents, ReconcileResultKind } from '../model/engine-events.js';
import { KIND_ORDER as KIND_NAMES } from '../plan/order.js';
import { CONDITION_TYPES, type EnvironmentCondition, type LastRun } from './environment-state.js';

export interface DaemonMetricsOptions {
  /** Process metrics (CPU, memory, event loop lag). @default true */
  readonly defaultMetrics?: boolean;
}

const RECONCILE_RESULTS: readonly ReconcileResultKind[] = ['in-sync', 'changes-planned', 'applied', 'failed'];
const STEP_STATES = ['pending', 'blocked'] as const;
const DURATION_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800];

export class DaemonMetrics {
  readonly registry = new Registry();
  private readonly reconcileTotal: Counter<'env' | 'result'>;
  private readonly reconcileDuration: Histogram<'env'>;
  private readonly driftResources: Gauge<'env' | 'kind'>;
  private readonly planSteps: Gauge<'env' | 'state'>;
  private readonly unhealthyResources: Gauge<'env'>;
  private readonly apiCalls: Counter<'operation' | 'result'>;
  private readonly apiThrottles: Counter;
  private readonly lastSuccess: Gauge<'env'>;
  private readonly specLoadErrors: Counter<'env'>;
  private readonly condition: Gauge<'env' | 'type' | 'reason'>;
  private readonly groupMembers: Gauge<'env' | 'group'>;
  /** The groups each environment has series for (to remove them with the environment). */
  private readonly groupsOf = new Map<string, Set<string>>();
  /** The reason label each environment's condition series carries now (to remove them). */
  private readonly conditionReasons = new Map<string, string>();

  constructor(options: DaemonMetricsOptions = {}) {
    const registers = [this.registry];
    this.reconcileTotal = new Counter({
      name: 'wsr_reconcile_total',
      help: 'Finished reconciles by environment and result (in-sync, changes-planned, applied, failed).',
      labelNames: ['env', 'result'],
      registers,
    });
    this.reconcileDuration = new Histogram({
      name: 'wsr_reconcile_duration_seconds',
      help: 'Duration of one reconcile of one environment.',
      labelNames: ['env'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.driftResources = new Gauge({
      name: 'wsr_drift_resources',
      help: 'Resources whose live state differs from the spec at the last plan, by kind.',
      labelNames: ['env', 'kind'],
      registers,
    });
    this.planSteps = new Gauge({
      name: 'wsr_plan_steps',
      help: 'Steps of the last plan not done yet (pending) or waiting on a state rule (blocked).',
      labelNames: ['env', 'state'],
      registers,
    });
    this.unhealthyResources = new Gauge({
      name: 'wsr_unhealthy_resources',
      help: 'Managed resources in a state that needs a repair at the last plan (desktops the spec wants running in ERROR or UNHEALTHY).',
      labelNames: ['env'],
      registers,
    });
    this.apiCalls = new Counter({
      name: 'wsr_api_calls_total',
      help: 'WorkSpaces API calls by operation and result (ok, error, throttled).',
      labelNames: ['operation', 'result'],
      registers,
    });
    this.apiThrottles = new Counter({ name: 'wsr_api_throttles_total', help: 'WorkSpaces API calls answered with throttling.', registers });
    this.lastSuccess = new Gauge({
      name: 'wsr_last_success_timestamp_seconds',
      help: 'Unix time of the last reconcile that did not fail.',
      labelNames: ['env'],
      registers,
    });
    this.specLoadErrors = new Counter({
      name: 'wsr_spec_load_errors_total',
      help: 'Spec file contents that failed to load (each distinct bad content counts once).',
      labelNames: ['env'],
      registers,
    });
    this.condition = new Gauge({
      name: 'wsr_environment_condition',
      help: 'Current condition of the environment (1 for the active type, with its reason).',
      labelNames: ['env', 'type', 'reason'],
      registers,
    });
    this.groupMembers = new Gauge({
      name: 'wsr_group_members',
      help: 'Enabled members (nested groups included, disabled accounts left out) of each directory group a workspace template reads, at the last plan.',
      labelNames: ['env', 'group'],
      registers,
    });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** Series of a new environment start at 0, so alerts and dashboards see it at once. */
  addEnvironment(env: string): void {
    this.specLoadErrors.inc({ env }, 0);
    for (const kind of KIND_NAMES) this.driftResources.set({ env, kind }, 0);
    for (const state of STEP_STATES) this.planSteps.set({ env, state }, 0);
    this.unhealthyResources.set({ env }, 0);
  }

  /** prom-client removes exact label sets only, so every combination is spelled out. */
  forgetEnvironment(env: string): void {
    for (const result of RECONCILE_RESULTS) this.reconcileTotal.remove({ env, result });
    for (const kind of KIND_NAMES) this.driftResources.remove({ env, kind });
    for (const state of STEP_STATES) this.planSteps.remove({ env, state });
    this.unhealthyResources.remove({ env });
    this.reconcileDuration.remove({ env });
    this.lastSuccess.remove({ env });
    this.specLoadErrors.remove({ env });
    for (const group of this.groupsOf.get(env) ?? []) this.groupMembers.remove({ env, group });
    this.groupsOf.delete(env);
    this.removeCondition(env);
  }

  /** Subscribe to one run's events; the caller unsubscribes when the run ends. */
  observeRun(env: string, events: EngineEvents): () => void {
    return events.on((event) => this.onEngineEvent(env, event));
  }

  recordReconcile(env: string, run: LastRun, finishedAtMs: number): void {
    this.reconcileTotal.inc({ env, result: run.result });
    this.reconcileDuration.observe({ env }, run.ms / 1000);
    if (run.apply) this.planSteps.set({ env, state: 'pending' }, run.apply.failed + run.apply.skipped);
    if (run.result !== 'failed') this.lastSuccess.set({ env }, finishedAtMs / 1000);
  }

  recordSpecLoadError(env: string): void {
    this.specLoadErrors.inc({ env });
  }

  setCondition(env: string, condition: EnvironmentCondition): void {
    this.removeCondition(env);
    this.conditionReasons.set(env, condition.reason);
    for (const type of CONDITION_TYPES) {
      const active = type === condition.type;
      this.condition.set({ env, type, reason: active ? condition.reason : '' }, active ? 1 : 0);
    }
  }

  private removeCondition(env: string): void {
    const reason = this.conditionReasons.get(env);
    if (reason === undefined) return;
    for (const type of CONDITION_TYPES) {
      this.condition.remove({ env, type, reason });
      this.condition.remove({ env, type, reason: '' });
    }
    this.conditionReasons.delete(env);
  }

  private onEngineEvent(env: string, event: EngineEvent): void {
    if (event.type === 'api.call') {
      this.apiCalls.inc({ operation: event.operation, result: event.outcome });
      if (event.outcome === 'throttled') this.apiThrottles.inc();
      return;
    }
    if (event.type === 'plan.done') this.recordPlan(env, event);
    if (event.type === 'users.resolved' && event.source === 'group') {
      this.groupMembers.set({ env, group: event.name }, event.members);
      this.groupsOf.set(env, (this.groupsOf.get(env) ?? new Set()).add(event.name));
    }
  }

  private recordPlan(env: string, event: Extract<EngineEvent, { type: 'plan.done' }>): void {
    for (const kind of KIND_NAMES) this.driftResources.set({ env, kind }, event.changesByKind[kind] ?? 0);
    const blocked = event.summary.blocked;
    this.planSteps.set({ env, state: 'blocked' }, blocked);
    this.planSteps.set({ env, state: 'pending' }, Math.max(0, event.summary.steps - blocked));
    this.unhealthyResources.set({ env }, event.summary.unhealthy ?? 0);
  }
}
