/**
 * `wsr apply <spec> [--plan plan.json]`: the daemon's pipeline (engine reconcile(), same events,
 * one run id): take the environment's apply lock (waiting up to --lock-timeout), then read and
 * plan; its confirm hook shows the plan and gets a "yes" on a terminal (or --auto-approve), then
 * it executes. With --plan the saved plan is the approval (as in Terraform):
 * the fresh plan runs without a prompt only if it equals the saved one (PLAN_MISMATCH
 * otherwise). Results (plan, summary) go to stdout; progress and logs to stderr. Without a
 * terminal and without --auto-approve or --plan it exits 1 before any mutating call. Exit 1 if
 * any step failed, 3 if none failed but some were blocked or deferred (cli/exit-codes.ts).
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { Logger } from 'pino';
import type { Plan } from '../../model/plan.js';
import { addOperationOptions, logIgnoredWindows, operationRequestOf, type OperationOptions } from '../operation-options.js';
import { isRunnable } from '../../model/plan-step.js';
import type { ApplyReport } from '../../model/apply-report.js';
import { LOG_CODES } from '../../log/codes.js';
import { ApplyError, SpecError } from '../../errors.js';
import { connectionOptionsOf, globalOptionsOf, loggerOptionsOf, useColor } from '../global-options.js';
import { logPlanEvents } from '../../log/log-plan-events.js';
import { applyExitCode } from '../exit-codes.js';
import { createLogger } from '../../log/logger.js';
import { EngineEvents } from '../../model/engine-events.js';
import { loadDesiredState, reconcile } from '../../engine/reconcile.js';
import { checkSavedPlan, loadSavedPlan, renderApplyReport, type ApplyTuning } from '../../engine/apply-environment.js';
import { formatDiagnostic } from '../../spec/diagnostic.js';
import { renderPlanText } from '../../plan/render/text.js';
import { Terminal } from '../terminal.js';
import { DEFAULT_CALLS_PER_SECOND, showApplyProgress, showReadProgress } from '../progress.js';
import { EXIT_INTERRUPTED, INTERRUPTED_PREFIX, summariseInterrupted } from '../interruption.js';

interface ApplyCommandOptions extends OperationOptions {
  readonly plan?: string;
  readonly detail?: boolean;
  /** --target KIND/KEY (repeatable): apply only these and what they depend on. */
  readonly target: string[];
  readonly autoApprove?: boolean;
  readonly allowDestroy?: boolean;
  readonly maxDestroy?: number;
  readonly auditLog?: string;
  readonly destroy?: boolean;
  readonly rate?: number;
  readonly burst?: number;
  readonly lockTimeout?: number;
}

export function registerApplyCommand(program: Command): void {
  const command = program
    .command('apply')
    .description('plan, confirm and apply the spec (batched, rate-limited; re-run to finish an interrupted apply)')
    .argument('<spec>', 'environment spec file (YAML); with --plan, the spec the plan was made from')
    .option('--plan <file>', 'apply a plan saved by `wsr plan --out`: it is the approval (no prompt); refused unless a fresh plan equals it')
    .option('-v, --detail', 'list every resource of every group in the plan shown before applying')
    .option(
      '--target <KIND/KEY>',
      'apply only this resource and what it depends on (repeatable; a saved --plan keeps its own)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--auto-approve', 'apply without asking (CI); required when stdin is not a terminal (not needed with --plan)')
    .option('--allow-destroy', 'allow destructive steps (terminate, migrate, rebuild, delete)')
    .option(
      '--max-destroy <n>',
      'raise the destroy cap for this run (default: policy.maxDestroy, else the larger of 10 and 10% of the resources the spec manages)',
      parseCount,
    )
    .option('--audit-log <file>', 'append one JSON line per mutating call (time, operation, ids, result, requestId)')
    .option('--destroy', 'remove everything the spec manages (as `plan --destroy`); with --plan, give it if the plan was made with it')
    .option('--rate <calls-per-second>', 'API calls per second in total (default 2 for AWS)', parsePositive)
    .option('--burst <calls>', 'API calls allowed at once (default 5)', parseCount)
    .option('--lock-timeout <seconds>', 'wait this long for another apply of the environment to finish (default 0: refuse at once)', parseCount);
  addOperationOptions(command).action(runApplyCommand);
}

