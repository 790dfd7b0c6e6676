/** Whatever the input, the loader answers with one-line diagnostics: never a throw, never a stack. */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/spec/diagnostic.js';
import { loadSpecFile, loadSpecText } from '../../../src/spec/load-spec.js';
import { SPEC_MAX_BYTES } from '../../../src/spec/parse-spec-yaml.js';

type Path = (string | number)[];

/** Every path to a value inside a parsed spec. */
function allPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [path];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [path, ...entries.flatMap(([key, child]) => allPaths(child, [...path, key]))].filter((p) => p.length > 0);
}

/** Sets the value at `path`, unless an earlier edit replaced a parent with a scalar. */
function setAt(root: unknown, path: Path, value: unknown): void {
  let node = root;
  for (const segment of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string | number, unknown>)[segment];
  }
  if (typeof node === 'object' && node !== null) (node as Record<string | number, unknown>)[path[path.length - 1]] = value;
}

const dir = mkdtempSync(join(tmpdir(), 'wsr-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function codes(result: { diagnostics: { code: string }[] }): string[] {
  return result.diagnostics.map((d) => d.code);
}

const VALID = 'apiVersion: wsr/v1\nkind: Environment\nmetadata: {name: t, account: "123456789012", region: us-east-1}\n';

describe('hostile input', () => {
  it('never throws and never returns a multi-line diagnostic, whatever the text', () => {
    const fragments = fc.constantFrom(
      'apiVersion: wsr/v1\n',
      'kind: Environment\n',
      '- ',
      ': ',
      '{',
      '}',
      '[',
      ']',
      '&a ',
      '*a ',
      '\t',
      '  ',
      '\n',
      '"',
      "'",
      '#',
      '---\n',
      '!!binary ',
      '? ',
      'workspaces:\n',
      'users: [',
      '<<: ',
    );
    const texts = fc.oneof(
      fc.string(),
      fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join('')),
      fc.array(fragments, { maxLength: 40 }).map((parts) => VALID + parts.join('')),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const result = loadSpecText(text, 'fuzz.yaml');
        for (const d of result.diagnostics) expect(formatDiagnostic(d)).not.toContain('\n');
        expect(codes(result)).not.toContain('SPEC_INTERNAL');
        expect(result.desired === undefined).toBe(result.diagnostics.some((d) => d.severity === 'error'));
      }),
      { numRuns: 300 },
    );
  }, 30_000); // property runs: generous for a loaded CI machine, not a speed assertion

  it('a valid spec with any one value replaced by junk gets diagnostics, never an internal error', () => {
    const full = parse(readFileSync(fileURLToPath(new URL('../../../examples/full.yaml', import.meta.url)), 'utf8')) as unknown;
    const paths = allPaths(full);
    const junk = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), junk), { minLength: 1, maxLength: 3 }), (edits) => {
        const spec = structuredClone(full);
        for (const [path, value] of edits) setAt(spec, path, value);
        const result = loadSpecText(stringify(spec), 'mutated.yaml');
        expect(codes(result)).not.toContain('SPEC_INTERNAL');
      }),
      { numRuns: 150 },
    );
  }, 30_000); // property runs: generous for a loaded CI machine, not a speed assertion

  it('text over the size cap is refused before parsing', () => {
    expect(codes(loadSpecText(`# ${'x'.repeat(SPEC_MAX_BYTES)}`, 'big.yaml'))).toEqual(['SPEC_TOO_LARGE']);
  });

  it('a file over the size cap is refused without reading it', () => {
    const path = join(dir, 'huge.yaml');
    writeFileSync(path, '');
    truncateSync(path, SPEC_MAX_BYTES + 1);
    expect(codes(loadSpecFile(path))).toEqual(['SPEC_TOO_LARGE']);
  });

  it('a file with NUL bytes is binary', () => {
    const path = join(dir, 'binary.yaml');
    writeFileSync(path, Buffer.from([0x61, 0x3a, 0x00, 0x01, 0x02]));
    expect(codes(loadSpecFile(path))).toEqual(['SPEC_BINARY']);
  });

  it('a file that is not UTF-8 is refused', () => {
    const path = join(dir, 'latin1.yaml');
    writeFileSync(path, Buffer.concat([Buffer.from(VALID), Buffer.from('# caf\xe9\n', 'latin1')]));
    expect(codes(loadSpecFile(path))).toEqual(['SPEC_NOT_UTF8']);
  });

  it('a UTF-8 byte order mark is accepted', () => {
    const path = join(dir, 'bom.yaml');
    writeFileSync(path, `\uFEFF${VALID}`);
    expect(loadSpecFile(path).diagnostics).toEqual([]);
  });

  it('a control character in text is binary, with its position', () => {
    const result = loadSpecText(`${VALID}x: "\u0007"\n`, 'bell.yaml');
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'bell.yaml:4:5: error SPEC_BINARY: spec contains binary or non-UTF-8 data (control characters are not allowed)',
    ]);
  });

  it('a missing file or a directory is unreadable, as one line', () => {
    expect(formatDiagnostic(loadSpecFile(join(dir, 'nope.yaml')).diagnostics[0])).toMatch(
      /nope\.yaml:1:1: error SPEC_UNREADABLE: cannot read spec: no such file$/,
    );
    expect(codes(loadSpecFile(dir))).toEqual(['SPEC_UNREADABLE']);
  });

  it('a device is not read (it might never end)', () => {
    expect(loadSpecFile('/dev/zero').diagnostics.map(formatDiagnostic)).toEqual(['/dev/zero:1:1: error SPEC_UNREADABLE: cannot read spec: not a regular file']);
  });

  it('absurd nesting (100,000 brackets) is refused, not a stack overflow', () => {
    const result = loadSpecText(`${VALID}policy: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, 'deep.yaml');
    expect(result.desired).toBeUndefined();
    expect(codes(result).every((c) => c === 'SPEC_TOO_DEEP' || c === 'SPEC_YAML_SYNTAX')).toBe(true);
  });
});
