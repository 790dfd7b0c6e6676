import type { Command } from 'commander';
import { notBuiltYet } from '../not-built-yet.js';

export function registerApplyCommand(program: Command): void {
  program.command('apply').description('apply (not built yet)').allowUnknownOption().allowExcessArguments().action(notBuiltYet('apply'));
}
