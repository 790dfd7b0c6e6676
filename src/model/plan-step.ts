/**
 * One API call the executor will make, as data. Steps form a DAG through `dependsOn`.
 * `operation` is the exact API operation name so plan output, logs, emulator call counts
 * and CloudTrail line up.
 */
import type { ChangeAction } from './change.js';
import type { KindName, ResourceKey } from './keys.js';
import type { OperationInput, OperationName } from './api-operations.js';

/** A placeholder inside a step's input for an id that only exists once an earlier step ran. */
export interface IdRef {
  readonly $idOf: ResourceKey;
}

export function isIdRef(value: unknown): value is IdRef {
  return typeof value === 'object' && value !== null && typeof (value as IdRef).$idOf === 'string';
}

/** Binary members (a branding logo) and times stay what they are; they never hold an id. */
type Opaque = Uint8Array | Date;

/**
 * A value as a plan holds it: any string member may instead be an IdRef to a resource created
 * earlier in the same plan (the executor resolves it before the call). Lists may be read-only.
 */
export type WithIdRefs<T> = T extends string
  ? T | IdRef
  : T extends Opaque
    ? T
    : T extends readonly (infer Item)[]
      ? readonly WithIdRefs<Item>[]
      : T extends object
        ? { readonly [Member in keyof T]: WithIdRefs<T[Member]> }
        : T;

/** The input of a step calling `O`, as the plan holds it (the SDK's input type, ids possibly IdRefs). */
export type StepInput<O extends OperationName> = WithIdRefs<OperationInput<O>>;

export interface StepBatch {
  /** The list member of the input that may be merged across steps (e.g. `Workspaces`). */
  readonly member: string;
  /** Most items the API takes in one call (25 for CreateWorkspaces, 1 for RebuildWorkspaces). */
  readonly max: number;
}

export interface StateWait {
  /** Wait until the resource is in one of these states. */
  readonly states?: readonly string[];
  /** Wait until the resource is gone (terminate, deregister, delete). */
  readonly gone?: boolean;
  /** Give up after this long (virtual seconds as the clock runs). */
  readonly timeoutSeconds: number;
}

export interface PlanStep {
  /** Unique and stable: `<key>:<operation>` (+ `:<n>` when one key has the same operation twice). */
  readonly id: string;
  readonly key: ResourceKey;
  readonly kind: KindName;
  readonly action: ChangeAction;
  readonly operation: OperationName;
  /**
   * The API input; may hold IdRef placeholders resolved by the executor. Plain data here (the
   * executor, renderers and saved plans handle any operation); a step of a known operation is a
   * PlanStepOf<O>, whose input has that operation's SDK type.
   */
  readonly input: Readonly<Record<string, unknown>>;
  readonly batch?: StepBatch;
  /** Step ids that must succeed first. */
  readonly dependsOn: readonly string[];
  readonly destructive: boolean;
  readonly reason: string;
  /** The resource must be in one of these states before the call (the executor waits for it). */
  readonly before?: StateWait;
  /** After the call, wait for the resource to settle before dependents run. */
  readonly after?: StateWait;
  /** The id of the resource the step acts on (for `before`/`after` waits); an IdRef when created in this plan. */
  readonly target?: string | IdRef;
  /** Set when the step produces the id of `key` (creates), so IdRefs to it resolve. */
  readonly produces?: ResourceKey;
  /** Why the step cannot run now; the executor never runs a blocked step. */
  readonly blocked?: string;
  /**
   * Why the step waits for a later run although it could run (a user is connected, outside a
   * change window): shown, not applied, not failed; the next plan (a later daemon cycle) retries it.
   */
  readonly deferred?: string;
  /**
   * The Region the call goes to when it is not the environment's (a standby desktop is created by
   * CreateStandbyWorkspaces in the standby's Region). Only Regions the spec declares are reached.
   */
  readonly region?: string;
}

/** A step calling `O`, its input typed by the SDK's input type of `O` (kinds/step-builder.ts makes them). */
export type PlanStepOf<O extends OperationName> = PlanStep & { readonly operation: O; readonly input: StepInput<O> };

/** Narrows a step to one operation, so its input reads with that operation's types. */
export function isStepOf<O extends OperationName>(step: PlanStep, operation: O): step is PlanStepOf<O> {
  return step.operation === operation;
}

/** The executor may run it: neither blocked nor deferred. */
export function isRunnable(step: Pick<PlanStep, 'blocked' | 'deferred'>): boolean {
  return step.blocked === undefined && step.deferred === undefined;
}
