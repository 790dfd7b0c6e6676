/** A plan is a value: saved to JSON, rendered, applied. */
import type { Change } from './change.js';
import type { PlanStep } from './plan-step.js';

export const PLAN_FORMAT_VERSION = 1;

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly migrate: number;
  readonly replace: number;
  readonly delete: number;
  readonly noop: number;
  readonly blocked: number;
  /** Steps deferred to a later run (a user connected, outside a change window); absent in plans saved before deferral. */
  readonly deferred?: number;
  readonly destructive: number;
  readonly steps: number;
  /**
   * Managed resources in a state the diff cannot see as a change but that needs a human or a
   * repair (a desktop the spec wants running in ERROR or UNHEALTHY); absent in plans saved before.
   */
  readonly unhealthy?: number;
}

export interface Plan {
  readonly version: typeof PLAN_FORMAT_VERSION;
  readonly environment: string;
  readonly account: string;
  readonly region: string;
  /** ISO time the plan was made (passed in: the core has no clock). */
  readonly createdAt: string;
  /** Stable hash of the live state the plan was made from (model/fingerprint.ts); buildPlan computes it on first read. */
  readonly fingerprint: string;
  /** Changes other than noop, in key order. */
  readonly changes: readonly Change[];
  /** Steps in a topological order (dependencies first, ties by kind order then key). */
  readonly steps: readonly PlanStep[];
  readonly summary: PlanSummary;
  /** API calls the read took, by operation. */
  readonly readCalls: Readonly<Record<string, number>>;
  /** Live resources no spec entry owns and wsr will never change (keys). */
  readonly unmanaged: readonly string[];
  /** Plan-level warnings (empty IP group blocks all access, suspicious empty directory…). */
  readonly warnings: readonly string[];
  /** Change windows at the plan's time (windows for all kinds), when policy.windows has any. */
  readonly windows?: { readonly open: boolean; readonly note: string; readonly ignored: boolean };
  /**
   * SHA-256 of the spec file the plan was made from (set by the engine, which reads the file).
   * `apply --plan` refuses a plan whose spec hash differs from the spec it is given.
   */
  readonly specHash?: string;
  /** The plan options it was made with, so `apply --plan` rebuilds it the same way. */
  readonly madeWith?: PlanMadeWith;
  /** The destroy cap in force for this plan (plan/policy.ts destroyCapOf); apply's --max-destroy overrides it. */
  readonly destroyCap?: DestroyCap;
  /** HMAC-SHA256 of the plan without this member, when WSR_PLAN_SIGNING_KEY was set (plan/plan-signature.ts). */
  readonly signature?: string;
}

export interface DestroyCap {
  /** Most destructive steps (distinct resources) one apply may run. */
  readonly limit: number;
  readonly source: 'default' | 'policy.maxDestroy' | '--max-destroy';
  /** Resources the spec manages (the default cap is 10 % of them, at least 10). */
  readonly managed?: number;
}

/** The options a plan was made with (the saved plan records them; apply rebuilds with them). */
export interface PlanMadeWith {
  readonly destroy: boolean;
  readonly targets: readonly string[];
  readonly refreshOnly: boolean;
  readonly allowDestroy: boolean;
  /** `--reboot/--rebuild/--restore KEY…`, by action (absent: none). */
  readonly requestedActions?: Readonly<Record<string, readonly string[]>>;
  /** `--when-connected` (absent: the policy's). */
  readonly whenConnected?: 'defer' | 'proceed';
  /** `--ignore-windows`. */
  readonly ignoreWindows?: boolean;
}
