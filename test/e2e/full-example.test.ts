/**
 * examples/full.yaml — every kind wsr manages — applies through the CLI against the standalone
 * emulator seeded with examples/full-seed.yaml (realism `aws`: read-after-create windows and tag
 * propagation, at a small time scale, throttling on), with no failed or blocked step, and the
 * plan made right after reports no changes. The README's "The full example" commands.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWsr, startWsrServer } from '../helpers/run-wsr.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

let emulator: ChildProcessWithoutNullStreams;
let endpoint: string;
let workdir: string;

beforeAll(async () => {
  workdir = await mkdtemp(join(tmpdir(), 'wsr-full-'));
  const server = await startWsrServer([
    'emulator',
    '--port',
    '0',
    '--seed',
    join(EXAMPLES, 'full-seed.yaml'),
    '--time-scale',
    '0.001',
    '--rate-limit',
    '20',
    '--burst',
    '10',
  ]);
  emulator = server.child;
  endpoint = server.url;
});

afterAll(async () => {
  emulator?.kill('SIGTERM');
  await rm(workdir, { recursive: true, force: true });
});

describe('the full example', () => {
  it('applies with zero failures, then plans no changes', async () => {
    const env = { AWS_ENDPOINT_URL: endpoint };
    const apply = await runWsr(['apply', join(EXAMPLES, 'full.yaml'), '--auto-approve', '--log-level', 'warn'], { cwd: workdir, env });
    expect(apply.stdout).toMatch(/Apply: \d+ succeeded, 0 failed, 0 skipped/);
    expect(apply.code).toBe(0);

    const plan = await runWsr(['plan', join(EXAMPLES, 'full.yaml'), '--detailed-exitcode', '--log-level', 'warn'], { cwd: workdir, env });
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
  });
});
