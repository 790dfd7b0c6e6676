/** Hand-written workspace plan steps and a plan around them, for executor tests (unit and integration). */
import type { Plan } from '../../src/model/plan.js';
import type { PlanStep } from '../../src/model/plan-step.js';

/** The embedded emulator's registrable directory. */
export const DIRECTORY = 'd-9067a1b2c3';

/** An AUTO_STOP desktop (so a stop after it is allowed) on the Amazon standard bundle. */
export function createStep(user: string, extra: Partial<PlanStep> = {}, directory = DIRECTORY): PlanStep {
  const key = `workspace/${directory}/${user}`;
  return {
    id: `${key}:CreateWorkspaces`,
    key,
    kind: 'workspace',
    action: 'create',
    operation: 'CreateWorkspaces',
    input: { Workspaces: [{ DirectoryId: directory, UserName: user, BundleId: 'wsb-stdwin0001', WorkspaceProperties: { RunningMode: 'AUTO_STOP' } }] },
    batch: { member: 'Workspaces', max: 25 },
    dependsOn: [],
    destructive: false,
    reason: `${user} has no desktop`,
    produces: key,
    ...extra,
  };
}

export function stopStep(user: string, extra: Partial<PlanStep> = {}): PlanStep {
  const key = `workspace/${DIRECTORY}/${user}`;
  return {
    id: `${key}:StopWorkspaces`,
    key,
    kind: 'workspace',
    action: 'update',
    operation: 'StopWorkspaces',
    input: { StopWorkspaceRequests: [{ WorkspaceId: { $idOf: key } }] },
    batch: { member: 'StopWorkspaceRequests', max: 25 },
    dependsOn: [`${key}:CreateWorkspaces`],
    destructive: false,
    reason: 'desired stopped',
    target: { $idOf: key },
    ...extra,
  };
}

export function planOf(steps: readonly PlanStep[]): Plan {
  return {
    version: 1,
    environment: 'test-env',
    account: '123456789012',
    region: 'us-east-1',
    createdAt: '2026-11-25T00:00:00.000Z',
    fingerprint: 'f',
    changes: [],
    steps,
    summary: { create: 0, update: 0, migrate: 0, replace: 0, delete: 0, noop: 0, blocked: 0, destructive: 0, steps: steps.length },
    readCalls: {},
    unmanaged: [],
    warnings: [],
  };
}
