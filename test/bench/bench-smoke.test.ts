/**
 * `npm run bench -- --quick`: it completes (exit 0) and writes parseable results with every
 * scenario, the API ones under both budget models; `--scenario` runs merge into the file. Only
 * that — speed belongs in the benchmark's own figures, not here. It runs the whole quick
 * benchmark, so `npm run bench:smoke` runs it (test/bench/vitest.config.ts), not `npm test`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUDGETED_SCENARIOS, SCENARIO_NAMES, type BenchResults } from './scenarios/bench-results.js';
import { runProcess, type CliRun } from '../helpers/run-wsr.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function runBench(args: readonly string[]): Promise<CliRun> {
  return runProcess(NPM, ['run', '--silent', 'bench', '--', ...args], { cwd: REPO });
}

describe('npm run bench -- --quick (process)', () => {
  it('completes and writes results with every scenario', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wsr-bench-smoke-')), 'results.json');

    const run = await runBench(['--quick', '--out', out]);

    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    expect(results.mode).toBe('quick');
    expect(Object.keys(results.scenarios).sort()).toEqual([...SCENARIO_NAMES].sort());
    // every API scenario again under buckets per operation
    expect(Object.keys(results.perOperation).sort()).toEqual([...BUDGETED_SCENARIOS].sort());
    expect(results.scenarios.noopPlan?.[0]?.budget).toBe('shared');
    expect(results.perOperation.noopPlan?.[0]?.budget).toBe('per-operation');
    expect(results.scenarios.purePlan?.length).toBeGreaterThan(0);
    expect(results.targets.map((target) => target.target)).toContain('100 migrates + 500 running-mode changes ≤ 1.05× the floor');
  }, 600_000);

  it('--list names every scenario; --scenario runs only the named one', async () => {
    const listed = await runBench(['--list']);
    expect(
      listed.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ')[0]),
    ).toEqual([...SCENARIO_NAMES]);

    const out = join(mkdtempSync(join(tmpdir(), 'wsr-bench-one-')), 'results.json');
    const run = await runBench(['--quick', '--scenario', 'cliStartup', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(Object.keys((JSON.parse(readFileSync(out, 'utf8')) as BenchResults).scenarios)).toEqual(['cliStartup']);

    // a second scenario merges into the same file: the first one's figures stay
    const again = await runBench(['--quick', '--scenario', 'purePlan', '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    expect(Object.keys(merged.scenarios).sort()).toEqual(['cliStartup', 'purePlan']);
    expect(Object.keys(merged.measuredAt).sort()).toEqual(['cliStartup', 'purePlan']);
  }, 180_000);
});
