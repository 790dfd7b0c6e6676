/**
 * A saved plan is an approval: a step's Region (PlanStep.region, a standby desktop's
 * CreateStandbyWorkspaces) is part of what is approved, so a saved plan whose step would call
 * another Region than a fresh plan is refused, naming the member.
 */
import { describe, expect, it } from 'vitest';
import { acceptSavedPlan } from '../../../src/plan/saved-plan.js';
import type { Plan } from '../../../src/model/plan.js';
import type { PlanStep } from '../../../src/model/plan-step.js';

const standbyStep: PlanStep = {
  id: 'workspace/d-9067e00002/alice:CreateStandbyWorkspaces',
  key: 'workspace/d-9067e00002/alice',
  kind: 'workspace',
  action: 'update',
  operation: 'CreateStandbyWorkspaces',
  input: { PrimaryRegion: 'us-east-1', StandbyWorkspaces: [{ PrimaryWorkspaceId: 'ws-0123456789', DirectoryId: 'd-9067f00002' }] },
  dependsOn: [],
  destructive: false,
  reason: 'standby desktop in us-west-2 (directory d-9067f00002) for this primary',
  region: 'us-west-2',
};

function planWith(step: PlanStep): Plan {
  return {
    version: 1,
    environment: 'corp',
    account: '123456789012',
    region: 'us-east-1',
    createdAt: '2026-11-30T18:00:00.000Z',
    fingerprint: 'f'.repeat(64),
    changes: [],
    steps: [step],
    summary: { create: 0, update: 1, migrate: 0, replace: 0, delete: 0, noop: 0, blocked: 0, destructive: 0, steps: 1 },
    readCalls: {},
    unmanaged: [],
    warnings: [],
    specHash: 'a'.repeat(64),
  };
}

describe('saved plan: the Region of a step is approved with it', () => {
  it('the same Region is accepted', () => {
    expect(acceptSavedPlan(planWith(standbyStep), planWith(standbyStep), { specHash: 'a'.repeat(64) }).steps[0]!.region).toBe('us-west-2');
  });

  it('a step edited to call another Region is PLAN_MISMATCH naming region', () => {
    const edited = planWith({ ...standbyStep, region: 'eu-central-1' });
    expect(() => acceptSavedPlan(edited, planWith(standbyStep), { specHash: 'a'.repeat(64) })).toThrow(
      /has region "eu-central-1" where a fresh plan has "us-west-2"/,
    );
  });
});
