/** `wsr quickstart` (what `npm start` runs) as a process: exits 0 and its second plan has no changes. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WSR = fileURLToPath(new URL('../../bin/wsr.js', import.meta.url));

describe('wsr quickstart (process)', () => {
  it('plans, applies and re-plans the quick start against a fresh embedded emulator, exit 0', async () => {
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [WSR, 'quickstart'], {
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

    expect(run.code, run.stderr).toBe(0);
    const [, planned, applied, replanned] = run.stdout.split(/^── (?:plan|apply|plan again) ──$/m);
    expect(planned).toContain('+ workspace/d-9067a1b2c3/alice');
    expect(applied).toMatch(/Apply: \d+ succeeded, 0 failed, 0 skipped/);
    expect(replanned).toContain('No changes.');
  });
});
