/**
 * How the executor treats a failed call: throttling is always safe to retry; a transient
 * failure (5xx, timeout, connection reset) may or may not have reached AWS, so a
 * non-idempotent create must re-read before it tries again.
 */
import { isWsrError } from '../errors.js';
import { isThrottlingError, isTransientError } from '../aws/errors.js';

export type CallErrorClass = 'throttled' | 'transient' | 'terminal';

export function classifyCallError(error: unknown): CallErrorClass {
  if (isWsrError(error)) {
    if (error.code === 'AWS_THROTTLED') return 'throttled';
    if (error.code === 'AWS_TRANSIENT') return 'transient';
    return 'terminal';
  }
  if (isThrottlingError(error)) return 'throttled';
  if (isTransientError(error)) return 'transient';
  if (error instanceof Error && error.name === 'TimeoutError') return 'transient';
  return 'terminal';
}

/** One line for the report: the AwsError message already carries the AWS code and requestId. */
export function describeCallError(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/\s*\n\s*/g, ' ');
  return String(error);
}
