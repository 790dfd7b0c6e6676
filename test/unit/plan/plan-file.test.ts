import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan, serializePlan } from '../../../src/plan/plan-file.js';
import { PLAN_SCHEMA } from '../../../src/plan/plan-schema.js';
import { aDirectory, aLiveWorkspace, aWorkspace, planOf } from '../../helpers/builders.js';

const plan = planOf([aDirectory(), aWorkspace({ userName: 'bob' }), aWorkspace({ bundle: { id: 'wsb-x0000001' } })], [aLiveWorkspace()]);

describe('saved plans', () => {
  it('round-trips through serializePlan / parsePlan', () => {
    expect(parsePlan(serializePlan(plan), 'plan.json')).toEqual(JSON.parse(JSON.stringify(plan)));
  });

  it.each([
    ['not JSON', '{', 'not a JSON plan'],
    ['another format version', JSON.stringify({ ...plan, version: 2 }), 'format version 1, got version 2'],
    [
      'a step without an operation',
      JSON.stringify({ ...plan, steps: [{ ...plan.steps[0], operation: undefined }] }),
      "must have required property 'operation'",
    ],
    ['a dangling dependency', JSON.stringify({ ...plan, steps: [{ ...plan.steps[1], dependsOn: ['nope'] }] }), 'depends on a step that is not in the plan'],
  ])('refuses %s with PLAN_FILE_INVALID', (_name, text, message) => {
    expect(() => parsePlan(text, 'plan.json')).toThrow(expect.objectContaining({ code: 'PLAN_FILE_INVALID', message: expect.stringContaining(message) }));
  });

  it('schemas/plan-v1.schema.json is the schema the code validates with', () => {
    const file = JSON.parse(readFileSync(new URL('../../../schemas/plan-v1.schema.json', import.meta.url), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(PLAN_SCHEMA)));
  });
});
