/**
 * Day-2 rules (issue #10): each row names the rule, gives a (desired, live) pair, and checks the
 * one thing the rule is about — an ordering (`then` runs only after `first`, directly or
 * through other steps), a wait (`waits`), a step that must not be planned (`absent`), or the
 * error a contradictory spec must raise before any call. The integration twin of each row
 * (test/integration/day2.test.ts) proves it against the emulator at realistic timing.
 */
import { describe, expect, it } from 'vitest';
import type { DesiredResource } from '../../../src/model/desired.js';
import type { ConnectClientAddInProperties } from '../../../src/kinds/connect-client-add-in/properties.js';
import type { LiveResource } from '../../../src/model/live.js';
import type { Plan } from '../../../src/model/plan.js';
import type { PlanStep } from '../../../src/model/plan-step.js';
import type { PlanOptions } from '../../../src/model/plan-options.js';
import type { Policy } from '../../../src/model/desired.js';
import { tagCandidates } from '../../../src/diff/tag-candidates.js';
import {
  aBundle,
  aDesiredState,
  aDirectory,
  aLiveState,
  anImage,
  aLiveAlias,
  aLiveBundle,
  aLiveDirectory,
  aLiveWorkspace,
  anAlias,
  aWorkspace,
  OWNED,
  planOf,
} from '../../helpers/builders.js';
import { accountKey, applicationAssociationKey, bundleKey, connectClientAddInKey } from '../../../src/model/keys.js';

const WS = 'workspace/d-1111111111/alice';
const OLD_BUNDLE = 'bundle/old';

/** Picks a step of the plan: by id, or by operation and a look at its input. */
type StepMatcher = string | { readonly operation: string; readonly input?: (input: Record<string, any>) => boolean };

interface Day2Row {
  readonly rule: string;
  readonly desired: readonly DesiredResource[];
  readonly live: readonly LiveResource[];
  readonly options?: PlanOptions & { policy?: Partial<Policy> };
  /** [first, then]: `then` depends on `first`, directly or transitively. */
  readonly ordered?: readonly (readonly [StepMatcher, StepMatcher])[];
  /** Step → what its `after` wait must be: `gone` or a state. */
  readonly waits?: readonly (readonly [StepMatcher, string])[];
  /** Operations that must be planned. */
  readonly planned?: readonly string[];
  /** Operations that must not be planned. */
  readonly absent?: readonly string[];
  /** Step → members its input must contain. */
  readonly inputs?: readonly (readonly [StepMatcher, Record<string, unknown>])[];
  /** A plan warning must start with this. */
  readonly warns?: string;
  /** Planning must fail with this code. */
  readonly fails?: string;
  /** Steps (by id) that must be planned and marked destructive. */
  readonly destructive?: readonly string[];
  /** The plan summary counts this many unhealthy resources. */
  readonly unhealthy?: number;
  /** Exactly these step ids, in plan order. */
  readonly steps?: readonly string[];
  /** [key, reason]: the change of `key` gives this reason (what the plan shows). */
  readonly changeReason?: readonly [string, string];
}

const addIn = (name: string): DesiredResource<ConnectClientAddInProperties> => ({
  kind: 'connectClientAddIn',
  key: connectClientAddInKey('d-1111111111', name),
  properties: { directoryId: 'd-1111111111', name, url: 'https://connect.example.com' },
  tags: {},
  declaresTags: false,
});
const liveAddIn = (name: string): LiveResource => {
  const { kind, key, properties } = addIn(name);
  return { kind, key, properties, id: '11111111-2222-3333-4444-555555555555' };
};

const ACCOUNT = accountKey('123456789012');
const byolAccount: DesiredResource = {
  kind: 'account',
  key: ACCOUNT,
  properties: { accountId: '123456789012', dedicatedTenancySupport: 'ENABLED', dedicatedTenancyManagementCidrRange: '10.200.0.0/16' },
  tags: {},
  declaresTags: false,
};
const liveAccount: LiveResource = { kind: 'account', key: ACCOUNT, properties: { accountId: '123456789012', dedicatedTenancySupport: 'DISABLED' } };

