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
import { isLoopbackEndpoint } from '../aws/client.js';
import { executePlan, type ApplyProgress } from '../apply/executor.js';
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
      waits: { initialPollMs: 100, maxPollMs: 2000, factor: 1.5 },
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
      events: request.events,
      signal: request.signal,
      ...(request.auditLogFile ? { auditLog: createAuditLog(request.auditLogFile) } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
  } finally {
    lock.release();
  }
}
