/**
 * `wsr quickstart` (`npm start`): the whole loop in seconds, with no AWS account. Starts the
 * embedded emulator on a fresh temporary state (fast clock), plans and applies
 * examples/quickstart.yaml, then plans again to show that nothing is left to do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { globalOptionsOf, loggerOptionsOf, useColor } from '../global-options.js';
import { EXIT_ERROR } from '../exit-codes.js';
import { createLogger } from '../../log/logger.js';
import { preparePlan } from '../../engine/reconcile.js';
import { applyPlan, renderApplyReport } from '../../engine/apply-environment.js';
import { formatDiagnostic } from '../../spec/diagnostic.js';
import { renderPlanText } from '../../plan/render/text.js';

/** The example ships next to src/ and dist/, two levels above this file's folder. */
export const QUICKSTART_SPEC = fileURLToPath(new URL('../../../examples/quickstart.yaml', import.meta.url));

export function registerQuickstartCommand(program: Command): void {
  program
    .command('quickstart')
    .description('plan and apply examples/quickstart.yaml against a fresh embedded emulator, then show the next plan is empty')
    .option('--spec <file>', 'another spec to try', QUICKSTART_SPEC)
    .action(runQuickstart);
}

async function runQuickstart(options: { spec: string }, command: Command): Promise<void> {
  const global = globalOptionsOf(command);
  const logger = createLogger({ ...loggerOptionsOf(global), level: global.logLevel ?? 'warn' });
  const workspace = mkdtempSync(join(tmpdir(), 'wsr-quickstart-'));
  const connection = { emulator: true, emulatorStateFile: join(workspace, 'emulator-state.json'), logger };
  const onDiagnostics = (diagnostics: readonly { severity: string }[]) => {
    for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic as never)}\n`);
  };
  const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  try {
    out(`wsr quick start: ${options.spec} against the embedded emulator (fresh state in ${workspace})\n`);
    const first = await preparePlan({ specFile: options.spec, connection, onDiagnostics });
    let failed = 0;
    try {
      out('── plan ──');
      out(renderPlanText(first.plan, { color: useColor(global) }));
      const report = await applyPlan(first.plan, {
        session: first.session,
        desired: first.desired,
        live: first.live,
        logger,
        allowDestroy: first.desired.policy.allowDestroy,
        lockDirectory: join(workspace, 'locks'),
      });
      failed = report.failed;
      out('── apply ──');
      out(renderApplyReport(report));
    } finally {
      await first.session.close();
    }
    const second = await preparePlan({ specFile: options.spec, connection });
    await second.session.close();
    out('── plan again ──');
    out(renderPlanText(second.plan, { color: useColor(global) }));
    if (failed > 0 || second.plan.steps.length > 0) process.exitCode = EXIT_ERROR;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}
