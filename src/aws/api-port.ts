/**
 * ApiPort over the real SDK: operation name → `<Operation>Command`. Counts every call by
 * operation and reports each one as an `api.call` event (metrics, logs). Reader and executor
 * both go through it, so the call counts in plans and reports are exact.
 */
import * as workspaces from '@aws-sdk/client-workspaces';
import type { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import type { ApiPort } from '../kinds/kind.js';
import type { EngineEvents } from '../engine/events.js';
import { WsrError } from '../errors.js';
import { isThrottlingError, toAwsError } from './errors.js';

type CommandConstructor = new (input: Record<string, unknown>) => unknown;

export function commandFor(operation: string): CommandConstructor {
  const command = (workspaces as unknown as Record<string, unknown>)[`${operation}Command`];
  if (typeof command !== 'function') throw new WsrError('INTERNAL_UNKNOWN_OPERATION', `no SDK command for operation ${operation}`);
  return command as CommandConstructor;
}

export interface SdkApiPortOptions {
  readonly events?: EngineEvents;
  /** Milliseconds clock for call durations. @default Date.now */
  readonly now?: () => number;
}

export class SdkApiPort implements ApiPort {
  private readonly counts: Record<string, number> = {};
  private readonly now: () => number;

  constructor(
    private readonly client: WorkSpacesClient,
    private readonly options: SdkApiPortOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Calls made so far, by operation (one per SDK command, whatever the SDK retried inside). */
  calls(): Record<string, number> {
    return { ...this.counts };
  }

  async call(operation: string, input: Record<string, unknown>): Promise<Record<string, any>> {
    const Command = commandFor(operation);
    this.counts[operation] = (this.counts[operation] ?? 0) + 1;
    const started = this.now();
    try {
      const output = (await this.client.send(new Command(input) as never)) as Record<string, any>;
      this.options.events?.emit({ type: 'api.call', operation, outcome: 'ok', ms: this.now() - started });
      return output;
    } catch (error) {
      const outcome = isThrottlingError(error) ? 'throttled' : 'error';
      const awsError = toAwsError(error, operation);
      this.options.events?.emit({ type: 'api.call', operation, outcome, ms: this.now() - started, errorCode: awsError.awsCode });
      throw awsError;
    }
  }
}
