/**
 * The typed events the engine emits. The core returns data and does not log; logs,
 * daemon metrics and CLI progress subscribe to these.
 */
import type { ApplyReport, StepOutcome } from './apply-report.js';
import type { Plan, PlanSummary } from './plan.js';

export type { StepOutcome };
export type ReconcileResultKind = 'in-sync' | 'changes-planned' | 'applied' | 'failed';

/** A run's result: failed if a step failed, applied if an apply ran, else whether the plan has changes (plan mode). */
export function reconcileResultOf(mode: 'plan' | 'apply', result: { readonly plan: Plan; readonly report?: ApplyReport }): ReconcileResultKind {
  if (result.report) return result.report.failed > 0 ? 'failed' : 'applied';
  if (mode === 'apply') return 'in-sync';
  return result.plan.changes.length > 0 || result.plan.steps.length > 0 ? 'changes-planned' : 'in-sync';
}

export type EngineEvent =
  | { readonly type: 'reconcile.start'; readonly environment: string; readonly runId: string; readonly mode: 'plan' | 'apply' }
  | {
      /** The users of one template were read at plan time (a directory group or a file). */
      readonly type: 'users.resolved';
      readonly environment: string;
      readonly template: number;
      readonly source: 'group' | 'file';
      /** The group (DN or name) or the file, as the spec writes it. */
      readonly name: string;
      /** Enabled members (nested included) or names in the file. */
      readonly members: number;
      /** Disabled accounts left out (groups only). */
      readonly disabled?: number;
      readonly method?: 'inChain' | 'walk';
      readonly ms: number;
    }
  | { readonly type: 'read.done'; readonly environment: string; readonly calls: Readonly<Record<string, number>>; readonly ms: number }
  | {
      readonly type: 'plan.done';
      readonly environment: string;
      readonly summary: PlanSummary;
      /** Non-noop changes per kind (drift when mode is plan). */
      readonly changesByKind: Readonly<Record<string, number>>;
    }
  | {
      readonly type: 'api.call';
      readonly operation: string;
      readonly outcome: 'ok' | 'error' | 'throttled';
      readonly ms: number;
      readonly errorCode?: string;
    }
  | { readonly type: 'apply.step.start'; readonly environment: string; readonly stepId: string; readonly operation: string }
  | {
      readonly type: 'apply.step.done';
      readonly environment: string;
      readonly stepId: string;
      readonly operation: string;
      readonly outcome: StepOutcome;
      readonly ms: number;
      readonly error?: string;
    }
  | {
      readonly type: 'reconcile.done';
      readonly environment: string;
      readonly runId: string;
      readonly result: ReconcileResultKind;
      readonly ms: number;
      readonly error?: { readonly code: string; readonly message: string };
    };

export type EngineEventListener = (event: EngineEvent) => void;

/** A tiny synchronous fan-out; listeners must not throw (a throwing one is isolated). */
export class EngineEvents {
  private readonly listeners = new Set<EngineEventListener>();

  on(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a broken subscriber must never break a reconcile
      }
    }
  }
}
