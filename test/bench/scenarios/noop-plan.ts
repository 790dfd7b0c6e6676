/**
 * No-op plan of N desktops (no declared tags): wsr's read (DirectoryId pages of 25, no tags)
 * against what per-resource IaC tools do on refresh — one DescribeWorkspaces by id and one
 * DescribeTags per desktop, through the real SDK. The baseline runs for real at a small N; at
 * larger N its calls are exact (2 per desktop) and its time is the bucket floor of those calls.
 */
import { DescribeTagsCommand, DescribeWorkspacesCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { preparePlan } from '../../../src/engine/plan-environment.js';
import { benchDirectory, startBenchEmulator, writeSpec, type BenchEmulator } from './bench-emulator.js';
import { fleetSpec } from './fleet-spec.js';
import { emulatorScopeOf, floorUnder, wsrRateLimitsOf, type RateBudget } from './rate-floor.js';

export interface NoopPlanResult {
  readonly desktops: number;
  readonly budget: RateBudget;
  readonly wsr: {
    readonly calls: number;
    readonly throttled: number;
    readonly seconds: number;
    readonly byOperation: Record<string, number>;
    readonly changes: number;
  };
  readonly baseline: { readonly calls: number; readonly throttled?: number; readonly seconds: number; readonly time: 'measured' | 'floor' };
}

export async function measureNoopPlan(desktops: number, measureBaseline: boolean, budget: RateBudget): Promise<NoopPlanResult> {
  const spec = fleetSpec({ desktops });
  const emulator = await startBenchEmulator({ populateSpec: spec, rateLimitScope: emulatorScopeOf(budget) });
  try {
    const specFile = writeSpec(benchDirectory(), 'spec.yaml', spec);
    const started = performance.now();
    const prepared = await preparePlan({ specFile, connection: { endpoint: emulator.endpoint, rateLimits: wsrRateLimitsOf(budget) } });
    const seconds = (performance.now() - started) / 1000;
    await prepared.session.close();
    const calls = await emulator.calls();
    const ids = prepared.live.resources.filter((resource) => resource.kind === 'workspace').map((resource) => resource.id!);
    const wsr = { calls: calls.accepted, throttled: calls.throttled, seconds, byOperation: calls.byOperation, changes: prepared.plan.changes.length };
    const baselineCalls = { DescribeWorkspaces: desktops, DescribeTags: desktops };
    if (!measureBaseline) return { desktops, budget, wsr, baseline: { calls: 2 * desktops, seconds: floorUnder(budget, baselineCalls), time: 'floor' } };
    return { desktops, budget, wsr, baseline: await perResourceRefresh(emulator, ids) };
  } finally {
    await emulator.stop();
  }
}

/** One DescribeWorkspaces by id + one DescribeTags per desktop, with the SDK's adaptive retries. */
async function perResourceRefresh(emulator: BenchEmulator, workspaceIds: readonly string[]): Promise<NoopPlanResult['baseline']> {
  // let the buckets refill after wsr's read, so both start full
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await emulator.resetCalls();
  const client = new WorkSpacesClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    retryMode: 'adaptive',
    maxAttempts: 50,
  });
  try {
    const started = performance.now();
    for (const id of workspaceIds) {
      await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }));
      await client.send(new DescribeTagsCommand({ ResourceId: id }));
    }
    const seconds = (performance.now() - started) / 1000;
    const calls = await emulator.calls();
    return { calls: calls.accepted, throttled: calls.throttled, seconds, time: 'measured' };
  } finally {
    client.destroy();
  }
}
