/**
 * Planner benchmark: pure diff + plan of 1k / 10k / 100k workspaces in one directory, no-op and
 * with 10% of the desktops drifted (compute type). Each case runs in its own process so peak
 * RSS is that case's own. Prints a table with time, peak RSS and the growth per 10×, then the
 * read calls of a 1,000-desktop no-op against the per-resource baseline.
 * Run: npx tsx test/bench/plan-bench.ts   (ratios, not a timed test)
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { KINDS } from '../../src/kinds/index.js';
import type { ApiPort } from '../../src/kinds/kind.js';
import type { DesiredResource, DesiredState } from '../../src/model/desired.js';
import type { LiveResource, LiveState } from '../../src/model/live.js';
import { buildPlan } from '../../src/plan/build.js';
import { aDesiredState, aDirectory, aLiveDirectory, aLiveState, aLiveWorkspace, aWorkspace } from '../helpers/builders.js';

const SIZES = [1_000, 10_000, 100_000];
const MODES = ['no-op', '10% changes'] as const;
type Mode = (typeof MODES)[number];

function fleet(size: number, mode: Mode): { desired: DesiredState; live: LiveState } {
  const desired: DesiredResource[] = [aDirectory()];
  const live: LiveResource[] = [aLiveDirectory()];
  for (let index = 0; index < size; index++) {
    const userName = `user${index}`;
    const drifted = mode === '10% changes' && index % 10 === 0;
    desired.push(aWorkspace({ userName, workspaceProperties: drifted ? { ComputeTypeName: 'POWER' } : {} }));
    live.push(aLiveWorkspace({ userName, id: `ws-${index.toString(36).padStart(8, '0')}` }));
  }
  return { desired: aDesiredState(desired), live: aLiveState(live) };
}

interface CaseResult {
  readonly size: number;
  readonly mode: Mode;
  readonly ms: number;
  readonly peakRssMb: number;
  readonly steps: number;
}

function runCase(size: number, mode: Mode): CaseResult {
  const { desired, live } = fleet(size, mode);
  const started = performance.now();
  const plan = buildPlan({ desired, live, now: new Date(0).toISOString() });
  const ms = performance.now() - started;
  return { size, mode, ms: Math.round(ms), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), steps: plan.steps.length };
}

/** Reads a 1,000-desktop directory through the kinds' read recipes with an in-memory port. */
async function readCalls(size: number): Promise<number> {
  const desktops = Array.from({ length: size }, (_, index) => ({ WorkspaceId: `ws-${index}`, DirectoryId: 'd-1111111111', UserName: `user${index}`, State: 'AVAILABLE', BundleId: 'wsb-standard1' }));
  let calls = 0;
  const port: ApiPort = {
    async call(operation, input) {
      calls += 1;
      const items = operation === 'DescribeWorkspaces' ? desktops : operation === 'DescribeWorkspaceDirectories' ? [{ DirectoryId: 'd-1111111111', State: 'REGISTERED' }] : [];
      const member = operation === 'DescribeWorkspaces' ? 'Workspaces' : 'Directories';
      const start = Number(input.NextToken ?? 0);
      const next = start + 25 < items.length ? String(start + 25) : undefined;
      return { [member]: items.slice(start, start + 25), ...(next ? { NextToken: next } : {}) };
    },
  };
  const desired = aDesiredState([aDirectory(), ...desktops.map((desktop) => aWorkspace({ userName: desktop.UserName }))]);
  const read: LiveResource[] = [];
  for (const kind of KINDS) read.push(...(await kind.read({ port, desired, readSoFar: read })));
  return calls;
}

async function main(): Promise<void> {
  const [flag, size, mode] = process.argv.slice(2);
  if (flag === '--case') {
    process.stdout.write(JSON.stringify(runCase(Number(size), mode as Mode)));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const results: CaseResult[] = [];
  for (const caseMode of MODES) {
    for (const caseSize of SIZES) {
      const output = execFileSync(process.execPath, [...process.execArgv, self, '--case', String(caseSize), caseMode], { encoding: 'utf8', maxBuffer: 1 << 20 });
      results.push(JSON.parse(output) as CaseResult);
    }
  }
  console.log('pure diff + plan (one process per case)');
  console.log('| workspaces | mode | steps | time ms | time ×/10× | peak RSS MB | RSS ×/10× |');
  console.log('|---:|---|---:|---:|---:|---:|---:|');
  for (const result of results) {
    const previous = results.find((candidate) => candidate.mode === result.mode && candidate.size * 10 === result.size);
    const growth = (now: number, before?: number): string => (before ? (now / Math.max(before, 1)).toFixed(1) : '—');
    console.log(`| ${result.size} | ${result.mode} | ${result.steps} | ${result.ms} | ${growth(result.ms, previous?.ms)} | ${result.peakRssMb} | ${growth(result.peakRssMb, previous?.peakRssMb)} |`);
  }
  const largest = results.filter((result) => result.size === 100_000);
  const worstMs = Math.max(...largest.map((result) => result.ms));
  const worstRss = Math.max(...largest.map((result) => result.peakRssMb));
  console.log(`100k target < 5000 ms and < 1024 MB: ${worstMs} ms, ${worstRss} MB → ${worstMs < 5000 && worstRss < 1024 ? 'met' : 'NOT met'}`);
  const calls = await readCalls(1000);
  console.log(`read of a 1,000-desktop no-op: ${calls} calls (budget ⌈1000/25⌉ + 10 = 50; per-resource baseline 1 DescribeWorkspaces + 1 DescribeTags per desktop = 2000)`);
}

await main();
