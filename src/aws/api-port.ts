/**
 * ApiPort over the real SDK: operation name → `<Operation>Command`. Reader and executor both
 * go through it, so the call counts in plans and reports are exact. Counting, debug logging
 * and `api.call` events happen per HTTP attempt in an AttemptRecorder installed on the client
 * (so SDK-internal retries count too: that is what the API's rate limit sees).
 */
import * as workspaces from '@aws-sdk/client-workspaces';
import type { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { GetResourcesCommand, type ResourceGroupsTaggingAPIClient, TagResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import type { Logger } from 'pino';
import type { ApiPort } from '../model/api-port.js';
import type { EngineEvents } from '../model/engine-events.js';
import { WsrError } from '../errors.js';
import { toAwsError } from './errors.js';
import { AttemptRecorder } from './attempt-recorder.js';
import { isTaggingOperation } from './tagging-operations.js';

type CommandConstructor = new (input: Record<string, unknown>) => unknown;

export function commandFor(operation: string): CommandConstructor {
  const command = (workspaces as unknown as Record<string, unknown>)[`${operation}Command`];
  if (typeof command !== 'function') throw new WsrError('INTERNAL_UNKNOWN_OPERATION', `no SDK command for operation ${operation}`);
  return command as CommandConstructor;
}

/** Operations of the Resource Groups Tagging API the port serves (bulk tag reads), by name. */
const TAGGING_COMMANDS: Readonly<Record<string, CommandConstructor>> = {
  GetResources: GetResourcesCommand as unknown as CommandConstructor,
  TagResources: TagResourcesCommand as unknown as CommandConstructor,
};

export interface SdkApiPortOptions {
  readonly events?: EngineEvents;
  readonly logger?: Logger;
  /** Milliseconds clock for attempt durations. @default performance.now */
  readonly now?: () => number;
  /** Share one recorder between clients (WorkSpaces + STS of one session). @default a new one */
  readonly recorder?: AttemptRecorder;
  /**
   * Serves `GetResources` (tags of 100 resources per call); its attempts are counted by the same
   * recorder. Without it, GetResources fails with TAGGING_UNAVAILABLE and readers fall back.
   */
  readonly tagging?: ResourceGroupsTaggingAPIClient;
}

export class SdkApiPort implements ApiPort {
  private readonly commandCounts: Record<string, number> = {};
  private readonly tagging?: ResourceGroupsTaggingAPIClient;
  readonly recorder: AttemptRecorder;

  constructor(
    private readonly client: WorkSpacesClient,
    options: SdkApiPortOptions = {},
  ) {
    this.recorder = options.recorder ?? new AttemptRecorder({ events: options.events, logger: options.logger, now: options.now });
    this.recorder.attachTo(client);
    this.tagging = options.tagging;
    if (this.tagging) this.recorder.attachTo(this.tagging);
  }

  /** HTTP attempts so far, by operation (SDK-internal retries included). */
  calls(): Record<string, number> {
    return this.recorder.calls();
  }

  /** SDK commands sent so far, by operation (one per `call`, however often the SDK retried it). */
  commands(): Record<string, number> {
    return { ...this.commandCounts };
  }

  /** Closes the client's sockets (a session's close). */
  destroy(): void {
    this.client.destroy();
    this.tagging?.destroy();
  }

  async call(operation: string, input: Record<string, unknown>): Promise<Record<string, any>> {
    if (isTaggingOperation(operation)) return this.callTagging(operation, input);
    const Command = commandFor(operation);
    this.commandCounts[operation] = (this.commandCounts[operation] ?? 0) + 1;
    try {
      return (await this.client.send(new Command(input) as never)) as Record<string, any>;
    } catch (error) {
      throw toAwsError(error, operation);
    }
  }

  private async callTagging(operation: string, input: Record<string, unknown>): Promise<Record<string, any>> {
    if (!this.tagging)
      throw new WsrError('TAGGING_UNAVAILABLE', `${operation} needs a Resource Groups Tagging API client, and this port has none`, { source: 'internal' });
    this.commandCounts[operation] = (this.commandCounts[operation] ?? 0) + 1;
    try {
      return (await this.tagging.send(new TAGGING_COMMANDS[operation](input) as never)) as Record<string, any>;
    } catch (error) {
      throw toAwsError(error, operation);
    }
  }
}
