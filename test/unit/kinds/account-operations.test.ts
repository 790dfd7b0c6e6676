/**
 * BYOL management CIDR validated at plan time (ListAvailableManagementCidrRanges, read only when the
 * spec sets a range the account does not have) and account links (invitations accepted only when
 * listed): the read recipes through an in-memory port, the rules through the planner.
 */
import { describe, expect, it } from 'vitest';
import type { DesiredResource } from '../../../src/model/desired.js';
import type { AccountLinkProperties } from '../../../src/kinds/account-link/properties.js';
import type { AccountProperties } from '../../../src/kinds/account/properties.js';
import type { LiveResource } from '../../../src/model/live.js';
import type { ApiPort } from '../../../src/kinds/kind.js';
import { readAccount } from '../../../src/kinds/account/read.js';
import { readAccountLinks } from '../../../src/kinds/account-link/read.js';
import { aDesiredState, planOf } from '../../helpers/builders.js';

const ACCOUNT = 'account/123456789012';
const account = (properties: Partial<AccountProperties>): DesiredResource<AccountProperties> => ({
  kind: 'account',
  key: ACCOUNT,
  properties: { accountId: '123456789012', ...properties },
  tags: {},
  declaresTags: false,
});

function portAnswering(answers: Record<string, (input: Record<string, unknown>) => Record<string, unknown>>): ApiPort & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async call(operation: string, input: Record<string, any>): Promise<Record<string, any>> {
      calls.push(operation);
      const answer = answers[operation];
      if (answer === undefined) throw Object.assign(new Error(`no ${operation}`), { code: 'AWS_ACCESS_DENIED' });
      return answer(input);
    },
  };
}

describe('BYOL management CIDR range', () => {
  const wanted = account({ dedicatedTenancySupport: 'ENABLED', dedicatedTenancyManagementCidrRange: '10.200.0.0/16' });

  it('asks ListAvailableManagementCidrRanges about the chosen range only when it would change', async () => {
    const port = portAnswering({ DescribeAccount: () => ({ DedicatedTenancySupport: 'ENABLED', DedicatedTenancyManagementCidrRange: '10.200.0.0/16' }) });
    await readAccount({ port, desired: aDesiredState([wanted]), readSoFar: [] });
    expect(port.calls).toEqual(['DescribeAccount']);
  });

  it('blocks ModifyAccount with the reason when AWS does not offer the range', async () => {
    const port = portAnswering({
      DescribeAccount: () => ({ DedicatedTenancySupport: 'ENABLED', DedicatedTenancyManagementCidrRange: '10.100.0.0/16' }),
      ListAvailableManagementCidrRanges: (input) => (
        expect(input).toEqual({ ManagementCidrRangeConstraint: '10.200.0.0/16', MaxResults: 5 }), { ManagementCidrRanges: [] }
      ),
    });
    const live = await readAccount({ port, desired: aDesiredState([wanted]), readSoFar: [] });
    const plan = planOf([wanted], live);
    expect(plan.steps[0].blocked).toBe(
      'management CIDR range 10.200.0.0/16 is not available to this account (ListAvailableManagementCidrRanges does not offer it); choose one it lists',
    );
  });

  it('plans ModifyAccount when the range is offered, and when AWS will not say (AccessDenied before BYOL is enabled)', async () => {
    const offered: Record<string, () => Record<string, unknown>> = { ListAvailableManagementCidrRanges: () => ({ ManagementCidrRanges: ['10.200.0.0/16'] }) };
    for (const answers of [offered, {}]) {
      const port = portAnswering({ DescribeAccount: () => ({ DedicatedTenancySupport: 'DISABLED' }), ...answers });
      const live = await readAccount({ port, desired: aDesiredState([wanted]), readSoFar: [] });
      expect(planOf([wanted], live).steps.map((step) => [step.operation, step.blocked])).toEqual([['ModifyAccount', undefined]]);
    }
  });
});

describe('account links', () => {
  const link = (account: string, role: AccountLinkProperties['role']): DesiredResource<AccountLinkProperties> => ({
    kind: 'accountLink',
    key: `accountLink/${account}`,
    properties: { account, role },
    tags: {},
    declaresTags: false,
  });
  const pendingFrom = (source: string, id: string) => ({
    AccountLinkId: id,
    AccountLinkStatus: 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT',
    SourceAccountId: source,
    TargetAccountId: '123456789012',
  });

  async function liveLinks(items: Record<string, unknown>[], desired: DesiredResource[]): Promise<LiveResource[]> {
    const port = portAnswering({ ListAccountLinks: () => ({ AccountLinks: items }) });
    return readAccountLinks({ port, desired: aDesiredState(desired), readSoFar: [] });
  }

  it('accepts an invitation only from an account the spec lists under accept', async () => {
    const desired = [link('444455556666', 'accept')];
    const live = await liveLinks([pendingFrom('444455556666', 'link-aaaaaaaaaaaa'), pendingFrom('999988887777', 'link-bbbbbbbbbbbb')], desired);
    expect(planOf(desired, live).steps.map((step) => [step.operation, step.input])).toEqual([['AcceptAccountLinkInvitation', { LinkId: 'link-aaaaaaaaaaaa' }]]);
  });

  it('never accepts when the spec lists the account under invite or reject', async () => {
    for (const role of ['invite', 'reject'] as const) {
      const desired = [link('444455556666', role)];
      const live = await liveLinks([pendingFrom('444455556666', 'link-aaaaaaaaaaaa')], desired);
      expect(planOf(desired, live).steps.map((step) => step.operation)).not.toContain('AcceptAccountLinkInvitation');
    }
  });

  it('invites an account once; an open invitation or a link needs nothing', async () => {
    const desired = [link('111122223333', 'invite')];
    expect(planOf(desired, await liveLinks([], desired)).steps.map((step) => [step.operation, step.input])).toEqual([
      ['CreateAccountLinkInvitation', { TargetAccountId: '111122223333' }],
    ]);
    const sent = { AccountLinkId: 'link-cccccccccccc', AccountLinkStatus: 'LINKED', SourceAccountId: '123456789012', TargetAccountId: '111122223333' };
    expect(planOf(desired, await liveLinks([sent], desired)).steps).toEqual([]);
  });

  it('reads nothing when the spec declares no links', async () => {
    const port = portAnswering({});
    expect(await readAccountLinks({ port, desired: aDesiredState([]), readSoFar: [] })).toEqual([]);
    expect(port.calls).toEqual([]);
  });
});
