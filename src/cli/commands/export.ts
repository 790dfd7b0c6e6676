import type { Command } from 'commander';
import { notBuiltYet } from '../not-built-yet.js';

export function registerExportCommand(program: Command): void {
  program.command('export').description('export (not built yet)').allowUnknownOption().allowExcessArguments().action(notBuiltYet('export'));
}
