/**
 * AWS errors are classified once, here, by small predicates on `name` and HTTP status
 * (as the SDK itself does). Throttling and transient errors are retried; everything else
 * is terminal for the step. The requestId always travels with the error.
 */
import { AwsError } from '../errors.js';

interface SdkErrorLike {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $fault?: 'client' | 'server';
}

const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottledException',
  'RequestThrottled',
  'ProvisionedThroughputExceededException',
  'SlowDown',
]);
const TRANSIENT_NAMES = new Set([
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'ServiceUnavailable',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const ACCESS_NAMES = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
]);

function asSdkError(error: unknown): SdkErrorLike {
  return typeof error === 'object' && error !== null ? (error as SdkErrorLike) : {};
}

export function isThrottlingError(error: unknown): boolean {
  const e = asSdkError(error);
  return THROTTLING_NAMES.has(e.name ?? '') || e.$metadata?.httpStatusCode === 429;
}

export function isTransientError(error: unknown): boolean {
  const e = asSdkError(error);
  if (TRANSIENT_NAMES.has(e.name ?? '')) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && TRANSIENT_STATUS.has(status)) return true;
  // network-level failures carry Node error codes, not AWS names
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'EPIPE';
}

export function isAccessError(error: unknown): boolean {
  return ACCESS_NAMES.has(asSdkError(error).name ?? '');
}

/** Whether retrying the same call could succeed. */
export function isRetryableError(error: unknown): boolean {
  return isThrottlingError(error) || isTransientError(error);
}

/** Wrap any SDK error as an AwsError with a stable code. */
export function toAwsError(error: unknown, operation: string): AwsError {
  if (error instanceof AwsError) return error;
  const e = asSdkError(error);
  const awsCode = e.name ?? 'UnknownError';
  // the SDK's default chain found nothing: the user's setup, not AWS — say how to get going
  if (awsCode === 'CredentialsProviderError') {
    return new AwsError('AWS_NO_CREDENTIALS', `no AWS credentials found for ${operation} (environment, profile, SSO, web identity, instance role)`, {
      awsCode,
      operation,
      source: 'user',
      cause: error,
      hint: 'set AWS_PROFILE or AWS_ACCESS_KEY_ID, pass --profile, or try wsr without an account: --emulator',
    });
  }
  const requestId = e.$metadata?.requestId;
  const code = isThrottlingError(error)
    ? 'AWS_THROTTLED'
    : isAccessError(error)
      ? 'AWS_ACCESS_DENIED'
      : isTransientError(error)
        ? 'AWS_TRANSIENT'
        : 'AWS_REQUEST_FAILED';
  const req = requestId ? `, req ${requestId}` : '';
  return new AwsError(code, `${operation} failed (AWS ${awsCode}${req}): ${e.message ?? String(error)}`, {
    awsCode,
    requestId,
    operation,
    httpStatus: e.$metadata?.httpStatusCode,
    cause: error,
  });
}
