/**
 * Plan half of the pipeline (contract; implemented with the plan issue):
 * spec → desired; account guard; read live (+ tags where they matter); buildPlan.
 */
import type { DesiredState } from '../model/desired.js';
import type { LiveState } from '../model/live.js';
import type { Plan } from '../model/plan.js';
import type { EngineEvents } from './events.js';
import type { Session, SessionOptions } from './session.js';
import { WsrError } from '../errors.js';

export interface PlanRequest {
  readonly specFile: string;
  /** Connection; region defaults to the spec's metadata.region. */
  readonly connection: Omit<SessionOptions, 'region'> & { readonly region?: string };
  readonly events?: EngineEvents;
  readonly destroy?: boolean;
  readonly targets?: readonly string[];
  readonly refreshOnly?: boolean;
  readonly allowDestroy?: boolean;
  readonly showUnmanaged?: boolean;
}

export interface PreparedPlan {
  readonly desired: DesiredState;
  readonly live: LiveState;
  readonly plan: Plan;
  /** Open session; the caller closes it (or hands it to applyPlan first). */
  readonly session: Session;
}

export async function preparePlan(_request: PlanRequest): Promise<PreparedPlan> {
  throw new WsrError('NOT_BUILT_YET', 'plan is not built yet');
}
