import { describe, expect, it } from 'vitest';
import { ApiQueues, DEFAULT_TOTAL_RATE, rateWindow } from '../../../src/apply/queues.js';

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

  it('turns a token bucket into a sliding window of burst calls per burst/rate seconds', () => {
    expect(rateWindow({ perSecond: 2, burst: 5 })).toEqual({ intervalCap: 5, interval: 2500 });
    expect(rateWindow({ perSecond: 10, burst: 1 })).toEqual({ intervalCap: 1, interval: 100 });
    expect(() => rateWindow({ perSecond: 0, burst: 5 })).toThrow(RangeError);
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
