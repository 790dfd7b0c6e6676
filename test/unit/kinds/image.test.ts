import { describe, expect, it } from 'vitest';
import { imageKind } from '../../../src/kinds/image/index.js';
import type { ImageSource } from '../../../src/kinds/image/properties.js';
import { aBundle, aLiveBundle, aLiveImage, aLiveWorkspace, anImage, aWorkspace, expectRule, OWNED, planOf, type RuleRow } from '../../helpers/builders.js';

const I = 'image/golden';
const B = 'bundle/standard';
const CUSTOM_IMPORT: ImageSource = {
  type: 'importCustom',
  imageSource: { Ec2ImageId: 'ami-0123456789abcdef0' },
  infrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/ws',
  computeType: 'BASE',
  protocol: 'DCV',
  osVersion: 'Windows_11',
};

const rows: RuleRow[] = [
  { rule: 'copies a missing image', desired: [anImage()], live: [], expected: [`${I}:CopyWorkspaceImage`] },
  {
    rule: 'shares a new image only after it exists',
    desired: [anImage({ sharedWith: ['111122223333'] })],
    live: [],
    expected: [`${I}:CopyWorkspaceImage`, `${I}:UpdateWorkspaceImagePermission`],
  },
  {
    rule: 'unshares image before deleting it',
    desired: [],
    live: [aLiveImage({ sharedWith: ['111122223333', '444455556666'], liveTags: OWNED })],
    options: { policy: { prune: true } },
    expected: [`${I}:UpdateWorkspaceImagePermission`, `${I}:UpdateWorkspaceImagePermission:2`, `${I}:DeleteWorkspaceImage`],
  },
  {
    rule: 'deletes bundle before its image',
    desired: [],
    live: [aLiveImage({ liveTags: OWNED }), aLiveBundle({ liveTags: OWNED })],
    options: { policy: { prune: true } },
    expected: [`${B}:DeleteWorkspaceBundle`, `${I}:DeleteWorkspaceImage`],
  },
  {
    rule: 'blocks deleting an image a kept bundle still uses',
    desired: [aBundle({ image: { id: 'wsi-golden0001' } })],
    live: [aLiveImage({ liveTags: OWNED }), aLiveBundle()],
    options: { policy: { prune: true } },
    expected: [`${I}:DeleteWorkspaceImage !`],
  },
  {
    rule: 'never deletes a protected image',
    desired: [],
    live: [aLiveImage({ liveTags: OWNED })],
    options: { policy: { prune: true, protect: ['images'] } },
    expected: [`${I}:DeleteWorkspaceImage !`],
  },
  {
    rule: 'creates an image from a desktop created in the same plan, after it',
    desired: [aWorkspace(), anImage({ source: { type: 'fromWorkspace', workspace: { key: 'workspace/d-1111111111/alice' } } })],
    live: [],
    expected: ['workspace/d-1111111111/alice:CreateWorkspaces', `${I}:CreateWorkspaceImage`],
  },
  {
    rule: 'imports a custom image, then makes the bundle on it',
    desired: [anImage({ source: CUSTOM_IMPORT }), aBundle()],
    live: [],
    expected: [`${I}:ImportCustomWorkspaceImage`, `${B}:CreateWorkspaceBundle`],
  },
  {
    rule: 'shares with an account added to sharedWith',
    desired: [anImage({ sharedWith: ['111122223333'] })],
    live: [aLiveImage()],
    expected: [`${I}:UpdateWorkspaceImagePermission`],
  },
];

describe('image rules', () => {
  it.each(rows)('$rule', (row) => expectRule(row));

  it('a bundle on a custom import waits for the import to be COMPLETED (DescribeCustomWorkspaceImageImport)', () => {
    const plan = planOf([anImage({ source: CUSTOM_IMPORT }), aBundle()], []);
    const [importStep, bundleStep] = plan.steps;
    expect(importStep.input).toMatchObject({
      ImageName: 'golden',
      ComputeType: 'BASE',
      Protocol: 'DCV',
      Platform: 'WINDOWS',
      OsVersion: 'Windows_11',
      ImageSource: { Ec2ImageId: 'ami-0123456789abcdef0' },
      InfrastructureConfigurationArn: CUSTOM_IMPORT.type === 'importCustom' ? CUSTOM_IMPORT.infrastructureConfigurationArn : '',
    });
    expect(importStep.after?.states).toEqual(['COMPLETED']);
    expect(imageKind.waiterFor?.(importStep)?.operation).toBe('DescribeCustomWorkspaceImageImport');
    expect(bundleStep.dependsOn).toContain(importStep.id);
  });

  it('unshares with AllowCopyImage=false, one account per call', () => {
    const plan = planOf([], [aLiveImage({ sharedWith: ['111122223333'], liveTags: OWNED })], { policy: { prune: true } });
    expect(plan.steps[0].input).toEqual({ ImageId: 'wsi-golden0001', AllowCopyImage: false, SharedAccountId: '111122223333' });
    expect(plan.steps[0].reason).toContain('shared with 111122223333');
  });

  it('keeps desktops on a bundle when the bundle image is unchanged', () => {
    const plan = planOf(
      [anImage(), aBundle(), aWorkspace({ bundle: { key: B } })],
      [aLiveImage(), aLiveBundle(), aLiveWorkspace({ bundle: { id: 'wsb-standard0001' } })],
    );
    expect(plan.steps).toEqual([]);
  });
});
