/**
 * CLI start-up: wall time of `wsr --version` and `wsr validate examples/quickstart.yaml` (the
 * compiled CLI, as shipped) against a bare `node -e 0` on the same machine in the same run.
 * Issue 11's target: each within 0.25 s of node's own start-up. Median of several runs each.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import buildDistIfStale from '../../helpers/build-dist.js';
import type { BenchRow, BenchTarget } from './bench-results.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const WSR = 'bin/wsr.js';

export const CLI_STARTUP_BUDGET_SECONDS = 0.25;

export interface CliStartupCase {
  readonly command: string;
  readonly medianSeconds: number;
}

export interface CliStartupResult {
  readonly runs: number;
  readonly node: CliStartupCase;
  readonly wsr: readonly CliStartupCase[];
}

const COMMANDS: readonly (readonly string[])[] = [['--version'], ['validate', 'examples/quickstart.yaml']];

export function measureCliStartup(runs: number): CliStartupResult {
  buildDistIfStale();
  const node = { command: 'node -e 0', medianSeconds: medianSeconds(['-e', '0'], runs) };
  const wsr = COMMANDS.map((args) => ({ command: `wsr ${args.join(' ')}`, medianSeconds: medianSeconds([WSR, ...args], runs) }));
  return { runs, node, wsr };
}

function medianSeconds(args: readonly string[], runs: number): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8' });
    times.push((performance.now() - started) / 1000);
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function cliStartupRows(result: CliStartupResult): BenchRow[] {
  return result.wsr.map((command) => ({
    scenario: `CLI start-up: ${command.command}`,
    n: result.runs,
    wsrSeconds: command.medianSeconds,
    reference: 'node -e 0 (same run)',
    referenceSeconds: result.node.medianSeconds,
    referenceTime: 'measured',
    note: `median of ${result.runs}; +${Math.round((command.medianSeconds - result.node.medianSeconds) * 1000)} ms over node's own start-up (budget ${CLI_STARTUP_BUDGET_SECONDS * 1000} ms)`,
  }));
}

export function cliStartupTarget(result: CliStartupResult): BenchTarget {
  const over = result.wsr.map((command) => command.medianSeconds - result.node.medianSeconds);
  const measured = result.wsr
    .map(
      (command, index) => `${command.command} +${Math.round(over[index] * 1000)} ms (${(command.medianSeconds / result.node.medianSeconds).toFixed(1)}× node)`,
    )
    .join('; ');
  return {
    target: 'wsr --version and wsr validate within 0.25 s of node -e 0',
    measured,
    status: over.every((seconds) => seconds <= CLI_STARTUP_BUDGET_SECONDS) ? 'met' : 'missed',
  };
}
