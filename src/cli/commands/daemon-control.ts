/**
 * Talking to a running daemon, Flux-style: `wsr status` (a table like `flux get`),
 * `wsr reconcile ENV` (run now and wait for the result), `wsr suspend ENV`, `wsr resume ENV`.
 * The daemon URL comes from --daemon, then WSR_DAEMON_URL, then http://127.0.0.1:9464; the
 * control token from --token-file, then WSR_CONTROL_TOKEN (never from a flag value, which
 * would show in `ps`).
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { WsrError } from '../../errors.js';
import { CONTROL_TOKEN_ENV } from '../../daemon/control-access.js';
import { DEFAULT_LISTEN_PORT } from '../../daemon/listen-port.js';
import type { ControlAction } from '../../daemon/server.js';
import type { EnvironmentStatus, StatusReport } from '../../daemon/status-report.js';
import { duration } from '../../daemon/status-page.js';

export const DAEMON_URL_ENV = 'WSR_DAEMON_URL';
const DEFAULT_DAEMON_URL = `http://127.0.0.1:${DEFAULT_LISTEN_PORT}`;
const POLL_MS = 300;

interface DaemonClientOptions {
  readonly daemon?: string;
  readonly tokenFile?: string;
}

const DAEMON_OPTION = ['--daemon <url>', `daemon address (default: ${DAEMON_URL_ENV}, then ${DEFAULT_DAEMON_URL})`] as const;
const TOKEN_OPTION = ['--token-file <file>', `file holding the control token (default: ${CONTROL_TOKEN_ENV})`] as const;

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show every environment of a running daemon (state, readiness, last run)')
    .option(...DAEMON_OPTION)
    .option('--format <format>', 'table|json', 'table')
    .action(async (options: DaemonClientOptions & { format: string }) => {
      const report = (await requestDaemon(daemonUrlOf(options), 'GET', '/status')) as StatusReport;
      if (options.format === 'json') return void process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      if (options.format !== 'table') throw new WsrError('CLI_FLAG_INVALID', `--format expects table or json, got "${options.format}"`, { source: 'user' });
      process.stdout.write(renderStatusTable(report.environments, Date.now()));
    });
}

export function registerReconcileCommand(program: Command): void {
  program
    .command('reconcile')
    .description('reconcile one environment of a running daemon now, and wait for the result')
    .argument('<env>', 'environment name as `wsr status` shows it')
    .option(...DAEMON_OPTION)
    .option(...TOKEN_OPTION)
    .option('--no-wait', 'return once the run is queued')
    .option('--timeout <seconds>', 'give up waiting after this long', '600')
    .action(async (env: string, options: DaemonClientOptions & { wait: boolean; timeout: string }) => {
      const url = daemonUrlOf(options);
      const answer = (await control(url, options, env, 'reconcile')) as { outcome: string };
      process.stdout.write(`reconcile of ${env} requested (${answer.outcome})\n`);
      if (!options.wait) return;
      const status = await waitForRun(url, env, Number(options.timeout) * 1000);
      process.stdout.write(`${runLine(status)}\n`);
      if (status.condition.type !== 'Ready') process.exitCode = 1;
    });
}

export function registerSuspendCommand(program: Command): void {
  registerSwitch(program, 'suspend', 'stop scheduled reconciles of one environment (until resume or a daemon restart)', 'suspended');
}

export function registerResumeCommand(program: Command): void {
  registerSwitch(program, 'resume', 'schedule a suspended environment again and reconcile it now', 'resumed');
}

function registerSwitch(program: Command, action: 'suspend' | 'resume', description: string, done: string): void {
  program
    .command(action)
    .description(description)
    .argument('<env>', 'environment name as `wsr status` shows it')
    .option(...DAEMON_OPTION)
    .option(...TOKEN_OPTION)
    .action(async (env: string, options: DaemonClientOptions) => {
      await control(daemonUrlOf(options), options, env, action);
      process.stdout.write(`${env} ${done}\n`);
    });
}

/** `flux get`-like: one row per environment, fixed columns, MESSAGE last. */
export function renderStatusTable(environments: readonly EnvironmentStatus[], nowMs: number): string {
  const header = ['NAME', 'STATE', 'READY', 'SUSPENDED', 'LAST RUN', 'DURATION', 'CALLS', 'MESSAGE'];
  const rows = environments.map((env) => [
    env.env,
    env.sync,
    env.condition.type === 'Ready' ? 'True' : env.condition.type === 'Stalled' ? 'False' : 'Unknown',
    env.suspended ? 'True' : 'False',
    env.lastRun ? `${age(nowMs - Date.parse(env.lastRun.startedAt))} ago` : '-',
    env.lastRun ? duration(env.lastRun.ms) : '-',
    env.lastRun ? String(env.lastRun.apiCalls) : '-',
    `${env.condition.reason}: ${env.condition.message}`,
  ]);
  if (rows.length === 0) return 'no environments\n';
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  return `${[header, ...rows].map(line).join('\n')}\n`;
}

