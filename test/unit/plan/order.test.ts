import { describe, expect, it } from 'vitest';
import { KINDS, KIND_NAMES, kindDefinition } from '../../../src/kinds/index.js';
import { KIND_ORDER, orderRank } from '../../../src/plan/order.js';

describe('KIND_ORDER', () => {
  it('creates ipGroup → directory → image → bundle → workspace → alias', () => {
    const position = (kind: (typeof KIND_ORDER)[number]): number => KIND_ORDER.indexOf(kind);
    const creates = ['ipGroup', 'directory', 'image', 'bundle', 'workspace', 'connectionAlias'] as const;
    expect(creates.map(position)).toEqual([...creates.map(position)].sort((a, b) => a - b));
  });

  it('runs deletes in the reverse order, after every create', () => {
    expect(orderRank('connectionAlias', 'delete')).toBeLessThan(orderRank('workspace', 'delete'));
    expect(orderRank('workspace', 'delete')).toBeLessThan(orderRank('directory', 'delete'));
    expect(orderRank('ipGroup', 'delete')).toBeGreaterThan(orderRank('connectionAlias', 'create'));
  });

  it('is the registry: every kind once, each found under its own name', () => {
    expect(KIND_ORDER).toEqual(KIND_NAMES);
    expect(new Set(KIND_ORDER).size).toBe(KINDS.length);
    for (const definition of KINDS) expect(kindDefinition(definition.kind)).toBe(definition);
  });
});
