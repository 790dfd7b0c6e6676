/** Prints the wsr/v1 JSON Schema: `npx tsx src/spec/print-schema.ts > schemas/wsr-v1.schema.json`. */
import { pathToFileURL } from 'node:url';
import { specSchema } from './spec-schema.js';

export function printSchema(): string {
  return `${JSON.stringify(specSchema, null, 2)}\n`;
}

const runAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runAsScript) process.stdout.write(printSchema());
