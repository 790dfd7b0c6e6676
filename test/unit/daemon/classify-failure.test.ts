import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../../src/daemon/classify-failure.js';
import { AwsError, PlanError, SpecError } from '../../../src/errors.js';

describe('classifyFailure (controller-runtime: terminal → Stalled, else Reconciling)', () => {
  it.each([
    ['access denied', new AwsError('AWS_ACCESS_DENIED', 'DescribeWorkspaces failed (AWS AccessDeniedException)'), true],
    ['an invalid spec', new SpecError('SPEC_UNKNOWN_FIELD', 'unknown field "bundel"'), true],
    ['a plan the policy refuses', new PlanError('PLAN_DESTROY_LIMIT', 'plan destroys 9 > maxDestroy 5'), true],
    ['throttling', new AwsError('AWS_THROTTLED', 'DescribeWorkspaces failed (AWS ThrottlingException)'), false],
    ['a 5xx', new AwsError('AWS_TRANSIENT', 'DescribeWorkspaces failed (AWS InternalFailure)'), false],
    ['an unexpected bug', new TypeError('x is undefined'), false],
    [
      'a directory group that cannot be read (server down, rotated password)',
      new PlanError('PLAN_GROUP_UNREADABLE', 'cannot read group Dev from ldaps://dc1: connection refused'),
      false,
    ],
    ['a bind-password secret not mounted yet', new SpecError('SPEC_LDAP_PASSWORD', 'cannot read /run/secrets/ldap (no such file)'), false],
  ])('%s is terminal: %s', (_name, error, terminal) => {
    expect(classifyFailure(error).terminal).toBe(terminal);
  });

  it('keeps the stable code of a WsrError and names anything else INTERNAL', () => {
    expect(classifyFailure(new AwsError('AWS_THROTTLED', 'slow down')).code).toBe('AWS_THROTTLED');
    expect(classifyFailure(new Error('boom'))).toEqual({ code: 'INTERNAL', message: 'boom', terminal: false });
  });
});
