/** `wsr emulator`: the local WorkSpaces API as a long-running process. */
import type { Command } from 'commander';
import { WsrError } from '../../errors.js';
import { REALISMS, startEmulator, type EmulatorOptions, type RealismMode } from '../../emulator/index.js';
import { RATE_LIMIT_SCOPES, type RateLimitScope } from '../../emulator/faults.js';

interface EmulatorCommandOptions {
  readonly host: string;
  readonly adminToken?: string;
  readonly port: string;
  readonly seed?: string;
  readonly stateFile?: string;
  readonly timeScale: string;
  readonly latency: string;
  readonly throttleRate: string;
  readonly failRate: string;
  readonly randomSeed?: string;
  readonly rateLimit: string;
  readonly burst: string;
  readonly rateLimits: boolean;
  readonly rateLimitScope: string;
  readonly pageSize: string;
  readonly realism: string;
  readonly readAfterCreate?: string;
  readonly tagPropagation?: string;
}

export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description('run the local Amazon WorkSpaces API emulator (AWS JSON 1.1) until SIGINT/SIGTERM')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0 = a free one)', '0')
    .option('--seed <file>', 'YAML/JSON seed: accounts and access keys, Regions, directories, own images, public bundles/images/applications')
    .option('--state-file <file>', 'load at start, save after every change and on exit')
    .option('--admin-token <token>', 'require Authorization: Bearer <token> on /_emulator/* (otherwise only loopback clients may use them)')
    .option('--time-scale <f>', 'realistic durations × f (0 = transitions done by the next call)', '1')
    .option('--latency <ms>', 'added to every call', '0')
    .option('--throttle-rate <r>', 'fraction of calls answered ThrottlingException', '0')
    .option('--fail-rate <r>', 'fraction of calls answered 500 InternalServerError', '0')
    .option('--random-seed <n>', 'makes throttle/fail draws deterministic')
    .option('--rate-limit <rps>', 'per-operation token bucket refill per second', '2')
    .option('--burst <n>', 'per-operation token bucket capacity', '5')
    .option('--no-rate-limits', 'disable the per-operation token buckets')
    .option(
      '--rate-limit-scope <scope>',
      'what one token bucket meters: operation (each apart) or account (all WorkSpaces operations together, as AWS meters an account)',
      'operation',
    )
    .option('--page-size <n>', 'page size when a request gives no Limit/MaxResults', '25')
    .option('--realism <mode>', "aws: AWS's windows (a new desktop is not described at once, tag changes reach GetResources late); instant: none", 'aws')
    .option('--read-after-create <s>', 'realistic seconds a new desktop stays invisible to DescribeWorkspaces (× time scale)')
    .option('--tag-propagation <s>', 'realistic seconds before GetResources shows a tag change (× time scale)')
    .action(async (options: EmulatorCommandOptions) => {
      await runEmulatorCommand(options);
    });
}

async function runEmulatorCommand(options: EmulatorCommandOptions): Promise<void> {
  const running = await startEmulator(emulatorOptionsOf(options)).catch((error: unknown) => {
    throw new WsrError('EMULATOR_START_FAILED', `emulator could not start: ${(error as Error).message}`, { source: 'user', cause: error });
  });
  // the first stdout line: scripts and tests learn the bound address (port 0 picks a free one)
  process.stdout.write(`listening on ${running.endpoint}\n`);
  if (!isLoopbackHost(options.host)) {
    process.stderr.write(
      `warning: the emulator listens on ${options.host}, beyond loopback: anyone who can reach it can call its API; its /_emulator admin routes (state dump with registration codes, reset, set-state) ${options.adminToken ? 'need --admin-token' : 'answer loopback clients only'}\n`,
    );
  }
  await untilSignal();
  await running.stop(); // saves the state file
  process.exitCode = 0;
}

export function emulatorOptionsOf(options: EmulatorCommandOptions): EmulatorOptions {
  return {
    host: options.host,
    port: integer('--port', options.port, 0, 65_535),
    ...(options.adminToken ? { adminToken: options.adminToken } : {}),
    ...(options.seed ? { seed: options.seed } : {}),
    ...(options.stateFile ? { stateFile: options.stateFile } : {}),
    timeScale: number('--time-scale', options.timeScale, 0, Infinity),
    latencyMs: number('--latency', options.latency, 0, 600_000),
    throttleRate: number('--throttle-rate', options.throttleRate, 0, 1),
    failRate: number('--fail-rate', options.failRate, 0, 1),
    ...(options.randomSeed !== undefined ? { randomSeed: integer('--random-seed', options.randomSeed, 0, 2 ** 32 - 1) } : {}),
    rateLimits: options.rateLimits
      ? { capacity: integer('--burst', options.burst, 1, 1_000_000), refillPerSecond: number('--rate-limit', options.rateLimit, Number.MIN_VALUE, 1_000_000) }
      : false,
    rateLimitScope: rateLimitScope(options.rateLimitScope),
    pageSize: integer('--page-size', options.pageSize, 1, 1000),
    realism: realismOf(options.realism),
    ...(options.readAfterCreate !== undefined ? { readAfterCreateSeconds: number('--read-after-create', options.readAfterCreate, 0, 86_400) } : {}),
    ...(options.tagPropagation !== undefined ? { tagPropagationSeconds: number('--tag-propagation', options.tagPropagation, 0, 86_400) } : {}),
  };
}

function realismOf(value: string): RealismMode {
  if ((REALISMS as readonly string[]).includes(value)) return value as RealismMode;
  throw new WsrError('EMULATOR_FLAG_INVALID', `--realism expects one of ${REALISMS.join(', ')}, got "${value}"`, { source: 'user' });
}

function rateLimitScope(value: string): RateLimitScope {
  const scope = RATE_LIMIT_SCOPES.find((candidate) => candidate === value);
  if (scope) return scope;
  throw new WsrError('EMULATOR_FLAG_INVALID', `--rate-limit-scope expects ${RATE_LIMIT_SCOPES.join(' or ')}, got "${value}"`, { source: 'user' });
}

function number(flag: string, value: string, min: number, max: number): number {
  const parsed = Number(value);
  if (value.trim() !== '' && Number.isFinite(parsed) && parsed >= min && parsed <= max) return parsed;
  throw new WsrError('EMULATOR_FLAG_INVALID', `${flag} expects a number between ${min} and ${max}, got "${value}"`, { source: 'user' });
}

function integer(flag: string, value: string, min: number, max: number): number {
  const parsed = number(flag, value, min, max);
  if (Number.isInteger(parsed)) return parsed;
  throw new WsrError('EMULATOR_FLAG_INVALID', `${flag} expects an integer, got "${value}"`, { source: 'user' });
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
