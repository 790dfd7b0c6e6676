/**
 * Composition of the daemon: spec store + reconcile loop + metrics + HTTP server + cron.
 * Reconciles once at start, then on the schedule; `stop()` is the graceful shutdown
 * (stop scheduling, abort waits, drain in-flight runs within a budget, close the server).
 */
import type { Logger } from 'pino';
import type { ConnectionOptions } from '../engine/reconcile.js';
import { silentLogger } from '../log/logger.js';
import { logEvent } from './log-event.js';
import { ReconcileLoop, type Delay, type ReconcileFn, type SpecCheck } from './loop.js';
import { DaemonMetrics } from './metrics.js';
import { assertValidSchedule, DEFAULT_SCHEDULE, intervalMsOf, maxJitterMsFor, startSchedule } from './schedule.js';
import { startDaemonServer } from './server.js';
import { FileSpecStore, type SpecStore } from './spec-store.js';
import { buildStatusReport } from './status-report.js';

export interface DaemonOptions {
  /** A spec file, or a directory of `*.yaml|*.yml` (one environment each). */
  readonly specPath: string;
  readonly reconcileFn: ReconcileFn;
  readonly checkSpec: SpecCheck;
  readonly connection: ConnectionOptions;
  /** @default 'apply' */
  readonly mode?: 'plan' | 'apply';
  /** @default DEFAULT_SCHEDULE (every 5 minutes) */
  readonly schedule?: string;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default 9464; 0 picks a free port */
  readonly port?: number;
  /** @default 2 */
  readonly concurrency?: number;
  /** @default false */
  readonly allowDestroy?: boolean;
  /** /readyz turns 503 once an environment has been failing this long. @default 900 */
  readonly readyFailureSeconds?: number;
  /** Budget for in-flight runs at shutdown (the whole shutdown must fit in 10 s). @default 8000 */
  readonly drainMs?: number;
  readonly logger?: Logger;
  /** For tests. */
  readonly store?: SpecStore;
  readonly metrics?: DaemonMetrics;
  readonly delay?: Delay;
}

export interface RunningDaemon {
  readonly url: string;
  readonly loop: ReconcileLoop;
  readonly metrics: DaemonMetrics;
  /** Graceful shutdown; resolves true when in-flight runs finished within the budget. */
  stop(): Promise<boolean>;
}

export const DEFAULT_LISTEN_PORT = 9464;
export const DEFAULT_READY_FAILURE_SECONDS = 900;

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const schedule = options.schedule ?? DEFAULT_SCHEDULE;
  assertValidSchedule(schedule);
  const mode = options.mode ?? 'apply';
  const logger = options.logger ?? silentLogger();
  const metrics = options.metrics ?? new DaemonMetrics();
  const readyThresholdMs = (options.readyFailureSeconds ?? DEFAULT_READY_FAILURE_SECONDS) * 1000;
  const loop = new ReconcileLoop({
    store: options.store ?? new FileSpecStore(options.specPath),
    reconcileFn: options.reconcileFn,
    checkSpec: options.checkSpec,
    mode,
    connection: options.connection,
    allowDestroy: options.allowDestroy,
    concurrency: options.concurrency,
    maxJitterMs: maxJitterMsFor(intervalMsOf(schedule)),
    metrics,
    logger,
    delay: options.delay,
  });
  const server = await startDaemonServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? DEFAULT_LISTEN_PORT,
    metrics,
    readiness: () => loop.readiness(readyThresholdMs),
    status: () => buildStatusReport(loop.states(), { mode, schedule, readiness: loop.readiness(readyThresholdMs) }),
  });
  const cronTask = startSchedule(schedule, () => void loop.tick('schedule'));
  logEvent(logger, 'WSR_I5001', { url: server.url, specPath: options.specPath, schedule, mode, concurrency: options.concurrency ?? 2, allowDestroy: options.allowDestroy ?? false });
  void loop.tick('start');

  let stopping: Promise<boolean> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logEvent(logger, 'WSR_I5010', {});
      await cronTask.stop();
      const drained = await loop.stop(options.drainMs ?? 8_000);
      if (!drained) logEvent(logger, 'WSR_W5012', { drainMs: options.drainMs ?? 8_000 });
      await server.close();
      logEvent(logger, 'WSR_I5011', { drained });
      return drained;
    })();
    return stopping;
  };
  return { url: server.url, loop, metrics, stop };
}
