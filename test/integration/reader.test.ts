/**
 * The reader against the emulator through the real SDK: how many calls a read takes, that
 * the attempt counts agree with what the server saw, and that a read the API did not fully
 * answer fails instead of returning less.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTagsCommand, CreateWorkspacesCommand, RegisterWorkspaceDirectoryCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { SdkApiPort } from '../../src/aws/api-port.js';
import { createTaggingClient, createWorkspacesClient } from '../../src/aws/client.js';
import { readLive, readTags } from '../../src/live/reader.js';
import { loadSpecFile } from '../../src/spec/load-spec.js';
import { preparePlan, type PreparedPlan } from '../../src/engine/plan-environment.js';
import type { DesiredState } from '../../src/model/desired.js';
import type { WorkspaceDesiredProperties } from '../../src/kinds/workspace/properties.js';
import { quickRetries } from '../helpers/quick-retries.js';
import { applyPrepared } from '../helpers/apply-prepared.js';

const DIRECTORY = 'd-9067a1b2c3';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const region = 'us-east-1';
const account = '123456789012';

function portFor(endpoint: string, maxAttempts = 3): SdkApiPort {
  return new SdkApiPort(createWorkspacesClient({ region, endpoint, credentials, maxAttempts, retryStrategy: quickRetries(maxAttempts) }));
}

/** A port that also serves GetResources, as a session's does. */
function portWithTaggingFor(endpoint: string, maxAttempts = 3): SdkApiPort {
  const options = { region, endpoint, credentials, maxAttempts, retryStrategy: quickRetries(maxAttempts) };
  return new SdkApiPort(createWorkspacesClient(options), { tagging: createTaggingClient(options) });
}

async function serverCalls(endpoint: string): Promise<Record<string, number>> {
  const response = await fetch(`${endpoint}/_emulator/calls`);
  return ((await response.json()) as { calls: Record<string, number> }).calls;
}

