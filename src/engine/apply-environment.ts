/**
 * Apply half of the pipeline: policy gates → per-environment lock → executor → report.
 * Called by reconcile.ts and the apply command. The destroy policy is enforced before any
 * call, so a refused plan makes zero mutating calls.
 */
import type { Logger } from 'pino';
import type { ApplyReport } from '../model/apply-report.js';
import type { Plan } from '../model/plan.js';
import type { DesiredState } from '../model/desired.js';
import type { EngineEvents } from './events.js';
import type { Session } from './session.js';
import { PlanError } from '../errors.js';
import { enforceDestroyPolicy } from '../plan/policy.js';
import { parsePlan } from '../plan/plan-file.js';
import { fingerprintLive } from '../model/fingerprint.js';
import type { LiveState } from '../model/live.js';
import { isLoopbackEndpoint } from '../aws/client.js';
import { executePlan, type ApplyProgress, type ExecuteOptions } from '../apply/executor.js';
import { acquireApplyLock } from '../apply/lock.js';
import { createAuditLog } from '../apply/audit-log.js';
import type { QueueOptions } from '../apply/queues.js';
import type { WaitOptions } from '../apply/waiter.js';
import type { Clock } from '../apply/clock.js';

export type { ApplyProgress } from '../apply/executor.js';
export { renderApplyReport } from '../apply/render-report.js';

/** Executor tuning; every field optional, defaults depend on the endpoint (see below). */
export interface ApplyTuning {
  readonly queues?: QueueOptions;
  readonly waits?: WaitOptions;
  readonly clock?: Clock;
  /** Executor-level attempts per call. @default 3 */
  readonly maxAttempts?: number;
  /** Kind lookup (benchmarks swap waiter recipes). @default the KINDS registry */
  readonly kindDefinition?: ExecuteOptions['kindDefinition'];
}

export interface ApplyRequest {
  readonly session: Session;
  readonly desired: DesiredState;
  readonly events?: EngineEvents;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
  /** --allow-destroy or policy.allowDestroy. */
  readonly allowDestroy: boolean;
  /** --max-destroy N, else policy.maxDestroy. */
  readonly maxDestroy?: number;
  /** Append one JSON line per mutating call. */
  readonly auditLogFile?: string;
  /** Where environment locks live. @default '.wsr/locks' */
  readonly lockDirectory?: string;
  readonly tuning?: ApplyTuning;
  /** Steps done/total, calls in flight, steps waiting (CLI progress). */
  readonly onProgress?: (progress: ApplyProgress) => void;
}

/**
 * Real AWS: about 2 calls/s in total with a burst of 5 (reported account limit), polls from
 * 1 s backing off to 30 s. A loopback endpoint is the emulator, which limits each operation
 * to 2/s with a burst of 5 and runs transitions on a fast clock: match its per-operation
 * buckets and poll quickly.
 */
export function defaultTuning(endpoint: string | undefined): ApplyTuning {
  if (endpoint !== undefined && isLoopbackEndpoint(endpoint)) {
    return {
      queues: { totalRate: false, familyRate: { perSecond: 2, burst: 5 }, concurrency: 4 },
      waits: { initialPollMs: 100, maxPollMs: 500, factor: 1.5 },
    };
  }
  return { queues: {}, waits: {} };
}

export async function applyPlan(plan: Plan, request: ApplyRequest): Promise<ApplyReport> {
  if (plan.environment !== request.desired.environment.name) {
    throw new PlanError('PLAN_ENVIRONMENT_MISMATCH', `the plan is for environment ${plan.environment}, the spec names ${request.desired.environment.name}`);
  }
  enforceDestroyPolicy(plan, { allowDestroy: request.allowDestroy, maxDestroy: request.maxDestroy });
  const lock = acquireApplyLock(plan.environment, request.lockDirectory ? { directory: request.lockDirectory } : {});
  try {
    const defaults = defaultTuning(request.session.endpoint);
    const tuning = request.tuning ?? {};
    return await executePlan(plan, {
      port: request.session.port,
      queues: tuning.queues ?? defaults.queues,
      waits: tuning.waits ?? defaults.waits,
      ...(tuning.clock ? { clock: tuning.clock } : {}),
      ...(tuning.maxAttempts ? { maxAttempts: tuning.maxAttempts } : {}),
      ...(tuning.kindDefinition ? { kindDefinition: tuning.kindDefinition } : {}),
      events: request.events,
      signal: request.signal,
      ...(request.auditLogFile ? { auditLog: createAuditLog(request.auditLogFile) } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
  } finally {
    lock.release();
  }
}

/** A plan saved by `wsr plan --out` (versioned, validated). */
export function loadSavedPlan(text: string, file: string): Plan {
  return parsePlan(text, file);
}

/**
 * `apply --plan` applies exactly the saved steps, so it must refuse them if the account moved
 * since: the fingerprint of a fresh read (same spec) must equal the one the plan recorded.
 */
export function checkPlanFresh(saved: Plan, current: { readonly desired: DesiredState; readonly live: LiveState }): Plan {
  const environment = current.desired.environment;
  if (saved.environment !== environment.name || saved.account !== environment.account || saved.region !== current.live.region) {
    throw new PlanError(
      'PLAN_ENVIRONMENT_MISMATCH',
      `the plan is for ${saved.environment} (${saved.account}/${saved.region}), the spec for ${environment.name} (${environment.account}/${current.live.region})`,
    );
  }
  const fingerprint = fingerprintLive(current.live);
  if (fingerprint !== saved.fingerprint) {
    throw new PlanError(
      'PLAN_STALE',
      `live state changed since the plan was made (fingerprint ${saved.fingerprint.slice(0, 12)} ≠ ${fingerprint.slice(0, 12)}); run plan again`,
      { hint: 'a plan made with --destroy must be applied with --destroy, so the same resources are read' },
    );
  }
  return saved;
}
