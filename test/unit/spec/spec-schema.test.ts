/** The JSON Schema file is the one the loader uses, and it is fit for editors (descriptions, closed objects). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printSchema } from '../../../scripts/print-schema.js';
import { specSchema } from '../../../src/spec/spec-schema.js';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

type Node = Record<string, unknown>;

/** Every schema object reachable from `node`, with its path. */
function* schemaNodes(node: unknown, path = '#'): Generator<[string, Node]> {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
  yield [path, node as Node];
  const n = node as Node;
  for (const [name, child] of Object.entries((n.properties as Node | undefined) ?? {})) yield* schemaNodes(child, `${path}/properties/${name}`);
  if (typeof n.additionalProperties === 'object') yield* schemaNodes(n.additionalProperties, `${path}/additionalProperties`);
  if (n.items) yield* schemaNodes(n.items, `${path}/items`);
}

describe('wsr/v1 JSON Schema', () => {
  it('schemas/wsr-v1.schema.json is the schema the loader checks with (regenerate: npm run gen:spec-schema)', () => {
    expect(readFileSync(root('schemas/wsr-v1.schema.json'), 'utf8')).toBe(printSchema());
  });

  it('every property has a description for editor hovers', () => {
    const missing = [...schemaNodes(specSchema)].filter(([path, node]) => path.includes('/properties/') && typeof node.description !== 'string');
    expect(missing.map(([path]) => path)).toEqual([]);
  });

  it('every object with named fields is closed, so unknown fields are errors at any depth', () => {
    const open = [...schemaNodes(specSchema)].filter(([, node]) => node.properties !== undefined && node.additionalProperties !== false);
    expect(open.map(([path]) => path)).toEqual([]);
  });

  it.each(['quickstart.yaml', 'fleet.yaml', 'full.yaml', 'groups.yaml'])('examples/%s points editors at the schema', (name) => {
    expect(readFileSync(root(`examples/${name}`), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/wsr-v1.schema.json');
  });
});
