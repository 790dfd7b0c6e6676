/**
 * The CLI at a real terminal (a pseudo-terminal driven by test/helpers/pty-session.py, Debian's
 * python3): the apply prompt is the last line on the screen even with logs at info, progress
 * names its counters and shows time elapsed and left, Ctrl-C stops the apply with ONE summary
 * line and exit 130, and logs stay at warn on a terminal unless --log-level says otherwise.
 * Desktops take seconds (emulator time scale), AWS-like rate limits on.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { WSR_BIN } from '../helpers/run-wsr.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const DRIVER = fileURLToPath(new URL('../helpers/pty-session.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

interface PtyStep {
  readonly expect?: string;
  readonly send?: string;
  readonly timeout?: number;
  readonly settle?: number;
}

interface PtyResult {
  readonly output: string;
  readonly snapshots: readonly string[];
  readonly failed: PtyStep | null;
  readonly status: number | null;
}

/** Asynchronous: the emulator answering the CLI runs in this process's event loop. */
async function runInTerminal(args: readonly string[], steps: readonly PtyStep[], timeout = 90, env: Record<string, string> = {}): Promise<PtyResult> {
  const spec = {
    argv: [process.execPath, WSR_BIN, ...args],
    cwd: REPO,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '', TERM: 'xterm', ...env },
    timeout,
    steps,
  };
  const { stdout } = await promisify(execFile)(PYTHON, [DRIVER, JSON.stringify(spec)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: (timeout + 15) * 1000,
  });
  return JSON.parse(stdout) as PtyResult;
}

/** What a person sees last: the text after the last line break or carriage return, escapes removed. */
function lastLine(screen: string): string {
  const plain = screen.replace(ANSI, '');
  return plain.slice(Math.max(plain.lastIndexOf('\n'), plain.lastIndexOf('\r')) + 1);
}

const users = Array.from({ length: 60 }, (_, index) => `user${String(index + 1).padStart(3, '0')}`);
const SPEC = `apiVersion: wsr/v1
kind: Environment
metadata: {name: tty, account: "123456789012", region: us-east-1}
directories:
  corp: {id: d-9067a1b2c3, subnets: [subnet-0aaa1111, subnet-0bbb2222]}
workspaces:
  - directory: corp
    bundle: wsb-stdwin0001
    users: [${users.join(', ')}]
`;

describe('wsr at a terminal (pseudo-terminal, process)', () => {
  let emulator: RunningEmulator;
  let workdir: string;
  let spec: string;

  beforeAll(async () => {
    // a desktop takes ~20 min on AWS: 0.005 makes it ~6 s; per-operation buckets of 2/s as AWS
    emulator = await startEmulator({ port: 0, timeScale: 0.005 });
    workdir = await mkdtemp(join(tmpdir(), 'wsr-e2e-tty-'));
    spec = join(workdir, 'tty.yaml');
    await writeFile(spec, SPEC, 'utf8');
  });

  afterAll(async () => {
    await emulator?.stop();
    await rm(workdir, { recursive: true, force: true });
  });

  it('apply: Ctrl-C at the prompt cancels with one coded line, nothing changed', async () => {
    const run = await runInTerminal(
      ['apply', spec, '--endpoint', emulator.endpoint],
      [{ expect: "Only 'yes' applies: $" }, { send: '\u0003' }, { expect: 'APPLY_NOT_CONFIRMED' }],
    );
    expect(run.failed, run.output).toBeNull();
    expect(run.output.replace(ANSI, '')).toMatch(/^error APPLY_NOT_CONFIRMED: apply cancelled at the prompt \(Ctrl-C\); nothing was changed\r?$/m);
    expect(run.output).not.toContain('INTERNAL');
    expect(run.status).toBe(1);
    const calls = ((await (await fetch(`${emulator.endpoint}/_emulator/calls`)).json()) as { calls: Record<string, number> }).calls;
    expect(Object.keys(calls).filter((operation) => !/^(Describe|List|Get)/.test(operation))).toEqual([]);
  });

  it('apply: the prompt is the last line, progress shows elapsed and time left, Ctrl-C ends with one summary line and exit 130', async () => {
    const run = await runInTerminal(
      ['apply', spec, '--endpoint', emulator.endpoint, '--log-level', 'info', '--lock-timeout', '0'],
      [
        { expect: "Only 'yes' applies: $", settle: 2 },
        { send: 'yes\r' },
        { expect: 'applying: [1-9]\\d* of 61 steps done', timeout: 60 },
        { send: '\u0003' },
        { expect: '^interrupted: ', timeout: 60 },
      ],
    );

    expect(run.failed, run.output.replace(ANSI, '')).toBeNull();
    expect(lastLine(run.snapshots[0])).toBe("Only 'yes' applies: ");
    const screen = run.output.replace(ANSI, '');
    expect(screen).toMatch(
      /applying: \d+ of 61 steps done · \d+ API calls? in flight · \d+ steps? queued for a call · \d+ waiting for AWS to finish · \d+s elapsed · about \d+(m \d\ds|s) left/,
    );
    expect(screen).toMatch(/reading the account: \d+ API calls? .*elapsed · about/);
    const summaries = screen.split(/\r?\n/).filter((line) => line.includes('interrupted:'));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatch(/^interrupted: \d+ done, (\d+ stopped while waiting, )?\d+ not started — run apply again to finish$/);
    expect(screen).not.toContain('interrupted by SIGINT');
    expect(screen).not.toContain('✗');
    expect(run.status).toBe(130);
  });

  it('plan: logs stay at warn on a terminal unless --log-level asks for more', async () => {
    const quiet = await runInTerminal(['plan', spec, '--endpoint', emulator.endpoint], [{ expect: '^(Plan: |No changes)' }]);
    expect(quiet.failed, quiet.output).toBeNull();
    expect(quiet.output).not.toContain('live state read');
    const chatty = await runInTerminal(['plan', spec, '--endpoint', emulator.endpoint, '--log-level', 'info'], [{ expect: '^(Plan: |No changes)' }]);
    expect(chatty.output).toContain('live state read');
  });

  it('--no-color and NO_COLOR turn colour off in the plan and the logs; a terminal gets it otherwise', async () => {
    const sgr = /\u001b\[[0-9;]*m/;
    const coloured = await runInTerminal(['plan', spec, '--endpoint', emulator.endpoint, '--log-level', 'info'], [{ expect: '^(Plan: |No changes)' }]);
    expect(coloured.output).toMatch(sgr);
    const flag = await runInTerminal(
      ['plan', spec, '--endpoint', emulator.endpoint, '--log-level', 'info', '--no-color'],
      [{ expect: '^(Plan: |No changes)' }],
    );
    expect(flag.output).toContain('live state read');
    expect(flag.output).not.toMatch(sgr);
    const env = await runInTerminal(['plan', spec, '--endpoint', emulator.endpoint, '--log-level', 'info'], [{ expect: '^(Plan: |No changes)' }], 90, {
      NO_COLOR: '1',
    });
    expect(env.output).toContain('live state read');
    expect(env.output).not.toMatch(sgr);
  });
});
