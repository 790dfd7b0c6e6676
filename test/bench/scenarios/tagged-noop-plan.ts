/**
 * A no-op plan of N desktops whose spec declares tags, under one 2/s budget per account and
 * Region (the emulator metering the account as one bucket; GetResources is another service with
 * a bucket of its own). The floor is the busier service's: the listing's calls through the
 * WorkSpaces bucket, or ⌈N/100⌉ GetResources pages through the tagging one — they can overlap.
 * `npx tsx test/bench/scenarios/tagged-noop-plan.ts N`
 */
import { preparePlan } from '../../../src/engine/plan-environment.js';
import { benchDirectory, startBenchEmulator, writeSpec } from './bench-emulator.js';
import { fleetSpec } from './fleet-spec.js';
import { bucketSeconds } from './rate-floor.js';

export interface TaggedNoopPlanResult {
  readonly desktops: number;
  readonly seconds: number;
  readonly calls: Readonly<Record<string, number>>;
  readonly throttled: number;
  readonly changes: number;
  readonly floorSeconds: number;
}

export async function measureTaggedNoopPlan(desktops: number): Promise<TaggedNoopPlanResult> {
  const spec = fleetSpec({ desktops, tags: { 'cost-center': '4711' } });
  const emulator = await startBenchEmulator({ populateSpec: spec, rateLimitScope: 'account' });
  try {
    const specFile = writeSpec(benchDirectory(), 'tagged.yaml', spec);
    await emulator.resetCalls();
    const started = performance.now();
    const prepared = await preparePlan({
      specFile,
      connection: { endpoint: emulator.endpoint, rateLimits: { totalRate: { perSecond: 2, burst: 5 }, familyRate: false } },
    });
    const seconds = (performance.now() - started) / 1000;
    await prepared.session.close();
    const counts = await emulator.calls();
    const { GetResources: tagPages = 0, ...workspaces } = counts.byOperation;
    const floorSeconds = Math.max(bucketSeconds(Object.values(workspaces).reduce((sum, count) => sum + count, 0)), bucketSeconds(tagPages));
    return { desktops, seconds, calls: counts.byOperation, throttled: counts.throttled, changes: prepared.plan.changes.length, floorSeconds };
  } finally {
    await emulator.stop();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const result = await measureTaggedNoopPlan(Number(process.argv[2] ?? '1000'));
  console.log(JSON.stringify({ ...result, ratio: Number((result.seconds / result.floorSeconds).toFixed(3)) }));
}
