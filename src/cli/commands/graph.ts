/**
 * `wsr graph <spec | plan.json>`: the plan's dependency DAG as Graphviz DOT on stdout
 * (`wsr graph spec.yaml | dot -Tsvg > plan.svg`). A saved plan (*.json) is drawn as it is; a
 * spec is planned first against the live account, as `wsr plan` does (no mutating call).
 */
import type { Command } from 'commander';
import type { Plan } from '../../model/plan.js';
import { preparePlan } from '../../engine/reconcile.js';
import { createLogger } from '../../log/logger.js';
import { renderPlanDot } from '../../plan/render/dot.js';
import { formatDiagnostic } from '../../spec/diagnostic.js';
import { connectionOptionsOf, globalOptionsOf, loggerOptionsOf, type GlobalOptions } from '../global-options.js';
import { readSavedPlan } from './show.js';

export function registerGraphCommand(program: Command): void {
  program
    .command('graph')
    .description("print the plan's step dependencies as Graphviz DOT (from a spec, planned now, or a saved plan.json)")
    .argument('<spec|plan.json>', 'a spec to plan, or a plan saved by `wsr plan --out`')
    .option(
      '--target <KIND/KEY>',
      'with a spec: only this resource and what it depends on (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .action(async (file: string, options: { target: string[] }, command: Command) => {
      const global = globalOptionsOf(command);
      const plan = file.endsWith('.json') ? await readSavedPlan(file) : await planSpec(file, options.target, global);
      process.stdout.write(renderPlanDot(plan));
    });
}

async function planSpec(specFile: string, targets: readonly string[], global: GlobalOptions): Promise<Plan> {
  const logger = createLogger(loggerOptionsOf(global));
  const prepared = await preparePlan({
    specFile,
    connection: connectionOptionsOf(global, logger),
    targets,
    onDiagnostics: (diagnostics) => {
      for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    },
  });
  await prepared.session.close();
  return prepared.plan;
}
