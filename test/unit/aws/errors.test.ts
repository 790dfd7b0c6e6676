import { describe, expect, it } from 'vitest';
import { isAccessError, isRetryableError, isThrottlingError, isTransientError, toAwsError } from '../../../src/aws/errors.js';
import { AwsError, isWsrError } from '../../../src/errors.js';

function sdkError(name: string, httpStatusCode?: number, requestId?: string) {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode, requestId } });
}

describe('aws error predicates', () => {
  it.each([
    ['ThrottlingException', 400],
    ['TooManyRequestsException', 400],
    ['RequestLimitExceeded', 400],
    ['SomethingElse', 429],
  ])('classifies %s (HTTP %i) as throttling', (name, status) => {
    const error = sdkError(name, status);
    expect(isThrottlingError(error)).toBe(true);
    expect(isRetryableError(error)).toBe(true);
  });

  it.each([
    ['InternalFailure', 500],
    ['ServiceUnavailable', 503],
    ['Whatever', 502],
  ])('classifies %s (HTTP %i) as transient', (name, status) => {
    expect(isTransientError(sdkError(name, status))).toBe(true);
    expect(isRetryableError(sdkError(name, status))).toBe(true);
  });

  it('classifies a refused connection as transient (no AWS name, a Node code)', () => {
    expect(isTransientError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
  });

  it.each(['InvalidResourceStateException', 'ResourceNotFoundException', 'InvalidParameterValuesException'])('treats %s as terminal (not retried)', (name) => {
    expect(isRetryableError(sdkError(name, 400))).toBe(false);
  });

  it('classifies access errors apart from throttling', () => {
    expect(isAccessError(sdkError('AccessDeniedException', 400))).toBe(true);
    expect(isThrottlingError(sdkError('AccessDeniedException', 400))).toBe(false);
  });

  it('tolerates values that are not errors', () => {
    expect(isThrottlingError(undefined)).toBe(false);
    expect(isTransientError('boom')).toBe(false);
  });
});

describe('toAwsError', () => {
  it('keeps the AWS name, request id and operation, with a stable code', () => {
    const error = toAwsError(sdkError('ThrottlingException', 400, 'req-42'), 'DescribeWorkspaces');
    expect(isWsrError(error)).toBe(true);
    expect(error.code).toBe('AWS_THROTTLED');
    expect(error.awsCode).toBe('ThrottlingException');
    expect(error.requestId).toBe('req-42');
    expect(error.operation).toBe('DescribeWorkspaces');
    expect(error.message).toContain('req req-42');
  });

  it.each([
    ['AccessDeniedException', 400, 'AWS_ACCESS_DENIED'],
    ['InternalFailure', 500, 'AWS_TRANSIENT'],
    ['InvalidResourceStateException', 400, 'AWS_REQUEST_FAILED'],
  ])('maps %s to %s', (name, status, code) => {
    expect(toAwsError(sdkError(name, status), 'StopWorkspaces').code).toBe(code);
  });

  it('returns an AwsError unchanged', () => {
    const original = new AwsError('AWS_THROTTLED', 'x');
    expect(toAwsError(original, 'DescribeTags')).toBe(original);
  });
});
