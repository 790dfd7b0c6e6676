/**
 * Applications by name through the real SDK at realistic timing (1/1000 of AWS's durations, 20 % of
 * calls throttled): `application: Microsoft Visio Professional 2021` is resolved with one
 * DescribeApplications read (none when the spec gives only ids) and associated by its id; the next
 * plan is empty. A name that matches no application, or several, is a one-line plan error naming the
 * spec's line, before any write.
 */
import { writeFile } from 'node:fs/promises';
import { DescribeWorkspaceAssociationsCommand, DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../../helpers/start-emulator.js';
import { startRealisticAccount, type RealisticAccount } from './realistic-account.js';
import { reconcile, type ReconcileOptions } from '../../../src/engine/reconcile.js';
import { isWsrError } from '../../../src/errors.js';

const DIRECTORY = 'd-9067a1b2c3';

function spec(applications: string): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: apps, account: "123456789012", region: us-east-1}
defaults:
  workspace: {directory: corp, bundle: wsb-stdwin0001}
directories:
  corp: {id: ${DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222]}
workspaces:
  - users: [alice]
${applications}`;
}

describe('applications referred to by name', () => {
  let account: RealisticAccount;
  let emulator: TestEmulator;
  let specFile: string;
  let base: Omit<ReconcileOptions, 'mode'>;

  beforeAll(async () => {
    // two applications share a name, as two versions of one product may
    account = await startRealisticAccount(
      'apps',
      47,
      {},
      {
        applications: [
          { id: 'wsa-dupname01', name: 'Team Tools' },
          { id: 'wsa-dupname02', name: 'Team Tools' },
        ],
      },
    );
    ({ emulator, specFile, base } = account);
    await writeFile(specFile, spec(''));
    expect((await reconcile({ ...base, mode: 'apply' })).report?.failed).toBe(0);
  });

  afterAll(async () => account.stop());

  it('a spec with ids only makes no DescribeApplications call', async () => {
    await writeFile(specFile, spec('applications:\n  - {application: wsa-msoffice21, workspace: corp/alice}\n'));
    await emulator.admin('reset-calls');
    const planned = await reconcile({ ...base, mode: 'plan' });
    expect(planned.plan.steps.map((step) => step.operation)).toContain('AssociateWorkspaceApplication');
    expect((await emulator.calls()).DescribeApplications).toBeUndefined();
  });

  it('a name is resolved by one DescribeApplications read and associated by its id; the next plan is empty', async () => {
    await writeFile(specFile, spec('applications:\n  - {application: Microsoft Visio Professional 2021, workspace: corp/alice}\n'));
    await emulator.admin('reset-calls');

    const run = await reconcile({ ...base, mode: 'apply' });

    const associate = run.plan.steps.find((step) => step.operation === 'AssociateWorkspaceApplication')!;
    expect(associate.input).toMatchObject({ ApplicationId: 'wsa-visio2021p' });
    expect(run.report?.failed).toBe(0);
    expect((await emulator.acceptedCalls()).DescribeApplications).toBe(1);
    const alice = (await emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY, UserName: 'alice' }))).Workspaces![0]!;
    const associations =
      (await emulator.client.send(new DescribeWorkspaceAssociationsCommand({ WorkspaceId: alice.WorkspaceId, AssociatedResourceTypes: ['APPLICATION'] })))
        .Associations ?? [];
    expect(associations.map((association) => association.AssociatedResourceId)).toEqual(['wsa-visio2021p']);
    expect((await reconcile({ ...base, mode: 'plan' })).plan.steps).toEqual([]);
  });

  it.each([
    ['Microsoft Viso Professional 2021', 'PLAN_APPLICATION_UNKNOWN', /application "Microsoft Viso Professional 2021": no application of that name/],
    ['Team Tools', 'PLAN_APPLICATION_AMBIGUOUS', /application "Team Tools": 2 applications have that name \(wsa-dupname01, wsa-dupname02\); give its id/],
  ])('"%s" is %s naming the line, and nothing is written', async (name, code, message) => {
    await writeFile(specFile, spec(`applications:\n  - workspace: corp/alice\n    application: ${name}\n`));
    await emulator.admin('reset-calls');

    const failure = await reconcile({ ...base, mode: 'apply' }).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(isWsrError(failure) && failure.code).toBe(code);
    expect((failure as Error).message).toMatch(message);
    expect((failure as { location?: { line: number } }).location).toMatchObject({ file: specFile, line: 12 });
    expect(Object.keys(await emulator.calls()).filter((operation) => !/^(Describe|List|Get)/.test(operation))).toEqual([]);
  });
});
