/**
 * `npm run bench -- --quick`: it completes (exit 0) and writes parseable results with every
 * scenario. Only that — speed belongs in the benchmark's own figures, not here. It runs the
 * whole quick benchmark, so `npm run bench:smoke` runs it (test/bench/vitest.config.ts), not `npm test`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES, type BenchResults } from './scenarios/bench-results.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function runBench(args: readonly string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NPM, ['run', '--silent', 'bench', '--', ...args], {
      cwd: REPO,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('npm run bench -- --quick (process)', () => {
  it('completes and writes results with every scenario', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wsr-bench-smoke-')), 'results.json');

    const run = await runBench(['--quick', '--out', out]);

    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    expect(results.mode).toBe('quick');
    expect(Object.keys(results.scenarios).sort()).toEqual([...SCENARIO_NAMES].sort());
    expect(results.scenarios.noopPlan?.length).toBeGreaterThan(0);
    expect(results.scenarios.purePlan?.length).toBeGreaterThan(0);
    expect(results.targets).toHaveLength(4);
  }, 240_000);

  it('--list names every scenario; --scenario runs only the named one', async () => {
    const listed = await runBench(['--list']);
    expect(listed.stdout.split('\n').filter(Boolean).map((line) => line.split(' ')[0])).toEqual([...SCENARIO_NAMES]);

    const out = join(mkdtempSync(join(tmpdir(), 'wsr-bench-one-')), 'results.json');
    const run = await runBench(['--quick', '--scenario', 'cliStartup', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(Object.keys((JSON.parse(readFileSync(out, 'utf8')) as BenchResults).scenarios)).toEqual(['cliStartup']);
  }, 120_000);
});
