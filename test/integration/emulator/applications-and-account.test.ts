import {
  AcceptAccountLinkInvitationCommand,
  AssociateWorkspaceApplicationCommand,
  CreateAccountLinkInvitationCommand,
  CreateWorkspaceBundleCommand,
  CreateWorkspaceImageCommand,
  DeleteAccountLinkInvitationCommand,
  DeployWorkspaceApplicationsCommand,
  DescribeAccountCommand,
  DescribeAccountModificationsCommand,
  DescribeApplicationAssociationsCommand,
  DescribeApplicationsCommand,
  DescribeBundleAssociationsCommand,
  DescribeImageAssociationsCommand,
  DescribeWorkspaceAssociationsCommand,
  DisassociateWorkspaceApplicationCommand,
  GetAccountLinkCommand,
  ImportWorkspaceImageCommand,
  ListAccountLinksCommand,
  ListAvailableManagementCidrRangesCommand,
  ModifyAccountCommand,
  RejectAccountLinkInvitationCommand,
  paginateDescribeApplications,
  paginateListAccountLinks,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { aRegisteredDirectory, aWorkspace, failureOf } from './given.js';

let emulator: TestEmulator;
const client = () => emulator.client;
const OFFICE = 'wsa-msoffice21';

beforeAll(async () => {
  emulator = await startTestEmulator({ pageSize: 2 });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

describe('applications', () => {
  it('lists the seeded catalogue across pages and filters it', async () => {
    const ids: string[] = [];
    for await (const page of paginateDescribeApplications({ client: client() }, {}))
      ids.push(...(page.Applications ?? []).map((a) => a.ApplicationId as string));
    expect(ids).toEqual(['wsa-msoffice21', 'wsa-visio2021p', 'wsa-project21p']);
    const forServer = await client().send(new DescribeApplicationsCommand({ OperatingSystemNames: ['WINDOWS_SERVER_2022'] }));
    expect(forServer.Applications?.map((a) => a.ApplicationId)).toEqual([OFFICE]);
  });

  it('associates, deploys and disassociates an application on a WorkSpace', async () => {
    await aRegisteredDirectory(client());
    const ws = await aWorkspace(client());
    const associated = await client().send(new AssociateWorkspaceApplicationCommand({ WorkspaceId: ws, ApplicationId: OFFICE }));
    expect(associated.Association).toMatchObject({ WorkspaceId: ws, AssociatedResourceId: OFFICE, State: 'PENDING_INSTALL_DEPLOYMENT' });
    expect((await failureOf(client().send(new AssociateWorkspaceApplicationCommand({ WorkspaceId: ws, ApplicationId: OFFICE })))).name).toBe(
      'ResourceAlreadyExistsException',
    );
    const deployed = await client().send(new DeployWorkspaceApplicationsCommand({ WorkspaceId: ws }));
    expect(deployed.Deployment?.Associations?.map((a) => a.State)).toEqual(['COMPLETED']);
    const byApp = await client().send(new DescribeApplicationAssociationsCommand({ ApplicationId: OFFICE, AssociatedResourceTypes: ['WORKSPACE'] }));
    expect(byApp.Associations).toMatchObject([{ ApplicationId: OFFICE, AssociatedResourceId: ws, AssociatedResourceType: 'WORKSPACE', State: 'COMPLETED' }]);
    await client().send(new DisassociateWorkspaceApplicationCommand({ WorkspaceId: ws, ApplicationId: OFFICE }));
    await client().send(new DeployWorkspaceApplicationsCommand({ WorkspaceId: ws }));
    expect((await client().send(new DescribeWorkspaceAssociationsCommand({ WorkspaceId: ws, AssociatedResourceTypes: ['APPLICATION'] }))).Associations).toEqual(
      [],
    );
  });

  it('reports no application associations for bundles and images (nothing in this API creates one)', async () => {
    await aRegisteredDirectory(client());
    const ws = await aWorkspace(client());
    const { ImageId } = await client().send(new CreateWorkspaceImageCommand({ Name: 'img', Description: 'd', WorkspaceId: ws }));
    await client().send(new DescribeApplicationsCommand({})); // the image settles
    const bundle = await client().send(
      new CreateWorkspaceBundleCommand({
        BundleName: 'b',
        BundleDescription: 'd',
        ImageId,
        ComputeType: { Name: 'STANDARD' },
        UserStorage: { Capacity: '50' },
      }),
    );
    expect(
      (await client().send(new DescribeBundleAssociationsCommand({ BundleId: bundle.WorkspaceBundle?.BundleId, AssociatedResourceTypes: ['APPLICATION'] })))
        .Associations,
    ).toEqual([]);
    expect((await client().send(new DescribeImageAssociationsCommand({ ImageId, AssociatedResourceTypes: ['APPLICATION'] }))).Associations).toEqual([]);
  });

  it('answers an empty list, not ResourceNotFoundException, for Amazon-owned bundles and images', async () => {
    expect(
      (await client().send(new DescribeBundleAssociationsCommand({ BundleId: 'wsb-stdwin0001', AssociatedResourceTypes: ['APPLICATION'] }))).Associations,
    ).toEqual([]);
    expect(
      (await client().send(new DescribeImageAssociationsCommand({ ImageId: 'wsi-amzwin10001', AssociatedResourceTypes: ['APPLICATION'] }))).Associations,
    ).toEqual([]);
  });

  it('refuses an application the compute type does not support, and unknown ids', async () => {
    await aRegisteredDirectory(client());
    const value = await aWorkspace(client(), 'v', { BundleId: 'wsb-valwin0001' });
    expect((await failureOf(client().send(new AssociateWorkspaceApplicationCommand({ WorkspaceId: value, ApplicationId: OFFICE })))).name).toBe(
      'ComputeNotCompatibleException',
    );
    expect((await failureOf(client().send(new AssociateWorkspaceApplicationCommand({ WorkspaceId: value, ApplicationId: 'wsa-0000000000' })))).name).toBe(
      'ResourceNotFoundException',
    );
    expect(
      (await failureOf(client().send(new DescribeBundleAssociationsCommand({ BundleId: 'wsb-0000000000', AssociatedResourceTypes: ['APPLICATION'] })))).name,
    ).toBe('ResourceNotFoundException');
    expect(
      (await failureOf(client().send(new DescribeImageAssociationsCommand({ ImageId: 'wsi-0000000000', AssociatedResourceTypes: ['APPLICATION'] })))).name,
    ).toBe('ResourceNotFoundException');
  });
});

describe('account BYOL settings', () => {
  it('enables BYOL with a management range from the offered ones, and records the modification', async () => {
    expect(await client().send(new DescribeAccountCommand({}))).toMatchObject({ DedicatedTenancySupport: 'DISABLED' });
    const offered = await client().send(new ListAvailableManagementCidrRangesCommand({ ManagementCidrRangeConstraint: '10.0.0.0/8', MaxResults: 5 }));
    expect(offered.ManagementCidrRanges).toEqual(['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16', '10.4.0.0/16']);
    expect(offered.NextToken).toBeTruthy();
    expect((await failureOf(client().send(new ModifyAccountCommand({ DedicatedTenancySupport: 'ENABLED' })))).name).toBe('InvalidParameterValuesException');
    await client().send(new ModifyAccountCommand({ DedicatedTenancySupport: 'ENABLED', DedicatedTenancyManagementCidrRange: '10.2.0.0/16' }));
    expect(await client().send(new DescribeAccountCommand({}))).toMatchObject({
      DedicatedTenancySupport: 'ENABLED',
      DedicatedTenancyManagementCidrRange: '10.2.0.0/16',
    });
    const modifications = await client().send(new DescribeAccountModificationsCommand({}));
    expect(modifications.AccountModifications).toMatchObject([{ ModificationState: 'COMPLETED', DedicatedTenancySupport: 'ENABLED' }]);
  });
});

describe('account BYOL modification in real time', () => {
  it('stays PENDING for 10 minutes: DescribeAccount shows the old settings and a BYOL import is refused until COMPLETED', async () => {
    const slow = await startTestEmulator({ timeScale: 1 });
    try {
      await slow.client.send(new ModifyAccountCommand({ DedicatedTenancySupport: 'ENABLED', DedicatedTenancyManagementCidrRange: '10.2.0.0/16' }));
      expect((await slow.client.send(new DescribeAccountModificationsCommand({}))).AccountModifications).toMatchObject([{ ModificationState: 'PENDING' }]);
      expect(await slow.client.send(new DescribeAccountCommand({}))).toMatchObject({ DedicatedTenancySupport: 'DISABLED' });
      const refused = await failureOf(
        slow.client.send(
          new ImportWorkspaceImageCommand({
            Ec2ImageId: 'ami-0123456789abcdef0',
            IngestionProcess: 'BYOL_REGULAR_WSP',
            ImageName: 'byol',
            ImageDescription: 'byol',
          }),
        ),
      );
      expect(refused.name).toBe('InvalidParameterValuesException');
      expect(
        (
          await failureOf(
            slow.client.send(new ModifyAccountCommand({ DedicatedTenancySupport: 'ENABLED', DedicatedTenancyManagementCidrRange: '10.3.0.0/16' })),
          )
        ).name,
      ).toBe('InvalidResourceStateException');

      await slow.advance(600);

      expect((await slow.client.send(new DescribeAccountModificationsCommand({}))).AccountModifications).toMatchObject([{ ModificationState: 'COMPLETED' }]);
      expect(await slow.client.send(new DescribeAccountCommand({}))).toMatchObject({ DedicatedTenancySupport: 'ENABLED' });
    } finally {
      await slow.stop();
    }
  });
});

describe('account links', () => {
  it('invites, accepts, and refuses to remove an accepted link', async () => {
    const { AccountLink } = await client().send(new CreateAccountLinkInvitationCommand({ TargetAccountId: '111122223333' }));
    expect(AccountLink).toMatchObject({ AccountLinkStatus: 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT', SourceAccountId: '123456789012' });
    expect(AccountLink?.AccountLinkId).toMatch(/^link-/);
    expect((await failureOf(client().send(new CreateAccountLinkInvitationCommand({ TargetAccountId: '111122223333' })))).name).toBe('ConflictException');
    await client().send(new AcceptAccountLinkInvitationCommand({ LinkId: AccountLink?.AccountLinkId }));
    expect((await client().send(new GetAccountLinkCommand({ LinkedAccountId: '111122223333' }))).AccountLink?.AccountLinkStatus).toBe('LINKED');
    expect((await failureOf(client().send(new DeleteAccountLinkInvitationCommand({ LinkId: AccountLink?.AccountLinkId })))).name).toBe('ValidationException');
    expect((await failureOf(client().send(new CreateAccountLinkInvitationCommand({ TargetAccountId: '123456789012' })))).name).toBe('ValidationException');
  });

  it('rejects and deletes invitations, and pages the links', async () => {
    const a = (await client().send(new CreateAccountLinkInvitationCommand({ TargetAccountId: '111122223333' }))).AccountLink?.AccountLinkId;
    const b = (await client().send(new CreateAccountLinkInvitationCommand({ TargetAccountId: '444455556666' }))).AccountLink?.AccountLinkId;
    await client().send(new CreateAccountLinkInvitationCommand({ TargetAccountId: '777788889999' }));
    await client().send(new RejectAccountLinkInvitationCommand({ LinkId: a }));
    expect((await failureOf(client().send(new AcceptAccountLinkInvitationCommand({ LinkId: a })))).name).toBe('ConflictException');
    await client().send(new DeleteAccountLinkInvitationCommand({ LinkId: b }));
    const all: string[] = [];
    for await (const page of paginateListAccountLinks({ client: client() }, {}))
      all.push(...(page.AccountLinks ?? []).map((l) => l.AccountLinkStatus as string));
    expect(all).toEqual(['REJECTED', 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT']);
    expect((await client().send(new ListAccountLinksCommand({ LinkStatusFilter: ['REJECTED'] }))).AccountLinks?.map((l) => l.AccountLinkId)).toEqual([a]);
    expect((await failureOf(client().send(new GetAccountLinkCommand({ LinkId: 'link-000000000000' })))).name).toBe('ResourceNotFoundException');
  });
});
