import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/program.js';

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function runAndCaptureStderr(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const code = await runCli(argv);
  return { code, stderr };
}

describe('wsr daemon flags', () => {
  it.each([
    [['--mode', 'yolo'], 'DAEMON_MODE_INVALID'],
    [['--listen', 'localhost'], 'DAEMON_LISTEN_INVALID'],
    [['--listen', '127.0.0.1:70000'], 'DAEMON_LISTEN_INVALID'],
    [['--concurrency', '0'], 'DAEMON_FLAG_INVALID'],
    [['--ready-failure-seconds', 'soon'], 'DAEMON_FLAG_INVALID'],
    [['--schedule', 'every five minutes'], 'DAEMON_SCHEDULE_INVALID'],
  ])('%j is refused with %s before anything starts', async (flags, code) => {
    const run = await runAndCaptureStderr(['daemon', 'specs/', '--log-level', 'silent', ...flags]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error ${code}:`);
  });
});
