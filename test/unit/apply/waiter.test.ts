import { describe, expect, it } from 'vitest';
import { StateWaiter, type WaitOptions } from '../../../src/apply/waiter.js';
import { ApiQueues } from '../../../src/limiter/queues.js';
import type { Clock } from '../../../src/apply/clock.js';
import type { ApiPort, WaiterRecipe } from '../../../src/kinds/kind.js';

const recipe: WaiterRecipe = {
  operation: 'DescribeWorkspaces',
  idsMember: 'WorkspaceIds',
  max: 25,
  listMember: 'Workspaces',
  idField: 'WorkspaceId',
  stateField: 'State',
};
const available = { states: ['AVAILABLE'], timeoutSeconds: 3600 };

/**
 * A clock whose sleeps end only when the test moves time to them, in order, like timers do —
 * so concurrent sleepers (the calls, the poller) see one shared time line.
 */
function scheduledClock(): Clock & { run<T>(work: Promise<T>): Promise<T> } {
  let now = 0;
  const timers = new Set<{ at: number; wake(): void }>();
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  return {
    now: () => now,
    sleep(ms, signal) {
      signal?.throwIfAborted();
      return new Promise<void>((resolve, reject) => {
        const timer = { at: now + Math.max(0, ms), wake: resolve };
        timers.add(timer);
        signal?.addEventListener('abort', () => timers.delete(timer) && reject(signal.reason), { once: true });
      });
    },
    async run(work) {
      let settled = false;
      void work.finally(() => (settled = true)).catch(() => {});
      await settle();
      while (!settled && timers.size > 0) {
        const next = [...timers].reduce((a, b) => (b.at < a.at ? b : a));
        timers.delete(next);
        now = Math.max(now, next.at);
        next.wake();
        await settle();
      }
      return work;
    },
  };
}

/** Every desktop is AVAILABLE; remembers the ids and the time of each Describe call. */
class AvailablePort implements ApiPort {
  readonly polls: { at: number; ids: string[] }[] = [];
  constructor(private readonly clock: Clock) {}
  async call(_operation: string, input: Record<string, unknown>): Promise<Record<string, any>> {
    const ids = input.WorkspaceIds as string[];
    this.polls.push({ at: this.clock.now(), ids });
    return { Workspaces: ids.map((id) => ({ WorkspaceId: id, State: 'AVAILABLE' })) };
  }
}

/**
 * `calls` mutating calls queued at once, one at a time, each taking `callMs`, and each followed by
 * the waits of the ids it produced — as the executor runs a rollout wave (`idsPerCall` 1) or
 * batched creates (25).
 */
async function queuedCallsThenWaits(options: { calls: number; idsPerCall: number; callMs: number; waits?: WaitOptions }) {
  const clock = scheduledClock();
  const port = new AvailablePort(clock);
  const queues = new ApiQueues({ totalRate: false, concurrency: 1 });
  const waiter = new StateWaiter(port, queues, clock, { initialPollMs: 100, maxPollMs: 500, ...options.waits });
  const resolvedAt: number[] = [];
  const steps = Array.from({ length: options.calls }, async (_, call) => {
    await queues.run('RebuildWorkspaces', () => clock.sleep(options.callMs));
    const ids = Array.from({ length: options.idsPerCall }, (_, i) => `ws-${call}-${i}`);
    await Promise.all(ids.map((id) => waiter.wait(recipe, id, available).then(() => resolvedAt.push(clock.now()))));
  });
  await clock.run(Promise.all(steps));
  return { polls: port.polls, resolvedAt, end: clock.now() };
}

describe('StateWaiter poll rounds', () => {
  it('lets staggered waits share poll rounds while calls that bring more waits are still queued', async () => {
    const { polls, resolvedAt } = await queuedCallsThenWaits({ calls: 60, idsPerCall: 1, callMs: 500 });
    expect(resolvedAt).toHaveLength(60);
    // 60 ids need ⌈60/25⌉ = 3 calls: a round per call's worth of due ids, the rest once the queue is empty
    expect(polls.length).toBeLessThanOrEqual(Math.ceil(60 / 25) + 1);
    expect(polls.slice(0, 2).map((poll) => poll.ids.length)).toEqual([25, 25]);
  });

  it('polls each wait on its own when holding is off (maxHoldMs 0): the cost the hold saves', async () => {
    const { polls } = await queuedCallsThenWaits({ calls: 60, idsPerCall: 1, callMs: 500, waits: { maxHoldMs: 0 } });
    expect(polls.length).toBeGreaterThan(50);
  });

  it('polls a call’s worth of due ids at once, even while calls are queued (batched creates lose no time)', async () => {
    const { polls } = await queuedCallsThenWaits({ calls: 4, idsPerCall: 25, callMs: 500 });
    expect(polls.map((poll) => poll.ids.length)).toEqual([25, 25, 25, 25]);
    // each batch polled initialPollMs after its call, not after the last call
    expect(polls.map((poll) => poll.at)).toEqual([600, 1100, 1600, 2100]);
  });

  it('holds a due wait no longer than maxHoldMs behind a long queue', async () => {
    const { polls, resolvedAt, end } = await queuedCallsThenWaits({ calls: 100, idsPerCall: 1, callMs: 1000, waits: { maxHoldMs: 5000 } });
    expect(end).toBeGreaterThanOrEqual(100_000);
    // the first wait (due at 1,100 ms) is polled by its hold's end, with the waits that came due meanwhile
    expect(resolvedAt[0]).toBe(1100 + 5000);
    expect(polls[0].ids.length).toBeGreaterThan(1);
    expect(polls.length).toBeLessThan(100 / 4);
  });

  it('polls at once when nothing else is queued (a lone wait is not held)', async () => {
    const { polls, resolvedAt } = await queuedCallsThenWaits({ calls: 1, idsPerCall: 1, callMs: 500 });
    expect(polls).toHaveLength(1);
    expect(resolvedAt).toEqual([600]);
  });
});
