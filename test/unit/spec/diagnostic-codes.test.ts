/** One catalogue of diagnostic codes, in step with the code, each code exercised by a test. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SPEC_DIAGNOSTIC_CODES } from '../../../src/spec/diagnostic-codes.js';

const read = (dir: string) => {
  const path = fileURLToPath(new URL(dir, import.meta.url));
  return readdirSync(path).map((file) => readFileSync(path + file, 'utf8'));
};
const codesIn = (texts: readonly string[]) => new Set(texts.flatMap((text) => [...text.matchAll(/\bSPEC_[A-Z0-9_]+\b/g)].map((m) => m[0])));

const catalogue = new Set(Object.keys(SPEC_DIAGNOSTIC_CODES));
const kindSpecs = (): string[] => {
  const kinds = fileURLToPath(new URL('../../../src/kinds/', import.meta.url));
  return readdirSync(kinds, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => read(`../../../src/kinds/${entry.name}/`));
};
const sources = read('../../../src/spec/').filter((text) => !text.includes('export const SPEC_DIAGNOSTIC_CODES'));
/** The codes each kind's spec side reports (kinds/<kind>/): quoted, as other SPEC_* names live there too. */
const kindCodes = new Set(kindSpecs().flatMap((text) => [...text.matchAll(/['"`](SPEC_[A-Z0-9_]+)['"`]/g)].map((m) => m[1]!)));
const NOT_CODES = new Set(['SPEC_MAX_BYTES', 'SPEC_MAX_DEPTH', 'SPEC_MAX_ALIASES', 'SPEC_SCHEMA_ID', 'SPEC_DIAGNOSTIC_CODES']);

describe('diagnostic codes', () => {
  it('every code the loader reports is in the catalogue, and the catalogue has no stale code', () => {
    const used = new Set([...codesIn(sources), ...kindCodes].filter((code) => !NOT_CODES.has(code)));
    expect([...used].sort()).toEqual([...catalogue].sort());
  });

  it('every code but the internal-error and schema catch-all ones is exercised by the corpus or a unit test', () => {
    const corpus = read('../../fixtures/specs/bad/');
    const tests = read('./').filter((text) => !text.includes('SPEC_DIAGNOSTIC_CODES'));
    const exercised = codesIn([...corpus, ...tests]);
    const untested = [...catalogue].filter((code) => !exercised.has(code) && !['SPEC_INTERNAL', 'SPEC_SCHEMA'].includes(code));
    expect(untested).toEqual([]);
  });
});
