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
 *     `desktops` — linear because its time is the bucket's refill.
 * The measurement is scenarios/apply-create.ts, which `npm run bench` runs too.
 */
import { measureApplyCreate } from './scenarios/apply-create.js';
import { BUCKET, bucketSeconds } from './scenarios/rate-floor.js';

const DESKTOPS = Number(process.argv[2] ?? 1000);
const BASELINE_DESKTOPS = Number(process.argv[3] ?? 100);

console.log(`apply ${DESKTOPS} new workspaces · emulator buckets: capacity ${BUCKET.capacity}, ${BUCKET.refillPerSecond}/s per operation`);
const { wsr: batched, floor, baseline } = await measureApplyCreate(DESKTOPS, BASELINE_DESKTOPS, 'per-operation');
const batchedCalls = floor.calls.CreateWorkspaces;
console.log(
  `batched       : ${batched.seconds.toFixed(1)} s · CreateWorkspaces ${batched.byOperation.CreateWorkspaces} calls (⌈${DESKTOPS}/25⌉ = ${batchedCalls}) · DescribeWorkspaces ${batched.byOperation.DescribeWorkspaces ?? 0} · throttled ${batched.throttled} · failed steps ${batched.failedSteps}`,
);
console.log(`floor         : ${floor.seconds.toFixed(1)} s  (⌈${DESKTOPS}/25⌉ = ${batchedCalls} calls per operation through a 5-burst, 2/s bucket)`);
console.log(`ratio         : ${(batched.seconds / floor.seconds).toFixed(2)}× the floor (target ≤ 1.2×)`);
const measured = baseline.measured;
console.log(
  `per-resource  : ${measured.seconds.toFixed(1)} s for ${BASELINE_DESKTOPS} desktops · CreateWorkspaces ${measured.byOperation.CreateWorkspaces} calls · DescribeWorkspaces ${measured.byOperation.DescribeWorkspaces ?? 0} · throttled ${measured.throttled} · failed steps ${measured.failedSteps}`,
);
console.log(
  `per-resource  : ≈ ${baseline.seconds.toFixed(0)} s scaled to ${DESKTOPS} desktops (its floor: ${bucketSeconds(DESKTOPS).toFixed(1)} s for ${DESKTOPS} creates)`,
);
console.log(
  `speed-up      : ${(baseline.seconds / batched.seconds).toFixed(1)}× faster batched than per-resource; ${(DESKTOPS / batched.byOperation.CreateWorkspaces!).toFixed(0)}× fewer create calls`,
);
