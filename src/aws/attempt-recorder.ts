/**
 * Counts every HTTP attempt a client makes — including the ones the SDK retries internally —
 * by operation, debug-logs each one and reports it as an `api.call` event. It sits in the
 * SDK's `deserialize` step, which runs inside the retry loop, so a call throttled twice and
 * then answered counts 3: the number the API (and its rate limit) actually saw.
 */
import type { Logger } from 'pino';
import type { EngineEvents } from '../model/engine-events.js';
import { isThrottlingError } from './errors.js';

export interface AttemptRecorderOptions {
  readonly events?: EngineEvents;
  /** Receives one debug line per attempt (operation, requestId, attempt, ms). */
  readonly logger?: Logger;
  /** Milliseconds clock for attempt durations. @default performance.now */
  readonly now?: () => number;
}

export interface ApiAttempt {
  readonly operation: string;
  readonly outcome: 'ok' | 'error' | 'throttled';
  /** 1 for the first try, 2.. for SDK retries (from the `amz-sdk-request` header). */
  readonly attempt: number;
  readonly ms: number;
  readonly requestId?: string;
  readonly errorCode?: string;
  readonly httpStatus?: number;
}

/** The structural part of an SDK v3 client this needs (WorkSpacesClient, STSClient). */
export interface MiddlewareClient {
  readonly middlewareStack: { add(middleware: any, options: Record<string, unknown>): void };
}

const MIDDLEWARE_NAME = 'wsrAttemptRecorder';

interface SdkHandlerArgs {
  readonly request?: { readonly headers?: Record<string, string> };
}

interface SdkResponse {
  readonly response?: { readonly statusCode?: number; readonly headers?: Record<string, string> };
  readonly output?: { readonly $metadata?: { readonly requestId?: string; readonly httpStatusCode?: number } };
}

export class AttemptRecorder {
  private readonly counts: Record<string, number> = {};
  private readonly throttledCounts: Record<string, number> = {};
  private readonly now: () => number;

  constructor(private readonly options: AttemptRecorderOptions = {}) {
    this.now = options.now ?? (() => performance.now());
  }

  /** HTTP attempts so far, by operation. */
  calls(): Record<string, number> {
    return { ...this.counts };
  }

  /** Attempts answered with a throttling error, by operation. */
  throttled(): Record<string, number> {
    return { ...this.throttledCounts };
  }

  /** Sum of all attempts. */
  total(): number {
    return Object.values(this.counts).reduce((sum, n) => sum + n, 0);
  }

  record(attempt: ApiAttempt): void {
    this.counts[attempt.operation] = (this.counts[attempt.operation] ?? 0) + 1;
    if (attempt.outcome === 'throttled') {
      this.throttledCounts[attempt.operation] = (this.throttledCounts[attempt.operation] ?? 0) + 1;
    }
    this.options.logger?.debug({ code: 'WSR_D2001', ...attempt }, 'api attempt');
    this.options.events?.emit({
      type: 'api.call',
      operation: attempt.operation,
      outcome: attempt.outcome,
      ms: attempt.ms,
      ...(attempt.errorCode ? { errorCode: attempt.errorCode } : {}),
    });
  }

  /** Install on a client (replacing an earlier recorder on the same client). */
  attachTo(client: MiddlewareClient): void {
    client.middlewareStack.add(this.middleware(), { step: 'deserialize', priority: 'high', name: MIDDLEWARE_NAME, override: true });
  }

  private middleware() {
    return (next: (args: SdkHandlerArgs) => Promise<SdkResponse>, context: { commandName?: string }) =>
      async (args: SdkHandlerArgs): Promise<SdkResponse> => {
        const operation = operationOf(context.commandName);
        const attempt = attemptNumberOf(args.request?.headers);
        const started = this.now();
        try {
          const result = await next(args);
          this.record({
            operation,
            outcome: 'ok',
            attempt,
            ms: Math.round(this.now() - started),
            requestId: result.output?.$metadata?.requestId ?? result.response?.headers?.['x-amzn-requestid'],
            httpStatus: result.response?.statusCode,
          });
          return result;
        } catch (error) {
          const e = (error ?? {}) as { name?: string; $metadata?: { requestId?: string; httpStatusCode?: number } };
          this.record({
            operation,
            outcome: isThrottlingError(error) ? 'throttled' : 'error',
            attempt,
            ms: Math.round(this.now() - started),
            requestId: e.$metadata?.requestId,
            errorCode: e.name,
            httpStatus: e.$metadata?.httpStatusCode,
          });
          throw error;
        }
      };
  }
}

/** `DescribeWorkspacesCommand` → `DescribeWorkspaces`. */
export function operationOf(commandName: string | undefined): string {
  if (!commandName) return 'Unknown';
  return commandName.endsWith('Command') ? commandName.slice(0, -'Command'.length) : commandName;
}

/** The SDK's retry middleware stamps `amz-sdk-request: attempt=N; max=M` on every attempt. */
export function attemptNumberOf(headers: Record<string, string> | undefined): number {
  const value = headers?.['amz-sdk-request'];
  const match = value ? /attempt=(\d+)/.exec(value) : null;
  return match ? Number(match[1]) : 1;
}
