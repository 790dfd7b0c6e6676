/**
 * An ApiPort that sends each call through the executor's limiter (ApiQueues: per-operation
 * and/or total token-bucket windows). Reads used to go back to back and let the SDK's retries
 * absorb the throttling, but every throttled attempt still spends the account's budget, which
 * other tools share; pacing on our side keeps the attempts we make the ones that succeed.
 */
import type { ApiPort } from '../model/api-port.js';
import type { OperationInput, OperationName, OperationOutput } from '../model/api-operations.js';
import { ApiQueues, type QueueOptions } from '../limiter/queues.js';
import { WsrError } from '../errors.js';

export class PacedPort implements ApiPort {
  readonly queues: ApiQueues;

  constructor(
    private readonly inner: ApiPort,
    queues: ApiQueues | QueueOptions = {},
    /** Stops calls still waiting for a rate slot (their promise rejects with the signal's reason). */
    private readonly signal?: AbortSignal,
  ) {
    this.queues = queues instanceof ApiQueues ? queues : new ApiQueues(queues);
  }

  async call<O extends OperationName>(operation: O, input: OperationInput<O>): Promise<OperationOutput<O>> {
    try {
      return await this.queues.run(operation, () => this.inner.call(operation, input), this.signal);
    } catch (error) {
      if (!this.signal?.aborted || error !== this.signal.reason) throw error;
      throw new WsrError('READ_ABORTED', `the read was aborted while ${operation} waited for a rate slot; live state is incomplete and nothing was planned`, {
        cause: error,
      });
    }
  }
}
