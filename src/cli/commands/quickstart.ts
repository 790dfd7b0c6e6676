import type { Command } from 'commander';
import { notBuiltYet } from '../not-built-yet.js';

export function registerQuickstartCommand(program: Command): void {
  program.command('quickstart').description('quickstart (not built yet)').allowUnknownOption().allowExcessArguments().action(notBuiltYet('quickstart'));
}
