/** Options every command accepts (the design's CLI contract). */
import type { Command } from 'commander';
import type { Logger } from 'pino';

export interface GlobalOptions {
  readonly region?: string;
  readonly profile?: string;
  /** Explicit endpoint; also AWS_ENDPOINT_URL_WORKSPACES / AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  /** Start the embedded emulator in-process (state kept in --emulator-state). */
  readonly emulator?: boolean;
  /** @default '.wsr/emulator-state.json' */
  readonly emulatorState: string;
  /** @default 'warn' when stderr is a terminal (the progress line speaks there), else 'info' */
  readonly logLevel?: string;
  readonly logFormat?: 'json' | 'pretty';
  /** false with --no-color. */
  readonly color: boolean;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--region <region>', "AWS Region (default: the spec's metadata.region, then the SDK chain)")
    .option('--profile <name>', 'shared-config profile for credentials')
    .option('--endpoint <url>', 'WorkSpaces endpoint (also AWS_ENDPOINT_URL_WORKSPACES / AWS_ENDPOINT_URL)')
    .option('--emulator', 'start the embedded emulator in-process and talk to it')
    .option('--emulator-state <file>', 'state file of the embedded emulator', '.wsr/emulator-state.json')
    .option('--log-level <level>', 'trace|debug|info|warn|error|silent (default: warn on a terminal, else info)')
    .option('--log-format <format>', 'json|pretty (default: pretty on a TTY, else json)')
    .option('--no-color', 'no ANSI colours in plans, progress or logs (also NO_COLOR=1)');
}

export function globalOptionsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/**
 * Colour only for a person at a terminal, never with --no-color or NO_COLOR set to anything
 * non-empty (no-color.org).
 */
export function useColor(global: Pick<GlobalOptions, 'color'>, stream: { readonly isTTY?: boolean } = process.stdout): boolean {
  return global.color !== false && !process.env.NO_COLOR && stream.isTTY === true;
}

/** Logger settings from the global flags: level, format and colour of the stderr logs. */
export function loggerOptionsOf(global: GlobalOptions): { level: string; format?: 'json' | 'pretty'; color: boolean } {
  const level = global.logLevel ?? (process.stderr.isTTY ? 'warn' : 'info');
  return { level, ...(global.logFormat ? { format: global.logFormat } : {}), color: useColor(global, process.stderr) };
}

/** What the engine needs to open a session, from the global flags. */
export function connectionOptionsOf(global: GlobalOptions, logger: Logger) {
  return {
    region: global.region,
    profile: global.profile,
    endpoint: global.endpoint,
    emulator: global.emulator ?? false,
    emulatorStateFile: global.emulatorState,
    logger,
  };
}
