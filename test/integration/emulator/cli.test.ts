import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DescribeWorkspaceBundlesCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { describe, expect, it } from 'vitest';
import { TEST_CREDENTIALS } from '../../helpers/start-emulator.js';

const WSR = fileURLToPath(new URL('../../../bin/wsr.js', import.meta.url));

describe('wsr emulator', () => {
  it('prints "listening on http://HOST:PORT" first, serves the SDK, and saves state on SIGTERM (exit 0)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsr-emulator-cli-'));
    const stateFile = join(dir, 'state.json');
    const child = spawn(process.execPath, [WSR, 'emulator', '--port', '0', '--time-scale', '0', '--no-rate-limits', '--state-file', stateFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited ${code} before listening`)));
      });
      expect(firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
      const client = new WorkSpacesClient({
        endpoint: firstLine.slice('listening on '.length),
        region: 'us-east-1',
        credentials: TEST_CREDENTIALS,
        maxAttempts: 1,
      });
      expect((await client.send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON' }))).Bundles).toHaveLength(7);
      client.destroy();
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(stateFile)).toBe(true);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [['--fail-rate', 'lots'], '--fail-rate expects a number between 0 and 1, got "lots"'],
    [['--realism', 'perfect'], '--realism expects one of instant, aws, got "perfect"'],
  ])('rejects a bad flag value (%s) with one line on stderr and exit 1', async (flags, message) => {
    const child = spawn(process.execPath, [WSR, 'emulator', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    const lines = stderr
      .split('\n')
      .filter((l) => l.trim() !== '' && !/NodeVersion|node >=22|versions published|To continue|security updates|a\.co\/|trace-warnings/.test(l));
    expect(lines).toEqual([`error EMULATOR_FLAG_INVALID: ${message}`]);
  });
});
