/**
 * A bundle image rollout (policy.rollout rebuild, waves of one) that respects connected users,
 * through the real SDK at realistic timing (1/1000 of AWS's durations, 20 % of calls throttled):
 * alice is connected, so her rebuild is deferred — and, idle desktops rolling first, bob's and
 * carol's waves do not wait behind her; every plan reports "N of M desktop(s) rolled, K waiting
 * for their users"; the first apply after she disconnects rebuilds her desktop, then nothing is left.
 */
import { writeFile } from 'node:fs/promises';
import { DescribeTagsCommand, DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../../helpers/start-emulator.js';
import { startRealisticAccount, type RealisticAccount } from './realistic-account.js';
import { reconcile, type ReconcileOptions } from '../../../src/engine/reconcile.js';

const DIRECTORY = 'd-9067a1b2c3';
const OLD_IMAGE = 'wsi-amzwin10001';
/** A second public Windows image, so the bundle's image can change. */
const NEW_IMAGE = 'wsi-win11new001';
const USERS = ['alice', 'bob', 'carol'];

function spec(image: string): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: rollout, account: "123456789012", region: us-east-1}
policy: {allowDestroy: true, rollout: {mode: rebuild, batchSize: 1}}
defaults:
  workspace: {directory: corp, bundle: golden, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
directories:
  corp: {id: ${DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222]}
bundles:
  golden: {image: ${image}, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}
workspaces:
  - users: [${USERS.join(', ')}]
`;
}

describe('a rollout rebuilds only idle desktops and resumes when a user leaves', () => {
  let account: RealisticAccount;
  let emulator: TestEmulator;
  let specFile: string;
  let base: Omit<ReconcileOptions, 'mode'>;
  const ids = new Map<string, string>();

  const imageMarks = async () => {
    const marks: Record<string, string | undefined> = {};
    for (const user of USERS) {
      const tags = (await emulator.client.send(new DescribeTagsCommand({ ResourceId: ids.get(user) }))).TagList ?? [];
      marks[user] = tags.find((tag) => tag.Key === 'wsr:image')?.Value;
    }
    return marks;
  };
  const rebuiltKeys = (run: Awaited<ReturnType<typeof reconcile>>) =>
    (run.report?.steps ?? []).filter((step) => step.operation === 'RebuildWorkspaces' && step.outcome === 'succeeded').map((step) => step.key.split('/').pop());

  beforeAll(async () => {
    account = await startRealisticAccount('rollout', 43, {}, { publicImages: [{ id: NEW_IMAGE, name: 'Windows_11_Amazon' }] });
    ({ emulator, specFile, base } = account);
    await writeFile(specFile, spec(OLD_IMAGE));
    expect((await reconcile({ ...base, mode: 'apply' })).report?.failed).toBe(0);
    for (const desktop of (await emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY }))).Workspaces ?? [])
      ids.set(desktop.UserName!, desktop.WorkspaceId!);
    // AWS snapshots a desktop ~30 min after it is available, and a rebuild needs that snapshot
    await emulator.advance(30 * 60 * 0.001);
    await emulator.admin('connection', { workspaceId: ids.get('alice'), state: 'CONNECTED' });
  });

  afterAll(async () => account.stop());

  it("alice is connected: her rebuild is deferred, bob's and carol's run without waiting behind hers", async () => {
    await writeFile(specFile, spec(NEW_IMAGE));
    await emulator.admin('reset-calls');

    const run = await reconcile({ ...base, mode: 'apply' });

    const rebuilds = run.plan.steps.filter((step) => step.operation === 'RebuildWorkspaces');
    expect(rebuilds.map((step) => [step.key.split('/').pop(), step.deferred === undefined ? 'runs' : step.deferred.replace(/ since .*/, '')])).toEqual([
      ['bob', 'runs'],
      ['carol', 'runs'],
      ['alice', 'alice connected'],
    ]);
    expect(run.plan.warnings).toContain(`rollout of bundle/golden onto ${NEW_IMAGE}: 0 of 3 desktop(s) rolled, 1 waiting for their users (alice)`);
    expect(run.report?.failed).toBe(0);
    expect(rebuiltKeys(run).sort()).toEqual(['bob', 'carol']);
    expect((await emulator.acceptedCalls()).RebuildWorkspaces).toBe(2);
    expect(await imageMarks()).toEqual({ alice: OLD_IMAGE, bob: NEW_IMAGE, carol: NEW_IMAGE });
  });

  it('while she stays connected, the next plan resumes the rollout for her alone and says so', async () => {
    const planned = await reconcile({ ...base, mode: 'plan' });
    expect(
      planned.plan.steps
        .filter((step) => step.operation === 'RebuildWorkspaces')
        .map((step) => [step.key.split('/').pop(), step.deferred?.replace(/ since .*/, '')]),
    ).toEqual([['alice', 'alice connected']]);
    expect(planned.plan.warnings).toContain(`rollout of bundle/golden onto ${NEW_IMAGE}: 2 of 3 desktop(s) rolled, 1 waiting for their users (alice)`);
  });

  it('the first apply after she disconnects rebuilds her desktop; then nothing is left', async () => {
    await emulator.admin('connection', { workspaceId: ids.get('alice'), state: 'DISCONNECTED' });
    await emulator.admin('reset-calls');

    const run = await reconcile({ ...base, mode: 'apply' });

    expect(run.report?.failed).toBe(0);
    expect(rebuiltKeys(run)).toEqual(['alice']);
    expect((await emulator.acceptedCalls()).RebuildWorkspaces).toBe(1);
    expect(await imageMarks()).toEqual({ alice: NEW_IMAGE, bob: NEW_IMAGE, carol: NEW_IMAGE });
    const after = await reconcile({ ...base, mode: 'plan' });
    expect(after.plan.steps).toEqual([]);
    expect(after.plan.warnings.filter((warning) => warning.startsWith('rollout of'))).toEqual([]);
  });
});
