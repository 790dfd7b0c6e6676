/**
 * `npm run bench -- --quick` as CI runs it: it completes (exit 0) and writes parseable results
 * with every scenario. Only that — speed belongs in the benchmark's own figures, not here.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES, type BenchResults } from '../bench/scenarios/bench-results.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function runQuickBench(out: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NPM, ['run', '--silent', 'bench', '--', '--quick', '--out', out], {
      cwd: REPO,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('npm run bench -- --quick (process)', () => {
  it('completes and writes results with every scenario', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wsr-bench-smoke-')), 'results.json');

    const run = await runQuickBench(out);

    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
    expect(results.mode).toBe('quick');
    expect(Object.keys(results.scenarios).sort()).toEqual([...SCENARIO_NAMES].sort());
    expect(results.scenarios.noopPlan.length).toBeGreaterThan(0);
    expect(results.scenarios.purePlan.length).toBeGreaterThan(0);
    expect(results.targets).toHaveLength(4);
  }, 240_000);
});
