import { describe, expect, it } from 'vitest';
import { aBundle, aLiveBundle, aLiveImage, aLiveWorkspace, anImage, aWorkspace, expectRule, OWNED, planOf, type RuleRow } from '../../helpers/builders.js';

const B = 'bundle/standard';
const I = 'image/golden';
const onBundle = (userName: string) => aLiveWorkspace({ userName, bundle: { id: 'wsb-standard0001' } });
const newImage = aLiveImage({ name: 'golden2', id: 'wsi-golden20001' });

const rows: RuleRow[] = [
  { rule: 'creates the image before the bundle on it', desired: [anImage(), aBundle()], live: [], expected: [`${I}:CopyWorkspaceImage`, `${B}:CreateWorkspaceBundle`] },
  {
    rule: 'creates the bundle before desktops on it',
    desired: [aBundle({ image: { id: 'wsi-golden0001' } }), aWorkspace({ bundle: { key: B } })],
    live: [aLiveImage()],
    expected: [`${B}:CreateWorkspaceBundle`, 'workspace/d-1111111111/alice:CreateWorkspaces'],
  },
  {
    rule: 'updates the bundle image without touching desktops by default',
    desired: [aBundle({ image: { id: 'wsi-golden20001' } }), aWorkspace({ bundle: { key: B } })],
    live: [aLiveImage(), newImage, aLiveBundle(), onBundle('alice')],
    expected: [`${B}:UpdateWorkspaceBundle`],
  },
  {
    rule: 'rebuilds desktops on the bundle in waves when rollout.mode is rebuild',
    desired: [aBundle({ image: { id: 'wsi-golden20001' } }), ...['a', 'b', 'c'].map((userName) => aWorkspace({ userName, bundle: { key: B } }))],
    live: [aLiveImage(), newImage, aLiveBundle(), onBundle('a'), onBundle('b'), onBundle('c')],
    options: { policy: { rollout: { mode: 'rebuild', batchSize: 2 } } },
    expected: [
      `${B}:UpdateWorkspaceBundle`,
      'workspace/d-1111111111/a:RebuildWorkspaces',
      'workspace/d-1111111111/b:RebuildWorkspaces',
      'workspace/d-1111111111/c:RebuildWorkspaces',
    ],
  },
  {
    rule: 'terminates desktops before deleting their bundle',
    desired: [],
    live: [aLiveBundle({ liveTags: OWNED }), aLiveWorkspace({ bundle: { id: 'wsb-standard0001' }, liveTags: OWNED })],
    options: { policy: { prune: true } },
    expected: ['workspace/d-1111111111/alice:TerminateWorkspaces', `${B}:DeleteWorkspaceBundle`],
  },
  {
    rule: 'blocks a compute type change (fixed at create)',
    desired: [aBundle({ image: { id: 'wsi-golden0001' }, computeType: 'POWER' })],
    live: [aLiveImage(), aLiveBundle()],
    expected: [`${B}:CreateWorkspaceBundle !`],
  },
];

describe('bundle rules', () => {
  it.each(rows)('$rule', (row) => expectRule(row));

  it('makes each rebuild wave wait for the previous wave, one desktop per call, destructive', () => {
    const plan = planOf(
      [aBundle({ image: { id: 'wsi-golden20001' } }), ...['a', 'b', 'c'].map((userName) => aWorkspace({ userName, bundle: { key: B } }))],
      [aLiveImage(), newImage, aLiveBundle(), onBundle('a'), onBundle('b'), onBundle('c')],
      { policy: { rollout: { mode: 'rebuild', batchSize: 2 } } },
    );
    const [update, a, b, c] = plan.steps;
    expect(a.dependsOn).toEqual([update.id]);
    expect(c.dependsOn).toEqual([a.id, b.id]);
    expect(a.batch).toEqual({ member: 'RebuildWorkspaceRequests', max: 1 });
    expect(a.destructive).toBe(true);
  });
});