async function runApplyCommand(specFile: string, options: ApplyCommandOptions, command: Command): Promise<void> {
  const global = globalOptionsOf(command);
  const terminal = new Terminal(process.stderr);
  const logger = createLogger({ ...loggerOptionsOf(global), ...(terminal.isTTY ? { destination: terminal.logStream } : {}) });
  // one id for the run: the engine binds it to its log lines, events and audit lines; the CLI's own lines carry it too
  const runId = randomUUID();
  const runLogger = logger.child({ runId });
  const events = new EngineEvents();
  const interrupt: Interrupt = {};
  subscribeLogs(events, runLogger, interrupt);
  const saved = options.plan ? loadSavedPlan(options.plan) : undefined;
  const onDiagnostics = (diagnostics: readonly Parameters<typeof formatDiagnostic>[0][]) => {
    for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  };
  const desired = loadDesiredState(specFile, onDiagnostics);
  const callsPerSecond = options.rate ?? DEFAULT_CALLS_PER_SECOND;
  const reading = showReadProgress(terminal, events, desired.resources.length, callsPerSecond);
  let progress: ReturnType<typeof showApplyProgress> | undefined;
  const interruption = new Interruption((name) => {
    interrupt.signal = name;
    terminal.status(`${name}: starting no new calls, letting the calls in flight finish (${name === 'SIGINT' ? 'Ctrl-C' : name} again to quit at once)`);
  });
  try {
    // the daemon's pipeline: LOCK FIRST (a second apply waits for or refuses the lock before it reads), read, plan, confirm, apply
    const result = await reconcile({
      specFile,
      desired,
      mode: 'apply',
      runId,
      connection: connectionOptionsOf(global, logger),
      events,
      logger,
      signal: interruption.signal,
      allowDestroy: options.allowDestroy,
      lock: {
        timeoutSeconds: options.lockTimeout ?? 0,
        onWaiting: (message) => runLogger.warn({ code: 'WSR_W4006', environment: desired.environment.name, holder: message }, LOG_CODES.WSR_W4006.message),
      },
      planning: {
        destroy: options.destroy ?? false,
        // a saved plan made with --rebuild/--when-connected is rebuilt with them (the saved plan is the approval)
        ...operationRequestOf(options, saved?.madeWith),
        // a saved plan's --target/--refresh-only only narrow it: rebuild the same narrowing
        targets: saved?.madeWith?.targets ?? options.target,
        refreshOnly: saved?.madeWith?.refreshOnly ?? false,
      },
      confirm: async (fresh) => {
        reading.stop();
        logIgnoredWindows(options, runLogger, fresh.environment);
        const plan = saved ? checkSavedPlan(saved, fresh, process.env.WSR_PLAN_SIGNING_KEY) : fresh;
        process.stdout.write(ensureNewline(renderPlanText(plan, { color: useColor(global), detail: options.detail ?? false })));
        if (plan.steps.length === 0) return plan;
        // the saved plan is the approval (Terraform's rule): it was reviewed, and it equals a fresh plan
        if (!saved && !options.autoApprove) await confirm(plan, terminal);
        progress = showApplyProgress(terminal, plan, callsPerSecond);
        interruption.listen();
        return plan;
      },
      apply: {
        maxDestroy: options.maxDestroy,
        auditLogFile: options.auditLog,
        tuning: tuningOf(options),
        onProgress: (update) => progress?.onProgress(update),
      },
    });
    const report = result.report;
    if (report === undefined) return;
    logFinished(runLogger, result.plan.environment, report);
    if (interrupt.signal !== undefined) {
      printInterrupted(report);
      return;
    }
    process.stdout.write(`\n${renderApplyReport(report)}`);
    const exitCode = applyExitCode(report);
    if (exitCode !== 0) process.exitCode = exitCode;
  } finally {
    reading.stop();
    progress?.stop();
    interruption.stop();
  }
}

function tuningOf(options: ApplyCommandOptions): ApplyTuning | undefined {
  if (options.rate === undefined && options.burst === undefined) return undefined;
  return { queues: { totalRate: { perSecond: options.rate ?? 2, burst: options.burst ?? 5 } } };
}

