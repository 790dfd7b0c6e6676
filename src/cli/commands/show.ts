/**
 * `wsr show <plan.json>`: a plan saved by `wsr plan --out` as text (grouped; --detail lists
 * every resource), markdown or JSON — to review what `apply --plan` would run. Reads no account.
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { SpecError } from '../../errors.js';
import type { Plan } from '../../model/plan.js';
import { parsePlan } from '../../plan/plan-file.js';
import { globalOptionsOf, useColor } from '../global-options.js';
import { PLAN_FORMATS, renderPlanAs, type PlanFormat } from '../render-plan.js';

export function registerShowCommand(program: Command): void {
  program
    .command('show')
    .description('print a plan saved by `wsr plan --out` (reads no account)')
    .argument('<plan.json>', 'the saved plan')
    .addOption(new Option('--format <format>', 'output format').choices(PLAN_FORMATS).default('text'))
    .option('-v, --detail', 'list every resource of every group (text)')
    .action(async (file: string, options: { format: PlanFormat; detail?: boolean }, command: Command) => {
      const plan = await readSavedPlan(file);
      process.stdout.write(renderPlanAs(plan, { format: options.format, detail: options.detail, color: useColor(globalOptionsOf(command)) }));
    });
}

/** The file, checked as `apply --plan` checks it (format version, schema, step references). */
export async function readSavedPlan(file: string): Promise<Plan> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new SpecError('PLAN_FILE_UNREADABLE', `cannot read plan ${file}: ${error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message)}`, {
      hint: 'save one with: wsr plan <spec> --out <file>',
    });
  });
  return parsePlan(text, file);
}