const WS_ALICE = { key: 'workspace/d-1111111111/alice' };
const association = (applicationId: string): DesiredResource => ({
  kind: 'applicationAssociation',
  key: applicationAssociationKey('workspace/d-1111111111/alice', applicationId),
  properties: { target: WS_ALICE, targetType: 'workspace', applicationId },
  tags: {},
  declaresTags: false,
});
const liveAssociation = (applicationId: string, state = 'COMPLETED'): LiveResource => ({
  kind: 'applicationAssociation',
  key: applicationAssociationKey('workspace/d-1111111111/alice', applicationId),
  state,
  properties: { target: { id: 'ws-alice0001' }, targetType: 'workspace', applicationId },
});
const brandingOf = (platform: string, live: boolean): DesiredResource | LiveResource => {
  const base = {
    kind: 'clientBranding' as const,
    key: `clientBranding/d-1111111111/${platform}`,
    properties: { directoryId: 'd-1111111111', platform, supportLink: 'https://help.example.com' },
  };
  return live ? { ...base, details: { hasLogo: false } } : { ...base, tags: {}, declaresTags: false };
};

const ROLLOUT: Day2Row['options'] = { policy: { rollout: { mode: 'rebuild', batchSize: 3 } } };
const GOLDEN = bundleKey('golden');
const goldenBundle = (image: string) => aBundle({ name: 'golden', image: { id: image } });
const liveGolden = (image: string) => aLiveBundle({ name: 'golden', id: 'wsb-golden0001', image: { id: image }, liveTags: OWNED });
/** A desktop of this environment on bundle golden, marked (or not) with the image it was built from. */
const onGolden = (userName: string, mark?: string) =>
  aLiveWorkspace({ userName, bundle: { id: 'wsb-golden0001' }, liveTags: { ...OWNED, ...(mark === undefined ? {} : { 'wsr:image': mark }) } });
const goldenDesktops = (users: readonly string[]) => users.map((userName) => aWorkspace({ userName, bundle: { key: GOLDEN } }));
const rebuildOf = (user: string) => `workspace/d-1111111111/${user}:RebuildWorkspaces`;

