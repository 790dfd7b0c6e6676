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
/**
 * User errors whose input lives outside the spec file (a directory server that is down, a rotated
 * bind password, a secret file or user file not mounted yet), or in another spec file (two files
 * with one environment identity, two environments managing one directory): they heal without a
 * change to this spec.
 */
const RETRIED_USER_CODES = new Set(['PLAN_GROUP_UNREADABLE', 'SPEC_LDAP_PASSWORD', 'SPEC_USERS_FILE', 'ENV_DUPLICATE', 'SPEC_DIRECTORY_MANAGED_TWICE']);

export function classifyFailure(error: unknown): ReconcileFailure {
  if (!isWsrError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return { code: 'INTERNAL', message, terminal: false };
  }
  // user-sourced errors (spec, plan policy, account guard) repeat identically until the input changes
  const terminal = TERMINAL_CODES.has(error.code) || (error.source === 'user' && !RETRIED_USER_CODES.has(error.code));
  return { code: error.code, message: error.message, terminal };
}
