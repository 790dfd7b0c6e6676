/** What an apply did: one entry per step, plus API calls by operation. */
export type StepOutcome = 'succeeded' | 'failed' | 'skipped';

export interface StepReport {
  readonly stepId: string;
  readonly key: string;
  readonly operation: string;
  readonly outcome: StepOutcome;
  readonly ms: number;
  /** For failures: `AWS InvalidResourceStateException (req 9f…): message`. */
  readonly error?: string;
  /** For skipped steps: the step id that failed first. */
  readonly becauseOf?: string;
}

export interface ApplyReport {
  readonly steps: readonly StepReport[];
  readonly calls: Readonly<Record<string, number>>;
  readonly ms: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
}
