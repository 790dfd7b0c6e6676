import { describe, expect, it } from 'vitest';
import type { DesiredResource } from '../../../src/model/desired.js';
import type { AccountProperties } from '../../../src/kinds/account/properties.js';
import type { ApplicationAssociationProperties } from '../../../src/kinds/application-association/properties.js';
import type { ClientBrandingProperties } from '../../../src/kinds/client-branding/properties.js';
import type { ConnectClientAddInProperties } from '../../../src/kinds/connect-client-add-in/properties.js';
import type { LiveResource } from '../../../src/model/live.js';
import { aDirectory, aLiveWorkspace, aWorkspace, expectRule, planOf, type RuleRow } from '../../helpers/builders.js';

function resource<P>(kind: DesiredResource['kind'], key: string, properties: P): DesiredResource<P> {
  return { kind, key, properties, tags: {}, declaresTags: false };
}

const ADD_IN = 'connectClientAddIn/d-1111111111/contact';
const addIn = (url: string) => resource<ConnectClientAddInProperties>('connectClientAddIn', ADD_IN, { directoryId: 'd-1111111111', name: 'contact', url });
const liveAddIn = (url: string): LiveResource => ({ ...addIn(url), id: '11111111-2222-3333-4444-555555555555' });

const BRAND = 'clientBranding/d-1111111111/DeviceTypeWeb';
const branding = (properties: Partial<ClientBrandingProperties>) =>
  resource<ClientBrandingProperties>('clientBranding', BRAND, { directoryId: 'd-1111111111', platform: 'DeviceTypeWeb', ...properties });
const liveBranding = (properties: Partial<ClientBrandingProperties>): LiveResource => ({ ...branding(properties), details: { hasLogo: false } });

const ACCOUNT = 'account/123456789012';
const account = (properties: Partial<AccountProperties>) => resource<AccountProperties>('account', ACCOUNT, { accountId: '123456789012', ...properties });

const ASSOC = 'applicationAssociation/workspace/d-1111111111/alice/wsa-0000000001';
const association = (target: ApplicationAssociationProperties['target'], targetType: ApplicationAssociationProperties['targetType'] = 'workspace') =>
  resource<ApplicationAssociationProperties>('applicationAssociation', ASSOC, { target, targetType, applicationId: 'wsa-0000000001' });

const rows: RuleRow[] = [
  {
    rule: 'creates an add-in after registering its directory',
    desired: [aDirectory(), addIn('https://connect.example.com')],
    live: [],
    expected: ['directory/d-1111111111:RegisterWorkspaceDirectory', `${ADD_IN}:CreateConnectClientAddIn`],
  },
  {
    rule: 'updates an add-in URL in place',
    desired: [addIn('https://new.example.com')],
    live: [liveAddIn('https://old.example.com')],
    expected: [`${ADD_IN}:UpdateConnectClientAddIn`],
  },
  {
    rule: 'imports branding that is missing',
    desired: [branding({ supportEmail: 'help@example.com' })],
    live: [],
    expected: [`${BRAND}:ImportClientBranding`],
  },
  {
    rule: 'leaves branding in sync alone',
    desired: [branding({ supportEmail: 'help@example.com' })],
    live: [liveBranding({ supportEmail: 'help@example.com' })],
    expected: [],
  },
  {
    rule: 'enables dedicated tenancy with ModifyAccount',
    desired: [account({ dedicatedTenancySupport: 'ENABLED', dedicatedTenancyManagementCidrRange: '10.0.0.0/16' })],
    live: [{ ...account({ dedicatedTenancySupport: 'DISABLED' }) }],
    expected: [`${ACCOUNT}:ModifyAccount`],
  },
  {
    rule: 'blocks disabling dedicated tenancy (no API for it)',
    desired: [account({ dedicatedTenancySupport: 'DISABLED' })],
    live: [{ ...account({ dedicatedTenancySupport: 'ENABLED' }) }],
    expected: [`${ACCOUNT}:ModifyAccount !`],
  },
  {
    rule: 'associates an application after the desktop is created, then deploys it',
    desired: [aWorkspace(), association({ key: 'workspace/d-1111111111/alice' })],
    live: [],
    expected: ['workspace/d-1111111111/alice:CreateWorkspaces', `${ASSOC}:AssociateWorkspaceApplication`, `${ASSOC}:DeployWorkspaceApplications`],
  },
  {
    rule: 'blocks associating an application with a bundle (no API for it)',
    desired: [association({ id: 'wsb-standard1' }, 'bundle')],
    live: [],
    expected: [`${ASSOC}:AssociateWorkspaceApplication !`],
  },
  {
    rule: 'plans nothing for an association that exists',
    desired: [aWorkspace(), association({ key: 'workspace/d-1111111111/alice' })],
    live: [aLiveWorkspace(), { ...association({ id: 'ws-alice0001' }), state: 'COMPLETED' }],
    expected: [],
  },
];

describe('add-in, branding, account and application association rules', () => {
  it.each(rows)('$rule', (row) => expectRule(row));

  it('warns that a logo file is not uploaded', () => {
    const plan = planOf([branding({ supportEmail: 'help@example.com', logoFile: 'logo.png' })], []);
    expect(plan.warnings).toEqual([expect.stringContaining('logo files are not uploaded yet')]);
  });
});
