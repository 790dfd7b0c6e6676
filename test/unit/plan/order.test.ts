import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../src/kinds/index.js';
import { KIND_NAMES } from '../../../src/model/keys.js';
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

  it('names every kind once', () => {
    expect([...KIND_ORDER].sort()).toEqual([...KIND_NAMES].sort());
  });

  it("agrees with every registered kind's own order number", () => {
    const byOrderField = [...KINDS].sort((a, b) => a.order - b.order).map((definition) => definition.kind);
    expect(byOrderField).toEqual(KIND_ORDER.filter((kind) => KINDS.some((definition) => definition.kind === kind)));
  });
});
