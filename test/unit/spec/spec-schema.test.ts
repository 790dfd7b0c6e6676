/** The JSON Schema file is the one the loader uses, and it is fit for editors (descriptions, closed objects). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printSchema } from '../../../scripts/print-schema.js';
import { KINDS } from '../../../src/kinds/index.js';
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

  it('the schema assembled from the kinds means what schemas/wsr-v1.schema.json says (deep-equal after canonical key order)', () => {
    const canonical = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(canonical)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(
              Object.keys(value)
                .sort()
                .map((key) => [key, canonical((value as Node)[key])]),
            )
          : value;
    const committed = JSON.parse(readFileSync(root('schemas/wsr-v1.schema.json'), 'utf8')) as unknown;
    expect(canonical(JSON.parse(JSON.stringify(specSchema)))).toEqual(canonical(committed));
  });

  it('has one top-level section per registered kind, in registry order, after the parts of the environment itself', () => {
    expect(Object.keys((specSchema as Node).properties as Node)).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'policy',
      'defaults',
      ...KINDS.map((kind) => kind.spec.section),
    ]);
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
