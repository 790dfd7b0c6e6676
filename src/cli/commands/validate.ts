import type { Command } from 'commander';
import { notBuiltYet } from '../not-built-yet.js';

export function registerValidateCommand(program: Command): void {
  program.command('validate').description('validate (not built yet)').allowUnknownOption().allowExcessArguments().action(notBuiltYet('validate'));
}
