/**
 * The transition oracle, reduced run (the long one is `npm run soak`): at realistic timing (0.002
 * time scale, 20 % throttling), every named day-2 transition and a few generated ones converge in
 * ONE apply — exit 0, no call refused by the API, a re-plan with nothing left.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { day2TransitionArb } from '../helpers/arbitraries.js';
import { renderDay2Spec } from '../helpers/day2-specs.js';
import { DAY2_TRANSITIONS, runTransitions } from '../helpers/day2-transitions.js';
import { describeOutcome } from '../helpers/transition-oracle.js';

/** Generated pairs in the reduced run; the soak runs 300+. */
const GENERATED = 4;

describe('transition oracle (reduced run)', () => {
  it('every named day-2 transition converges in one apply', async () => {
    const outcomes = await runTransitions(DAY2_TRANSITIONS, { workers: 6 });
    expect(outcomes.filter((outcome) => !outcome.converged).map(describeOutcome)).toEqual([]);
  }, 300_000);

  it(`${GENERATED} generated transitions (fast-check pairs over every kind) converge in one apply`, async () => {
    const pairs = fc.sample(day2TransitionArb, { numRuns: GENERATED, seed: 2026 });
    const cases = pairs.map((pair, index) => ({ name: `generated #${index}`, before: renderDay2Spec(pair.before), after: renderDay2Spec(pair.after) }));
    const outcomes = await runTransitions(cases, { workers: GENERATED });
    expect(outcomes.filter((outcome) => !outcome.converged).map(describeOutcome)).toEqual([]);
  }, 300_000);
});
