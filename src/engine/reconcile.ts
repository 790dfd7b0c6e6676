/**
 * read → diff → plan (→ apply): the one pipeline used by the CLI and the daemon.
 * (Contract only until the plan/apply issues land; see issue 4 and 5.)
 */
import type { Logger } from 'pino';
import type { ApplyReport } from '../model/apply-report.js';
import type { Plan } from '../model/plan.js';
import type { EngineEvents } from './events.js';
import { WsrError } from '../errors.js';

export interface ConnectionOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
}

export interface ReconcileOptions {
  readonly specFile: string;
  readonly mode: 'plan' | 'apply';
  readonly connection: ConnectionOptions;
  readonly events?: EngineEvents;
  readonly logger?: Logger;
  /** Aborts waits and stops starting new steps (daemon shutdown). */
  readonly signal?: AbortSignal;
  /** Destructive steps allowed in apply mode. @default false */
  readonly allowDestroy?: boolean;
}

export interface ReconcileResult {
  readonly plan: Plan;
  readonly report?: ApplyReport;
}

export async function reconcile(_options: ReconcileOptions): Promise<ReconcileResult> {
  throw new WsrError('NOT_BUILT_YET', 'reconcile is not built yet');
}
