/**
 * Disruption awareness through the real SDK at realistic timing (transitions at 1/1000 of AWS's
 * durations, 20 % of calls throttled): a desktop whose user is connected is not migrated, and is
 * migrated on the first run after they disconnect; the connection status is read only for
 * desktops a step would disrupt, 25 per call.
 */
import { writeFile } from 'node:fs/promises';
import { DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../../helpers/start-emulator.js';
import { startRealisticAccount, type RealisticAccount } from './realistic-account.js';
import { reconcile, type ReconcileOptions } from '../../../src/engine/reconcile.js';

const DIRECTORY = 'd-9067a1b2c3';

function spec(bundle: string, extraPolicy = ''): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: disruption, account: "123456789012", region: us-east-1}
policy: {allowDestroy: true${extraPolicy}}
defaults:
  workspace: {directory: corp, bundle: ${bundle}, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
directories:
  corp: {id: ${DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222]}
workspaces:
  - users: [alice, bob, carol]
`;
}

describe('a connected user is not disrupted', () => {
  let account: RealisticAccount;
  let emulator: TestEmulator;
  let specFile: string;
  let base: Omit<ReconcileOptions, 'mode'>;

  beforeAll(async () => {
    account = await startRealisticAccount('disruption', 13);
    ({ emulator, specFile, base } = account);
  });

  afterAll(async () => account.stop());

  async function desktops(): Promise<Map<string, { id: string; bundle: string; state: string }>> {
    const output = await emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY }));
    return new Map(
      (output.Workspaces ?? [])
        .filter((w) => w.State !== 'TERMINATING')
        .map((w) => [w.UserName!, { id: w.WorkspaceId!, bundle: w.BundleId!, state: w.State! }]),
    );
  }

  it('creates the desktops (one apply converges at non-zero transition times)', async () => {
    await writeFile(specFile, spec('wsb-stdwin0001'));
    const applied = await reconcile({ ...base, mode: 'apply' });
    expect(applied.report?.failed).toBe(0);
    expect([...(await desktops()).values()].map((desktop) => desktop.state)).toEqual(['AVAILABLE', 'AVAILABLE', 'AVAILABLE']);
  });

  it('defers alice’s migrate while she is connected and migrates the others', async () => {
    const before = await desktops();
    await emulator.admin('connection', {
      workspaceId: before.get('alice')!.id,
      state: 'CONNECTED',
      lastConnectedAt: Date.parse('2026-11-30T09:12:00Z') / 1000,
    });
    await writeFile(specFile, spec('wsb-perwin0001'));
    await emulator.admin('reset-calls');

    const run = await reconcile({ ...base, mode: 'apply' });

    const alice = run.plan.steps.find((step) => step.key === `workspace/${DIRECTORY}/alice` && step.operation === 'MigrateWorkspace')!;
    expect(alice.deferred).toMatch(/^alice connected since (2026-11-30 )?09:12 UTC/);
    expect(run.report?.failed).toBe(0);
    expect(run.report?.skipped).toBe(1);
    const after = await desktops();
    expect(after.get('alice')).toEqual(before.get('alice'));
    expect([after.get('bob')!.bundle, after.get('carol')!.bundle]).toEqual(['wsb-perwin0001', 'wsb-perwin0001']);
    // one status call for the three desktops a migrate would disrupt (a throttled attempt is retried, not counted here)
    expect((await emulator.acceptedCalls()).DescribeWorkspacesConnectionStatus).toBe(1);
  });

  it('keeps deferring while she stays connected (a later run, as the daemon would)', async () => {
    const again = await reconcile({ ...base, mode: 'apply' });
    expect(again.plan.steps.map((step) => [step.operation, step.deferred === undefined ? 'runs' : 'deferred'])).toEqual([['MigrateWorkspace', 'deferred']]);
    expect((await desktops()).get('alice')!.bundle).toBe('wsb-stdwin0001');
  });

  it('migrates her desktop on the first run after she disconnects', async () => {
    await emulator.admin('connection', { workspaceId: (await desktops()).get('alice')!.id, state: 'DISCONNECTED' });

    const run = await reconcile({ ...base, mode: 'apply' });

    expect(run.report?.failed).toBe(0);
    expect(run.report?.succeeded).toBe(1);
    expect((await desktops()).get('alice')!.bundle).toBe('wsb-perwin0001');
    const settled = await reconcile({ ...base, mode: 'plan' });
    expect(settled.plan.steps).toEqual([]);
    expect(settled.plan.readCalls.DescribeWorkspacesConnectionStatus).toBeUndefined();
  });

  it('with whenConnected: proceed it migrates a connected user’s desktop without reading who is connected', async () => {
    const bob = (await desktops()).get('bob')!;
    await emulator.admin('connection', { workspaceId: bob.id, state: 'CONNECTED' });
    await writeFile(specFile, spec('wsb-stdwin0001', ', disruption: {whenConnected: proceed}'));

    const run = await reconcile({ ...base, mode: 'apply', allowDestroy: true });

    expect(run.plan.steps.every((step) => step.deferred === undefined)).toBe(true);
    expect(run.plan.readCalls.DescribeWorkspacesConnectionStatus).toBeUndefined();
    expect(run.report?.failed).toBe(0);
    expect((await desktops()).get('bob')!.bundle).toBe('wsb-stdwin0001');
  });
});
