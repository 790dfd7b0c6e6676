/**
 * Apply benchmark (ratios, not timed assertions). Run: npx tsx test/bench/apply-bench.ts [desktops] [baseline-desktops]
 *
 * Applies `desktops` (default 1,000) new WorkSpaces through the real pipeline (preparePlan →
 * applyPlan, real SDK over HTTP) against an emulator with its default AWS-like rate limits
 * (a token bucket per operation: capacity 5, refill 2/s) and instant transitions, then prints:
 *   - CreateWorkspaces calls made, against ⌈desktops/25⌉;
 *   - wall time of the apply against the floor those limits set: every desktop needs its create
 *     and one DescribeWorkspaces showing it AVAILABLE, at best 25 per call, so each of the two
 *     operations needs ⌈desktops/25⌉ calls and the busier bucket takes (calls − 5) / 2 seconds;
 *   - a per-resource baseline in the same run, on a fresh emulator: the same plan with batching
 *     off (one CreateWorkspaces per desktop) and one-id waits. It runs `baseline-desktops`
 *     (default 100, since 1,000 take over 8 minutes at 2 calls/s) and is scaled linearly to
 *     `desktops` — linear because its time is the bucket's refill, (calls − 5) / 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegisterWorkspaceDirectoryCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { preparePlan } from '../../src/engine/plan-environment.js';
import { applyPlan } from '../../src/engine/apply-environment.js';
import { kindDefinition } from '../../src/kinds/index.js';
import type { KindName } from '../../src/model/keys.js';
import type { Plan } from '../../src/model/plan.js';

const DESKTOPS = Number(process.argv[2] ?? 1000);
const BASELINE_DESKTOPS = Number(process.argv[3] ?? 100);
const DIRECTORY = 'd-9067a1b2c3';
const BUCKET = { capacity: 5, refillPerSecond: 2 };
const PER_CALL = 25;

function specFor(count: number): string {
  const users = Array.from({ length: count }, (_, i) => `user${String(i).padStart(5, '0')}`);
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: bench, account: "123456789012", region: us-east-1}
defaults:
  workspace: {directory: corp, bundle: wsb-stdwin0001, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
directories:
  corp: {id: ${DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222]}
workspaces:
  - users: [${users.join(', ')}]
`;
}

/** Seconds a token bucket needs to let `calls` through. */
function bucketSeconds(calls: number): number {
  return Math.max(0, (calls - BUCKET.capacity) / BUCKET.refillPerSecond);
}

async function emulatorWithDirectory(): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: 0, timeScale: 0, rateLimits: BUCKET });
  const client = new WorkSpacesClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 10 });
  await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY, SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'] }));
  client.destroy();
  return emulator;
}

async function callsOf(emulator: RunningEmulator): Promise<{ calls: Record<string, number>; throttled: Record<string, number> }> {
  const answer = (await (await fetch(`${emulator.endpoint}/_emulator/calls`)).json()) as { calls: Record<string, number>; throttled?: Record<string, number> };
  return { calls: answer.calls, throttled: answer.throttled ?? {} };
}

/** The plan as a per-resource tool would run it: no batching, one id per wait poll. */
function unbatched(plan: Plan): Plan {
  return { ...plan, steps: plan.steps.map(({ batch: _batch, ...step }) => step) };
}

const oneIdWaits = (kind: KindName) => {
  const definition = kindDefinition(kind);
  return definition?.waiter ? { ...definition, waiter: { ...definition.waiter, max: 1 } } : definition;
};

interface Measured {
  readonly seconds: number;
  readonly calls: Record<string, number>;
  readonly throttled: number;
  readonly failed: number;
}

async function measure(count: number, perResource: boolean): Promise<Measured> {
  const emulator = await emulatorWithDirectory();
  try {
    const specFile = join(mkdtempSync(join(tmpdir(), 'wsr-apply-bench-')), 'spec.yaml');
    writeFileSync(specFile, specFor(count));
    const prepared = await preparePlan({ specFile, connection: { endpoint: emulator.endpoint } });
    const plan = perResource ? unbatched(prepared.plan) : prepared.plan;
    const before = await callsOf(emulator);
    // let the buckets refill after the read, so both runs start from full buckets
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const started = performance.now();
    const report = await applyPlan(plan, {
      session: prepared.session,
      desired: prepared.desired,
      allowDestroy: false,
      lockDirectory: join(tmpdir(), 'wsr-apply-bench-locks'),
      ...(perResource ? { tuning: { queues: { totalRate: false, familyRate: { perSecond: 2, burst: 5 } }, waits: { initialPollMs: 100, maxPollMs: 2000 }, kindDefinition: oneIdWaits } } : {}),
    });
    const seconds = (performance.now() - started) / 1000;
    await prepared.session.close();
    const after = await callsOf(emulator);
    const calls = Object.fromEntries(Object.entries(after.calls).map(([op, n]) => [op, n - (before.calls[op] ?? 0)]).filter(([, n]) => (n as number) > 0));
    const throttled = Object.values(after.throttled).reduce((sum, n) => sum + n, 0) - Object.values(before.throttled).reduce((sum, n) => sum + n, 0);
    return { seconds, calls, throttled, failed: report.failed };
  } finally {
    await emulator.stop();
  }
}

const batchedCalls = Math.ceil(DESKTOPS / PER_CALL);
const floor = bucketSeconds(batchedCalls);
console.log(`apply ${DESKTOPS} new workspaces · emulator buckets: capacity ${BUCKET.capacity}, ${BUCKET.refillPerSecond}/s per operation`);

const batched = await measure(DESKTOPS, false);
console.log(`batched       : ${batched.seconds.toFixed(1)} s · CreateWorkspaces ${batched.calls.CreateWorkspaces} calls (⌈${DESKTOPS}/25⌉ = ${batchedCalls}) · DescribeWorkspaces ${batched.calls.DescribeWorkspaces ?? 0} · throttled ${batched.throttled} · failed steps ${batched.failed}`);
console.log(`floor         : ${floor.toFixed(1)} s  (⌈${DESKTOPS}/25⌉ = ${batchedCalls} calls per operation through a 5-burst, 2/s bucket)`);
console.log(`ratio         : ${(batched.seconds / floor).toFixed(2)}× the floor (target ≤ 1.2×)`);

const baseline = await measure(BASELINE_DESKTOPS, true);
const scaled = bucketSeconds(DESKTOPS) * (baseline.seconds / Math.max(bucketSeconds(BASELINE_DESKTOPS), 1e-9));
console.log(`per-resource  : ${baseline.seconds.toFixed(1)} s for ${BASELINE_DESKTOPS} desktops · CreateWorkspaces ${baseline.calls.CreateWorkspaces} calls · DescribeWorkspaces ${baseline.calls.DescribeWorkspaces ?? 0} · throttled ${baseline.throttled} · failed steps ${baseline.failed}`);
console.log(`per-resource  : ≈ ${scaled.toFixed(0)} s scaled to ${DESKTOPS} desktops (its floor: ${bucketSeconds(DESKTOPS).toFixed(1)} s for ${DESKTOPS} creates)`);
console.log(`speed-up      : ${(scaled / batched.seconds).toFixed(1)}× faster batched than per-resource; ${(DESKTOPS / batched.calls.CreateWorkspaces!).toFixed(0)}× fewer create calls`);
