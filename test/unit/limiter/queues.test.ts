import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiQueues, CallPriority, DEFAULT_TOTAL_RATE } from '../../../src/limiter/queues.js';
import { TokenBucket } from '../../../src/limiter/token-bucket.js';

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

describe('ApiQueues', () => {
  it('defaults to about 2 calls per second with a burst of 5 in total, safe for real AWS', () => {
    expect(new ApiQueues().options.totalRate).toEqual(DEFAULT_TOTAL_RATE);
    expect(DEFAULT_TOTAL_RATE).toEqual({ perSecond: 2, burst: 5 });
  });

  it('refuses a rate that could never let a call through', () => {
    expect(() => new ApiQueues({ totalRate: { perSecond: 0, burst: 5 } })).toThrow(RangeError);
    expect(() => new ApiQueues({ familyRate: { perSecond: 2, burst: 0.5 } })).toThrow(RangeError);
  });

  it('caps calls in flight per family, while another family proceeds', async () => {
    const queues = new ApiQueues({ totalRate: false, concurrency: 2 });
    const gate = deferred();
    let running = 0;
    let most = 0;
    const slow = () =>
      queues.run('CreateWorkspaces', async () => {
        running += 1;
        most = Math.max(most, running);
        await gate.promise;
        running -= 1;
      });
    const creates = [slow(), slow(), slow(), slow()];
    await new Promise((resolve) => setImmediate(resolve));
    expect(queues.stats()).toEqual({ inFlight: 2, queued: 2 });
    await expect(queues.run('DescribeWorkspaces', async () => 'polled')).resolves.toBe('polled');
    gate.release();
    await Promise.all(creates);
    expect(most).toBe(2);
    expect(queues.stats()).toEqual({ inFlight: 0, queued: 0 });
  });

  it('passes a task failure to its caller and keeps the queue usable', async () => {
    const queues = new ApiQueues({ totalRate: false });
    await expect(queues.run('X', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queues.run('X', async () => 1)).resolves.toBe(1);
  });

  it('tells listeners when the last queued call starts, so a held poll round can go', async () => {
    const queues = new ApiQueues({ totalRate: false, concurrency: 1 });
    const gate = deferred();
    const noneQueuedWith: number[] = [];
    const calls = [queues.run('RebuildWorkspaces', () => gate.promise), queues.run('RebuildWorkspaces', async () => {})];
    const stop = queues.onNoneQueued(() => noneQueuedWith.push(queues.stats().inFlight));
    await new Promise((resolve) => setImmediate(resolve));
    expect(queues.stats()).toEqual({ inFlight: 1, queued: 1 });
    expect(noneQueuedWith).toEqual([]);
    gate.release();
    await Promise.all(calls);
    expect(noneQueuedWith).toHaveLength(1);
    stop();
    await queues.run('X', async () => {});
    expect(noneQueuedWith).toHaveLength(1);
  });
});

describe('TokenBucket and ApiQueues pacing', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A bucket on a clock the test moves, with its refill timer on fake timers. */
  function pacedBucket(rate = { perSecond: 2, burst: 5 }) {
    vi.useFakeTimers();
    let now = 0;
    const bucket = new TokenBucket(rate, () => now);
    const advance = async (ms: number) => {
      now += ms;
      await vi.advanceTimersByTimeAsync(ms);
    };
    return { bucket, advance };
  }

  it('lets a burst of 5 through at once, then one call per 500 ms (2/s), like the account bucket', async () => {
    const { bucket, advance } = pacedBucket();
    const granted: number[] = [];
    // each call answered at once (no latency)
    const takes = Array.from({ length: 8 }, (_, index) =>
      bucket.take().then((token) => {
        granted.push(index);
        token.spent();
      }),
    );
    await advance(0);
    expect(granted).toEqual([0, 1, 2, 3, 4]);
    for (const next of [5, 6, 7]) {
      await advance(499);
      expect(granted).toHaveLength(next);
      await advance(1);
      expect(granted).toHaveLength(next + 1);
    }
    await Promise.all(takes);
  });

  it('serves a waiting write before an earlier poll: a poll never takes the token a rebuild waits for', async () => {
    const { bucket, advance } = pacedBucket({ perSecond: 2, burst: 1 });
    (await bucket.take(CallPriority.write)).spent();
    const order: string[] = [];
    const answered = (name: string) => (token: { spent(): void }) => {
      order.push(name);
      token.spent();
    };
    const poll = bucket.take(CallPriority.poll).then(answered('poll'));
    const rebuild = bucket.take(CallPriority.write).then(answered('rebuild'));
    await advance(500);
    expect(order).toEqual(['rebuild']);
    await advance(500);
    await Promise.all([poll, rebuild]);
    expect(order).toEqual(['rebuild', 'poll']);
  });

  it('leaves no timer behind once the last waiting call got its token (the process may exit)', async () => {
    const { bucket, advance } = pacedBucket();
    const takes = Array.from({ length: 7 }, () => bucket.take().then((token) => token.spent()));
    await advance(0);
    expect(vi.getTimerCount()).toBe(1);
    await advance(1000);
    await Promise.all(takes);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('books a token when the answer arrives: calls sent apart that arrive together are never more than the server allows', async () => {
    const { bucket, advance } = pacedBucket({ perSecond: 2, burst: 2 });
    const [first, second] = await Promise.all([bucket.take(), bucket.take()]);
    let third = false;
    const next = bucket.take().then((token) => {
      third = true;
      return token;
    });
    // the two calls are slow (a cold connection): they may reach the server only now
    await advance(1000);
    expect(third).toBe(false);
    first!.spent();
    second!.spent();
    // the server debited them at the latest now, so it has a token again 500 ms later, not before
    await advance(499);
    expect(third).toBe(false);
    await advance(1);
    expect(third).toBe(true);
    (await next).spent();
  });

  it('gives back the token of a call that never left', async () => {
    const { bucket } = pacedBucket({ perSecond: 2, burst: 1 });
    (await bucket.take()).refund();
    await expect(bucket.take()).resolves.toBeDefined();
  });

  it('adds one abort listener to a signal however many calls wait on it, and rejects them all on abort', async () => {
    const queues = new ApiQueues({ totalRate: { perSecond: 0.001, burst: 1 } });
    const controller = new AbortController();
    const calls = Array.from({ length: 30 }, () => queues.run('RebuildWorkspaces', async () => 'sent', controller.signal));
    await new Promise((resolve) => setImmediate(resolve));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort(new Error('stop'));
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(29);
    expect(queues.stats()).toEqual({ inFlight: 0, queued: 0 });
  });

  it('keeps the tagging API on its own bucket: GetResources does not spend the WorkSpaces budget', async () => {
    const queues = new ApiQueues({ totalRate: { perSecond: 0.001, burst: 1 } });
    await queues.run('DescribeWorkspaces', async () => {});
    await expect(queues.run('GetResources', async () => 'tags')).resolves.toBe('tags');
  });
});