const rows: Day2Row[] = [
  {
    rule: '#4 a rolled-out desktop is marked wsr:image=<new image> only after its rebuild succeeds',
    desired: [goldenBundle('wsi-new00001'), ...goldenDesktops(['ann'])],
    live: [liveGolden('wsi-old00001'), onGolden('ann', 'wsi-old00001')],
    options: ROLLOUT,
    ordered: [[rebuildOf('ann'), 'workspace/d-1111111111/ann:TagResources']],
    inputs: [
      [
        'workspace/d-1111111111/ann:TagResources',
        { ResourceARNList: ['arn:aws:workspaces:eu-west-1:123456789012:workspace/ws-ann0001'], Tags: { 'wsr:image': 'wsi-new00001' } },
      ],
    ],
    waits: [[rebuildOf('ann'), 'AVAILABLE']],
  },
  {
    rule: '#4 a later plan resumes a rollout left part-way: the desktops still marked with the old image are rebuilt, no bundle update',
    desired: [goldenBundle('wsi-new00001'), ...goldenDesktops(['ann', 'ben', 'cid'])],
    live: [liveGolden('wsi-new00001'), onGolden('ann', 'wsi-new00001'), onGolden('ben', 'wsi-old00001'), onGolden('cid', 'wsi-old00001')],
    options: ROLLOUT,
    planned: ['RebuildWorkspaces'],
    absent: ['UpdateWorkspaceBundle'],
    changeReason: [GOLDEN, 'rollout of bundle wsb-golden0001 unfinished: 1 of 3 desktop(s) on wsi-new00001, 2 to roll'],
    steps: [
      'workspace/d-1111111111/ben:RebuildWorkspaces',
      'workspace/d-1111111111/ben:TagResources',
      'workspace/d-1111111111/cid:RebuildWorkspaces',
      'workspace/d-1111111111/cid:TagResources',
    ],
  },
  {
    rule: '#4 a rollout is done when every desktop carries the bundle image: no changes',
    desired: [goldenBundle('wsi-new00001'), ...goldenDesktops(['ann', 'ben'])],
    live: [liveGolden('wsi-new00001'), onGolden('ann', 'wsi-new00001'), onGolden('ben')],
    options: ROLLOUT,
    steps: [],
  },
  {
    rule: '#4 an unmarked desktop is marked with the image it is on before its wave, so a wave that never runs is resumed',
    desired: [goldenBundle('wsi-new00001'), ...goldenDesktops(['ann'])],
    live: [liveGolden('wsi-old00001'), onGolden('ann')],
    options: ROLLOUT,
    ordered: [['workspace/d-1111111111/ann:TagResources', rebuildOf('ann')]],
    inputs: [
      [
        'workspace/d-1111111111/ann:TagResources',
        { ResourceARNList: ['arn:aws:workspaces:eu-west-1:123456789012:workspace/ws-ann0001'], Tags: { 'wsr:image': 'wsi-old00001' } },
      ],
    ],
  },
  {
    rule: '#4 a desktop created on the bundle during a rollout carries the bundle image mark (it counts as rolled)',
    desired: [goldenBundle('wsi-new00001'), ...goldenDesktops(['ann'])],
    live: [liveGolden('wsi-new00001')],
    options: ROLLOUT,
    inputs: [
      [
        'workspace/d-1111111111/ann:CreateWorkspaces',
        { Workspaces: [expect.objectContaining({ Tags: expect.arrayContaining([{ Key: 'wsr:image', Value: 'wsi-new00001' }]) })] },
      ],
    ],
  },
  {
    rule: '#4 a marked desktop migrated onto a bundle is re-marked with that bundle image (MigrateWorkspace copies the old mark)',
    desired: [goldenBundle('wsi-new00001'), ...goldenDesktops(['ann'])],
    live: [
      liveGolden('wsi-new00001'),
      aLiveWorkspace({ userName: 'ann', bundle: { id: 'wsb-stdwin0001' }, liveTags: { ...OWNED, 'wsr:image': 'wsi-amzwin10001' } }),
    ],
    ordered: [['workspace/d-1111111111/ann:MigrateWorkspace', 'workspace/d-1111111111/ann:CreateTags']],
    inputs: [['workspace/d-1111111111/ann:CreateTags', { Tags: [{ Key: 'wsr:image', Value: 'wsi-new00001' }] }]],
  },
  {
    rule: '#9 a desktop in ERROR that the spec wants running is a plan warning with a count, though nothing differs',
    desired: [aWorkspace()],
    live: [aLiveWorkspace({ state: 'ERROR' })],
    warns: '1 desktop(s) unhealthy although the spec wants them running: workspace/d-1111111111/alice (ws-alice0001 ERROR)',
    unhealthy: 1,
  },
  {
    rule: '#9 a desktop in UNHEALTHY is the same warning; no repair step unless the spec asks for one',
    desired: [aWorkspace()],
    live: [aLiveWorkspace({ state: 'UNHEALTHY' })],
    warns: '1 desktop(s) unhealthy although the spec wants them running: workspace/d-1111111111/alice (ws-alice0001 UNHEALTHY)',
    absent: ['RebootWorkspaces', 'RebuildWorkspaces', 'RestoreWorkspace'],
  },
  {
    rule: '#9 policy.repair.unhealthy reboot: an UNHEALTHY desktop is rebooted and waited on until AVAILABLE; no token is recorded',
    desired: [aWorkspace()],
    live: [aLiveWorkspace({ state: 'UNHEALTHY', liveTags: OWNED })],
    options: { policy: { repair: { unhealthy: 'reboot' } } },
    planned: ['RebootWorkspaces'],
    waits: [[`${WS}:RebootWorkspaces`, 'AVAILABLE']],
    absent: ['CreateTags', 'RestoreWorkspace', 'RebuildWorkspaces'],
  },
  {
    rule: '#9 policy.repair.error restore: a desktop in ERROR is restored, a destructive step like any restore',
    desired: [aWorkspace()],
    live: [aLiveWorkspace({ state: 'ERROR', liveTags: OWNED })],
    options: { policy: { repair: { error: 'restore' } }, allowDestroy: true },
    destructive: [`${WS}:RestoreWorkspace`],
    absent: ['RebootWorkspaces', 'RebuildWorkspaces'],
  },
  {
    rule: '#9 policy.repair.error rebuild: a desktop in ERROR is rebuilt',
    desired: [aWorkspace()],
    live: [aLiveWorkspace({ state: 'ERROR', liveTags: OWNED })],
    options: { policy: { repair: { error: 'rebuild' } }, allowDestroy: true },
    destructive: [`${WS}:RebuildWorkspaces`],
  },
  {
    rule: '#9 policy.repair leaves a desktop in ERROR alone when it only says what to do with UNHEALTHY ones',
    desired: [aWorkspace()],
    live: [aLiveWorkspace({ state: 'ERROR', liveTags: OWNED })],
    options: { policy: { repair: { unhealthy: 'reboot' } } },
    steps: [],
  },
  {
    rule: '#9 policy.repair never touches a desktop the spec wants stopped',
    desired: [aWorkspace({ runningState: 'stopped' })],
    live: [aLiveWorkspace({ state: 'UNHEALTHY', liveTags: OWNED })],
    options: { policy: { repair: { unhealthy: 'reboot' } } },
    absent: ['RebootWorkspaces'],
  },
  {
    rule: '#8 a SAML relay-state parameter the spec no longer sets is cleared with PropertiesToDelete',
    desired: [aDirectory({ samlProperties: { Status: 'ENABLED', UserAccessUrl: 'https://idp.example.com/saml' } })],
    live: [aLiveDirectory({ samlProperties: { Status: 'ENABLED', UserAccessUrl: 'https://idp.example.com/saml', RelayStateParameterName: 'RelayState' } })],
    inputs: [['directory/d-1111111111:ModifySamlProperties', { PropertiesToDelete: ['SAML_PROPERTIES_RELAY_STATE_PARAMETER_NAME'] }]],
  },
  {
    rule: '#8 a certificate-auth CA ARN the spec no longer sets is cleared with PropertiesToDelete',
    desired: [aDirectory({ certificateBasedAuthProperties: { Status: 'DISABLED' } })],
    live: [
      aLiveDirectory({
        certificateBasedAuthProperties: { Status: 'ENABLED', CertificateAuthorityArn: 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/ca-1' },
      }),
    ],
    inputs: [
      ['directory/d-1111111111:ModifyCertificateBasedAuthProperties', { PropertiesToDelete: ['CERTIFICATE_BASED_AUTH_PROPERTIES_CERTIFICATE_AUTHORITY_ARN'] }],
    ],
  },
  {
    rule: '#8 a client-branding platform removed from the spec is deleted with prune (owned through the directory)',
    desired: [aDirectory(), brandingOf('DeviceTypeWindows', false) as DesiredResource],
    live: [aLiveDirectory({ liveTags: OWNED }), brandingOf('DeviceTypeWindows', true) as LiveResource, brandingOf('DeviceTypeWeb', true) as LiveResource],
    options: { policy: { prune: true } },
    planned: ['DeleteClientBranding'],
  },
  {
    rule: '#8 a new application association is deployed after it is associated',
    desired: [aWorkspace(), association('wsa-project21p')],
    live: [aLiveWorkspace()],
    ordered: [[{ operation: 'AssociateWorkspaceApplication' }, { operation: 'DeployWorkspaceApplications' }]],
  },
  {
    rule: '#8 an association left PENDING_INSTALL_DEPLOYMENT is deployed',
    desired: [aWorkspace(), association('wsa-project21p')],
    live: [aLiveWorkspace(), liveAssociation('wsa-project21p', 'PENDING_INSTALL_DEPLOYMENT')],
    planned: ['DeployWorkspaceApplications'],
    absent: ['AssociateWorkspaceApplication'],
  },
  {
    rule: '#8 an association removed from the spec is disassociated (prune, workspace ours), then deployed',
    desired: [aWorkspace(), association('wsa-msoffice21')],
    live: [aLiveWorkspace({ liveTags: OWNED }), liveAssociation('wsa-msoffice21'), liveAssociation('wsa-visio2021p')],
    options: { policy: { prune: true }, allowDestroy: true },
    ordered: [[{ operation: 'DisassociateWorkspaceApplication' }, { operation: 'DeployWorkspaceApplications' }]],
  },
  {
    rule: '#8 an association removed from a desktop migrated in the same plan is not disassociated (it ends with the old desktop; waiting on it would fail)',
    desired: [aWorkspace({ bundle: { id: 'wsb-perwin0001' } }), association('wsa-msoffice21')],
    live: [aLiveWorkspace({ liveTags: OWNED }), liveAssociation('wsa-msoffice21'), liveAssociation('wsa-project21p')],
    options: { policy: { prune: true }, allowDestroy: true },
    planned: ['MigrateWorkspace', 'AssociateWorkspaceApplication'],
    absent: ['DisassociateWorkspaceApplication'],
  },
  {
    rule: '#2 a BYOL import waits until the BYOL enablement of the same plan is COMPLETED',
    desired: [
      byolAccount,
      anImage({ name: 'byol', source: { type: 'importByol', ec2ImageId: 'ami-0123456789abcdef0', ingestionProcess: 'BYOL_REGULAR_WSP' } }),
    ],
    live: [liveAccount],
    waits: [[`${ACCOUNT}:ModifyAccount`, 'COMPLETED']],
    ordered: [[`${ACCOUNT}:ModifyAccount`, 'image/byol:ImportWorkspaceImage']],
  },
  {
    rule: '#2 a DEDICATED directory registration waits until the BYOL enablement of the same plan is COMPLETED',
    desired: [byolAccount, aDirectory({ tenancy: 'DEDICATED' })],
    live: [liveAccount],
    waits: [[`${ACCOUNT}:ModifyAccount`, 'COMPLETED']],
    ordered: [[`${ACCOUNT}:ModifyAccount`, 'directory/d-1111111111:RegisterWorkspaceDirectory']],
  },
  {
    rule: '#1 unshares the alias from the old account before sharing it with the new one (one shared account per alias)',
    desired: [anAlias({ sharedWith: ['444455556666'] })],
    live: [aLiveAlias({ sharedWith: ['111122223333'] })],
    ordered: [
      [
        { operation: 'UpdateConnectionAliasPermission', input: (input) => input.ConnectionAliasPermission.AllowAssociation === false },
        { operation: 'UpdateConnectionAliasPermission', input: (input) => input.ConnectionAliasPermission.AllowAssociation === true },
      ],
    ],
  },
  {
    rule: '#3 a migrate waits until the old desktop is gone, so the bundle it leaves can be deleted',
    desired: [aWorkspace({ bundle: { id: 'wsb-stdwin0001' } })],
    live: [aLiveWorkspace({ bundle: { id: 'wsb-old0001' }, liveTags: OWNED }), aLiveBundle({ name: 'old', id: 'wsb-old0001', liveTags: OWNED })],
    options: { policy: { prune: true } },
    waits: [[`${WS}:MigrateWorkspace`, 'gone']],
    ordered: [[`${WS}:MigrateWorkspace`, `${OLD_BUNDLE}:DeleteWorkspaceBundle`]],
  },
  {
    rule: '#13 a migrate of a desktop leaving maintenance in the same plan runs after the maintenance exit (ModifyWorkspaceState)',
    desired: [aWorkspace({ bundle: { id: 'wsb-perwin0001' }, maintenance: false })],
    live: [aLiveWorkspace({ state: 'ADMIN_MAINTENANCE', liveTags: OWNED })],
    ordered: [[`${WS}:ModifyWorkspaceState`, `${WS}:MigrateWorkspace`]],
  },
  {
    rule: '#3 an alias delete waits until the alias is gone (DELETING is still listed: the next plan would delete it again)',
    desired: [],
    live: [{ ...aLiveAlias({ sharedWith: [] }), tags: OWNED }],
    options: { policy: { prune: true }, allowDestroy: true },
    waits: [[{ operation: 'DeleteConnectionAlias' }, 'gone']],
  },
  {
    rule: '#5 --destroy plans the add-in delete (owned through its directory, never DescribeTags on it)',
    desired: [aDirectory(), addIn('contact')],
    live: [aLiveDirectory({ liveTags: OWNED }), liveAddIn('contact')],
    options: { destroy: true, allowDestroy: true },
    ordered: [[`${connectClientAddInKey('d-1111111111', 'contact')}:DeleteConnectClientAddIn`, 'directory/d-1111111111:DeregisterWorkspaceDirectory']],
  },
  {
    rule: '#5 an add-in removed from the spec is deleted with prune when its directory is ours',
    desired: [aDirectory()],
    live: [aLiveDirectory({ liveTags: OWNED }), liveAddIn('contact')],
    options: { policy: { prune: true } },
    planned: ['DeleteConnectClientAddIn'],
  },
  {
    rule: '#5 an add-in in a directory that is not ours is never pruned',
    desired: [],
    live: [aLiveDirectory({ liveTags: { 'wsr:env': 'other' } }), liveAddIn('contact')],
    options: { policy: { prune: true } },
    absent: ['DeleteConnectClientAddIn'],
  },
  {
    rule: '#6 no ModifyWorkspaceProperties for a compute type the target bundle already gives',
    desired: [
      aWorkspace({ bundle: { key: bundleKey('power') }, workspaceProperties: { ComputeTypeName: 'POWER', RootVolumeSizeGib: 175, UserVolumeSizeGib: 100 } }),
    ],
    live: [aLiveWorkspace(), aLiveBundle({ name: 'power', id: 'wsb-power0001', computeType: 'POWER', rootVolumeGib: 175, userVolumeGib: 100 })],
    absent: ['ModifyWorkspaceProperties'],
  },
  {
    rule: '#6 a volume pinned below the target bundle is a plan error naming the field, before any call',
    desired: [aWorkspace({ bundle: { key: bundleKey('power') }, workspaceProperties: { RootVolumeSizeGib: 80 } })],
    live: [aLiveWorkspace(), aLiveBundle({ name: 'power', id: 'wsb-power0001', computeType: 'POWER', rootVolumeGib: 175, userVolumeGib: 100 })],
    fails: 'PLAN_VOLUME_BELOW_BUNDLE',
  },
  {
    rule: '#6 a volume pinned below a bundle created in the same plan is the same error',
    desired: [
      aBundle({ name: 'power', image: { id: 'wsi-amzwin10001' }, computeType: 'POWER', rootVolumeGib: 175, userVolumeGib: 100 }),
      aWorkspace({ bundle: { key: bundleKey('power') } }),
    ],
    live: [aLiveWorkspace()],
    fails: 'PLAN_VOLUME_BELOW_BUNDLE',
  },
  {
    rule: '#6 a volume above the target bundle is grown after the migrate',
    desired: [
      aWorkspace({ bundle: { key: bundleKey('power') }, workspaceProperties: { ComputeTypeName: 'POWER', RootVolumeSizeGib: 200, UserVolumeSizeGib: 100 } }),
    ],
    live: [aLiveWorkspace(), aLiveBundle({ name: 'power', id: 'wsb-power0001', computeType: 'POWER', rootVolumeGib: 175, userVolumeGib: 100 })],
    ordered: [[`${WS}:MigrateWorkspace`, { operation: 'ModifyWorkspaceProperties', input: (input) => input.WorkspaceProperties.RootVolumeSizeGib === 200 }]],
  },
];

function find(plan: Plan, matcher: StepMatcher): PlanStep {
  const found =
    typeof matcher === 'string'
      ? plan.steps.filter((step) => step.id === matcher)
      : plan.steps.filter((step) => step.operation === matcher.operation && (matcher.input?.(step.input as Record<string, any>) ?? true));
  expect(
    found.map((step) => step.id),
    `exactly one step matches ${JSON.stringify(matcher)} in ${plan.steps.map((step) => step.id).join(', ')}`,
  ).toHaveLength(1);
  return found[0];
}

function dependsOnTransitively(plan: Plan, later: PlanStep, earlier: PlanStep): boolean {
  const byId = new Map(plan.steps.map((step) => [step.id, step]));
  const seen = new Set<string>();
  const queue = [...later.dependsOn];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (id === earlier.id) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(byId.get(id)?.dependsOn ?? []));
  }
  return false;
}

