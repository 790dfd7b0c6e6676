/**
 * A standby desktop (CreateStandbyWorkspaces, from its primary in another Region) seen by the
 * spec of the standby's Region, through the real SDK against a two-Region emulator (1/1000 of
 * AWS's durations, 20 % of calls throttled): the pruning spec of us-west-2 reads it
 * (RelatedWorkspaces says PRIMARY ws-… in us-east-1) and never terminates it, even when it
 * carries this environment's ownership tag, while it still creates what it declares.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStandbyWorkspacesCommand, CreateWorkspacesCommand, DescribeWorkspacesCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../../helpers/start-emulator.js';
import { quickRetries } from '../../helpers/quick-retries.js';
import { startTwoRegionAccount } from './two-region-account.js';
import { reconcile, type ReconcileOptions } from '../../../src/engine/reconcile.js';

const EAST_DIRECTORY = 'd-9067e00001';
const WEST_DIRECTORY = 'd-9067f00001';

const WEST_SPEC = `apiVersion: wsr/v1
kind: Environment
metadata: {name: corp, account: "123456789012", region: us-west-2}
policy: {prune: true, allowDestroy: true}
defaults:
  workspace: {directory: west, bundle: wsb-stdwin0001}
directories:
  west: {id: ${WEST_DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222]}
workspaces:
  - users: [bob]
`;

describe('standby desktops seen from the standby Region', () => {
  let emulator: TestEmulator;
  let workdir: string;
  let base: Omit<ReconcileOptions, 'mode'>;
  let west: WorkSpacesClient;
  let standbyId: string;

  beforeAll(async () => {
    const account = await startTwoRegionAccount(29, { east: EAST_DIRECTORY, west: WEST_DIRECTORY });
    emulator = account.emulator;
    const sdk = account.client;
    const east = sdk('us-east-1');
    west = sdk('us-west-2');
    const created = await east.send(
      new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: EAST_DIRECTORY, UserName: 'alice', BundleId: 'wsb-stdwin0001' }] }),
    );
    const primaryId = created.PendingRequests?.[0]?.WorkspaceId as string;
    // the standby carries the same environment's ownership tag, as if the primary's spec (also "corp") had made it
    const standby = await west.send(
      new CreateStandbyWorkspacesCommand({
        PrimaryRegion: 'us-east-1',
        StandbyWorkspaces: [{ PrimaryWorkspaceId: primaryId, DirectoryId: WEST_DIRECTORY, Tags: [{ Key: 'wsr:env', Value: 'corp' }] }],
      }),
    );
    standbyId = standby.PendingStandbyRequests?.[0]?.WorkspaceId as string;
    expect(standbyId).toMatch(/^ws-/);

    workdir = await mkdtemp(join(tmpdir(), 'wsr-standby-'));
    const specFile = join(workdir, 'west.yaml');
    await writeFile(specFile, WEST_SPEC);
    const connection = {
      endpoint: emulator.endpoint,
      region: 'us-west-2',
      client: { maxAttempts: 8, retryStrategy: quickRetries(8) },
    } as ReconcileOptions['connection'];
    base = { specFile, connection, apply: { lockDirectory: join(workdir, 'locks') } };
  });

  afterAll(async () => {
    await emulator?.stop();
    if (workdir) await rm(workdir, { recursive: true, force: true });
  });

  it('the pruning spec of the standby Region plans only its own desktop, not a terminate of the standby', async () => {
    const planned = await reconcile({ ...base, mode: 'plan' });
    expect(planned.plan.steps.map((step) => [step.key, step.operation])).toEqual([[`workspace/${WEST_DIRECTORY}/bob`, 'CreateWorkspaces']]);
  });

  it('an apply creates bob and leaves the standby; the next plan is empty', async () => {
    await emulator.admin('reset-calls');
    const applied = await reconcile({ ...base, mode: 'apply' });
    expect(applied.report?.failed ?? 0).toBe(0);
    const desktops = (await west.send(new DescribeWorkspacesCommand({ DirectoryId: WEST_DIRECTORY }))).Workspaces ?? [];
    expect(desktops.map((desktop) => [desktop.UserName, desktop.State === 'TERMINATING' || desktop.State === 'TERMINATED'])).toEqual(
      expect.arrayContaining([
        ['alice', false],
        ['bob', false],
      ]),
    );
    expect(desktops.find((desktop) => desktop.WorkspaceId === standbyId)?.RelatedWorkspaces?.[0]).toMatchObject({ Type: 'PRIMARY', Region: 'us-east-1' });
    expect((await emulator.acceptedCalls()).TerminateWorkspaces).toBeUndefined();
    expect((await reconcile({ ...base, mode: 'plan' })).plan.steps).toEqual([]);
  });
});
