/** `wsr validate` as a process: exit 0/1, `<file>: valid` on stdout, one stderr line per error, no stack. */
import { describe, expect, it } from 'vitest';
import { runWsr } from '../helpers/run-wsr.js';


const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('wsr validate', () => {
  it('exits 0 and says so for each valid example', async () => {
    const run = await runWsr(['validate', 'examples/quickstart.yaml', 'examples/fleet.yaml', 'examples/full.yaml']);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual(['examples/quickstart.yaml: valid', 'examples/fleet.yaml: valid', 'examples/full.yaml: valid']);
    expect(run.stderr).toBe('');
  });

  it('exits 1 with every error of every file on stderr, one line each, and still reports the valid ones', async () => {
    const bad = 'test/fixtures/specs/bad';
    const run = await runWsr(['validate', `${bad}/unknown-field-deep.yaml`, 'examples/quickstart.yaml', `${bad}/alias-bomb.yaml`, `${bad}/missing-file.yaml`]);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual(['examples/quickstart.yaml: valid']);
    expect(lines(run.stderr)).toEqual([
      `${bad}/unknown-field-deep.yaml:10:5: error SPEC_UNKNOWN_FIELD: unknown field "bundel" (did you mean "bundle"?)`,
      `${bad}/alias-bomb.yaml:1:1: error SPEC_ALIAS_LIMIT: too many alias expansions (more than 100); is this an alias bomb?`,
      `${bad}/missing-file.yaml:1:1: error SPEC_UNREADABLE: cannot read spec: no such file`,
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 on a binary file without a stack trace', async () => {
    const run = await runWsr(['validate', process.execPath]);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/error SPEC_(BINARY|TOO_LARGE): /);
  });
});
