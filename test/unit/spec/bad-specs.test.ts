/**
 * The bad-spec corpus: every file under test/fixtures/specs/bad ends with `# expect:` lines,
 * one per diagnostic the loader must report, with the exact line:col, code and message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/spec/diagnostic.js';
import { loadSpecFile } from '../../../src/spec/load-spec.js';

const corpus = fileURLToPath(new URL('../../fixtures/specs/bad/', import.meta.url));
const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function expectedLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('# expect: '))
    .map((line) => {
      const [, position, code, message] = /^# expect: (\d+:\d+) (\S+) (.*)$/.exec(line)!;
      return `${path}:${position}: error ${code}: ${message}`;
    });
}

describe('bad spec corpus', () => {
  it('holds at least 40 bad specs, each with an expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    for (const file of files) expect(expectedLines(corpus + file), file).not.toHaveLength(0);
  });

  it.each(files)('%s is rejected with exactly the expected diagnostics', (file) => {
    const path = corpus + file;
    const result = loadSpecFile(path);
    expect(result.desired).toBeUndefined();
    expect(result.diagnostics.map(formatDiagnostic)).toEqual(expectedLines(path));
  });
});
