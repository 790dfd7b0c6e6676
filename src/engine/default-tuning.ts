/**
 * The executor's and the reader's defaults for an endpoint. Real AWS: about 2 calls/s in total
 * with a burst of 5 (reported account limit), polls from 1 s backing off to 30 s. A loopback
 * endpoint is the emulator, which by default limits each operation to 2/s with a burst of 5 and
 * runs transitions on a fast clock: match its per-operation buckets and poll quickly.
 */
import { isLoopbackEndpoint } from '../aws/client.js';
import type { QueueOptions } from '../limiter/queues.js';
import type { WaitOptions } from '../apply/waiter.js';

export interface DefaultTuning {
  readonly queues: QueueOptions;
  readonly waits: WaitOptions;
}

export function defaultTuning(endpoint: string | undefined): DefaultTuning {
  if (endpoint !== undefined && isLoopbackEndpoint(endpoint)) {
    return {
      queues: { totalRate: false, familyRate: { perSecond: 2, burst: 5 }, concurrency: 4 },
      waits: { initialPollMs: 100, maxPollMs: 500, factor: 1.5 },
    };
  }
  return { queues: {}, waits: {} };
}
