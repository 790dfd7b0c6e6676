/**
 * Day-2 changes converge in ONE apply at realistic timing (issue #10): the emulator runs every
 * transition at 0.002 of AWS's duration (a create takes 2.4 s) and throttles one call in five.
 * Each test applies a starting spec, changes it the way an operator would, applies once, and
 * checks what the operator sees: exit 0, no call refused by the API, and a plan with nothing left.
 * Each defect's planner rule row is in test/unit/plan/day2-rules.test.ts.
 */
import {
  DescribeClientBrandingCommand,
  DescribeTagsCommand,
  DescribeWorkspaceAssociationsCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutcome, REALISTIC, TransitionOracle } from '../helpers/transition-oracle.js';
import { DAY2_DIRECTORY, day2Spec } from '../helpers/day2-specs.js';
import { runWsr } from '../helpers/run-wsr.js';

/** A second public Windows image, so a bundle's image can change (defect #4's rollout). */
const NEW_IMAGE = 'wsi-win11new001';

let oracle: TransitionOracle;
beforeAll(async () => {
  oracle = await TransitionOracle.start({ ...REALISTIC, seed: { publicImages: [{ id: NEW_IMAGE, name: 'Windows_11_Amazon' }] } });
});
afterAll(async () => {
  await oracle?.stop();
});

async function expectOneApply(name: string, before: string, after: string, between?: (oracle: TransitionOracle) => Promise<void>): Promise<void> {
  const outcome = await oracle.transition({ name, before, after, between });
  expect(outcome.before.exitCode, `the starting spec of ${name} applies`).toBe(0);
  expect(outcome.converged, describeOutcome(outcome)).toBe(true);
}

const CUSTOM_BUNDLES = `bundles:
  old-std: {image: wsi-amzwin10001, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}
  new-std: {image: wsi-amzwin10001, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}
`;

