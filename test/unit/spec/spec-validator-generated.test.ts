/** The validator wsr runs is compiled from today's schema: a schema change without regenerating fails here. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { specValidatorSource } from '../../../scripts/compile-spec-validator.js';

const generated = fileURLToPath(new URL('../../../src/spec/spec-validator.generated.ts', import.meta.url));

describe('build-time spec validator (ajv standalone)', () => {
  it('src/spec/spec-validator.generated.ts is what the schema compiles to (regenerate: npm run gen:spec-validator)', () => {
    expect(readFileSync(generated, 'utf8') === specValidatorSource()).toBe(true);
  });
});
