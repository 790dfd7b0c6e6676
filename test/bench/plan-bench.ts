/**
 * Planner benchmark: pure diff + plan of 1k / 10k / 100k workspaces in one directory, no-op and
 * with 10% of the desktops drifted (compute type). Each case runs in its own process so peak
 * RSS is that case's own. Prints a table with time, peak RSS and the growth per 10×, then the
 * read calls of a 1,000-desktop no-op against the per-resource baseline.
 * Run: npx tsx test/bench/plan-bench.ts   (ratios, not a timed test)
 * The cases are scenarios/pure-plan.ts, which `npm run bench` runs too.
 */
import { KINDS } from '../../src/kinds/index.js';
import type { ApiPort } from '../../src/kinds/kind.js';
import type { LiveResource } from '../../src/model/live.js';
import { aDesiredState, aDirectory, aWorkspace } from '../helpers/builders.js';
import { measurePurePlan } from './scenarios/pure-plan.js';

const SIZES = [1_000, 10_000, 100_000];

/** Reads a 1,000-desktop directory through the kinds' read recipes with an in-memory port. */
async function readCalls(size: number): Promise<number> {
  const desktops = Array.from({ length: size }, (_, index) => ({
    WorkspaceId: `ws-${index}`,
    DirectoryId: 'd-1111111111',
    UserName: `user${index}`,
    State: 'AVAILABLE',
    BundleId: 'wsb-standard1',
  }));
  let calls = 0;
  const port: ApiPort = {
    async call(operation: string, input: Record<string, any>): Promise<Record<string, any>> {
      calls += 1;
      const items =
        operation === 'DescribeWorkspaces'
          ? desktops
          : operation === 'DescribeWorkspaceDirectories'
            ? [{ DirectoryId: 'd-1111111111', State: 'REGISTERED' }]
            : [];
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
  const results = measurePurePlan(SIZES);
  const growth = (value?: number): string => (value === undefined ? '—' : value.toFixed(1));
  console.log('pure diff + plan (one process per case)');
  console.log('| workspaces | mode | steps | time ms | time ×/10× | peak RSS MB | RSS ×/10× |');
  console.log('|---:|---|---:|---:|---:|---:|---:|');
  for (const result of results) {
    console.log(
      `| ${result.desktops} | ${result.mode} | ${result.steps} | ${result.ms} | ${growth(result.timeGrowthPer10x)} | ${result.peakRssMb} | ${growth(result.rssGrowthPer10x)} |`,
    );
  }
  const largest = results.filter((result) => result.desktops === 100_000);
  const worstMs = Math.max(...largest.map((result) => result.ms));
  const worstRss = Math.max(...largest.map((result) => result.peakRssMb));
  console.log(`100k target < 5000 ms and < 1024 MB: ${worstMs} ms, ${worstRss} MB → ${worstMs < 5000 && worstRss < 1024 ? 'met' : 'NOT met'}`);
  const calls = await readCalls(1000);
  console.log(
    `read of a 1,000-desktop no-op: ${calls} calls (budget ⌈1000/25⌉ + 10 = 50; per-resource baseline 1 DescribeWorkspaces + 1 DescribeTags per desktop = 2000)`,
  );
}

await main();
