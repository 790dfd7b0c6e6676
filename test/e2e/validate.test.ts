/** `wsr validate` as a process: exit 0/1, `<file>: valid` on stdout, one stderr line per error, no stack. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWsr } from '../helpers/run-wsr.js';

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('wsr validate', () => {
  it('exits 0 and says so for each valid example', async () => {
    // one file per run: the examples are alternatives that manage the same emulator directory
    for (const example of ['examples/quickstart.yaml', 'examples/fleet.yaml', 'examples/full.yaml']) {
      const run = await runWsr(['validate', example]);
      expect(run.code).toBe(0);
      expect(lines(run.stdout)).toEqual([`${example}: valid`]);
      expect(run.stderr).toBe('');
    }
  });

  it('refuses two files with one environment identity, and two environments managing one directory, naming both files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsr-validate-'));
    const spec = (name: string, directory: string) => `apiVersion: wsr/v1
kind: Environment
metadata: {name: ${name}, account: "123456789012", region: us-east-1}
${directory}workspaces:
  - {directory: d-9067a1b2c3, bundle: wsb-stdwin0001, users: [alice]}
`;
    const owns = 'directories:\n  corp: {id: d-9067a1b2c3, subnets: [subnet-0aaa1111, subnet-0bbb2222]}\n';
    const write = (file: string, text: string) => {
      writeFileSync(join(dir, file), text);
      return join(dir, file);
    };
    const a = write('a.yaml', spec('team-a', owns));
    const b = write('b.yaml', spec('team-a', ''));
    const duplicate = await runWsr(['validate', a, b]);
    expect(duplicate.code).toBe(1);
    expect(lines(duplicate.stderr)).toEqual([
      `${a}:1:1: error ENV_DUPLICATE: ${a} and ${b} both define environment team-a (123456789012/us-east-1); each environment needs its own metadata.name (both are refused)`,
      `${b}:1:1: error ENV_DUPLICATE: ${a} and ${b} both define environment team-a (123456789012/us-east-1); each environment needs its own metadata.name (both are refused)`,
    ]);

    const both = write('c.yaml', spec('team-c', owns));
    const twice = await runWsr(['validate', a, both]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(
      new RegExp(`^${both}:5:3: error SPEC_DIRECTORY_MANAGED_TWICE: directory/d-9067a1b2c3 is managed by environment team-a \\(${a}\\) and by team-c`),
    );

    // the documented read-only form: team-b only places desktops in team-a's directory, by its id
    const reference = write('d.yaml', spec('team-b', ''));
    const shared = await runWsr(['validate', a, reference]);
    expect(shared.code, shared.stderr).toBe(0);
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
