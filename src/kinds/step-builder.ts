/**
 * Makes the steps of one change with stable, unique ids (`<key>:<operation>`, then `:2`, `:3`
 * when the same key calls the same operation again), so kinds never hand-build ids.
 */
import type { ChangeAction } from '../model/change.js';
import type { KindName, ResourceKey } from '../model/keys.js';
import type { OperationName } from '../model/api-operations.js';
import type { IdRef, PlanStep, PlanStepOf, StateWait, StepBatch, StepInput } from '../model/plan-step.js';

/**
 * A step as a kind describes it. Generic over the operation, so the input is checked against
 * that operation's SDK input type: `builder.step({ operation: 'StopWorkspaces', input: {…} })`
 * with a misspelled operation or input member does not compile.
 */
export type StepSpec<O extends OperationName = OperationName> = StepSpecCommon<O> &
  (
    | { readonly input: StepInput<O>; readonly blocked?: string }
    /** A blocked step is shown, never called: it may name only the members the plan knows. */
    | { readonly input: Partial<StepInput<O>>; readonly blocked: string }
  );

interface StepSpecCommon<O extends OperationName> {
  readonly operation: O;
  readonly action: ChangeAction;
  readonly dependsOn?: readonly string[];
  readonly destructive?: boolean;
  readonly reason: string;
  readonly batch?: StepBatch;
  readonly before?: StateWait;
  readonly after?: StateWait;
  readonly target?: string | IdRef;
  readonly produces?: ResourceKey;
  /** The Region the call goes to, when not the environment's (PlanStep.region). */
  readonly region?: string;
}

export class StepBuilder {
  private readonly used = new Map<string, number>();

  constructor(
    readonly kind: KindName,
    readonly key: ResourceKey,
  ) {}

  step<O extends OperationName>(spec: StepSpec<O>): PlanStepOf<O> {
    const base = `${this.key}:${spec.operation}`;
    const count = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, count);
    const step = {
      id: count === 1 ? base : `${base}:${count}`,
      key: this.key,
      kind: this.kind,
      action: spec.action,
      operation: spec.operation,
      input: spec.input as PlanStep['input'] & StepInput<O>,
      dependsOn: [...new Set(spec.dependsOn ?? [])],
      destructive: spec.destructive ?? false,
      reason: spec.reason,
    };
    return withOptional(step, spec);
  }
}

function withOptional<O extends OperationName>(step: PlanStepOf<O>, spec: StepSpec<O>): PlanStepOf<O> {
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
