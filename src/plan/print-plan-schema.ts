/** Prints the plan v1 JSON Schema: `npx tsx src/plan/print-plan-schema.ts > schemas/plan-v1.schema.json`. */
import { PLAN_SCHEMA } from './plan-schema.js';

process.stdout.write(`${JSON.stringify(PLAN_SCHEMA, null, 2)}\n`);
