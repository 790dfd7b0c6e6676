import { DescribeWorkspaceBundlesCommand, DescribeWorkspacesCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { TEST_CREDENTIALS, startTestEmulator } from '../../helpers/start-emulator.js';
import { failureOf } from './given.js';

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  while (running.length > 0) await running.pop()?.stop();
});

async function started(options: Parameters<typeof startEmulator>[0]): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: 0, timeScale: 0, ...options });
  running.push(emulator);
  return emulator;
}

/** The SDK's own retry decision (it must classify our faults as retryable), without backoff sleeps. */
function immediateRetries(maxAttempts: number) {
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => ({ count: 0, getRetryCount: () => 0, getRetryDelay: () => 0 }),
    refreshRetryTokenForRetry: async (token: { count: number }, errorInfo: { errorType: string }) => {
      if (!['THROTTLING', 'TRANSIENT', 'SERVER_ERROR'].includes(errorInfo.errorType) || token.count + 1 >= maxAttempts) throw new Error('not retried');
      const count = token.count + 1;
      return { count, getRetryCount: () => count, getRetryDelay: () => 0 };
    },
    recordSuccess: () => undefined,
  };
}

const clientFor = (endpoint: string, maxAttempts = 1) =>
  new WorkSpacesClient({
    endpoint,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    maxAttempts,
    ...(maxAttempts > 1 ? { retryStrategy: immediateRetries(maxAttempts) as never } : {}),
  });

async function statuses(endpoint: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const response = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'WorkspacesService.DescribeWorkspaces', 'Content-Type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    out.push(response.status);
    await response.arrayBuffer();
  }
  return out;
}

async function callCounts(endpoint: string): Promise<{ calls: Record<string, number>; throttled: Record<string, number>; failed: Record<string, number> }> {
  return (await fetch(`${endpoint}/_emulator/calls`)).json() as never;
}

describe('throttle and fail injection', () => {
  it('answers a seeded fraction with ThrottlingException, the same draws for the same seed', async () => {
    const a = await started({ throttleRate: 0.3, randomSeed: 42, rateLimits: false });
    const b = await started({ throttleRate: 0.3, randomSeed: 42, rateLimits: false });
    const first = await statuses(a.endpoint, 40);
    expect(await statuses(b.endpoint, 40)).toEqual(first);
    const throttled = first.filter((s) => s === 400).length;
    expect(throttled).toBeGreaterThan(4);
    expect(throttled).toBeLessThan(24);
    const counts = await callCounts(a.endpoint);
    expect(counts.calls.DescribeWorkspaces).toBe(40);
    expect(counts.throttled.DescribeWorkspaces).toBe(throttled);
  });

  it('is converged through by the SDK retrying throttles and 500s', async () => {
    const emulator = await started({ throttleRate: 0.3, failRate: 0.2, randomSeed: 7, rateLimits: false });
    const client = clientFor(emulator.endpoint, 20);
    for (let i = 0; i < 15; i++) expect((await client.send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON' }))).Bundles).toHaveLength(7);
    client.destroy();
    const counts = await callCounts(emulator.endpoint);
    expect(counts.calls.DescribeWorkspaceBundles).toBeGreaterThan(15);
    expect(Object.keys(counts.failed)).toEqual(['DescribeWorkspaceBundles']);
  });

  it('--fail-rate answers InternalServerError with HTTP 500', async () => {
    const emulator = await started({ failRate: 1, rateLimits: false });
    const error = await failureOf(clientFor(emulator.endpoint).send(new DescribeWorkspacesCommand({})));
    expect(error.name).toBe('InternalServerError');
    expect(error.$metadata.httpStatusCode).toBe(500);
  });

  it("works with the SDK's default retry strategy too", async () => {
    const emulator = await startTestEmulator({ throttleRate: 0.2, randomSeed: 3, maxAttempts: 5 });
    running.push(emulator);
    for (let i = 0; i < 5; i++) await emulator.client.send(new DescribeWorkspacesCommand({}));
    expect((await emulator.calls()).DescribeWorkspaces).toBeGreaterThanOrEqual(5);
  });
});

describe('per-operation token buckets', () => {
  it('lets a burst of `capacity` calls through, then throttles that operation only', async () => {
    const emulator = await started({ rateLimits: { capacity: 5, refillPerSecond: 0.001 } });
    const client = clientFor(emulator.endpoint);
    for (let i = 0; i < 5; i++) await client.send(new DescribeWorkspacesCommand({}));
    const error = await failureOf(client.send(new DescribeWorkspacesCommand({})));
    expect(error.name).toBe('ThrottlingException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect((await client.send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON' }))).Bundles).toHaveLength(7);
    client.destroy();
  });

  it('refills in real time', async () => {
    const emulator = await started({ rateLimits: { capacity: 1, refillPerSecond: 50 } });
    const client = clientFor(emulator.endpoint);
    await client.send(new DescribeWorkspacesCommand({}));
    // poll rather than sleep: the bucket has a token again within ~20 ms
    let answered = false;
    for (let i = 0; i < 200 && !answered; i++) {
      answered = await client.send(new DescribeWorkspacesCommand({})).then(
        () => true,
        () => false,
      );
      if (!answered) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(answered).toBe(true);
    client.destroy();
  });

  it('is on by default with capacity 5', async () => {
    const emulator = await started({});
    const codes = await statuses(emulator.endpoint, 7);
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes.slice(5)).toContain(400);
  });
});

describe('one bucket per account (rateLimitScope: account)', () => {
  it('meters every WorkSpaces operation from one bucket, while the tagging API (GetResources, TagResources: another service) has its own', async () => {
    const emulator = await started({ rateLimits: { capacity: 5, refillPerSecond: 0.001 }, rateLimitScope: 'account' });
    const client = clientFor(emulator.endpoint);
    for (let i = 0; i < 3; i++) await client.send(new DescribeWorkspacesCommand({}));
    for (let i = 0; i < 2; i++) await client.send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON' }));
    const error = await failureOf(client.send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON' })));
    expect(error.name).toBe('ThrottlingException');
    const tags = await fetch(`${emulator.endpoint}/`, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'ResourceGroupsTaggingAPI_20170126.GetResources', 'Content-Type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(tags.status).toBe(200);
    // TagResources is the tagging API too: a rollout's marks do not draw from the WorkSpaces bucket
    const marked = await fetch(`${emulator.endpoint}/`, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'ResourceGroupsTaggingAPI_20170126.TagResources', 'Content-Type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ ResourceARNList: ['arn:aws:workspaces:us-east-1:123456789012:workspace/ws-none0001'], Tags: { team: 'a' } }),
    });
    expect(marked.status).toBe(200);
    expect((await callCounts(emulator.endpoint)).throttled).toEqual({ DescribeWorkspaceBundles: 1 });
    client.destroy();
  });
});

describe('latency', () => {
  it('still answers every call when latency is added', async () => {
    const emulator = await started({ latencyMs: 20, rateLimits: false });
    expect(await statuses(emulator.endpoint, 3)).toEqual([200, 200, 200]);
  });
});
