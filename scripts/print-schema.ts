/** Prints the wsr/v1 JSON Schema: `npm run gen:spec-schema` (`npx tsx scripts/print-schema.ts > schemas/wsr-v1.schema.json`). */
import { pathToFileURL } from 'node:url';
import { specSchema } from '../src/spec/spec-schema.js';

export function printSchema(): string {
  return `${JSON.stringify(specSchema, null, 2)}\n`;
}

const runAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runAsScript) process.stdout.write(printSchema());
