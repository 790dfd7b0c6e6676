/**
 * A custom image import as an image source, through the real SDK at realistic timing (1/1000 of
 * AWS's durations, 20 % of calls throttled): ImportCustomWorkspaceImage, then
 * DescribeCustomWorkspaceImageImport until COMPLETED, then the bundle on that image — one apply.
 */
import { writeFile } from 'node:fs/promises';
import { DescribeWorkspaceBundlesCommand, DescribeWorkspaceImagesCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealisticAccount, type RealisticAccount } from './realistic-account.js';
import { reconcile } from '../../../src/engine/reconcile.js';

const SPEC = `apiVersion: wsr/v1
kind: Environment
metadata: {name: custom-image, account: "123456789012", region: us-east-1}
images:
  win11-dcv:
    description: Windows 11 DCV
    importCustom:
      ec2ImageId: ami-0123456789abcdef0
      infrastructureConfigurationArn: arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/workspaces
      protocol: DCV
      osVersion: Windows_11
bundles:
  win11-std: {image: win11-dcv, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}
`;

describe('custom image import as an image source', () => {
  let account: RealisticAccount;

  beforeAll(async () => {
    account = await startRealisticAccount('custom-image', 23);
    await writeFile(account.specFile, SPEC);
  });

  afterAll(async () => account.stop());

  it('plans the import, then the bundle after it', async () => {
    const planned = await reconcile({ ...account.base, mode: 'plan' });
    expect(planned.plan.steps.map((step) => [step.key, step.operation])).toEqual([
      ['image/win11-dcv', 'ImportCustomWorkspaceImage'],
      ['bundle/win11-std', 'CreateWorkspaceBundle'],
    ]);
  });

  it('one apply imports the image, waits for the import to complete and creates the bundle on it; the next plan is empty', async () => {
    const { emulator } = account;
    await emulator.admin('reset-calls');
    const applied = await reconcile({ ...account.base, mode: 'apply' });
    expect(applied.report?.failed ?? 0).toBe(0);

    const images = (await emulator.client.send(new DescribeWorkspaceImagesCommand({ ImageType: 'OWNED' }))).Images ?? [];
    const image = images.find((candidate) => candidate.Name === 'win11-dcv');
    expect(image?.State).toBe('AVAILABLE');
    const bundles = (await emulator.client.send(new DescribeWorkspaceBundlesCommand({}))).Bundles ?? [];
    expect(bundles.find((bundle) => bundle.Name === 'win11-std')?.ImageId).toBe(image?.ImageId);

    const accepted = await emulator.acceptedCalls();
    expect(accepted.ImportCustomWorkspaceImage).toBe(1);
    // the wait polled the import (not DescribeWorkspaceImages) until it reported COMPLETED
    expect(accepted.DescribeCustomWorkspaceImageImport).toBeGreaterThanOrEqual(1);
    expect(accepted.CreateWorkspaceBundle).toBe(1);

    expect((await reconcile({ ...account.base, mode: 'plan' })).plan.steps).toEqual([]);
  });
});
