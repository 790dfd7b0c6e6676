import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createStsClient, createWorkspacesClient } from '../../../src/aws/client.js';
import { SdkApiPort } from '../../../src/aws/api-port.js';
import { AttemptRecorder, attemptNumberOf, operationOf } from '../../../src/aws/attempt-recorder.js';
import { EngineEvents, type EngineEvent } from '../../../src/model/engine-events.js';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { quickRetries } from '../../helpers/quick-retries.js';

interface FakeAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** An HTTP handler that answers from a script, recording what it was sent. */
function scriptedHandler(answers: FakeAnswer[]) {
  const seen: { target: string; attemptHeader: string }[] = [];
  return {
    seen,
    handle: async (request: { headers: Record<string, string> }) => {
      seen.push({ target: request.headers['x-amz-target'], attemptHeader: request.headers['amz-sdk-request'] });
      const answer = answers.shift() ?? { status: 200, body: {} };
      return {
        response: {
          statusCode: answer.status,
          reason: '',
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${seen.length}` },
          body: Readable.from([Buffer.from(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body))]),
        },
      };
    },
  };
}

const throttled = { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } };

function clientWith(handler: ReturnType<typeof scriptedHandler>, maxAttempts = 3) {
  return createWorkspacesClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
    retryStrategy: quickRetries(maxAttempts),
    requestHandler: handler,
  });
}

describe('AttemptRecorder', () => {
  it('counts SDK-internal retries as separate attempts, while the port counts one command', async () => {
    const handler = scriptedHandler([throttled, throttled, { status: 200, body: { Workspaces: [] } }]);
    const port = new SdkApiPort(clientWith(handler));

    await port.call('DescribeWorkspaces', { DirectoryId: 'd-1234567890' });

    expect(handler.seen).toHaveLength(3);
    expect(port.calls()).toEqual({ DescribeWorkspaces: 3 });
    expect(port.commands()).toEqual({ DescribeWorkspaces: 1 });
    expect(port.recorder.throttled()).toEqual({ DescribeWorkspaces: 2 });
  });

  it('emits one api.call event per attempt with its outcome', async () => {
    const events = new EngineEvents();
    const seen: EngineEvent[] = [];
    events.on((event) => seen.push(event));
    const port = new SdkApiPort(clientWith(scriptedHandler([throttled, { status: 200, body: { TagList: [] } }])), { events });

    await port.call('DescribeTags', { ResourceId: 'ws-abc1234567' });

    expect(seen.map((event) => (event.type === 'api.call' ? `${event.operation}:${event.outcome}` : event.type))).toEqual([
      'DescribeTags:throttled',
      'DescribeTags:ok',
    ]);
  });

  it('debug-logs each attempt with operation, attempt number and request id', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = { debug: (fields: Record<string, unknown>) => lines.push(fields) } as never;
    const port = new SdkApiPort(clientWith(scriptedHandler([throttled, { status: 200, body: { Workspaces: [] } }])), { logger });

    await port.call('DescribeWorkspaces', {});

    expect(lines.map((line) => [line.operation, line.attempt, line.outcome, line.requestId])).toEqual([
      ['DescribeWorkspaces', 1, 'throttled', 'req-1'],
      ['DescribeWorkspaces', 2, 'ok', 'req-2'],
    ]);
  });

  it('throws an AwsError after the retries run out, every attempt counted', async () => {
    const port = new SdkApiPort(clientWith(scriptedHandler([throttled, throttled]), 2));

    await expect(port.call('DescribeWorkspaces', {})).rejects.toMatchObject({ code: 'AWS_THROTTLED', awsCode: 'ThrottlingException' });
    expect(port.calls()).toEqual({ DescribeWorkspaces: 2 });
  });

  it('counts terminal errors once (they are not retried)', async () => {
    const notFound = { status: 400, body: { __type: 'ResourceNotFoundException', message: 'no such id' } };
    const port = new SdkApiPort(clientWith(scriptedHandler([notFound])));

    await expect(port.call('DescribeTags', { ResourceId: 'ws-gone000000' })).rejects.toMatchObject({ code: 'AWS_REQUEST_FAILED' });
    expect(port.calls()).toEqual({ DescribeTags: 1 });
  });

  it('can be shared by the STS client of the same session', async () => {
    const recorder = new AttemptRecorder();
    const sts = createStsClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: {
        handle: async () => ({
          response: {
            statusCode: 200,
            headers: { 'content-type': 'text/xml' },
            body: Readable.from([
              Buffer.from(
                '<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/t</Arn><UserId>AID</UserId></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
              ),
            ]),
          },
        }),
      },
    });
    recorder.attachTo(sts);

    const identity = await sts.send(new GetCallerIdentityCommand({}));

    expect(identity.Account).toBe('123456789012');
    expect(recorder.calls()).toEqual({ GetCallerIdentity: 1 });
  });
});

describe('attempt parsing', () => {
  it('reads the operation from the command name', () => {
    expect(operationOf('DescribeWorkspacesCommand')).toBe('DescribeWorkspaces');
    expect(operationOf(undefined)).toBe('Unknown');
  });

  it('reads the attempt number from the amz-sdk-request header', () => {
    expect(attemptNumberOf({ 'amz-sdk-request': 'attempt=3; max=6' })).toBe(3);
    expect(attemptNumberOf({})).toBe(1);
  });
});
