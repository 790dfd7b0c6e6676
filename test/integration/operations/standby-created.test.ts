/**
 * Standby desktops declared on their primary (`standby: {region, directory}`) through the real SDK
 * against a two-Region emulator (1/1000 of AWS's durations, 20 % of calls throttled): the plan of
 * the primary's Region (us-east-1) shows CreateStandbyWorkspaces "in us-west-2"; one apply creates
 * the primary and then its standby in us-west-2 (the call goes to the standby's Region); the next
 * plan is empty; the us-west-2 spec sees the standby and does not prune it. A step sent to a Region
 * the spec does not declare is refused before the call.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeWorkspacesCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../../helpers/start-emulator.js';
import { quickRetries } from '../../helpers/quick-retries.js';
import { startTwoRegionAccount } from './two-region-account.js';
import { preparePlan, reconcile, type ReconcileOptions } from '../../../src/engine/reconcile.js';
import { applyPlan } from '../../../src/engine/apply-environment.js';
import { renderPlanText } from '../../../src/plan/render/text.js';

const EAST_DIRECTORY = 'd-9067e00002';
const WEST_DIRECTORY = 'd-9067f00002';

function eastSpec(bobStandby: boolean): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: corp, account: "123456789012", region: us-east-1}
defaults:
  workspace: {directory: ${EAST_DIRECTORY}, bundle: wsb-stdwin0001}
workspaces:
  - users: [alice]
    standby: {region: us-west-2, directory: ${WEST_DIRECTORY}, dataReplication: PRIMARY_AS_SOURCE}
  - users: [bob]
${bobStandby ? `    standby: {region: us-west-2, directory: ${WEST_DIRECTORY}}\n` : ''}`;
}

const WEST_SPEC = `apiVersion: wsr/v1
kind: Environment
metadata: {name: corp, account: "123456789012", region: us-west-2}
policy: {prune: true, allowDestroy: true}
directories:
  west: {id: ${WEST_DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222]}
`;

describe('standby desktops created from their primary', () => {
  let emulator: TestEmulator;
  let workdir: string;
  let east: Omit<ReconcileOptions, 'mode'>;
  let west: Omit<ReconcileOptions, 'mode'>;
  let eastSpecFile: string;
  let westClient: WorkSpacesClient;
  let eastClient: WorkSpacesClient;

  beforeAll(async () => {
    const account = await startTwoRegionAccount(31, { east: EAST_DIRECTORY, west: WEST_DIRECTORY });
    emulator = account.emulator;
    const sdk = account.client;
    eastClient = sdk('us-east-1');
    westClient = sdk('us-west-2');
    workdir = await mkdtemp(join(tmpdir(), 'wsr-standby-created-'));
    eastSpecFile = join(workdir, 'east.yaml');
    const westSpecFile = join(workdir, 'west.yaml');
    await writeFile(eastSpecFile, eastSpec(false));
    await writeFile(westSpecFile, WEST_SPEC);
    const connection = (region: string) =>
      ({ endpoint: emulator.endpoint, region, client: { maxAttempts: 8, retryStrategy: quickRetries(8) } }) as ReconcileOptions['connection'];
    const apply = { lockDirectory: join(workdir, 'locks') };
    east = { specFile: eastSpecFile, connection: connection('us-east-1'), apply };
    west = { specFile: westSpecFile, connection: connection('us-west-2'), apply };
  });

  afterAll(async () => {
    await emulator?.stop();
    if (workdir) await rm(workdir, { recursive: true, force: true });
  });

  const westDesktops = async () => (await westClient.send(new DescribeWorkspacesCommand({ DirectoryId: WEST_DIRECTORY }))).Workspaces ?? [];

  it('the plan shows the standby created in its own Region after its primary', async () => {
    const planned = await reconcile({ ...east, mode: 'plan' });
    const alice = planned.plan.steps.filter((step) => step.key === `workspace/${EAST_DIRECTORY}/alice`);
    expect(alice.map((step) => [step.operation, step.region])).toEqual([
      ['CreateWorkspaces', undefined],
      ['CreateStandbyWorkspaces', 'us-west-2'],
    ]);
    expect(alice[1]!.dependsOn).toEqual([alice[0]!.id]);
    expect(alice[1]!.input).toMatchObject({
      PrimaryRegion: 'us-east-1',
      StandbyWorkspaces: [
        { PrimaryWorkspaceId: { $idOf: `workspace/${EAST_DIRECTORY}/alice` }, DirectoryId: WEST_DIRECTORY, DataReplication: 'PRIMARY_AS_SOURCE' },
      ],
    });
    expect(renderPlanText(planned.plan, { color: false })).toMatch(/CreateStandbyWorkspaces \(in us-west-2\)/);
  });

  it('one apply creates the primary, then its standby in us-west-2; the next plan is empty', async () => {
    await emulator.admin('reset-calls');
    const applied = await reconcile({ ...east, mode: 'apply' });
    expect(applied.report?.failed).toBe(0);
    expect((await emulator.acceptedCalls()).CreateStandbyWorkspaces).toBe(1);
    const standby = (await westDesktops()).find((desktop) => desktop.UserName === 'alice');
    expect(standby?.RelatedWorkspaces?.[0]).toMatchObject({ Type: 'PRIMARY', Region: 'us-east-1' });
    const primary = (await eastClient.send(new DescribeWorkspacesCommand({ DirectoryId: EAST_DIRECTORY, UserName: 'alice' }))).Workspaces?.[0];
    expect(primary?.RelatedWorkspaces).toEqual([expect.objectContaining({ Type: 'STANDBY', Region: 'us-west-2', WorkspaceId: standby?.WorkspaceId })]);
    expect((await reconcile({ ...east, mode: 'plan' })).plan.steps).toEqual([]);
  });

  it('a standby added to an existing desktop is one CreateStandbyWorkspaces in us-west-2', async () => {
    await writeFile(eastSpecFile, eastSpec(true));
    await emulator.admin('reset-calls');
    const applied = await reconcile({ ...east, mode: 'apply' });
    expect(applied.plan.steps.map((step) => [step.key, step.operation, step.region])).toEqual([
      [`workspace/${EAST_DIRECTORY}/bob`, 'CreateStandbyWorkspaces', 'us-west-2'],
    ]);
    expect(applied.report?.failed).toBe(0);
    expect((await emulator.acceptedCalls()).CreateStandbyWorkspaces).toBe(1);
    expect((await westDesktops()).map((desktop) => desktop.UserName).sort()).toEqual(['alice', 'bob']);
    expect((await reconcile({ ...east, mode: 'plan' })).plan.steps).toEqual([]);
  });

  it("the standby Region's pruning spec sees both standbys and plans nothing", async () => {
    await emulator.admin('reset-calls');
    const planned = await reconcile({ ...west, mode: 'apply' });
    expect(planned.plan.steps).toEqual([]);
    expect((await emulator.acceptedCalls()).TerminateWorkspaces).toBeUndefined();
  });

  it('a step sent to a Region the spec does not declare is refused before the call', async () => {
    await writeFile(eastSpecFile, eastSpec(true).replace('users: [bob]', 'users: [bob, carol]'));
    const prepared = await preparePlan({ specFile: eastSpecFile, connection: east.connection });
    try {
      const carol = prepared.plan.steps.find((step) => step.operation === 'CreateStandbyWorkspaces')!;
      expect(carol.key).toBe(`workspace/${EAST_DIRECTORY}/carol`);
      const tampered = { ...prepared.plan, steps: prepared.plan.steps.map((step) => (step === carol ? { ...step, region: 'eu-central-1' } : step)) };
      await emulator.admin('reset-calls');
      const report = await applyPlan(tampered, {
        session: prepared.session,
        desired: prepared.desired,
        live: prepared.live,
        allowDestroy: false,
        lockDirectory: join(workdir, 'locks'),
      });
      const refused = report.steps.find((step) => step.stepId === carol.id)!;
      expect([refused.outcome, refused.error]).toEqual(['failed', expect.stringContaining('Region eu-central-1, which the spec does not declare')]);
      expect((await emulator.calls()).CreateStandbyWorkspaces).toBeUndefined();
    } finally {
      await prepared.session.close();
    }
  });
});
