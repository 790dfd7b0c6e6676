/**
 * `wsr plan <spec>`: read the live account, diff, and print what apply would do. The
 * rendered plan is the only thing on stdout (so `--format json > plan.json` stays clean);
 * logs and spec diagnostics go to stderr. Plan makes no mutating call.
 */
import { Option, type Command } from 'commander';
import type { Plan } from '../../model/plan.js';
import { addOperationOptions, logIgnoredWindows, operationRequestOf, type OperationOptions } from '../operation-options.js';
import { connectionOptionsOf, globalOptionsOf, loggerOptionsOf, useColor } from '../global-options.js';
import { logPlanEvents } from '../../log/log-plan-events.js';
import { EXIT_CHANGES } from '../exit-codes.js';
import { createLogger } from '../../log/logger.js';
import { EngineEvents } from '../../model/engine-events.js';
import { checkPlanOut, loadDesiredState, preparePlan, savePlan } from '../../engine/reconcile.js';
import { Terminal } from '../terminal.js';
import { DEFAULT_CALLS_PER_SECOND, showReadProgress } from '../progress.js';
import { formatDiagnostic } from '../../spec/diagnostic.js';
import { PLAN_FORMATS, renderPlanAs, type PlanFormat } from '../render-plan.js';

interface PlanCommandOptions extends OperationOptions {
  readonly out?: string;
  readonly format: PlanFormat;
  readonly detail?: boolean;
  readonly detailedExitcode?: boolean;
  readonly target: string[];
  readonly refreshOnly?: boolean;
  readonly destroy?: boolean;
  readonly allowDestroy?: boolean;
  readonly showUnmanaged?: boolean;
}

export function registerPlanCommand(program: Command): void {
  const command = program
    .command('plan')
    .description('read the live account and show what apply would change (makes no changes)')
    .argument('<spec>', 'environment spec file (YAML)')
    .option('--out <file>', 'save the plan, with a fingerprint of the live state, for `apply --plan`')
    .addOption(new Option('--format <format>', 'output format').choices(PLAN_FORMATS).default('text'))
    .option('-v, --detail', 'list every resource of every group (text)')
    .option('--detailed-exitcode', 'exit 2 when the plan has changes, 0 when it has none')
    .option('--target <KIND/KEY>', 'plan only this resource and what it depends on (repeatable)', collect, [])
    .option('--refresh-only', 'report drift only; plan no steps')
    .option('--destroy', 'plan the removal of everything the spec manages')
    .option('--allow-destroy', 'do not block deletes inside a directory that suddenly reads empty')
    .option('--show-unmanaged', 'list live resources the spec does not manage');
  addOperationOptions(command).action(runPlanCommand);
}

async function runPlanCommand(specFile: string, options: PlanCommandOptions, command: Command): Promise<void> {
  const global = globalOptionsOf(command);
  if (options.out) checkPlanOut(options.out);
  const terminal = new Terminal(process.stderr);
  const logger = createLogger({ ...loggerOptionsOf(global), ...(terminal.isTTY ? { destination: terminal.logStream } : {}) });
  const events = new EngineEvents();
  logPlanEvents(events, logger);
  const onDiagnostics = (diagnostics: readonly Parameters<typeof formatDiagnostic>[0][]) => {
    for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  };
  const desired = loadDesiredState(specFile, onDiagnostics);
  const reading = showReadProgress(terminal, events, desired.resources.length, DEFAULT_CALLS_PER_SECOND);
  const prepared = await preparePlan({
    specFile,
    desired,
    connection: connectionOptionsOf(global, logger),
    events,
    destroy: options.destroy ?? false,
    targets: options.target,
    refreshOnly: options.refreshOnly ?? false,
    allowDestroy: options.allowDestroy ?? false,
    ...operationRequestOf(options),
    showUnmanaged: options.showUnmanaged ?? false,
  }).finally(() => reading.stop());
  await prepared.session.close();
  const plan = prepared.plan;
  logIgnoredWindows(options, logger, plan.environment);
  if (options.out) await savePlan(plan, options.out, process.env.WSR_PLAN_SIGNING_KEY);
  process.stdout.write(renderPlanAs(plan, { format: options.format, detail: options.detail, color: useColor(global) }));
  if (options.detailedExitcode && hasChanges(plan)) process.exitCode = EXIT_CHANGES;
}

function hasChanges(plan: Plan): boolean {
  return plan.changes.length > 0 || plan.steps.length > 0;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
