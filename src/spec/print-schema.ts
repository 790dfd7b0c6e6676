/** Prints the wsr/v1 JSON Schema: `npx tsx src/spec/print-schema.ts > schemas/wsr-v1.schema.json`. */
import { specSchema } from './spec-schema.js';

export function printSchema(): string {
  return `${JSON.stringify(specSchema, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(printSchema());
