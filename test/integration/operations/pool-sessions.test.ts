/**
 * Pool sessions through the real SDK at realistic timing (1/1000 of AWS's durations, 20 % of calls
 * throttled): while a user has a session in a pool, the default policy (whenConnected: defer)
 * neither moves the pool to another bundle (UpdateWorkspacesPool) nor stops it — both steps are
 * deferred with who is connected, and the pool keeps running; with
 * `disruption: {whenConnected: proceed, endPoolSessions: true}` the session is ended first
 * (TerminateWorkspacesPoolSession), then the pool is updated and stopped, in one apply.
 */
import { writeFile } from 'node:fs/promises';
import { DescribeWorkspacesPoolSessionsCommand, DescribeWorkspacesPoolsCommand, RegisterWorkspaceDirectoryCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../../helpers/start-emulator.js';
import { startRealisticAccount, type RealisticAccount } from './realistic-account.js';
import { reconcile, type ReconcileOptions } from '../../../src/engine/reconcile.js';

function spec(directory: string, pool: string, policy = ''): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: kiosks, account: "123456789012", region: us-east-1}
${policy}
pools:
  call-centre:
    description: call centre
    directory: ${directory}
    ${pool}
    capacity: 3
`;
}

describe('pool sessions: deferred while active, ended when the policy says so', () => {
  let account: RealisticAccount;
  let emulator: TestEmulator;
  let specFile: string;
  let base: Omit<ReconcileOptions, 'mode'>;
  let directory: string;
  let poolId: string;

  const pool = async () => (await emulator.client.send(new DescribeWorkspacesPoolsCommand({ PoolIds: [poolId] }))).WorkspacesPools![0]!;
  const sessions = async () => (await emulator.client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: poolId }))).Sessions ?? [];

  beforeAll(async () => {
    account = await startRealisticAccount('pool-sessions', 41);
    ({ emulator, specFile, base } = account);
    // a pool lives in a WorkSpaces Pools directory (WorkSpaces-native, SAML 2.0 users)
    const registered = await emulator.client.send(
      new RegisterWorkspaceDirectoryCommand({
        WorkspaceDirectoryName: 'kiosk-pools',
        WorkspaceDirectoryDescription: 'pools',
        UserIdentityType: 'CUSTOMER_MANAGED',
        WorkspaceType: 'POOLS',
        SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'],
      }),
    );
    directory = registered.DirectoryId!;
    await emulator.advance(5 * 60 * 0.001); // registering takes ~5 min on AWS
    await writeFile(specFile, spec(directory, 'bundle: wsb-stdwin0001'));
    const created = await reconcile({ ...base, mode: 'apply' });
    expect(created.report?.failed).toBe(0);
    poolId = (await emulator.client.send(new DescribeWorkspacesPoolsCommand({}))).WorkspacesPools![0]!.PoolId!;
    expect((await pool()).State).toBe('RUNNING');
    await emulator.admin('pool-session', { poolId, userId: 'agent1' });
  });

  afterAll(async () => account.stop());

  it('with agent1 connected, moving the pool to another bundle and stopping it are deferred, not applied', async () => {
    await writeFile(specFile, spec(directory, 'bundle: wsb-perwin0001\n    state: stopped'));
    await emulator.admin('reset-calls');

    const run = await reconcile({ ...base, mode: 'apply' });

    expect(run.plan.steps.map((step) => [step.operation, step.deferred?.replace(/since \d\d:\d\d UTC.*/, 'since …')])).toEqual([
      ['UpdateWorkspacesPool', 'agent1 connected since …'],
      ['StopWorkspacesPool', expect.stringMatching(/^(agent1 connected since …|waits for deferred step .*UpdateWorkspacesPool)$/)],
    ]);
    expect(run.report?.failed).toBe(0);
    const accepted = await emulator.acceptedCalls();
    expect([accepted.UpdateWorkspacesPool, accepted.StopWorkspacesPool, accepted.TerminateWorkspacesPoolSession]).toEqual([undefined, undefined, undefined]);
    expect(accepted.DescribeWorkspacesPoolSessions).toBe(1);
    expect(await pool()).toMatchObject({ State: 'RUNNING', BundleId: 'wsb-stdwin0001' });
    expect((await sessions()).map((session) => [session.UserId, session.ConnectionState])).toEqual([['agent1', 'CONNECTED']]);
  });

  it('with whenConnected: proceed and endPoolSessions, the session is ended first, then the pool is updated and stopped in one apply', async () => {
    await writeFile(
      specFile,
      spec(directory, 'bundle: wsb-perwin0001\n    state: stopped', 'policy: {disruption: {whenConnected: proceed, endPoolSessions: true}}'),
    );
    await emulator.admin('reset-calls');

    const run = await reconcile({ ...base, mode: 'apply' });

    const operations = run.plan.steps.map((step) => step.operation);
    expect(operations[0]).toBe('TerminateWorkspacesPoolSession');
    expect(operations.slice(1).sort()).toEqual(['StopWorkspacesPool', 'UpdateWorkspacesPool']);
    expect(run.plan.steps.every((step) => step.deferred === undefined)).toBe(true);
    expect(run.report?.failed).toBe(0);
    const accepted = await emulator.acceptedCalls();
    expect([accepted.TerminateWorkspacesPoolSession, accepted.UpdateWorkspacesPool, accepted.StopWorkspacesPool]).toEqual([1, 1, 1]);
    expect(await pool()).toMatchObject({ State: 'STOPPED', BundleId: 'wsb-perwin0001' });
    expect((await sessions()).filter((session) => session.ConnectionState === 'CONNECTED')).toEqual([]);
    expect((await reconcile({ ...base, mode: 'plan' })).plan.steps).toEqual([]);
  });
});
