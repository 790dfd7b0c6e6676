/**
 * Composition of the daemon: spec store + reconcile loop + metrics + notifier + HTTP server
 * (status page, JSON, control) + cron. Reconciles once at start, then on the schedule; `stop()`
 * is the graceful shutdown (stop scheduling, abort waits, drain in-flight runs within a budget,
 * drop undelivered notifications, close the server).
 */
import type { Logger } from 'pino';
import type { ConnectionOptions } from '../engine/reconcile.js';
import { silentLogger } from '../log/logger.js';
import { DEFAULT_LISTEN_PORT } from './listen-port.js';
import { logEvent } from './log-event.js';
import { ReconcileLoop, type Delay, type ReconcileFn, type SpecCheck } from './loop.js';
import { DaemonMetrics } from './metrics.js';
import { assertValidSchedule, DEFAULT_SCHEDULE, intervalMsOf, maxJitterMsFor, startSchedule, type Schedule } from './schedule.js';
import { startDaemonServer } from './server.js';
import { FileSpecStore, type SpecStore } from './spec-store.js';
import { buildEnvironmentDetail, buildStatusReport, type StatusContext } from './status-report.js';
import { EMPTY_DAEMON_CONFIG, subscriptionsOf, type DaemonConfig } from './daemon-config.js';
import { Notifier } from './notifier.js';
import { renderEnvironmentPage, renderOverviewPage } from './status-page.js';
import { SYNC_STATES, type SyncState } from './environment-state.js';
import { WebhookSender, type WebhookSenderOptions } from './webhook-sender.js';

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
  /** Environments of one account and Region at the same time (other accounts run alongside). @default 2 */
  readonly concurrency?: number;
  /** Environments at the same time over all accounts. @default unlimited */
  readonly maxParallel?: number;
  /** @default false */
  readonly allowDestroy?: boolean;
  /** /readyz turns 503 once an environment has been failing this long. @default 900 */
  readonly readyFailureSeconds?: number;
  /** Budget for in-flight runs at shutdown (the whole shutdown must fit in 10 s). @default 8000 */
  readonly drainMs?: number;
  readonly logger?: Logger;
  /** Bearer token of the control endpoints; without one they are disabled. */
  readonly controlToken?: string;
  /** Webhooks and per-environment overrides (`--config`). */
  readonly config?: DaemonConfig;
  /** Runs kept per environment for the status page. @default 20 */
  readonly historySize?: number;
  /** Base URL of the status page as users reach it, for links in notifications. */
  readonly publicUrl?: string;
  /** Retry tuning of webhook deliveries (tests shorten the delays). */
  readonly webhookDelivery?: Omit<WebhookSenderOptions, 'logger'>;
  /** For tests. */
  readonly store?: SpecStore;
  readonly metrics?: DaemonMetrics;
  readonly delay?: Delay;
}

export interface RunningDaemon {
  readonly url: string;
  readonly loop: ReconcileLoop;
  readonly metrics: DaemonMetrics;
  readonly webhooks: WebhookSender;
  /** Graceful shutdown; resolves true when in-flight runs finished within the budget. */
  stop(): Promise<boolean>;
}

export { DEFAULT_LISTEN_PORT } from './listen-port.js';
export const DEFAULT_READY_FAILURE_SECONDS = 900;

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const schedule = options.schedule ?? DEFAULT_SCHEDULE;
  assertValidSchedule(schedule);
  const mode = options.mode ?? 'apply';
  const logger = options.logger ?? silentLogger();
  const metrics = options.metrics ?? new DaemonMetrics();
  const readyThresholdMs = (options.readyFailureSeconds ?? DEFAULT_READY_FAILURE_SECONDS) * 1000;
  const config = options.config ?? EMPTY_DAEMON_CONFIG;
  const webhooks = new WebhookSender({ ...options.webhookDelivery, logger });
  const notifier = new Notifier({ mode, sender: webhooks, subscriptionsFor: (env) => subscriptionsOf(config, env), publicUrl: options.publicUrl });
  const loop = new ReconcileLoop({
    store: options.store ?? new FileSpecStore(options.specPath),
    reconcileFn: options.reconcileFn,
    checkSpec: options.checkSpec,
    mode,
    connection: options.connection,
    connectionFor: (env) => connectionOf(options.connection, config, env),
    allowDestroy: options.allowDestroy,
    concurrency: options.concurrency,
    ...(options.maxParallel === undefined ? {} : { maxParallel: options.maxParallel }),
    maxJitterMs: maxJitterMsFor(intervalMsOf(schedule)),
    metrics,
    logger,
    delay: options.delay,
    historySize: options.historySize,
    onEnvironmentChanged: (state) => notifier.environmentChanged(state),
    onEnvironmentRemoved: (env) => notifier.environmentRemoved(env),
  });
  let cronTask: Schedule | undefined;
  const context = (): StatusContext => ({
    mode,
    schedule,
    readiness: loop.readiness(readyThresholdMs),
    control: options.controlToken !== undefined,
    nextScheduledRun: cronTask?.nextRun()?.toISOString(),
  });
  const stateOf = (env: string) => loop.states().find((state) => state.env === env);
  const server = await startDaemonServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? DEFAULT_LISTEN_PORT,
    metrics,
    readiness: () => loop.readiness(readyThresholdMs),
    status: () => buildStatusReport(loop.states(), context()),
    views: {
      overviewPage: (query) =>
        renderOverviewPage(buildStatusReport(loop.states(), context()), { text: query.get('q') || undefined, sync: syncFilterOf(query.get('state')) }),
      environmentPage: (env) => {
        const state = stateOf(env);
        return state && renderEnvironmentPage(buildEnvironmentDetail(state, mode), context());
      },
      environment: (env) => {
        const state = stateOf(env);
        return state && buildEnvironmentDetail(state, mode);
      },
    },
    control: { reconcile: (env) => loop.requestReconcile(env), suspend: (env) => loop.suspend(env), resume: (env) => loop.resume(env) },
    controlToken: options.controlToken,
    logger,
  });
  cronTask = startSchedule(schedule, () => void loop.tick('schedule'));
  logEvent(logger, 'WSR_I5001', {
    url: server.url,
    specPath: options.specPath,
    schedule,
    mode,
    concurrency: options.concurrency ?? 2,
    allowDestroy: options.allowDestroy ?? false,
    control: options.controlToken !== undefined,
    webhooks: config.webhooks.length + Object.values(config.environments).reduce((n, env) => n + env.webhooks.length, 0),
  });
  void loop.tick('start');

  let stopping: Promise<boolean> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logEvent(logger, 'WSR_I5010', {});
      await cronTask?.stop();
      const drained = await loop.stop(options.drainMs ?? 8_000);
      if (!drained) logEvent(logger, 'WSR_W5012', { drainMs: options.drainMs ?? 8_000 });
      webhooks.stop();
      await server.close();
      logEvent(logger, 'WSR_I5011', { drained });
      return drained;
    })();
    return stopping;
  };
  return { url: server.url, loop, metrics, webhooks, stop };
}

function connectionOf(base: ConnectionOptions, config: DaemonConfig, env: string): ConnectionOptions {
  const endpoint = config.environments[env]?.endpoint;
  return endpoint === undefined ? base : { ...base, endpoint };
}

function syncFilterOf(value: string | null): SyncState | undefined {
  return (SYNC_STATES as readonly (string | null)[]).includes(value) ? (value as SyncState) : undefined;
}