function age(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${Math.round(seconds / 3600)}h`;
}

function runLine(env: EnvironmentStatus): string {
  const run = env.lastRun;
  const facts = run ? ` · last run ${run.result} in ${duration(run.ms)}, ${run.apiCalls} API calls, ${run.throttled} throttled` : '';
  return `${env.env}: ${env.sync} · ${env.condition.type} ${env.condition.reason}: ${env.condition.message}${facts}`;
}

/** Polls until the run (and any run queued behind it) is over; `running` is set when the request is accepted. */
async function waitForRun(url: string, env: string, timeoutMs: number): Promise<EnvironmentStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await requestDaemon(url, 'GET', `/api/v1/environments/${encodeURIComponent(env)}`)) as EnvironmentStatus;
    if (!status.running) return status;
    if (Date.now() > deadline)
      throw new WsrError('DAEMON_WAIT_TIMEOUT', `${env} still reconciling after ${Math.round(timeoutMs / 1000)} s; see wsr status`, { source: 'user' });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function control(url: string, options: DaemonClientOptions, env: string, action: ControlAction): Promise<unknown> {
  const token = await tokenOf(options);
  return requestDaemon(url, 'POST', `/api/v1/environments/${encodeURIComponent(env)}/${action}`, token);
}

async function tokenOf(options: DaemonClientOptions): Promise<string | undefined> {
  if (options.tokenFile === undefined) return process.env[CONTROL_TOKEN_ENV]?.trim() || undefined;
  try {
    return (await readFile(options.tokenFile, 'utf8')).trim();
  } catch (error) {
    throw new WsrError('CONTROL_TOKEN_UNREADABLE', `--token-file ${options.tokenFile}: ${(error as Error).message}`, { source: 'user' });
  }
}

function daemonUrlOf(options: DaemonClientOptions): string {
  const url = options.daemon ?? process.env[DAEMON_URL_ENV] ?? DEFAULT_DAEMON_URL;
  if (!/^https?:\/\/[^/]+/.test(url)) throw new WsrError('CLI_FLAG_INVALID', `--daemon expects http(s)://HOST:PORT, got "${url}"`, { source: 'user' });
  return url.replace(/\/+$/, '');
}

/** One request; a daemon's error answer becomes a WsrError with the daemon's code. */
async function requestDaemon(url: string, method: 'GET' | 'POST', path: string, token?: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
    const why = cause?.code ?? cause?.errors?.[0]?.code ?? (error as Error).message;
    throw new WsrError('DAEMON_UNREACHABLE', `no daemon answered at ${url} (${why})`, {
      source: 'user',
      hint: `start one with wsr daemon, or point --daemon / ${DAEMON_URL_ENV} at it`,
    });
  }
  const body = (await response.json().catch(() => ({}))) as { code?: string; error?: string };
  if (response.ok) return body;
  const code = body.code ?? (response.status === 404 ? 'ENVIRONMENT_UNKNOWN' : 'DAEMON_REQUEST_FAILED');
  const hint = response.status === 401 ? `set ${CONTROL_TOKEN_ENV} or --token-file to the daemon's control token` : undefined;
  throw new WsrError(code, `${method} ${path}: HTTP ${response.status}: ${body.error ?? 'no detail'}`, { source: 'user', ...(hint ? { hint } : {}) });
}
