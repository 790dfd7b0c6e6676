/**
 * commander wiring: global flags and one module per command. A command's module (and with it the
 * engine, the SDK, pino, ajv…) is imported only when that command runs, or when the full help is
 * asked for: `wsr --version` and `wsr validate` start in a fraction of the time of loading all
 * (figures in `npm run bench`, row "CLI start-up").
 */
import { Command, CommanderError } from 'commander';
import { addGlobalOptions } from './global-options.js';
import { EXIT_ERROR } from './exit-codes.js';
import { printError } from './print-error.js';
import { WSR_VERSION } from '../version.js';

type RegisterCommand = (program: Command) => void;

interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<RegisterCommand>;
}

/** Every command, in the order `wsr --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'validate', load: async () => (await import('./commands/validate.js')).registerValidateCommand },
  { name: 'plan', load: async () => (await import('./commands/plan.js')).registerPlanCommand },
  { name: 'apply', load: async () => (await import('./commands/apply.js')).registerApplyCommand },
  { name: 'show', load: async () => (await import('./commands/show.js')).registerShowCommand },
  { name: 'graph', load: async () => (await import('./commands/graph.js')).registerGraphCommand },
  { name: 'export', load: async () => (await import('./commands/export.js')).registerExportCommand },
  { name: 'daemon', load: async () => (await import('./commands/daemon.js')).registerDaemonCommand },
  { name: 'status', load: async () => (await import('./commands/daemon-control.js')).registerStatusCommand },
  { name: 'reconcile', load: async () => (await import('./commands/daemon-control.js')).registerReconcileCommand },
  { name: 'suspend', load: async () => (await import('./commands/daemon-control.js')).registerSuspendCommand },
  { name: 'resume', load: async () => (await import('./commands/daemon-control.js')).registerResumeCommand },
  { name: 'emulator', load: async () => (await import('./commands/emulator.js')).registerEmulatorCommand },
  { name: 'quickstart', load: async () => (await import('./commands/quickstart.js')).registerQuickstartCommand },
  { name: 'version', load: async () => (await import('./commands/version.js')).registerVersionCommand },
];

function newProgram(): Command {
  const program = new Command('wsr')
    .description('workspaces-reconciler: run an Amazon WorkSpaces fleet from Git')
    .version(WSR_VERSION)
    .showHelpAfterError()
    .exitOverride();
  return addGlobalOptions(program);
}

/**
 * The program with the commands `argv` needs: only the named command when it is a known one,
 * none for `--version`, all of them otherwise (help, a typo commander should suggest a fix for).
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = newProgram();
  for (const entry of commandsFor(argv)) (await entry.load())(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

function commandsFor(argv: readonly string[]): readonly CommandEntry[] {
  // the global flags alone (no --version listener, which would exit), so the flags before the
  // command name are skipped with their values
  const { operands, unknown } = addGlobalOptions(new Command()).parseOptions([...argv]);
  const named = COMMANDS.find((entry) => entry.name === operands[0]);
  if (named !== undefined) return [named];
  const onlyVersion = operands.length === 0 && (unknown[0] === '--version' || unknown[0] === '-V');
  return onlyVersion ? [] : COMMANDS;
}

/** Parse and run; resolves to the exit code. Commands set process.exitCode for 0/2 results. */
export async function runCli(argv: readonly string[]): Promise<number> {
  exitQuietlyWhenReaderLeaves();
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed by commander
      return error.exitCode === 0 ? 0 : EXIT_ERROR;
    }
    const debug = program.opts().logLevel === 'debug' || program.opts().logLevel === 'trace';
    printError(error, { debug });
    return EXIT_ERROR;
  }
}

/** `wsr plan … | head`: the reader closing the pipe ends the output, not with a stack trace. */
let pipeWatched = false;
function exitQuietlyWhenReaderLeaves(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
