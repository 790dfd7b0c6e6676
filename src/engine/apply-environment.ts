/**
 * Apply half of the pipeline (contract; implemented with the apply issue):
 * policy gates → executor → report. Called by reconcile.ts and the apply command.
 */
import type { Logger } from 'pino';
import type { ApplyReport } from '../model/apply-report.js';
import type { Plan } from '../model/plan.js';
import type { DesiredState } from '../model/desired.js';
import type { EngineEvents } from './events.js';
import type { Session } from './session.js';
import { WsrError } from '../errors.js';

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
}

export async function applyPlan(_plan: Plan, _request: ApplyRequest): Promise<ApplyReport> {
  throw new WsrError('NOT_BUILT_YET', 'apply is not built yet');
}