describe('day-2 changes at realistic timing (0.002 time scale, 20 % throttling)', () => {
  it('#1 an alias shared with another account: unshare the old one first, then share', async () => {
    const alias = (account: string) => day2Spec(`connectionAliases:\n  desktops.example.com: {associate: [corp], sharedWith: ["${account}"]}\n`);
    await expectOneApply('alias re-shared', alias('111122223333'), alias('444455556666'));
  });

  it('#2 BYOL enabled in the same plan as a BYOL image import: the import waits for the account modification to complete', async () => {
    const byol = day2Spec(
      `account: {dedicatedTenancySupport: ENABLED, managementCidrRange: 10.200.0.0/16}\nimages:\n  byol-win11: {importByol: {ec2ImageId: ami-0123456789abcdef0, ingestionProcess: BYOL_REGULAR_WSP}}\n`,
    );
    await expectOneApply('BYOL enable + import', day2Spec(''), byol);
  });

  it('#3 a bundle deleted right after its desktops migrated off it waits for the old desktops to be gone', async () => {
    const before = day2Spec(`${CUSTOM_BUNDLES}workspaces:\n  - users: [alice, bob]\n    bundle: old-std\n`);
    const after = day2Spec(
      `bundles:\n  new-std: {image: wsi-amzwin10001, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}\nworkspaces:\n  - users: [alice, bob]\n    bundle: new-std\n`,
    );
    await expectOneApply('migrate then delete the old bundle', before, after);
  });

  it('#4 a rollout stopped part-way by a desktop in ADMIN_MAINTENANCE is shown by the next plan and finished by the next apply, then No changes', async () => {
    const users = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'];
    const spec = (image: string) =>
      day2Spec(
        `bundles:\n  golden: {image: ${image}, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}\nworkspaces:\n  - users: [${users.join(', ')}]\n    bundle: golden\n`,
        {
          policy: 'rollout: {mode: rebuild, batchSize: 3}',
        },
      );
    await oracle.emulator.reset();
    expect((await oracle.converge(spec('wsi-amzwin10001'))).exitCode).toBe(0);
    const desktops = (await oracle.emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: DAY2_DIRECTORY }))).Workspaces ?? [];
    const idOf = (user: string) => desktops.find((desktop) => desktop.UserName === user)!.WorkspaceId!;
    // AWS snapshots a desktop ~30 min after it is available, and a rebuild needs that snapshot
    await oracle.emulator.advance(30 * 60 * REALISTIC.timeScale!);
    // waves in key order: [u1 u2 u3] [u4 u5 u6] [u7]; u5 in maintenance blocks wave 2's rebuild of it, and wave 3
    await oracle.emulator.admin('set-state', { id: idOf('u5'), state: 'ADMIN_MAINTENANCE' });

    const first = await oracle.applyOnce(spec(NEW_IMAGE));
    const rebuiltBy = (run: typeof first) =>
      (run.report?.steps ?? []).filter((step) => step.stepId.endsWith(':RebuildWorkspaces') && step.outcome === 'succeeded').length;
    expect(first.exitCode, 'blocked steps: apply says incomplete').toBe(3);
    expect(first.refusedCalls).toEqual([]);
    expect(rebuiltBy(first)).toBe(5);

    const resumed = await oracle.plan(spec(NEW_IMAGE));
    const golden = resumed.changes.find((change) => change.key === 'bundle/golden');
    expect(golden?.reason).toMatch(new RegExp(`rollout of bundle wsb-\\w+ unfinished: 5 of 7 desktop\\(s\\) on ${NEW_IMAGE}, 2 to roll`));
    expect(resumed.steps.filter((step) => step.operation === 'RebuildWorkspaces').map((step) => step.key)).toEqual([
      `workspace/${DAY2_DIRECTORY}/u5`,
      `workspace/${DAY2_DIRECTORY}/u7`,
    ]);

    await oracle.emulator.admin('set-state', { id: idOf('u5'), state: 'AVAILABLE' });
    const second = await oracle.applyOnce(spec(NEW_IMAGE));
    expect(second.exitCode, describeOutcome({ name: 'resume', before: first, after: second, leftOver: [], converged: false })).toBe(0);
    expect(second.refusedCalls).toEqual([]);
    expect(rebuiltBy(second)).toBe(2);

    const done = await oracle.plan(spec(NEW_IMAGE));
    expect(done.changes.map((change) => change.key)).toEqual([]);
    expect(done.steps).toEqual([]);
    for (const user of users) {
      const tags = (await oracle.emulator.client.send(new DescribeTagsCommand({ ResourceId: idOf(user) }))).TagList ?? [];
      expect(tags.find((tag) => tag.Key === 'wsr:image')?.Value, user).toBe(NEW_IMAGE);
    }
  });

  it('#5 an add-in removed from the spec is deleted, and plan/apply --destroy work with an add-in', async () => {
    const withAddIn = day2Spec(`connectClientAddIns:\n  - {directory: corp, name: contact, url: https://example.my.connect.aws/ccp-v2}\n`);
    await expectOneApply('add-in removed', withAddIn, day2Spec(''));

    await oracle.converge(withAddIn);
    const destroyPlan = await oracle.plan(withAddIn, { destroy: true });
    expect(destroyPlan.steps.map((step) => step.operation)).toContain('DeleteConnectClientAddIn');
    const destroyed = await oracle.applyOnce(withAddIn, { destroy: true });
    expect(destroyed.exitCode).toBe(0);
    expect(destroyed.refusedCalls).toEqual([]);
  });

  it('#6 a migrate onto a bundle that already has the compute type plans no ModifyWorkspaceProperties', async () => {
    const bundles = `bundles:\n  std: {image: wsi-amzwin10001, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}\n  power: {image: wsi-amzwin10001, computeType: POWER, rootVolumeGib: 175, userVolumeGib: 100}\n`;
    const before = day2Spec(`${bundles}workspaces:\n  - users: [dave]\n    bundle: std\n`);
    const after = day2Spec(
      `${bundles}workspaces:\n  - users: [dave]\n    bundle: power\n    computeType: POWER\n    rootVolumeGib: 175\n    userVolumeGib: 100\n`,
    );
    const outcome = await oracle.transition({ name: 'migrate to power', before, after });
    expect(outcome.converged, describeOutcome(outcome)).toBe(true);
    expect(outcome.after.plan.steps.map((step) => step.operation)).toEqual(['MigrateWorkspace']);
  });

  it('#6 a volume pinned below the target bundle is refused by validate and plan with file:line, before any write', async () => {
    const bundles = `bundles:\n  std: {image: wsi-amzwin10001, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}\n  power: {image: wsi-amzwin10001, computeType: POWER, rootVolumeGib: 175, userVolumeGib: 100}\n`;
    await oracle.emulator.reset();
    await oracle.converge(day2Spec(`${bundles}workspaces:\n  - users: [dave]\n    bundle: std\n    rootVolumeGib: 80\n`));
    const file = oracle.writeSpec(day2Spec(`${bundles}workspaces:\n  - users: [dave]\n    bundle: power\n    rootVolumeGib: 80\n`));
    await oracle.emulator.admin('reset-calls');

    const validate = await runWsr(['validate', file]);
    const apply = await runWsr(['apply', file, '--auto-approve', '--endpoint', oracle.emulator.endpoint]);

    for (const run of [validate, apply]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`${file}:\\d+:\\d+: error SPEC_VOLUME_BELOW_BUNDLE: rootVolumeGib 80 GiB is below bundle "power"'s 175 GiB`));
    }
    const calls = await oracle.emulator.calls();
    expect(Object.keys(calls).filter((operation) => !/^(Describe|List|Get)/.test(operation))).toEqual([]);
  });

  it('#8 a SAML relay-state parameter and a certificate-auth CA removed from the spec are cleared (PropertiesToDelete)', async () => {
    const saml = (relay: string, ca: string) =>
      day2Spec('', {
        directory: `saml: {status: ENABLED, userAccessUrl: "https://idp.example.com/saml"${relay}}, certificateBasedAuth: {status: ENABLED${ca}}`,
      });
    const before = saml(
      ', relayStateParameterName: RelayState',
      ', certificateAuthorityArn: "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/ca-1"',
    );
    const outcome = await oracle.transition({ name: 'SAML relay state and CA removed', before, after: saml('', '') });
    expect(outcome.converged, describeOutcome(outcome)).toBe(true);
    const [directory] = (await oracle.emulator.client.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [DAY2_DIRECTORY] }))).Directories ?? [];
    expect(directory.SamlProperties?.RelayStateParameterName).toBeUndefined();
    expect(directory.CertificateBasedAuthProperties?.CertificateAuthorityArn).toBeUndefined();
  });

  it('#8 a client-branding platform removed from the spec is deleted', async () => {
    const branding = (web: string) => day2Spec(`clientBranding:\n  corp:\n    windows: {supportEmail: helpdesk@example.com}\n${web}`);
    await expectOneApply('branding platform removed', branding('    web: {supportLink: "https://help.example.com"}\n'), branding(''));
    const described = await oracle.emulator.client.send(new DescribeClientBrandingCommand({ ResourceId: DAY2_DIRECTORY }));
    expect(described.DeviceTypeWeb ?? {}).toEqual({});
    expect(described.DeviceTypeWindows?.SupportEmail).toBe('helpdesk@example.com');
  });

  it('#8 an application association removed is disassociated, a new one is deployed (not left PENDING_INSTALL_DEPLOYMENT)', async () => {
    const apps = (list: string) => day2Spec(`workspaces:\n  - users: [dave]\napplications:\n${list}`);
    const before = apps('  - {application: wsa-msoffice21, workspace: corp/dave}\n  - {application: wsa-visio2021p, workspace: corp/dave}\n');
    const after = apps('  - {application: wsa-msoffice21, workspace: corp/dave}\n  - {application: wsa-project21p, workspace: corp/dave}\n');
    await expectOneApply('applications changed', before, after);
    const [desktop] = (await oracle.emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: DAY2_DIRECTORY }))).Workspaces ?? [];
    const associations =
      (
        await oracle.emulator.client.send(
          new DescribeWorkspaceAssociationsCommand({ WorkspaceId: desktop.WorkspaceId, AssociatedResourceTypes: ['APPLICATION'] }),
        )
      ).Associations ?? [];
    expect(associations.map((association) => `${association.AssociatedResourceId} ${association.State}`).sort()).toEqual([
      'wsa-msoffice21 COMPLETED',
      'wsa-project21p COMPLETED',
    ]);
  });

  it('#9 a desktop in ERROR with state running is reported on every plan (warning with a count), not "No changes"', async () => {
    const spec = day2Spec(`workspaces:\n  - users: [frank]\n`);
    await oracle.emulator.reset();
    await oracle.converge(spec);
    const [desktop] = (await oracle.emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: DAY2_DIRECTORY }))).Workspaces ?? [];
    await oracle.emulator.admin('set-state', { id: desktop.WorkspaceId, state: 'ERROR' });

    const plan = await runWsr(['plan', oracle.writeSpec(spec), '--endpoint', oracle.emulator.endpoint, '--log-level', 'error']);

    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(
      `1 desktop(s) unhealthy although the spec wants them running: workspace/${DAY2_DIRECTORY}/frank (${desktop.WorkspaceId} ERROR)`,
    );
    expect(plan.stdout, 'counted apart in the summary').toContain('No changes. Live state matches the spec · 1 unhealthy (see warnings)');
  });

  it('#9 policy.repair (opt-in) reboots an UNHEALTHY desktop and rebuilds one in ERROR in one apply, then nothing is left', async () => {
    const spec = day2Spec(`workspaces:\n  - users: [gus, hal]\n`, { policy: 'repair: {unhealthy: reboot, error: rebuild}' });
    await oracle.emulator.reset();
    expect((await oracle.converge(spec)).exitCode).toBe(0);
    // AWS snapshots a desktop ~30 min after it is available, and a rebuild needs that snapshot
    await oracle.emulator.advance(30 * 60 * REALISTIC.timeScale!);
    const desktops = (await oracle.emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: DAY2_DIRECTORY }))).Workspaces ?? [];
    const idOf = (user: string) => desktops.find((desktop) => desktop.UserName === user)!.WorkspaceId!;
    await oracle.emulator.admin('set-state', { id: idOf('gus'), state: 'UNHEALTHY' });
    await oracle.emulator.admin('set-state', { id: idOf('hal'), state: 'ERROR' });

    const repaired = await oracle.applyOnce(spec);

    expect(repaired.plan.summary.unhealthy).toBe(2);
    expect(repaired.plan.steps.map((step) => `${step.key} ${step.operation}`).sort()).toEqual([
      `workspace/${DAY2_DIRECTORY}/gus RebootWorkspaces`,
      `workspace/${DAY2_DIRECTORY}/hal RebuildWorkspaces`,
    ]);
    expect(repaired.exitCode).toBe(0);
    expect(repaired.refusedCalls).toEqual([]);
    const after = (await oracle.emulator.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [idOf('gus'), idOf('hal')] }))).Workspaces ?? [];
    expect(after.map((desktop) => desktop.State)).toEqual(['AVAILABLE', 'AVAILABLE']);
    const next = await oracle.plan(spec);
    expect(next.steps).toEqual([]);
    expect(next.summary.unhealthy).toBe(0);
  });

  it('an IP group description changed in the spec (the API cannot change it) is a warning on every plan, not a change', async () => {
    const group = (description: string) => day2Spec(`ipGroups:\n  office: {description: ${description}, rules: [{cidr: 198.51.100.0/24}]}\n`);
    await oracle.emulator.reset();
    expect((await oracle.converge(group('head office'))).exitCode).toBe(0);

    const plan = await oracle.plan(group('branch office'));

    expect(plan.changes).toEqual([]);
    expect(plan.steps).toEqual([]);
    expect(plan.warnings).toEqual([
      expect.stringContaining('ipGroup/office: the API cannot change an IP group description after create (live "head office", spec "branch office")'),
    ]);
  });

  it('#7 apply exits 3 and says so when a step was blocked, instead of 0', async () => {
    const spec = (state: string) => day2Spec(`workspaces:\n  - users: [erin]\n    bundle: wsb-stdwin0001\n    state: ${state}\n`);
    await oracle.emulator.reset();
    await oracle.converge(spec('running'));
    const [desktop] = (await oracle.emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: 'd-9067a1b2c3' }))).Workspaces ?? [];
    await oracle.emulator.admin('set-state', { id: desktop.WorkspaceId, state: 'ADMIN_MAINTENANCE' });
    const file = oracle.writeSpec(spec('stopped'));

    const apply = await runWsr(['apply', file, '--auto-approve', '--endpoint', oracle.emulator.endpoint, '--log-level', 'error']);
    const plan = await runWsr(['plan', file, '--detailed-exitcode', '--endpoint', oracle.emulator.endpoint, '--log-level', 'error']);

    expect(apply.code).toBe(3);
    expect(apply.stdout).toContain('Incomplete: 1 step(s) blocked or deferred');
    expect(apply.stdout).toContain('StopWorkspaces is refused in ADMIN_MAINTENANCE');
    expect(plan.code).toBe(2);
  });
});
