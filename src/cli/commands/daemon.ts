import type { Command } from 'commander';
import { notBuiltYet } from '../not-built-yet.js';

export function registerDaemonCommand(program: Command): void {
  program.command('daemon').description('daemon (not built yet)').allowUnknownOption().allowExcessArguments().action(notBuiltYet('daemon'));
}
