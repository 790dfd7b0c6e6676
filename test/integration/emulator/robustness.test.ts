/**
 * Property: whatever a caller sends that the API model accepts, the emulator answers 200 or an
 * AWS-shaped 4xx — never a 500 from a handler bug. Inputs are generated from the model's own shapes
 * (enums, patterns, lengths, list sizes), so they get past validation into the state logic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../../src/emulator/emulator.js';
import inputModel from '../../../src/emulator/model/workspaces-input-model.json' with { type: 'json' };
import { OPERATIONS } from '../../../src/emulator/validate.js';

interface ShapeDef {
  type: string;
  required?: string[];
  members?: Record<string, string>;
  member?: string;
  value?: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}
const model = inputModel as unknown as { operations: Record<string, { input?: string }>; shapes: Record<string, ShapeDef> };
const MAX_DEPTH = 5;

function arbitraryOf(name: string, depth = 0): fc.Arbitrary<unknown> {
  const shape = model.shapes[name];
  switch (shape.type) {
    case 'structure': {
      const members = Object.entries(shape.members ?? {}).map(([member, memberShape]) => [
        member,
        depth >= MAX_DEPTH ? fc.constant(undefined) : arbitraryOf(memberShape, depth + 1),
      ]);
      return fc.record(Object.fromEntries(members) as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: shape.required ?? [] });
    }
    case 'list':
      return fc.array(arbitraryOf(shape.member as string, depth + 1), { minLength: shape.min ?? 0, maxLength: Math.min(shape.max ?? 3, 3) });
    case 'map':
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), arbitraryOf(shape.value as string, depth + 1), { maxKeys: 2 });
    case 'string':
      return stringOf(shape);
    case 'integer':
    case 'long':
      return fc.integer({ min: shape.min ?? 0, max: shape.max ?? 1000 });
    case 'double':
      return fc.double({ min: shape.min ?? 0, max: shape.max ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'timestamp':
      return fc.integer({ min: 0, max: 2_000_000_000 });
    case 'blob':
      return fc.base64String({ maxLength: 8 });
    default:
      return fc.constant(undefined);
  }
}

function stringOf(shape: ShapeDef): fc.Arbitrary<string> {
  if (shape.enum) return fc.constantFrom(...shape.enum);
  const min = shape.min ?? 0;
  // only the model's own bounds filter pattern strings: a tighter cap could make the filter never pass
  const max = shape.max ?? Number.POSITIVE_INFINITY;
  if (shape.pattern) return fc.stringMatching(new RegExp(shape.pattern)).filter((s) => s.length >= min && s.length <= max);
  return fc.string({ minLength: min, maxLength: Math.min(max, 20) });
}

describe('robustness', () => {
  it.each(OPERATIONS.map((op) => [op]))('%s never answers 500 to model-shaped input', async (operation) => {
    const emulator = new Emulator({ rateLimits: false, timeScale: 0 });
    await emulator.call('RegisterWorkspaceDirectory', { DirectoryId: 'd-9067a1b2c3' });
    await emulator.call('CreateWorkspaces', { Workspaces: [{ DirectoryId: 'd-9067a1b2c3', UserName: 'alice', BundleId: 'wsb-stdwin0001' }] });
    const input = arbitraryOf(model.operations[operation].input as string);
    await fc.assert(
      fc.asyncProperty(input, async (request) => {
        const answer = await emulator.call(operation, request);
        expect(answer.status === 200 || (answer.status >= 400 && answer.status < 500 && typeof answer.body.__type === 'string')).toBe(true);
      }),
      { numRuns: 25, seed: 20261125 },
    );
  });
});
