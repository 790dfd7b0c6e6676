/**
 * controller-runtime's split: a terminal failure cannot heal by retrying (bad input, access
 * denied, a plan the policy refuses) → Stalled until the spec changes; anything else is
 * transient → Reconciling, retried with backoff.
 */
import { isWsrError } from '../errors.js';

export interface ReconcileFailure {
  readonly code: string;
  readonly message: string;
  readonly terminal: boolean;
}

const TERMINAL_CODES = new Set(['AWS_ACCESS_DENIED', 'NOT_BUILT_YET']);

export function classifyFailure(error: unknown): ReconcileFailure {
  if (!isWsrError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'INTERNAL', message, terminal: false };
  }
  // user-sourced errors (spec, plan policy, account guard) repeat identically until the input changes
  const terminal = TERMINAL_CODES.has(error.code) || error.source === 'user';
  return { code: error.code, message: error.message, terminal };
}
