/** The registry is the one list of kinds: tsc checks it against the KindName vocabulary, both ways. */
import { describe, expect, it } from 'vitest';
import { KINDS, type KindRegistry } from '../../../src/kinds/index.js';

const byName = Object.fromEntries(KINDS.map((definition) => [definition.kind, definition])) as KindRegistry;

describe('kind registry', () => {
  it('tsc refuses a registry that misses a kind', () => {
    const { pool: _left, ...withoutPool } = byName;
    // @ts-expect-error pool is missing: a kind of the vocabulary must be registered
    const registry: KindRegistry = withoutPool;
    expect(Object.keys(registry)).not.toContain('pool');
  });

  it('tsc refuses a registry line for a kind the vocabulary (model/keys.ts) does not know', () => {
    // @ts-expect-error printer is not a KindName
    const registry: KindRegistry = { ...byName, printer: byName.pool };
    expect(Object.keys(registry)).toHaveLength(KINDS.length + 1);
  });
});
