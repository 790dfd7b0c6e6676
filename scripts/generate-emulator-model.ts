/**
 * Regenerates workspaces-input-model.json from the shared full botocore model.
 * Run: `npm run gen:emulator-model` (`npx tsx scripts/generate-emulator-model.ts [path-to-full-model.json]`).
 * Only input shapes and per-operation error lists are kept: the emulator validates requests
 * with them, and the runtime image does not ship ../shared.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  [k: string]: unknown;
}
const KEEP = ['type', 'required', 'min', 'max', 'pattern', 'enum', 'union'] as const;

const source = process.argv[2] ?? fileURLToPath(new URL('../../shared/reference/workspaces-2015-04-08.full-model.json', import.meta.url));
const full = JSON.parse(readFileSync(source, 'utf8')) as {
  operations: Record<string, { input?: { shape: string }; errors?: { shape: string }[] }>;
  shapes: Record<string, Shape>;
};

const shapes: Record<string, Record<string, unknown>> = {};
function visit(name: string): void {
  if (shapes[name]) return;
  const shape = full.shapes[name];
  const kept: Record<string, unknown> = {};
  for (const key of KEEP) if (shape[key] !== undefined) kept[key] = shape[key];
  shapes[name] = kept;
  if (shape.members) {
    kept.members = Object.fromEntries(Object.entries(shape.members).map(([m, ref]) => [m, ref.shape]));
    for (const ref of Object.values(shape.members)) visit(ref.shape);
  }
  for (const part of ['member', 'key', 'value'] as const) {
    const ref = shape[part];
    if (ref) {
      kept[part] = ref.shape;
      visit(ref.shape);
    }
  }
}
const operations: Record<string, { input?: string; errors: string[] }> = {};
for (const [name, op] of Object.entries(full.operations)) {
  if (op.input) visit(op.input.shape);
  operations[name] = { ...(op.input ? { input: op.input.shape } : {}), errors: (op.errors ?? []).map((e) => e.shape).sort() };
}
const out = fileURLToPath(new URL('../src/emulator/model/workspaces-input-model.json', import.meta.url));
writeFileSync(out, `${JSON.stringify({ operations, shapes })}\n`);
console.log(`wrote ${Object.keys(operations).length} operations, ${Object.keys(shapes).length} shapes to ${out}`);
