import { describe, expect, it } from 'vitest';
import { conditionOf, newEnvironmentState, type EnvironmentState } from '../../../src/daemon/environment-state.js';
import { evaluateReadiness } from '../../../src/daemon/readiness.js';
import { aDesired } from './fakes.js';

const NOW = 1_000_000;
const THRESHOLD = 60_000;

function reconciled(env: string, overrides: Partial<EnvironmentState> = {}): EnvironmentState {
  return Object.assign(
    newEnvironmentState(env, `${env}.yaml`),
    { reconciles: 1, lastRun: { runId: 'r', result: 'in-sync', startedAt: NOW - 1000, ms: 5, usedLastGoodSpec: false, apiCalls: 7, throttled: 0 } },
    overrides,
  );
}

describe('evaluateReadiness', () => {
  it('is ready once every environment finished a reconcile and none is failing', () => {
    expect(evaluateReadiness([reconciled('a'), reconciled('b')], NOW, THRESHOLD)).toEqual({ ready: true, reasons: [] });
  });

  it('is not ready while an environment has not finished its first reconcile', () => {
    const readiness = evaluateReadiness([reconciled('a'), newEnvironmentState('b', 'b.yaml')], NOW, THRESHOLD);
    expect(readiness.ready).toBe(false);
    expect(readiness.reasons).toEqual([expect.stringMatching(/^b: first reconcile not finished/)]);
  });

  it('is not ready without any environment', () => {
    expect(evaluateReadiness([], NOW, THRESHOLD).ready).toBe(false);
  });

  it('tolerates failures shorter than the threshold', () => {
    const failing = reconciled('a', { failingSince: NOW - THRESHOLD + 1, consecutiveFailures: 1 });
    expect(evaluateReadiness([failing], NOW, THRESHOLD).ready).toBe(true);
  });

  it('turns unready once an environment has been failing for the threshold, and says why', () => {
    const lastRun = {
      runId: 'r',
      result: 'failed' as const,
      startedAt: NOW - 1000,
      ms: 5,
      usedLastGoodSpec: false,
      apiCalls: 1,
      throttled: 0,
      failure: { code: 'AWS_TRANSIENT', message: 'InternalFailure', terminal: false },
    };
    const failing = reconciled('a', { failingSince: NOW - THRESHOLD, consecutiveFailures: 3, lastRun });
    const readiness = evaluateReadiness([failing], NOW, THRESHOLD);
    expect(readiness.ready).toBe(false);
    expect(readiness.reasons[0]).toBe('a: failing for 60s (Reconciling AWS_TRANSIENT: InternalFailure (retrying with backoff))');
  });

  it('counts an invalid spec on disk as failing even while the last good spec reconciles fine', () => {
    const badSpec = reconciled('a', {
      specProblem: { code: 'SPEC_YAML_SYNTAX', message: 'bad indentation', since: NOW - THRESHOLD },
      lastGoodDesired: aDesired('good'),
    });
    const readiness = evaluateReadiness([badSpec], NOW, THRESHOLD);
    expect(readiness.ready).toBe(false);
    expect(readiness.reasons[0]).toContain('Stalled SpecInvalid: SPEC_YAML_SYNTAX');
  });
});

describe('conditionOf', () => {
  it('stays Ready while a routine run is in flight, so alerts on Ready do not flap every tick', () => {
    const state = reconciled('a', { running: true });
    expect(conditionOf(state)).toMatchObject({ type: 'Ready', reason: 'InSync' });
  });

  it('is Reconciling until the first run finished', () => {
    expect(conditionOf(Object.assign(newEnvironmentState('a', 'a.yaml'), { running: true }))).toMatchObject({ type: 'Reconciling', reason: 'Progressing' });
  });
});
