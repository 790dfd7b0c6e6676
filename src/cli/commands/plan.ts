import type { Command } from 'commander';
import { notBuiltYet } from '../not-built-yet.js';

export function registerPlanCommand(program: Command): void {
  program.command('plan').description('plan (not built yet)').allowUnknownOption().allowExcessArguments().action(notBuiltYet('plan'));
}
