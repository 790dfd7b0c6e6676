/**
 * A saved plan is the Plan value as JSON with its format version. Parsing checks JSON, version,
 * schema (ajv) and that every dependsOn names a step of the plan, so `apply --plan` never runs
 * a file it does not understand. The caller reads/writes the file (the core does no I/O).
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SpecError } from '../errors.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../model/plan.js';
import { PLAN_SCHEMA } from './plan-schema.js';

let validator: ValidateFunction | undefined;

function validatePlanShape(value: unknown): ErrorObject[] {
  if (validator === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
    validator = ajv.compile(PLAN_SCHEMA);
  }
  return validator(value) ? [] : (validator.errors ?? []);
}

export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

function invalid(file: string, message: string): SpecError {
  return new SpecError('PLAN_FILE_INVALID', `${file}: ${message}`, { hint: 'make the plan again with: wsr plan <spec> --out <file>' });
}

export function parsePlan(text: string, file: string): Plan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `not a JSON plan (${(error as Error).message})`);
  }
  const version = (value as { version?: unknown } | null)?.version;
  if (typeof value !== 'object' || value === null || version !== PLAN_FORMAT_VERSION) {
    throw invalid(file, `expected a plan of format version ${PLAN_FORMAT_VERSION}, got version ${JSON.stringify(version)}`);
  }
  const errors = validatePlanShape(value);
  if (errors.length > 0) {
    const first = errors[0];
    throw invalid(file, `${first.instancePath || '/'} ${first.message ?? 'is invalid'}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`);
  }
  const plan = value as Plan;
  const ids = new Set(plan.steps.map((step) => step.id));
  const dangling = plan.steps.find((step) => step.dependsOn.some((dependency) => !ids.has(dependency)));
  if (dangling !== undefined) throw invalid(file, `step ${dangling.id} depends on a step that is not in the plan`);
  return plan;
}
