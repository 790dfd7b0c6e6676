/**
 * Property (e) of architecture.md over the pure exporter: for any live account, the exported
 * spec loads without a diagnostic and plans to no changes against that same account; and the
 * text depends only on the account, not on the order it was read in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArb } from '../../helpers/arbitraries.js';
import { EXPORTING_ENV, liveFleetArb } from './live-fleet-arbitrary.js';
import { roundTrip } from './round-trip.js';

const RUNS = { numRuns: 200 };

describe('export round trip', () => {
  it('(e) export(live) loads cleanly and diffs to no changes against live', () => {
    fc.assert(
      fc.property(liveFleetArb(), fc.boolean(), (live, includeManaged) => {
        const result = roundTrip(live, { name: EXPORTING_ENV, includeManaged });
        expect(result.diagnostics).toEqual([]);
        expect(result.changes).toEqual([]);
        expect(result.plan?.steps).toEqual([]);
      }),
      RUNS,
    );
  });

  it('(e) holds for the planner universe too (live states of planner.property.test.ts)', () => {
    fc.assert(
      fc.property(scenarioArb({ ownership: 'mixed' }), (scenario) => {
        // adopt everything: that universe's ids are shorter than AWS's, so a reference by id would not load
        const result = roundTrip(scenario.live, { name: scenario.desired.environment.name, includeManaged: true });
        expect(result.diagnostics).toEqual([]);
        expect(result.changes).toEqual([]);
      }),
      RUNS,
    );
  });

  it('the same account gives the same text, whatever order it was read in', () => {
    fc.assert(
      fc.property(
        liveFleetArb().chain((live) => fc.tuple(fc.constant(live), fc.shuffledSubarray([...live.resources], { minLength: live.resources.length }))),
        ([live, shuffled]) => {
          expect(roundTrip({ ...live, resources: shuffled }).text).toBe(roundTrip(live).text);
        },
      ),
      { numRuns: 100 },
    );
  });
});
