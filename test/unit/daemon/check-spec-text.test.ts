import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSpecText } from '../../../src/daemon/check-spec-text.js';

describe('checkSpecText', () => {
  it('accepts the quickstart example and hands back what it asks for', () => {
    const text = readFileSync(new URL('../../../examples/quickstart.yaml', import.meta.url), 'utf8');
    const verdict = checkSpecText('quickstart.yaml', text);
    expect(verdict.ok && verdict.desired.environment.name).toBe('quickstart');
  });

  it('reports the first error with its code and location, and how many more there are', () => {
    const verdict = checkSpecText('broken.yaml', 'apiVersion: wsr/v1\nkind: Environment\nbogus: 1\nalso: 2\n');
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.code).toMatch(/^SPEC_/);
    expect(verdict.message).toMatch(/^broken\.yaml:\d+:\d+: error SPEC_/);
  });
});
