/** commander wiring: global flags and one module per command. */
import { Command, CommanderError } from 'commander';
import { addGlobalOptions } from './global-options.js';
import { EXIT_ERROR } from './exit-codes.js';
import { printError } from './print-error.js';
import { registerValidateCommand } from './commands/validate.js';
import { registerPlanCommand } from './commands/plan.js';
import { registerApplyCommand } from './commands/apply.js';
import { registerExportCommand } from './commands/export.js';
import { registerDaemonCommand } from './commands/daemon.js';
import { registerEmulatorCommand } from './commands/emulator.js';
import { registerQuickstartCommand } from './commands/quickstart.js';
import { WSR_VERSION } from '../version.js';

export function buildProgram(): Command {
  const program = new Command('wsr')
    .description('workspaces-reconciler: run an Amazon WorkSpaces fleet from Git')
    .version(WSR_VERSION)
    .showHelpAfterError()
    .exitOverride();
  addGlobalOptions(program);
  registerValidateCommand(program);
  registerPlanCommand(program);
  registerApplyCommand(program);
  registerExportCommand(program);
  registerDaemonCommand(program);
  registerEmulatorCommand(program);
  registerQuickstartCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Parse and run; resolves to the exit code. Commands set process.exitCode for 0/2 results. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
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
