/** `wsr quickstart` (what `npm start` runs) as a process: exits 0 and its second plan has no changes. */
import { describe, expect, it } from 'vitest';
import { runWsr } from '../helpers/run-wsr.js';

describe('wsr quickstart (process)', () => {
  it('plans, applies and re-plans the quick start against a fresh embedded emulator, exit 0', async () => {
    const run = await runWsr(['quickstart']);

    expect(run.code, run.stderr).toBe(0);
    const [, planned, applied, replanned] = run.stdout.split(/^── (?:plan|apply|plan again) ──$/m);
    expect(planned).toContain('+ create 2 × workspace/d-9067a1b2c3/{alice, bob}');
    expect(applied).toMatch(/Apply: \d+ succeeded, 0 failed, 0 skipped/);
    expect(replanned).toContain('No changes.');
  });
});
