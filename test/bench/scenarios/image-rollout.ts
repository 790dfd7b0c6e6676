/**
 * A rollout of a new image to N desktops in waves: their custom bundle's image changes and
 * `policy.rollout: {mode: rebuild, batchSize}` rebuilds the desktops on it, wave after wave.
 * RebuildWorkspaces takes one desktop per call, so N calls is the least any tool can make. The
 * floor is two phases that cannot overlap: the read (directory, images, bundles, ⌈N/25⌉ pages, and
 * ⌈N/25⌉ connection-status calls: a rebuild disrupts its user, so who is connected is read first),
 * then one UpdateWorkspaceBundle and N rebuilds; each wave must also be seen AVAILABLE before the
 * next starts, at best ⌈batchSize/25⌉ DescribeWorkspaces per wave (another bucket, and with
 * instant transitions the rebuild bucket refills meanwhile, so they add calls, not floor time).
 *
 * Under the shared budget (one 2/s bucket for every operation of the account) every poll could
 * cost a rebuild its slot; wsr's limiter serves writes before polls, so the floor is all of a
 * phase's calls through one bucket. Polls start at 100 ms in both models (wsr's loopback waits):
 * the most polls, the hardest case for the budget.
 */
import type { Emulator } from '../../../src/emulator/index.js';
import { measureSpecChange, type ChangeRun } from './apply-change.js';
import type { MadeIds } from './bench-emulator.js';
import { fleetSpec } from './fleet-spec.js';
import { pagesOf, phasedRateFloor, type RateBudget } from './rate-floor.js';

export interface ImageRolloutResult {
  readonly desktops: number;
  readonly batchSize: number;
  readonly budget: RateBudget;
  readonly waves: number;
  readonly wsr: ChangeRun;
  readonly floor: { readonly read: Record<string, number>; readonly apply: Record<string, number>; readonly seconds: number };
}

export async function measureImageRollout(desktops: number, batchSize: number, budget: RateBudget): Promise<ImageRolloutResult> {
  let waves = 0;
  const wsr = await measureSpecChange({
    setup: importTwoImages,
    before: (made) => fleetSpec({ desktops, bundleImageId: made.oldImage }),
    after: (made) => fleetSpec({ desktops, bundleImageId: made.newImage, rolloutBatchSize: batchSize }),
    allowDestroy: true,
    budget,
    onPlan: (plan) => {
      waves = new Set(plan.steps.filter((step) => step.operation === 'RebuildWorkspaces').map((step) => /rollout wave (\d+)/.exec(step.reason)?.[1])).size;
    },
  });
  // a rebuild disrupts its user: who is connected is read first, 25 desktops per call (policy.disruption)
  const read = {
    DescribeWorkspaceDirectories: 1,
    DescribeWorkspaceImages: 1,
    DescribeWorkspaceBundles: 1,
    DescribeWorkspaces: pagesOf(desktops),
    DescribeWorkspacesConnectionStatus: pagesOf(desktops),
  };
  const apply = { UpdateWorkspaceBundle: 1, RebuildWorkspaces: desktops, DescribeWorkspaces: waves * pagesOf(batchSize) };
  return { desktops, batchSize, budget, waves, wsr, floor: { read, apply, seconds: phasedRateFloor([read, apply], budget) } };
}

/** The old and the new image (custom imports: shared tenancy, no BYOL account needed). */
async function importTwoImages(emulator: Emulator): Promise<MadeIds> {
  const importImage = async (name: string): Promise<string> => {
    const result = await emulator.call('ImportCustomWorkspaceImage', {
      ImageName: name,
      ImageDescription: name,
      ComputeType: 'BASE',
      Protocol: 'DCV',
      ImageSource: { Ec2ImageId: 'ami-0123456789abcdef0' },
      InfrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/bench',
      Platform: 'WINDOWS',
      OsVersion: 'Windows_11',
    });
    if (result.status !== 200) throw new Error(`bench setup: ImportCustomWorkspaceImage failed: ${JSON.stringify(result.body)}`);
    return String(result.body.ImageId);
  };
  return { oldImage: await importImage('bench-old'), newImage: await importImage('bench-new') };
}
