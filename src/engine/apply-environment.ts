/**
 * Apply half of the pipeline: policy gates → per-environment lock → executor → report.
 * Called by reconcile.ts and the apply command. The destroy policy is enforced before any
 * call, so a refused plan makes zero mutating calls.
 */
import type { Logger } from 'pino';
import type { ApplyReport } from '../model/apply-report.js';
import type { Plan } from '../model/plan.js';
import type { DesiredState } from '../model/desired.js';
import type { EngineEvents } from '../model/engine-events.js';
import type { Session } from './session.js';
import { readFileSync } from 'node:fs';
import { ApplyError, PlanError, SpecError } from '../errors.js';
import { kindDefinition } from '../kinds/index.js';
import type { ApiPort } from '../kinds/kind.js';
import { destroyCapOf, enforceDestroyPolicy } from '../plan/policy.js';
import type { LiveState } from '../model/live.js';
import { DestructiveGuard } from '../apply/destructive-guard.js';
import { parsePlan } from '../plan/plan-file.js';
import { acceptSavedPlan } from '../plan/saved-plan.js';
import { signPlan } from '../plan/plan-signature.js';
import { defaultTuning } from './default-tuning.js';
import { executePlan, type ApplyProgress, type ExecuteOptions } from '../apply/executor.js';
import { acquireApplyLock, waitForApplyLock, type ApplyLock } from '../apply/lock.js';
import { createAuditLog } from '../apply/audit-log.js';
import type { QueueOptions } from '../limiter/queues.js';
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
  /** The live state the plan was made from: the executor's destructive guard judges from it. */
  readonly live: LiveState;
  readonly events?: EngineEvents;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
  /** --allow-destroy or policy.allowDestroy. */
  readonly allowDestroy: boolean;
  /** --max-destroy N; else policy.maxDestroy, else the default cap (plan/policy.ts destroyCapOf). */
  readonly maxDestroy?: number;
  /** Append one JSON line per mutating call. */
  readonly auditLogFile?: string;
  /** The run's id, written on every audit line (reconcile's runId). */
  readonly runId?: string;
  /** Where environment locks live. @default '.wsr/locks' */
  readonly lockDirectory?: string;
  /** The caller took the lock before reading (lockEnvironment); applyPlan then takes none. */
  readonly lockHeld?: boolean;
  readonly tuning?: ApplyTuning;
  /** Steps done/total, calls in flight, steps waiting (CLI progress). */
  readonly onProgress?: (progress: ApplyProgress) => void;
}

export { defaultTuning } from './default-tuning.js';

export async function applyPlan(plan: Plan, request: ApplyRequest): Promise<ApplyReport> {
  if (plan.environment !== request.desired.environment.name) {
    throw new PlanError('PLAN_ENVIRONMENT_MISMATCH', `the plan is for environment ${plan.environment}, the spec names ${request.desired.environment.name}`);
  }
  const cap = destroyCapOf(request.desired, request.maxDestroy);
  enforceDestroyPolicy(plan, { allowDestroy: request.allowDestroy, maxDestroy: cap.limit, capSource: cap.source });
  const guard = new DestructiveGuard({
    environmentName: request.desired.environment.name,
    live: request.live.resources,
    protect: request.desired.policy.protect,
    allowDestroy: request.allowDestroy,
    maxDestroy: cap.limit,
  });
  const lock = request.lockHeld ? undefined : acquireApplyLock(plan.environment, request.lockDirectory ? { directory: request.lockDirectory } : {});
  try {
    const defaults = defaultTuning(request.session.endpoint);
    const tuning = request.tuning ?? {};
    return await executePlan(plan, {
      port: request.session.port,
      portIn: declaredRegionPorts(request.session, request.desired),
      // the account's limiter: the plan's read, this apply, its waits and every other environment in the account share it
      queues: request.session.limiter(request.desired.environment.account, tuning.queues),
      waits: tuning.waits ?? defaults.waits,
      ...(tuning.clock ? { clock: tuning.clock } : {}),
      ...(tuning.maxAttempts ? { maxAttempts: tuning.maxAttempts } : {}),
      ...(tuning.kindDefinition ? { kindDefinition: tuning.kindDefinition } : {}),
      events: request.events,
      signal: request.signal,
      guard,
      ...(request.auditLogFile ? { auditLog: createAuditLog(request.auditLogFile, request.runId) } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
  } finally {
    lock?.release();
  }
}

/**
 * The Region guard of the apply: besides the environment's Region, a step may call exactly the
 * Regions the spec declares for it (a standby desktop's); any other is refused before the call.
 */
function declaredRegionPorts(session: Session, desired: DesiredState): (region: string) => ApiPort {
  const declared = new Set<string>();
  for (const resource of desired.resources) for (const region of kindDefinition(resource.kind)?.otherRegions?.(resource) ?? []) declared.add(region);
  return (region) => {
    if (!declared.has(region)) {
      const known = declared.size === 0 ? 'none' : [...declared].sort().join(', ');
      throw new ApplyError(
        'APPLY_REGION_NOT_DECLARED',
        `a step calls Region ${region}, which the spec does not declare (standby Regions: ${known}); refusing to call it`,
      );
    }
    return session.portIn(region);
  };
}

/** A plan saved by `wsr plan --out` (versioned, validated). A missing or unreadable file is a user error. */
export function loadSavedPlan(file: string): Plan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecError('PLAN_FILE_NOT_FOUND', `--plan ${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'unknown error'})`}`, {
      hint: 'save a plan first with: wsr plan <spec> --out <file>',
    });
  }
  return parsePlan(text, file);
}

/**
 * `apply --plan`: the saved plan is an approval of the fresh plan (made from the same spec and a
 * fresh read), never an instruction — see plan/saved-plan.ts. Returns the plan to execute.
 */
export function checkSavedPlan(saved: Plan, fresh: Plan, signingKey: string | undefined): Plan {
  if (fresh.specHash === undefined) throw new PlanError('PLAN_MISMATCH', 'the spec file could not be hashed, so the saved plan cannot be matched to it');
  return acceptSavedPlan(saved, fresh, { specHash: fresh.specHash, ...(signingKey ? { signingKey } : {}) });
}

/** Signs a plan with WSR_PLAN_SIGNING_KEY's value when one is given (plan --out). */
export function signIfKeyed(plan: Plan, signingKey: string | undefined): Plan {
  return signingKey ? signPlan(plan, signingKey) : plan;
}

export interface EnvironmentLockOptions {
  /** @default '.wsr/locks' */
  readonly directory?: string;
  /** --lock-timeout in seconds. @default 0 (refuse at once) */
  readonly timeoutSeconds?: number;
  readonly signal?: AbortSignal;
  readonly onWaiting?: (message: string) => void;
}

/**
 * The apply lock, taken before the live read (LOCK FIRST): a second apply waits for or refuses
 * the lock before it reads, so it never plans from a state the first apply is changing.
 */
export function lockEnvironment(environment: string, options: EnvironmentLockOptions = {}): Promise<ApplyLock> {
  return waitForApplyLock(environment, {
    ...(options.directory ? { directory: options.directory } : {}),
    timeoutMs: Math.max(0, (options.timeoutSeconds ?? 0) * 1000),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onWaiting ? { onWaiting: (error) => options.onWaiting!(error.message) } : {}),
  });
}
