/**
 * `wsr daemon <spec-file-or-dir>`: continuous reconcile with the status page (/), /healthz,
 * /readyz, /metrics, /status, control endpoints (with a bearer token) and webhooks (--config).
 */
import type { Command } from 'commander';
import { SpecError } from '../../errors.js';
import { reconcile } from '../../engine/reconcile.js';
import { createLogger } from '../../log/logger.js';
import { logEvent } from '../../daemon/log-event.js';
import { checkSpecText } from '../../daemon/check-spec-text.js';
import { DEFAULT_LISTEN_PORT, DEFAULT_READY_FAILURE_SECONDS, startDaemon } from '../../daemon/run-daemon.js';
import { DEFAULT_SCHEDULE } from '../../daemon/schedule.js';
import { assertControlListenSafe, resolveControlToken, CONTROL_TOKEN_ENV } from '../../daemon/control-access.js';
import { loadDaemonConfig } from '../../daemon/daemon-config.js';
import { DEFAULT_HISTORY_SIZE } from '../../daemon/loop.js';
import { globalOptionsOf, loggerOptionsOf } from '../global-options.js';

interface DaemonCommandOptions {
  readonly schedule: string;
  readonly mode: string;
  readonly listen: string;
  readonly concurrency: string;
  readonly allowDestroy?: boolean;
  readonly readyFailureSeconds: string;
  readonly control?: boolean;
  readonly controlTokenFile?: string;
  readonly config?: string;
  readonly history: string;
  readonly publicUrl?: string;
}

/** Past this the process exits even if a socket or timer lingers (the contract is 10 s). */
const HARD_EXIT_MS = 9_500;

export function registerDaemonCommand(program: Command): void {
  program
    .command('daemon')
    .description('reconcile on a schedule; serve the status page (/), /healthz, /readyz, /metrics, /status and control endpoints')
    .argument('<spec>', 'a spec file, or a directory of *.yaml|*.yml specs (one environment each)')
    .option('--schedule <cron>', 'cron expression (a leading seconds field is allowed)', DEFAULT_SCHEDULE)
    .option('--mode <mode>', 'apply: repair drift; plan: only report it', 'apply')
    .option('--listen <host:port>', 'address of the HTTP endpoints', `127.0.0.1:${DEFAULT_LISTEN_PORT}`)
    .option(
      '--concurrency <n>',
      'environments of one account and Region reconciled at the same time (accounts run in parallel, each within its own API budget)',
      '2',
    )
    .option('--allow-destroy', 'allow destructive steps in apply mode')
    .option('--ready-failure-seconds <n>', '/readyz fails once an environment has been failing this long', String(DEFAULT_READY_FAILURE_SECONDS))
    .option('--control', `serve POST /api/v1/environments/ENV/{reconcile,suspend,resume} (needs a bearer token: --control-token-file or ${CONTROL_TOKEN_ENV})`)
    .option('--control-token-file <file>', 'file holding the bearer token of the control endpoints (implies --control)')
    .option('--config <file>', 'daemon config: webhooks (global and per environment) and per-environment endpoint overrides')
    .option('--history <n>', 'runs kept per environment for the status page', String(DEFAULT_HISTORY_SIZE))
    .option('--public-url <url>', 'the status page URL as users reach it, for links in notifications')
    .action(async (spec: string, options: DaemonCommandOptions, command: Command) => {
      await runDaemonCommand(spec, options, command);
    });
}

async function runDaemonCommand(specPath: string, options: DaemonCommandOptions, command: Command): Promise<void> {
  const global = globalOptionsOf(command);
  const listen = parseListen(options.listen);
  const logger = createLogger(loggerOptionsOf(global));
  const control = {
    requested: options.control === true || options.controlTokenFile !== undefined || process.env[CONTROL_TOKEN_ENV] !== undefined,
    tokenFile: options.controlTokenFile,
  };
  const controlToken = await resolveControlToken(control);
  assertControlListenSafe(listen.host, control, controlToken);
  const config = options.config === undefined ? undefined : loadDaemonConfig(options.config);
  const daemon = await startDaemon({
    specPath,
    reconcileFn: reconcile,
    checkSpec: checkSpecText,
    connection: {
      region: global.region,
      profile: global.profile,
      endpoint: global.endpoint,
      emulator: global.emulator,
      emulatorStateFile: global.emulatorState,
    },
    mode: parseMode(options.mode),
    schedule: options.schedule,
    host: listen.host,
    port: listen.port,
    // runs against the embedded emulator share one state file: one at a time
    concurrency: global.emulator ? 1 : parsePositiveInt('--concurrency', options.concurrency, 1),
    ...(global.emulator ? { maxParallel: 1 } : {}),
    allowDestroy: options.allowDestroy ?? false,
    readyFailureSeconds: parsePositiveInt('--ready-failure-seconds', options.readyFailureSeconds, 0),
    historySize: parsePositiveInt('--history', options.history, 1),
    controlToken,
    config,
    publicUrl: options.publicUrl,
    logger,
  });
  if (control.requested && controlToken === undefined)
    logEvent(logger, 'WSR_W5017', {
      reason: 'disabled',
      detail: `--control without a token: control endpoints answer 403 (set ${CONTROL_TOKEN_ENV} or --control-token-file)`,
    });
  // the one stdout line: scripts and tests learn the bound address (port 0 picks a free one)
  process.stdout.write(`listening on ${daemon.url}\n`);
  await untilSignal();
  const hardExit = setTimeout(() => process.exit(0), HARD_EXIT_MS);
  hardExit.unref();
  await daemon.stop();
  logger.flush();
  process.exitCode = 0;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value) ?? /^()()(\d{1,5})$/.exec(value);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65_535) {
    throw new SpecError('DAEMON_LISTEN_INVALID', `--listen expects HOST:PORT, got "${value}"`, {
      hint: 'e.g. 127.0.0.1:9464, 0.0.0.0:9464 in a container, or :0 for a free port',
    });
  }
  return { host: match[1] || match[2] || '127.0.0.1', port };
}

function parseMode(value: string): 'plan' | 'apply' {
  if (value === 'plan' || value === 'apply') return value;
  throw new SpecError('DAEMON_MODE_INVALID', `--mode expects plan or apply, got "${value}"`);
}

function parsePositiveInt(flag: string, value: string, min: number): number {
  const number = Number(value);
  if (Number.isInteger(number) && number >= min) return number;
  throw new SpecError('DAEMON_FLAG_INVALID', `${flag} expects an integer ≥ ${min}, got "${value}"`);
}
