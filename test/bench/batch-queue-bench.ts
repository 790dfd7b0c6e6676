/**
 * Apply-side CPU of N creates (the executor's batch queueing), no network: N CreateWorkspaces
 * steps through executePlan against an in-memory port, unlimited rate, one call per 25. Prints
 * CPU seconds per N and the growth per 10× (linear queueing: ≈ 10×).
 * `npx tsx test/bench/batch-queue-bench.ts [N…]` (default 10000 100000)
 */
import { executePlan } from '../../src/apply/executor.js';
import { virtualClock } from '../../src/apply/clock.js';
import { createStep, planOf } from '../helpers/workspace-steps.js';
import type { ApiPort } from '../../src/kinds/kind.js';

/** Answers every CreateWorkspaces with all its items pending (ids made up): the executor's work alone. */
const port: ApiPort = {
  async call(_operation: string, input: Record<string, any>): Promise<Record<string, any>> {
    return {
      PendingRequests: (input.Workspaces as Record<string, unknown>[]).map((item, index) => ({ ...item, WorkspaceId: `ws-${index + 1}` })),
      FailedRequests: [],
    };
  },
};

const sizes = process.argv.slice(2).map(Number);
let previous: number | undefined;
for (const desktops of sizes.length > 0 ? sizes : [10_000, 100_000]) {
  const plan = planOf(Array.from({ length: desktops }, (_, index) => createStep(`user${index}`)));
  const before = process.cpuUsage();
  const report = await executePlan(plan, { port, queues: { totalRate: false, familyRate: false, concurrency: 4 }, clock: virtualClock() });
  const used = process.cpuUsage(before);
  const seconds = (used.user + used.system) / 1e6;
  console.log(
    JSON.stringify({
      desktops,
      cpuSeconds: Number(seconds.toFixed(2)),
      calls: report.calls,
      failed: report.failed,
      growthPer10x: previous === undefined ? undefined : Number((seconds / previous).toFixed(1)),
    }),
  );
  previous = seconds;
}
