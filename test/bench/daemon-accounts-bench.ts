/**
 * `npx tsx test/bench/daemon-accounts-bench.ts [--environments 10] [--desktops 200] [--concurrency 10,2]`:
 * one `wsr daemon` cycle over environments in as many accounts (one emulator each, AWS-like
 * per-operation buckets), reported as the cycle's wall time over ONE environment's rate floor,
 * with the daemon's peak RSS. A ratio, not a timed assertion. Needs dist/ (`npm run build`).
 */
import { parseArgs } from 'node:util';
import { measureDaemonAccounts } from './scenarios/daemon-accounts.js';

const { values } = parseArgs({
  options: { environments: { type: 'string', default: '10' }, desktops: { type: 'string', default: '200' }, concurrency: { type: 'string', default: '10,2' } },
});
const environments = Number(values.environments);
process.stdout.write(
  "| environments (accounts) | desktops each | --concurrency | cycle | one environment's floor | cycle / floor | cycle / one environment alone | runs (min / median / max) | calls | throttled | peak RSS | results |\n|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|\n",
);
// the baseline of the same run: one environment alone, what the cycle would take if accounts were perfectly parallel
const alone = await measureDaemonAccounts({ environments: 1, desktops: Number(values.desktops), concurrency: 1 });
for (const r of [alone, ...(await measureAll())]) {
  const results = Object.entries(r.results)
    .map(([result, count]) => `${result} ${count}`)
    .join(', ');
  const median = r.runMs[Math.floor(r.runMs.length / 2)]!;
  process.stdout.write(
    `| ${r.environments} | ${r.desktops} | ${r.concurrency} | ${r.cycleSeconds.toFixed(2)} s | ${r.floorSeconds.toFixed(2)} s | ${r.ratio.toFixed(2)}× | ${(r.cycleSeconds / alone.cycleSeconds).toFixed(2)}× | ${r.runMs[0]} / ${median} / ${r.runMs.at(-1)} ms | ${r.calls} | ${r.throttled} | ${r.peakRssMb.toFixed(0)} MB | ${results} |\n`,
  );
}

async function measureAll() {
  const measured = [];
  for (const concurrency of values.concurrency.split(',').map(Number))
    measured.push(await measureDaemonAccounts({ environments, desktops: Number(values.desktops), concurrency }));
  return measured;
}
