/**
 * `preparePlan` → `applyPlan` through the real SDK against the emulator: an apply converges
 * (the next plan is empty), refusals (maxDestroy, protect, a stale saved plan) make zero
 * mutating calls, and a whole teardown applies cleanly — the emulator refuses any delete made
 * out of order, so a clean teardown proves the order.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DescribeIpGroupsCommand, DescribeWorkspaceDirectoriesCommand, StopWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { applyPrepared as apply } from '../helpers/apply-prepared.js';
import { preparePlan, type PreparedPlan } from '../../src/engine/plan-environment.js';
import { checkSavedPlan, loadSavedPlan } from '../../src/engine/apply-environment.js';
import { serializePlan } from '../../src/plan/plan-file.js';
import { desktops, desktopsPerUser, fleetSpec, mutatingCalls, users, writeSpec, type FleetSpecOptions } from './apply-support/fleet-spec.js';

let emulator: TestEmulator;

beforeEach(async () => {
  emulator = await startTestEmulator();
});
afterEach(async () => {
  await emulator.stop();
});

function plan(specFile: string, extra: { destroy?: boolean } = {}): Promise<PreparedPlan> {
  return preparePlan({ specFile, connection: { endpoint: emulator.endpoint }, ...extra });
}

async function planSteps(specFile: string): Promise<string[]> {
  const prepared = await plan(specFile);
  await prepared.session.close();
  return prepared.plan.steps.map((step) => `${step.key} ${step.operation}`);
}

async function converge(options: FleetSpecOptions): Promise<string> {
  const specFile = writeSpec(fleetSpec(options));
  const report = await apply(await plan(specFile));
  expect(report.failed).toBe(0);
  return specFile;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('apply against the emulator', () => {
  it('converges: after an apply the next plan has no changes', async () => {
    const specFile = writeSpec(fleetSpec({ users: ['alice', 'bob', 'carol'], stopped: ['dave'] }));
    const report = await apply(await plan(specFile));

    expect(report.failed).toBe(0);
    expect(report.skipped).toBe(0);
    expect(await planSteps(specFile)).toEqual([]);
    const live = await desktops(emulator.client);
    expect(desktopsPerUser(live)).toEqual({ alice: 1, bob: 1, carol: 1, dave: 1 });
    expect(live.find((workspace) => workspace.UserName === 'dave')!.State).toBe('STOPPED');
  });

  it('creates 60 desktops with 3 CreateWorkspaces calls through the real SDK', async () => {
    const specFile = writeSpec(fleetSpec({ users: users(60) }));
    await emulator.admin('reset-calls');
    const report = await apply(await plan(specFile));

    expect(report.failed).toBe(0);
    expect((await emulator.calls()).CreateWorkspaces).toBe(3);
    expect(Object.values(desktopsPerUser(await desktops(emulator.client)))).toEqual(Array(60).fill(1));
  });

  it('refuses a plan over maxDestroy with zero mutating calls', async () => {
    await converge({ users: ['alice', 'bob', 'carol', 'dave'] });
    const shrunk = writeSpec(fleetSpec({ users: ['alice'], maxDestroy: 2 }));
    const prepared = await plan(shrunk);
    await emulator.admin('reset-calls');

    expect(await codeOf(apply(prepared, { allowDestroy: true }))).toBe('PLAN_DESTROY_LIMIT');
    expect(mutatingCalls(await emulator.calls())).toEqual({});
    expect(desktopsPerUser(await desktops(emulator.client))).toEqual({ alice: 1, bob: 1, carol: 1, dave: 1 });
  });

  it('refuses destructive steps without allowDestroy, with zero mutating calls', async () => {
    await converge({ users: ['alice', 'bob'] });
    const prepared = await plan(writeSpec(fleetSpec({ users: ['alice'] })));
    await emulator.admin('reset-calls');

    expect(await codeOf(apply(prepared, { allowDestroy: false }))).toBe('PLAN_DESTROY_NOT_ALLOWED');
    expect(mutatingCalls(await emulator.calls())).toEqual({});
  });

  it('never destroys a protected kind: its deletes are blocked and make zero mutating calls', async () => {
    await converge({ users: ['alice', 'bob'] });
    const prepared = await plan(writeSpec(fleetSpec({ users: ['alice'], protect: ['workspaces'] })));
    await emulator.admin('reset-calls');
    const report = await apply(prepared, { allowDestroy: true });

    expect(report.steps.filter((step) => step.operation === 'TerminateWorkspaces').map((step) => step.outcome)).toEqual(['skipped']);
    expect(mutatingCalls(await emulator.calls())).toEqual({});
    expect(desktopsPerUser(await desktops(emulator.client))).toEqual({ alice: 1, bob: 1 });
  });

  it('refuses a saved plan once live state has changed, with zero mutating calls', async () => {
    const specFile = await converge({ users: ['alice', 'bob'] });
    writeFileSync(specFile, fleetSpec({ users: ['alice', 'bob', 'carol'] }));
    const made = await plan(specFile);
    await made.session.close();
    const planFile = join(mkdtempSync(join(tmpdir(), 'wsr-plan-')), 'plan.json');
    writeFileSync(planFile, serializePlan(made.plan));
    // someone stops alice's desktop in the console
    const alice = (await desktops(emulator.client)).find((workspace) => workspace.UserName === 'alice')!;
    await emulator.client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: alice.WorkspaceId! }] }));
    await emulator.admin('reset-calls');

    const fresh = await plan(specFile);
    await fresh.session.close();
    const saved = loadSavedPlan(planFile);
    expect(() => checkSavedPlan(saved, fresh.plan, undefined)).toThrow(/live state changed since the plan was made \(fingerprint \w+ ≠ \w+\); run plan again/);
    expect(mutatingCalls(await emulator.calls())).toEqual({});
  });

  it('applies a saved plan when live state has not moved', async () => {
    const specFile = writeSpec(fleetSpec({ users: ['alice'] }));
    const made = await plan(specFile);
    await made.session.close();
    const planFile = join(mkdtempSync(join(tmpdir(), 'wsr-plan-')), 'plan.json');
    writeFileSync(planFile, serializePlan(made.plan));
    const saved = loadSavedPlan(planFile);
    const fresh = await plan(specFile);
    const report = await apply({ ...fresh, plan: checkSavedPlan(saved, fresh.plan, undefined) });

    expect(report.failed).toBe(0);
    expect(await planSteps(specFile)).toEqual([]);
  });

  it('tears everything down in an order the emulator accepts (it refuses out-of-order deletes)', async () => {
    const specFile = await converge({ users: ['alice', 'bob'], stopped: ['carol'] });
    const report = await apply(await plan(specFile, { destroy: true }), { allowDestroy: true });

    expect(report.steps.filter((step) => step.outcome !== 'succeeded')).toEqual([]);
    expect(await desktops(emulator.client)).toEqual([]);
    const groups = await emulator.client.send(new DescribeIpGroupsCommand({}));
    expect(groups.Result ?? []).toEqual([]);
    const directories = await emulator.client.send(new DescribeWorkspaceDirectoriesCommand({}));
    expect((directories.Directories ?? []).filter((directory) => directory.State === 'REGISTERED')).toEqual([]);
  });
});
