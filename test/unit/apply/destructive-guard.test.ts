/**
 * Defence in depth: the executor, fed a forged plan, refuses a destroying call on a desktop wsr
 * does not own, on a protected one, on one the live read never saw, or beyond the destroy cap —
 * whatever the step's `destructive` flag says — and makes no such call.
 */
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/apply/executor.js';
import { DestructiveGuard, type DestructiveGuardOptions } from '../../../src/apply/destructive-guard.js';
import { virtualClock } from '../../../src/apply/clock.js';
import type { LiveResource } from '../../../src/model/live.js';
import type { PlanStep } from '../../../src/model/plan-step.js';
import { aLiveWorkspace } from '../../helpers/builders.js';
import { DIRECTORY, InMemoryWorkspaces, createStep, kindsForTests, planOf } from './in-memory-workspaces.js';

/** A forged step: terminates `ids`, claims to be a harmless create of `user`. */
function forgedTerminate(user: string, ids: readonly string[]): PlanStep {
  return {
    ...createStep(user),
    operation: 'TerminateWorkspaces',
    input: { TerminateWorkspaceRequests: ids.map((WorkspaceId) => ({ WorkspaceId })) },
    batch: { member: 'TerminateWorkspaceRequests', max: 25 },
    destructive: false,
  };
}

async function seeded(users: readonly string[]): Promise<{ port: InMemoryWorkspaces; ids: string[] }> {
  const port = new InMemoryWorkspaces();
  port.pendingPolls = 0;
  const created = await port.call('CreateWorkspaces', { Workspaces: users.map((UserName) => ({ DirectoryId: DIRECTORY, UserName, BundleId: 'wsb-1' })) });
  port.calls.length = 0;
  return { port, ids: (created.PendingRequests as Array<{ WorkspaceId: string }>).map((desktop) => desktop.WorkspaceId) };
}

function liveDesktop(user: string, id: string, tags?: Record<string, string>): LiveResource {
  return aLiveWorkspace({ userName: user, directoryId: DIRECTORY, id, ...(tags ? { liveTags: tags } : {}) });
}

function guard(live: readonly LiveResource[], extra: Partial<DestructiveGuardOptions> = {}): DestructiveGuard {
  return new DestructiveGuard({ environmentName: 'test-env', live, protect: [], allowDestroy: true, maxDestroy: 10, ...extra });
}

async function run(port: InMemoryWorkspaces, steps: PlanStep[], destructiveGuard: DestructiveGuard) {
  return executePlan(planOf(steps), { port, guard: destructiveGuard, clock: virtualClock(), queues: { totalRate: false }, kindDefinition: kindsForTests });
}

describe('the executor refuses forged destructive steps (DestructiveGuard)', () => {
  it("an unowned desktop (no wsr:env tag, or another environment's) is never terminated, even when the step says destructive: false", async () => {
    const { port, ids } = await seeded(['mallory', 'trent']);
    const live = [liveDesktop('mallory', ids[0]!, {}), liveDesktop('trent', ids[1]!, { 'wsr:env': 'other-env' })];
    const report = await run(port, [forgedTerminate('bob', [ids[0]!]), forgedTerminate('carol', [ids[1]!])], guard(live));

    expect(report.steps.map((step) => step.outcome)).toEqual(['failed', 'failed']);
    expect(report.steps[0]!.error).toMatch(
      /^APPLY_NOT_OWNED: TerminateWorkspaces refused before the call: workspace\/d-9067a1b2c3\/mallory \(ws-\w+\) is not owned by test-env: no wsr:env tag/,
    );
    expect(report.steps[1]!.error).toContain('owned by environment other-env');
    expect(port.callsOf('TerminateWorkspaces')).toEqual([]);
    expect([...port.desktops.values()].map((desktop) => desktop.State)).toEqual(['PENDING', 'PENDING']); // untouched: never TERMINATING;
  });

  it("a destroying step sent to another Region (a standby's) is refused: that Region's resources were not read", async () => {
    const { port, ids } = await seeded(['alice']);
    const live = [liveDesktop('alice', ids[0]!, { 'wsr:env': 'test-env' })];
    const elsewhere = { ...forgedTerminate('bob', [ids[0]!]), region: 'us-west-2' };
    const report = await run(port, [elsewhere], guard(live));

    expect(report.steps[0]!.error).toMatch(/^APPLY_NOT_OWNED: TerminateWorkspaces refused before the call: it destroys in Region us-west-2/);
    expect(port.callsOf('TerminateWorkspaces')).toEqual([]);
  });

  it('a desktop whose tags were not read is not known to be owned: refused', async () => {
    const { port, ids } = await seeded(['mallory']);
    const report = await run(port, [forgedTerminate('bob', ids)], guard([liveDesktop('mallory', ids[0]!, undefined)]));
    expect(report.steps[0]!.error).toMatch(/^APPLY_NOT_OWNED: .*tag was not read/);
    expect(port.callsOf('TerminateWorkspaces')).toEqual([]);
  });

  it('a protected desktop (policy.protect) is refused although it is owned', async () => {
    const { port, ids } = await seeded(['alice']);
    const live = [liveDesktop('alice', ids[0]!, { 'wsr:env': 'test-env' })];
    const report = await run(port, [forgedTerminate('alice', ids)], guard(live, { protect: [`workspace/${DIRECTORY}/alice`] }));
    expect(report.steps[0]!.error).toMatch(/^APPLY_PROTECTED: TerminateWorkspaces refused before the call: workspace\/d-9067a1b2c3\/alice is protected/);
    expect(port.callsOf('TerminateWorkspaces')).toEqual([]);
  });

  it('an id the live read never saw is refused', async () => {
    const { port } = await seeded([]);
    const report = await run(port, [forgedTerminate('bob', ['ws-notread01'])], guard([]));
    expect(report.steps[0]!.error).toMatch(/^APPLY_TARGET_UNKNOWN: .*ws-notread01 is not in the live state read for this apply/);
    expect(port.calls).toEqual([]);
  });

  it('owned desktops beyond the destroy cap are refused; those within it are terminated', async () => {
    const { port, ids } = await seeded(['u1', 'u2', 'u3']);
    const live = ids.map((id, i) => liveDesktop(`u${i + 1}`, id, { 'wsr:env': 'test-env' }));
    const steps = ids.map((id, i) => ({ ...forgedTerminate(`u${i + 1}`, [id]), id: `t${i}`, destructive: true, produces: undefined }));
    const report = await run(port, steps, guard(live, { maxDestroy: 2 }));

    expect(report.steps.map((step) => step.outcome)).toEqual(['succeeded', 'succeeded', 'failed']);
    expect(report.steps[2]!.error).toMatch(/^APPLY_DESTROY_CAP: .*more than 2 resource/);
    expect(
      port.callsOf('TerminateWorkspaces').flatMap((call) => call.input.TerminateWorkspaceRequests.map((r: { WorkspaceId: string }) => r.WorkspaceId)),
    ).toEqual(ids.slice(0, 2));
  });

  it('without allowDestroy no destroying call is made, whatever the flag says', async () => {
    const { port, ids } = await seeded(['alice']);
    const live = [liveDesktop('alice', ids[0]!, { 'wsr:env': 'test-env' })];
    const report = await run(port, [forgedTerminate('alice', ids)], guard(live, { allowDestroy: false }));
    expect(report.steps[0]!.error).toMatch(/^APPLY_DESTROY_NOT_ALLOWED/);
    expect(port.callsOf('TerminateWorkspaces')).toEqual([]);
  });
});