describe('day-2 planner rules', () => {
  it("#5 an add-in has no tags API: --destroy reads its directory's tags, never DescribeTags on the add-in", () => {
    const desired = aDesiredState([aDirectory(), addIn('contact')]);
    const live = aLiveState([aLiveDirectory(), liveAddIn('contact')]);
    expect(tagCandidates(desired, live, { destroy: true }).map((resource) => resource.key)).toEqual(['directory/d-1111111111']);
  });

  it.each(rows)('$rule', (row) => {
    if (row.fails !== undefined) {
      expect(() => planOf(row.desired, row.live, row.options)).toThrow(expect.objectContaining({ code: row.fails }));
      return;
    }
    const plan = planOf(row.desired, row.live, row.options);
    for (const [first, then] of row.ordered ?? []) {
      const a = find(plan, first);
      const b = find(plan, then);
      expect(dependsOnTransitively(plan, b, a), `${b.id} must wait for ${a.id}`).toBe(true);
      expect(plan.steps.indexOf(a)).toBeLessThan(plan.steps.indexOf(b));
    }
    for (const [matcher, wait] of row.waits ?? []) {
      const step = find(plan, matcher);
      expect(step.after?.gone ? 'gone' : step.after?.states?.join('|')).toBe(wait);
    }
    if (row.warns !== undefined)
      expect(
        plan.warnings.some((warning) => warning.startsWith(row.warns!)),
        plan.warnings.join('\n'),
      ).toBe(true);
    for (const [matcher, members] of row.inputs ?? []) expect(find(plan, matcher).input).toMatchObject(members);
    for (const operation of row.planned ?? []) expect(plan.steps.map((step) => step.operation)).toContain(operation);
    for (const operation of row.absent ?? []) expect(plan.steps.map((step) => step.operation)).not.toContain(operation);
    for (const id of row.destructive ?? []) expect(find(plan, id).destructive, id).toBe(true);
    if (row.unhealthy !== undefined) expect(plan.summary.unhealthy).toBe(row.unhealthy);
    if (row.steps !== undefined) expect(plan.steps.map((step) => step.id)).toEqual(row.steps);
    if (row.changeReason !== undefined) expect(plan.changes.find((change) => change.key === row.changeReason![0])?.reason).toBe(row.changeReason[1]);
    expect(plan.steps.filter((step) => step.blocked !== undefined).map((step) => `${step.id}: ${step.blocked}`)).toEqual([]);
  });
});
