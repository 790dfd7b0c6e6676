import type { Command } from 'commander';
import { notBuiltYet } from '../not-built-yet.js';

export function registerEmulatorCommand(program: Command): void {
  program.command('emulator').description('emulator (not built yet)').allowUnknownOption().allowExcessArguments().action(notBuiltYet('emulator'));
}
