import { describe, expect, it } from 'vitest';
import { aBundle, aLiveBundle, aLiveImage, aLiveWorkspace, anImage, aWorkspace, expectRule, OWNED, planOf, type RuleRow } from '../../helpers/builders.js';

const B = 'bundle/standard';
const I = 'image/golden';
const onBundle = (userName: string) => aLiveWorkspace({ userName, bundle: { id: 'wsb-standard0001' } });
/** A desktop of this environment that wsr built from `image` (tag wsr:image). */
const markedOnBundle = (userName: string, image = 'wsi-golden0001') =>
  aLiveWorkspace({ userName, bundle: { id: 'wsb-standard0001' }, liveTags: { ...OWNED, 'wsr:image': image } });
const newImage = aLiveImage({ name: 'golden2', id: 'wsi-golden20001' });

const rows: RuleRow[] = [
  {
    rule: 'creates the image before the bundle on it',
    desired: [anImage(), aBundle()],
    live: [],
    expected: [`${I}:CopyWorkspaceImage`, `${B}:CreateWorkspaceBundle`],
  },
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
    live: [aLiveImage(), newImage, aLiveBundle(), markedOnBundle('a'), markedOnBundle('b'), markedOnBundle('c')],
    options: { policy: { rollout: { mode: 'rebuild', batchSize: 2 } } },
    expected: [
      `${B}:UpdateWorkspaceBundle`,
      'workspace/d-1111111111/a:RebuildWorkspaces',
      'workspace/d-1111111111/a:TagResources',
      'workspace/d-1111111111/b:RebuildWorkspaces',
      'workspace/d-1111111111/b:TagResources',
      'workspace/d-1111111111/c:RebuildWorkspaces',
      'workspace/d-1111111111/c:TagResources',
    ],
  },
  {
    rule: 'resumes a rollout left part-way: only the desktops still marked with the old image are rebuilt',
    desired: [aBundle({ image: { id: 'wsi-golden20001' } }), ...['a', 'b', 'c'].map((userName) => aWorkspace({ userName, bundle: { key: B } }))],
    live: [
      aLiveImage(),
      newImage,
      aLiveBundle({ image: { id: 'wsi-golden20001' } }),
      markedOnBundle('a', 'wsi-golden20001'),
      markedOnBundle('b'),
      markedOnBundle('c'),
    ],
    options: { policy: { rollout: { mode: 'rebuild', batchSize: 1 } } },
    expected: [
      'workspace/d-1111111111/b:RebuildWorkspaces',
      'workspace/d-1111111111/b:TagResources',
      'workspace/d-1111111111/c:RebuildWorkspaces',
      'workspace/d-1111111111/c:TagResources',
    ],
  },
  {
    rule: 'a desktop without a mark counts as rolled when the bundle image does not change',
    desired: [aBundle({ image: { id: 'wsi-golden20001' } }), aWorkspace({ userName: 'a', bundle: { key: B } })],
    live: [
      aLiveImage(),
      newImage,
      aLiveBundle({ image: { id: 'wsi-golden20001' } }),
      aLiveWorkspace({ userName: 'a', bundle: { id: 'wsb-standard0001' }, liveTags: OWNED }),
    ],
    options: { policy: { rollout: { mode: 'rebuild', batchSize: 1 } } },
    expected: [],
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
      [aLiveImage(), newImage, aLiveBundle(), markedOnBundle('a'), markedOnBundle('b'), markedOnBundle('c')],
      { policy: { rollout: { mode: 'rebuild', batchSize: 2 } } },
    );
    const [update, a, b, c] = [`${B}:UpdateWorkspaceBundle`, ...['a', 'b', 'c'].map((user) => `workspace/d-1111111111/${user}:RebuildWorkspaces`)].map(
      (id) => plan.steps.find((step) => step.id === id)!,
    );
    expect(a.dependsOn).toEqual([update.id]);
    expect(c.dependsOn).toEqual([a.id, b.id]);
    expect(a.batch).toEqual({ member: 'RebuildWorkspaceRequests', max: 1 });
    expect(a.destructive).toBe(true);
  });
});

describe('a rollout respects connected users (policy.disruption)', () => {
  const connected = (userName: string) => ({ ...markedOnBundle(userName), sessions: [{ user: userName, since: '2026-11-25T09:12:00.000Z' }] });
  const desired = [aBundle({ image: { id: 'wsi-golden20001' } }), ...['a', 'b', 'c'].map((userName) => aWorkspace({ userName, bundle: { key: B } }))];
  const live = [aLiveImage(), newImage, aLiveBundle(), connected('a'), markedOnBundle('b'), markedOnBundle('c')];
  const rebuilds = (plan: ReturnType<typeof planOf>) => plan.steps.filter((step) => step.operation === 'RebuildWorkspaces');

  it('idle desktops roll first: a connected one is deferred in the last wave and holds no idle one', () => {
    const plan = planOf(desired, live, { policy: { rollout: { mode: 'rebuild', batchSize: 1 } } });
    expect(rebuilds(plan).map((step) => [step.key, step.deferred?.replace(/ since .*/, '')])).toEqual([
      ['workspace/d-1111111111/b', undefined],
      ['workspace/d-1111111111/c', undefined],
      ['workspace/d-1111111111/a', 'a connected'],
    ]);
    expect(plan.warnings).toContain('rollout of bundle/standard onto wsi-golden20001: 0 of 3 desktop(s) rolled, 1 waiting for their users (a)');
  });

  it('with whenConnected: proceed, key order, nothing waits, and the report says so', () => {
    const plan = planOf(desired, live, { policy: { rollout: { mode: 'rebuild', batchSize: 1 } }, whenConnected: 'proceed' });
    expect(rebuilds(plan).map((step) => [step.key, step.deferred])).toEqual(['a', 'b', 'c'].map((user) => [`workspace/d-1111111111/${user}`, undefined]));
    expect(plan.warnings).toContain('rollout of bundle/standard onto wsi-golden20001: 0 of 3 desktop(s) rolled, 0 waiting for their users');
  });
});
