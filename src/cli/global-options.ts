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
  /** @default 'info' */
  readonly logLevel: string;
  readonly logFormat?: 'json' | 'pretty';
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--region <region>', 'AWS Region (default: the spec\'s metadata.region, then the SDK chain)')
    .option('--profile <name>', 'shared-config profile for credentials')
    .option('--endpoint <url>', 'WorkSpaces endpoint (also AWS_ENDPOINT_URL_WORKSPACES / AWS_ENDPOINT_URL)')
    .option('--emulator', 'start the embedded emulator in-process and talk to it')
    .option('--emulator-state <file>', 'state file of the embedded emulator', '.wsr/emulator-state.json')
    .option('--log-level <level>', 'trace|debug|info|warn|error|silent', 'info')
    .option('--log-format <format>', 'json|pretty (default: pretty on a TTY, else json)');
}

export function globalOptionsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
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
