import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assumeRoleCredentials } from '../../../src/aws/assume-role.js';
import { openSession } from '../../../src/engine/session.js';

const ROLE = 'arn:aws:iam::210987654321:role/wsr';

function xml(body: string) {
  return { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: Readable.from([Buffer.from(body)]) };
}

function assumeRoleAnswer(accessKeyId: string, expiration: Date) {
  return xml(
    `<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>${expiration.toISOString()}</Expiration></Credentials><AssumedRoleUser><Arn>${ROLE}/wsr</Arn><AssumedRoleId>AROA:wsr</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`,
  );
}

/** STS and WorkSpaces in memory: records each request's action and the key it was signed with. */
function fakeAws(expiration: () => Date) {
  const requests: { action: string; signedWith: string }[] = [];
  let issued = 0;
  return {
    requests,
    handle: async (request: { headers: Record<string, string>; body?: string }) => {
      const signedWith = /Credential=([^/]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const target = request.headers['x-amz-target'];
      const action = target ? target.split('.')[1] : (new URLSearchParams(String(request.body)).get('Action') ?? '');
      requests.push({ action, signedWith });
      if (action === 'AssumeRole') return { response: assumeRoleAnswer(`ASIAROLE${++issued}`, expiration()) };
      if (action === 'GetCallerIdentity') {
        const account = signedWith.startsWith('ASIAROLE') ? '210987654321' : '111111111111';
        return {
          response: xml(
            `<GetCallerIdentityResponse><GetCallerIdentityResult><Account>${account}</Account><Arn>arn</Arn><UserId>u</UserId></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
          ),
        };
      }
      return {
        response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: Readable.from([Buffer.from('{"Workspaces":[]}')]) },
      };
    },
  };
}

describe('assumed-role credentials (metadata.roleArn)', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIABASE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'base-secret');
    vi.stubEnv('AWS_PROFILE', '');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('assumes the role once and reuses the keys until five minutes before they expire', async () => {
    let clock = Date.parse('2026-11-25T10:00:00Z');
    const aws = fakeAws(() => new Date(clock + 60 * 60_000));
    const provider = assumeRoleCredentials({
      roleArn: ROLE,
      base: { region: 'us-east-1', endpoint: 'https://sts.example.test', requestHandler: aws },
      now: () => clock,
    });

    const first = await provider();
    const again = await provider();
    clock += 56 * 60_000; // inside the refresh margin
    const refreshed = await provider();

    expect([first.accessKeyId, again.accessKeyId, refreshed.accessKeyId]).toEqual(['ASIAROLE1', 'ASIAROLE1', 'ASIAROLE2']);
    expect(aws.requests.map((r) => `${r.action} as ${r.signedWith}`)).toEqual(['AssumeRole as AKIABASE', 'AssumeRole as AKIABASE']);
  });

  it('signs every call of the session with the role’s keys, so the account guard sees the role’s account', async () => {
    const aws = fakeAws(() => new Date(Date.now() + 60 * 60_000));
    const session = await openSession({
      region: 'us-east-1',
      endpoint: 'https://workspaces.example.test',
      roleArn: ROLE,
      client: { requestHandler: aws, maxAttempts: 1 },
    });
    try {
      expect(await session.callerAccount()).toBe('210987654321');
      await session.port.call('DescribeWorkspaces', {});
    } finally {
      await session.close();
    }

    expect(aws.requests.map((r) => `${r.action} as ${r.signedWith}`)).toEqual([
      'AssumeRole as AKIABASE',
      'GetCallerIdentity as ASIAROLE1',
      'DescribeWorkspaces as ASIAROLE1',
    ]);
  });

  it('ignores the role for a loopback emulator endpoint (one account, dummy keys)', async () => {
    const aws = fakeAws(() => new Date(Date.now() + 60 * 60_000));
    const session = await openSession({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      roleArn: ROLE,
      client: { requestHandler: aws, maxAttempts: 1 },
    });
    try {
      await session.callerAccount();
    } finally {
      await session.close();
    }

    expect(aws.requests).toEqual([{ action: 'GetCallerIdentity', signedWith: 'wsr-emulator' }]);
  });
});