/** Only an interactive "yes" applies; no terminal means no one can say yes. */
async function confirm(plan: Plan, terminal: Terminal): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new ApplyError('APPLY_NOT_CONFIRMED', 'stdin is not a terminal, so the plan cannot be confirmed; nothing was changed', {
      source: 'user',
      hint: 'pass --auto-approve to apply without asking (CI)',
    });
  }
  // the question is the last thing on the screen: logs wait until it is answered
  terminal.hold();
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const cancelled = new Promise<never>((_, reject) =>
    prompt.once('SIGINT', () => {
      process.stderr.write('\n');
      reject(new ApplyError('APPLY_NOT_CONFIRMED', 'apply cancelled at the prompt (Ctrl-C); nothing was changed', { source: 'user' }));
    }),
  );
  try {
    const destructive = plan.steps.filter((step) => step.destructive && isRunnable(step)).length;
    const warning = destructive > 0 ? ` ${destructive} step(s) are destructive.` : '';
    const answer = await Promise.race([
      prompt.question(`\nApply ${plan.steps.length} step(s) to ${plan.environment} (${plan.account}/${plan.region})?${warning}\nOnly 'yes' applies: `),
      cancelled,
    ]);
    if (answer.trim() !== 'yes') throw new ApplyError('APPLY_NOT_CONFIRMED', 'apply cancelled; nothing was changed', { source: 'user' });
  } finally {
    prompt.close();
    terminal.release();
  }
}

/**
 * SIGINT/SIGTERM during the apply stop new steps and abort waits; a second signal exits at once.
 * Listens only once the plan is confirmed: before that a signal ends the process as usual.
 */
class Interruption {
  private readonly controller = new AbortController();
  private readonly onSignal = (name: NodeJS.Signals): void => {
    if (this.controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    this.onInterrupt(name);
    this.controller.abort(new ApplyError('APPLY_INTERRUPTED', `${INTERRUPTED_PREFIX}${name}`));
  };

  constructor(private readonly onInterrupt: (name: NodeJS.Signals) => void) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  listen(): void {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  stop(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}

/**
 * Step outcomes as pino lines with registered codes. On a terminal the progress line shows
 * them, so successes drop to debug there; skips and failures are always logged.
 */
function subscribeLogs(events: EngineEvents, logger: Logger, interrupt: Interrupt): void {
  const succeededLevel = process.stderr.isTTY ? 'debug' : 'info';
  logPlanEvents(events, logger);
  events.on((event) => {
    if (event.type === 'apply.step.start') logger.debug({ code: 'WSR_D4001', step: event.stepId, operation: event.operation }, LOG_CODES.WSR_D4001.message);
    if (event.type !== 'apply.step.done') return;
    // after Ctrl-C the steps it stopped are summed up in one line, not logged one by one
    if (interrupt.signal !== undefined && (event.outcome === 'skipped' || event.error?.startsWith(INTERRUPTED_PREFIX))) return;
    const fields = { step: event.stepId, operation: event.operation, ms: event.ms, ...(event.error ? { error: event.error } : {}) };
    if (event.outcome === 'succeeded') logger[succeededLevel]({ code: 'WSR_I4002', ...fields }, LOG_CODES.WSR_I4002.message);
    else if (event.outcome === 'skipped') logger.warn({ code: 'WSR_W4003', ...fields }, LOG_CODES.WSR_W4003.message);
    else logger.error({ code: 'WSR_E4004', ...fields }, LOG_CODES.WSR_E4004.message);
  });
}

/** Set when SIGINT/SIGTERM stopped the apply. */
interface Interrupt {
  signal?: NodeJS.Signals;
}

/** One line for what the signal stopped (stdout, like the report it replaces), exit 130. */
function printInterrupted(report: ApplyReport): void {
  const outcome = summariseInterrupted(report);
  const failures = outcome.failures.map((step) => `  ✗ ${step.key} ${step.operation}: ${step.error ?? 'unknown error'}`);
  process.stdout.write(`\n${[outcome.line, ...(failures.length > 0 ? ['', 'Failed:', ...failures] : [])].join('\n')}\n`);
  process.exitCode = EXIT_INTERRUPTED;
}

function logFinished(logger: Logger, environment: string, report: ApplyReport): void {
  const { succeeded, failed, skipped, calls, ms } = report;
  logger.info({ code: 'WSR_I4005', environment, succeeded, failed, skipped, calls, ms }, LOG_CODES.WSR_I4005.message);
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function parseCount(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new SpecError('CLI_BAD_NUMBER', `expected a whole number ≥ 0, got "${value}"`);
  return number;
}

function parsePositive(value: string): number {
  const number = Number(value);
  if (!(number > 0)) throw new SpecError('CLI_BAD_NUMBER', `expected a number > 0, got "${value}"`);
  return number;
}
