import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOwned } from '../../../src/model/live.js';
import { buildPlan } from '../../../src/plan/build.js';
import { enforceDestroyPolicy } from '../../../src/plan/policy.js';
import { scenarioArb, shuffledArb, type Scenario } from '../../helpers/arbitraries.js';
import { NOW } from '../../helpers/builders.js';
import { applyPlanToModel } from '../../helpers/live-model.js';

const RUNS = { numRuns: 300 };

function planFor(scenario: Scenario) {
  return buildPlan({ desired: scenario.desired, live: scenario.live, now: NOW });
}

describe('planner properties', () => {
  it('(a) when live equals desired the plan is empty', () => {
    fc.assert(
      fc.property(scenarioArb(), (scenario) => {
        const first = planFor(scenario);
        fc.pre(first.steps.every((step) => step.blocked === undefined));
        // Live that equals desired: the model after applying the plan (property (e) proves it converges).
        const converged = applyPlanToModel(scenario.live, first).live;
        const plan = buildPlan({ desired: scenario.desired, live: converged, now: NOW });
        expect(plan.changes).toEqual([]);
        expect(plan.steps).toEqual([]);
      }),
      RUNS,
    );
  });

  it('(b) shuffling spec entries gives the same plan', () => {
    fc.assert(
      fc.property(
        scenarioArb().chain((scenario) => fc.tuple(fc.constant(scenario), shuffledArb(scenario))),
        ([scenario, shuffled]) => {
          expect(planFor(shuffled)).toEqual(planFor(scenario));
        },
      ),
      RUNS,
    );
  });

  it('(c) every step comes after its dependsOn', () => {
    fc.assert(
      fc.property(scenarioArb({ ownership: 'mixed' }), (scenario) => {
        const plan = planFor(scenario);
        const position = new Map(plan.steps.map((step, index) => [step.id, index]));
        for (const [index, step] of plan.steps.entries()) {
          for (const dependency of step.dependsOn) expect(position.get(dependency)).toBeLessThan(index);
        }
      }),
      RUNS,
    );
  });

  it('(d) no runnable destructive step touches an unowned resource, and none passes maxDestroy', () => {
    fc.assert(
      fc.property(scenarioArb({ ownership: 'mixed' }), fc.nat(4), (scenario, maxDestroy) => {
        const plan = planFor(scenario);
        const liveByKey = new Map(scenario.live.resources.map((resource) => [resource.key, resource]));
        for (const step of plan.steps.filter((candidate) => candidate.destructive && candidate.blocked === undefined)) {
          const live = liveByKey.get(step.key);
          if (live !== undefined) expect(isOwned(live, scenario.desired.environment.name)).not.toBe(false);
        }
        const runnable = plan.steps.filter((step) => step.destructive && step.blocked === undefined).length;
        const passes = (() => {
          try {
            enforceDestroyPolicy(plan, { allowDestroy: true, maxDestroy });
            return true;
          } catch {
            return false;
          }
        })();
        expect(passes).toBe(runnable <= maxDestroy);
      }),
      RUNS,
    );
  });

  it('(e) applying the plan to a model of live state yields desired (no API rule broken on the way)', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.integer(), (scenario, seed) => {
        const plan = planFor(scenario);
        fc.pre(plan.steps.every((step) => step.blocked === undefined));
        // Any order the dependencies allow, as the parallel executor may run it.
        const after = applyPlanToModel(scenario.live, plan, { shuffleSeed: seed });
        const again = buildPlan({ desired: scenario.desired, live: after.live, now: NOW });
        expect(again.changes.map((change) => `${change.key} ${change.action} ${change.fields.map((field) => field.path).join(',')}`)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('(f) the runnable part of any plan breaks no API rule, whatever the ownership tags say', () => {
    fc.assert(
      fc.property(scenarioArb({ ownership: 'mixed' }), fc.integer(), (scenario, seed) => {
        expect(() => applyPlanToModel(scenario.live, planFor(scenario), { shuffleSeed: seed })).not.toThrow();
      }),
      RUNS,
    );
  });

  it('(g) --destroy removes every resource the spec manages, children before parents', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.integer(), (scenario, seed) => {
        const plan = buildPlan({ desired: scenario.desired, live: scenario.live, options: { destroy: true, allowDestroy: true }, now: NOW });
        fc.pre(plan.steps.every((step) => step.blocked === undefined));
        const after = applyPlanToModel(scenario.live, plan, { shuffleSeed: seed }).live;
        const declared = new Set(scenario.desired.resources.map((resource) => resource.key));
        expect(after.resources.filter((resource) => declared.has(resource.key)).map((resource) => resource.key)).toEqual([]);
      }),
      RUNS,
    );
  });
});
