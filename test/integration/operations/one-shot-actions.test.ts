/**
 * One-shot actions and maintenance through the real SDK at realistic timing (1/1000 of AWS's
 * durations, 20 % of calls throttled): a rebuild token runs exactly once across three applies,
 * a restore without a snapshot is blocked with its reason (and made no call), maintenance is
 * entered and left as the spec says.
 */
import { writeFile } from 'node:fs/promises';
import { CreateWorkspacesCommand, DescribeTagsCommand, DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../../helpers/start-emulator.js';
import { startRealisticAccount, type RealisticAccount } from './realistic-account.js';
import { preparePlan, reconcile, type ReconcileOptions } from '../../../src/engine/reconcile.js';

const DIRECTORY = 'd-9067a1b2c3';

function spec(aliceExtra: string): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: operations, account: "123456789012", region: us-east-1}
policy: {allowDestroy: true}
defaults:
  workspace: {directory: corp, bundle: wsb-stdwin0001, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
directories:
  corp: {id: ${DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222]}
workspaces:
  - users: [alice]
${aliceExtra}
  - users: [bob]
`;
}

describe('one-shot actions and maintenance', () => {
  let account: RealisticAccount;
  let emulator: TestEmulator;
  let specFile: string;
  let base: Omit<ReconcileOptions, 'mode'>;

  beforeAll(async () => {
    account = await startRealisticAccount('one-shot', 5, { allowDestroy: true });
    ({ emulator, specFile, base } = account);
    await writeFile(specFile, spec(''));
    expect((await reconcile({ ...base, mode: 'apply' })).report?.failed).toBe(0);
    // AWS takes a desktop's first snapshot ~30 min after it is available (1.8 s at this time scale): rebuild and restore need it
    await emulator.advance(30 * 60 * 0.001);
  });

  afterAll(async () => account.stop());

  async function desktop(user: string): Promise<{ id: string; state: string }> {
    const output = await emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY, UserName: user }));
    const found = output.Workspaces!.find((w) => w.State !== 'TERMINATING')!;
    return { id: found.WorkspaceId!, state: found.State! };
  }

  it('a rebuild token runs exactly once across three applies', async () => {
    await writeFile(specFile, spec('    actions: {rebuild: "2026-12-01-broken-profile"}'));
    await emulator.admin('reset-calls');

    const runs = [];
    for (let run = 0; run < 3; run += 1) runs.push(await reconcile({ ...base, mode: 'apply' }));

    expect((await emulator.acceptedCalls()).RebuildWorkspaces).toBe(1);
    expect(runs[0].report?.failed).toBe(0);
    expect(runs[0].plan.steps.map((step) => step.operation)).toEqual(['RebuildWorkspaces', 'CreateTags']);
    expect(runs[1].plan.steps).toEqual([]);
    expect(runs[2].plan.steps).toEqual([]);
    const alice = await desktop('alice');
    expect(alice.state).toBe('AVAILABLE');
    const tags = await emulator.client.send(new DescribeTagsCommand({ ResourceId: alice.id }));
    expect(tags.TagList).toContainEqual({ Key: 'wsr:rebuild', Value: '2026-12-01-broken-profile' });
  });

  it('a new token rebuilds again', async () => {
    await writeFile(specFile, spec('    actions: {rebuild: "2026-12-02-again"}'));
    await emulator.admin('reset-calls');
    expect((await reconcile({ ...base, mode: 'apply' })).report?.failed).toBe(0);
    expect((await emulator.acceptedCalls()).RebuildWorkspaces).toBe(1);
  });

  it('a restore shows the snapshot it goes back to', async () => {
    await writeFile(specFile, spec('    actions: {restore: "before-upgrade"}'));
    const prepared = await preparePlan({ specFile, connection: base.connection });
    await prepared.session.close();
    expect(prepared.plan.steps[0].operation).toBe('RestoreWorkspace');
    expect(prepared.plan.steps[0].reason).toMatch(/to the snapshot of \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(prepared.plan.readCalls.DescribeWorkspaceSnapshots).toBe(1);
  });

  it('a restore without a snapshot is blocked with its reason, and no restore is called', async () => {
    // a desktop that failed at launch was never AVAILABLE, so AWS has no snapshot of it
    const created = await emulator.client.send(
      new CreateWorkspacesCommand({
        Workspaces: [
          {
            DirectoryId: DIRECTORY,
            UserName: 'carol',
            BundleId: 'wsb-stdwin0001',
            WorkspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 60 },
            Tags: [{ Key: 'wsr:env', Value: 'operations' }],
          },
        ],
      }),
    );
    await emulator.admin('set-state', { id: created.PendingRequests![0].WorkspaceId, state: 'ERROR' });
    await writeFile(specFile, `${spec('')}  - users: [carol]\n    actions: {restore: "broken-at-launch"}\n`);
    await emulator.admin('reset-calls');

    const run = await reconcile({ ...base, mode: 'apply' });

    const restore = run.plan.steps.find((step) => step.operation === 'RestoreWorkspace')!;
    expect(restore.blocked).toMatch(/^no snapshot to restore from: DescribeWorkspaceSnapshots lists no RestoreSnapshots/);
    expect(run.report?.skipped).toBe(2);
    expect((await emulator.calls()).RestoreWorkspace).toBeUndefined();
  });

  it('maintenance: true enters ADMIN_MAINTENANCE, false leaves it', async () => {
    await writeFile(specFile, spec('    maintenance: true'));
    expect((await reconcile({ ...base, mode: 'apply' })).report?.failed).toBe(0);
    expect((await desktop('alice')).state).toBe('ADMIN_MAINTENANCE');
    expect((await reconcile({ ...base, mode: 'plan' })).plan.steps).toEqual([]);

    await writeFile(specFile, spec('    maintenance: false\n    computeType: PERFORMANCE'));
    const leave = await reconcile({ ...base, mode: 'apply' });
    expect(leave.report?.failed).toBe(0);
    expect(leave.plan.steps.map((step) => step.operation)).toEqual(['ModifyWorkspaceState', 'ModifyWorkspaceProperties']);
    expect((await reconcile({ ...base, mode: 'plan' })).plan.steps).toEqual([]);
  });
});