async function resetServerCalls(endpoint: string): Promise<void> {
  await fetch(`${endpoint}/_emulator/reset-calls`, { method: 'POST' });
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** Registers the directory and creates every desktop of the spec (25 per call), as an admin would. */
async function provisionFleet(client: WorkSpacesClient, desired: DesiredState): Promise<void> {
  await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY, SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'] }));
  const users = desired.resources
    .filter((resource) => resource.kind === 'workspace')
    .map((resource) => (resource.properties as WorkspaceDesiredProperties).userName);
  for (let start = 0; start < users.length; start += 25) {
    const batch = users.slice(start, start + 25).map((UserName) => ({ DirectoryId: DIRECTORY, UserName, BundleId: 'wsb-stdwin0001' }));
    const output = await client.send(new CreateWorkspacesCommand({ Workspaces: batch }));
    expect(output.FailedRequests ?? []).toEqual([]);
  }
}

describe('reader against the emulator', () => {
  let workdir: string;
  let stateFile: string;
  let emulator: RunningEmulator;
  let fleet: DesiredState;

  beforeAll(async () => {
    workdir = await mkdtemp(join(tmpdir(), 'wsr-reader-'));
    stateFile = join(workdir, 'state.json');
    fleet = loadSpecFile('examples/fleet.yaml').desired!;
    emulator = await startEmulator({ port: 0, timeScale: 0, rateLimits: false, stateFile });
    const admin = new WorkSpacesClient({ region, endpoint: emulator.endpoint, credentials, maxAttempts: 1 });
    await provisionFleet(admin, fleet);
    admin.destroy();
  });

  afterAll(async () => {
    await emulator?.stop();
    await rm(workdir, { recursive: true, force: true });
  });

  it('reads 1,000 desktops of one directory in at most ⌈1000/25⌉ + 10 calls', async () => {
    await resetServerCalls(emulator.endpoint);
    const port = portFor(emulator.endpoint);

    const live = await readLive(fleet, port, { account, region });

    const workspaces = live.resources.filter((resource) => resource.kind === 'workspace');
    expect(workspaces).toHaveLength(1000);
    expect(total(live.stats.calls)).toBeLessThanOrEqual(Math.ceil(1000 / 25) + 10);
    expect(live.stats.calls.DescribeWorkspaces).toBe(40);
    expect(live.stats.calls).toEqual(await serverCalls(emulator.endpoint));
  });

  it('reads tags only of the candidates it is given, one DescribeTags each', async () => {
    const admin = new WorkSpacesClient({ region, endpoint: emulator.endpoint, credentials, maxAttempts: 1 });
    const port = portFor(emulator.endpoint);
    const live = await readLive(fleet, port, { account, region });
    const [first, second] = live.resources.filter((resource) => resource.kind === 'workspace');
    await admin.send(new CreateTagsCommand({ ResourceId: first.id!, Tags: [{ Key: 'wsr:env', Value: 'corp-prod' }] }));
    admin.destroy();
    await resetServerCalls(emulator.endpoint);

    const tagged = await readTags(live, [first, second], port);

    expect(tagged.resources.find((resource) => resource.key === first.key)?.tags).toEqual({ 'wsr:env': 'corp-prod' });
    expect(tagged.resources.find((resource) => resource.key === second.key)?.tags).toEqual({});
    expect(tagged.resources.filter((resource) => resource.tags !== undefined)).toHaveLength(2);
    expect(await serverCalls(emulator.endpoint)).toEqual({ DescribeTags: 2 });
  });

  it('reads the tags of 1,000 candidates with GetResources, 100 per call, instead of 1,000 DescribeTags', async () => {
    const admin = new WorkSpacesClient({ region, endpoint: emulator.endpoint, credentials, maxAttempts: 1 });
    const port = portWithTaggingFor(emulator.endpoint);
    const live = await readLive(fleet, port, { account, region });
    const desktops = live.resources.filter((resource) => resource.kind === 'workspace');
    for (const desktop of desktops.slice(0, 150)) {
      await admin.send(new CreateTagsCommand({ ResourceId: desktop.id!, Tags: [{ Key: 'cost-center', Value: desktop.id! }] }));
    }
    admin.destroy();
    await resetServerCalls(emulator.endpoint);

    const tagged = await readTags(live, desktops, port);

    const tagsById = new Map(tagged.resources.map((resource) => [resource.id, resource.tags]));
    expect(desktops.slice(0, 150).every((desktop) => tagsById.get(desktop.id)?.['cost-center'] === desktop.id)).toBe(true);
    expect(desktops.slice(150).every((desktop) => Object.keys(tagsById.get(desktop.id) ?? { unread: true }).length === 0)).toBe(true);
    const seen = await serverCalls(emulator.endpoint);
    expect(seen).toEqual({ GetResources: Math.ceil(151 / 100) }); // 150 desktops + the one tagged by the test above
    expect(tagged.stats.calls.GetResources).toBe(seen.GetResources);
    port.destroy();
  });

  it('falls back to DescribeTags per id, with one warning, when the port has no tagging client', async () => {
    const port = portFor(emulator.endpoint);
    const live = await readLive(fleet, port, { account, region });
    const candidates = live.resources.filter((resource) => resource.kind === 'workspace').slice(0, 12);
    const warnings: unknown[] = [];
    await resetServerCalls(emulator.endpoint);

    const tagged = await readTags(live, candidates, port, { logger: { warn: (fields: unknown) => void warnings.push(fields) } });

    expect(await serverCalls(emulator.endpoint)).toEqual({ DescribeTags: 12 });
    expect(tagged.resources.filter((resource) => resource.tags !== undefined)).toHaveLength(12);
    expect(warnings).toEqual([expect.objectContaining({ code: 'WSR_W2003', errorCode: 'TAGGING_UNAVAILABLE' })]);
  });

  it('counts every attempt the SDK retried, agreeing with the server, and still reads everything', async () => {
    const flaky = await startEmulator({ port: 0, timeScale: 0, rateLimits: false, stateFile, failRate: 0.2, randomSeed: 7 });
    try {
      const port = portFor(flaky.endpoint, 8);

      const live = await readLive(fleet, port, { account, region });

      expect(live.resources.filter((resource) => resource.kind === 'workspace')).toHaveLength(1000);
      const seen = await serverCalls(flaky.endpoint);
      expect(live.stats.calls).toEqual(seen);
      expect(total(seen)).toBeGreaterThan(40); // some attempts failed and were retried
    } finally {
      await flaky.stop();
    }
  });

  it('fails the read when throttling outlasts the retries (never a partial fleet)', async () => {
    const throttled = await startEmulator({ port: 0, timeScale: 0, rateLimits: false, stateFile, throttleRate: 1, randomSeed: 1 });
    try {
      const port = portFor(throttled.endpoint, 2);

      await expect(readLive(fleet, port, { account, region })).rejects.toMatchObject({ code: 'AWS_THROTTLED', awsCode: 'ThrottlingException' });
    } finally {
      await throttled.stop();
    }
  });
});

describe('planning a 1,000-desktop spec that declares tags (examples/fleet.yaml) after apply', () => {
  let emulator: RunningEmulator;
  // the emulator here has no rate limits, so the read is not paced either: at the 2/s of AWS the
  // 40 pages of desktops would take 18 s a plan (read pacing is proved in unit/live/reader.test.ts)
  const plan = (): Promise<PreparedPlan> => preparePlan({ specFile: 'examples/fleet.yaml', connection: { endpoint: emulator.endpoint }, readPace: false });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, timeScale: 0, rateLimits: false });
    const report = await applyPrepared(await plan());
    expect([report.failed, report.skipped]).toEqual([0, 0]);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it('plans in ≤ ⌈1000/25⌉ + ⌈1001/100⌉ + 10 calls, reading tags with GetResources alongside the listing', async () => {
    await resetServerCalls(emulator.endpoint);

    const prepared = await plan();
    await prepared.session.close();

    expect(prepared.plan.changes).toEqual([]);
    const seen = await serverCalls(emulator.endpoint);
    expect(total(seen)).toBeLessThanOrEqual(Math.ceil(1000 / 25) + Math.ceil(1001 / 100) + 10);
    // every tagged WorkSpaces resource (1,000 desktops and their directory), read while the desktops are listed
    expect(seen.GetResources).toBe(Math.ceil(1001 / 100));
    expect(seen.DescribeTags).toBeUndefined();
    expect(prepared.live.stats.calls).toEqual(seen);
  });

  it('sees a tag changed by hand on one desktop as an update of that desktop only', async () => {
    const admin = new WorkSpacesClient({ region, endpoint: emulator.endpoint, credentials, maxAttempts: 1 });
    const before = await plan();
    await before.session.close();
    const victim = before.live.resources.find((resource) => resource.kind === 'workspace' && resource.tags?.['cost-center'] === '4711')!;
    await admin.send(new CreateTagsCommand({ ResourceId: victim.id!, Tags: [{ Key: 'cost-center', Value: '9999' }] }));
    admin.destroy();

    const after = await plan();
    await after.session.close();

    expect(after.plan.changes.map((change) => [change.action, change.key])).toEqual([['update', victim.key]]);
    expect(after.plan.changes[0].fields.map((field) => [field.path, field.before, field.after])).toEqual([['tags.cost-center', '9999', '4711']]);
  });
});
