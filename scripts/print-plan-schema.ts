/** Prints the plan v1 JSON Schema: `npm run gen:plan-schema` (`npx tsx scripts/print-plan-schema.ts > schemas/plan-v1.schema.json`). */
import { PLAN_SCHEMA } from '../src/plan/plan-schema.js';

process.stdout.write(`${JSON.stringify(PLAN_SCHEMA, null, 2)}\n`);
