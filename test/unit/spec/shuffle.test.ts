/** Order in the spec carries no meaning: shuffling map entries, templates and user lists gives the same desired set. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { DesiredState } from '../../../src/model/desired.js';
import { loadSpecText } from '../../../src/spec/load-spec.js';

interface Template {
  users: string[];
  directory: string;
  bundle: string;
  runningMode: 'AUTO_STOP' | 'ALWAYS_ON';
}

const specArbitrary = fc
  .record({
    directoryCount: fc.integer({ min: 1, max: 3 }),
    ipGroups: fc.uniqueArray(fc.stringMatching(/^[a-z]{3,8}$/), { maxLength: 4 }),
    users: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/), { minLength: 1, maxLength: 30 }),
    templateCount: fc.integer({ min: 1, max: 4 }),
    seed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
  })
  .map(({ directoryCount, ipGroups, users, templateCount, seed }) => {
    const directories = Object.fromEntries(
      Array.from({ length: directoryCount }, (_, i) => [
        `dir${i}`,
        { id: `d-${String(i).repeat(10)}`, ipGroups: ipGroups.filter((_, g) => (g + i) % 2 === 0) },
      ]),
    );
    const templates: Template[] = Array.from({ length: templateCount }, (_, t) => ({
      users: users.filter((_, u) => u % templateCount === t),
      directory: `dir${seed[t] % directoryCount}`,
      bundle: ['wsb-stdwin0001', 'wsb-valwin0001', 'wsb-perwin0001'][seed[t + 8] % 3],
      runningMode: seed[t + 16] % 2 === 0 ? ('AUTO_STOP' as const) : ('ALWAYS_ON' as const),
    })).filter((t) => t.users.length > 0);
    return {
      apiVersion: 'wsr/v1',
      kind: 'Environment',
      metadata: { name: 'prop', account: '123456789012', region: 'us-east-1' },
      ipGroups: Object.fromEntries(ipGroups.map((name) => [name, { rules: [{ cidr: '10.0.0.0/8' }] }])),
      directories,
      workspaces: templates,
    };
  });

function shuffled<T>(items: readonly T[], order: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, rank: order[i % order.length] * 1000 + i }))
    .sort((a, b) => a.rank - b.rank)
    .map((x) => x.item);
}

function shuffledMap<T>(map: Record<string, T>, order: readonly number[]): Record<string, T> {
  return Object.fromEntries(shuffled(Object.entries(map), order));
}

/** The desired state as a set: resources by key, without source positions (of entries or fields). */
function asSet(desired: DesiredState | undefined) {
  expect(desired).toBeDefined();
  const resources = desired!.resources.map(({ source: _source, fieldSources: _fieldSources, ...rest }) => rest).sort((a, b) => a.key.localeCompare(b.key));
  return { environment: desired!.environment, policy: desired!.policy, resources };
}

describe('spec order', () => {
  it('shuffling map entries, templates and users gives the same DesiredState set', () => {
    fc.assert(
      fc.property(specArbitrary, fc.array(fc.nat({ max: 100 }), { minLength: 1, maxLength: 50 }), (spec, order) => {
        const reordered = {
          ...spec,
          ipGroups: shuffledMap(spec.ipGroups, order),
          directories: shuffledMap(spec.directories, [...order].reverse()),
          workspaces: shuffled(spec.workspaces, order).map((t) => ({ ...t, users: shuffled(t.users, [...order].reverse()) })),
        };
        const original = loadSpecText(stringify(spec), 'a.yaml');
        const again = loadSpecText(stringify(reordered), 'b.yaml');
        expect(asSet(again.desired)).toEqual(asSet(original.desired));
      }),
      { numRuns: 100 },
    );
  }, 30_000); // property runs: generous for a loaded CI machine, not a speed assertion
});
