/**
 * Makes the steps of one change with stable, unique ids (`<key>:<operation>`, then `:2`, `:3`
 * when the same key calls the same operation again), so kinds never hand-build ids.
 */
import type { ChangeAction } from '../model/change.js';
import type { KindName, ResourceKey } from '../model/keys.js';
import type { IdRef, PlanStep, StateWait, StepBatch } from '../model/plan-step.js';

export interface StepSpec {
  readonly operation: string;
  readonly action: ChangeAction;
  readonly input: Readonly<Record<string, unknown>>;
  readonly dependsOn?: readonly string[];
  readonly destructive?: boolean;
  readonly reason: string;
  readonly batch?: StepBatch;
  readonly before?: StateWait;
  readonly after?: StateWait;
  readonly target?: string | IdRef;
  readonly produces?: ResourceKey;
  readonly blocked?: string;
  /** The Region the call goes to, when not the environment's (PlanStep.region). */
  readonly region?: string;
}

export class StepBuilder {
  private readonly used = new Map<string, number>();

  constructor(
    readonly kind: KindName,
    readonly key: ResourceKey,
  ) {}

  step(spec: StepSpec): PlanStep {
    const base = `${this.key}:${spec.operation}`;
    const count = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, count);
    const step: PlanStep = {
      id: count === 1 ? base : `${base}:${count}`,
      key: this.key,
      kind: this.kind,
      action: spec.action,
      operation: spec.operation,
      input: spec.input,
      dependsOn: [...new Set(spec.dependsOn ?? [])],
      destructive: spec.destructive ?? false,
      reason: spec.reason,
    };
    return withOptional(step, spec);
  }
}

function withOptional(step: PlanStep, spec: StepSpec): PlanStep {
  const optional: Partial<Record<keyof PlanStep, unknown>> = {
    batch: spec.batch,
    before: spec.before,
    after: spec.after,
    target: spec.target,
    produces: spec.produces,
    blocked: spec.blocked,
    region: spec.region,
  };
  const extra = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined));
  return { ...step, ...extra };
}

/** Ids of the last step of a chain, for the next step's dependsOn. */
export function lastIds(steps: readonly PlanStep[], fallback: readonly string[]): readonly string[] {
  return steps.length === 0 ? fallback : [steps[steps.length - 1].id];
}
