/**
 * Account links through the real SDK (20 % of calls throttled): the spec's `invite` sends an
 * invitation, its `accept` accepts the invitation that account sent, and an invitation from an
 * account the spec does not list is never accepted, however often apply runs.
 */
import { writeFile } from 'node:fs/promises';
import { ListAccountLinksCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../../helpers/start-emulator.js';
import { startRealisticAccount, type RealisticAccount } from './realistic-account.js';
import { reconcile, type ReconcileOptions } from '../../../src/engine/reconcile.js';

const SPEC = `apiVersion: wsr/v1
kind: Environment
metadata: {name: links, account: "123456789012", region: us-east-1}
accountLinks:
  "111122223333": invite
  "444455556666": accept
  "555566667777": reject
`;

describe('account links', () => {
  let account: RealisticAccount;
  let emulator: TestEmulator;
  let base: Omit<ReconcileOptions, 'mode'>;

  beforeAll(async () => {
    account = await startRealisticAccount('links', 11, { allowDestroy: true });
    ({ emulator, base } = account);
    await writeFile(account.specFile, SPEC);
    for (const source of ['444455556666', '555566667777', '999988887777']) {
      expect(await emulator.admin('account-link-invitation', { sourceAccountId: source })).toMatchObject({
        SourceAccountId: source,
        AccountLinkStatus: 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT',
      });
    }
  });

  afterAll(async () => account.stop());

  async function statusByAccount(): Promise<Record<string, string>> {
    const links = (await emulator.client.send(new ListAccountLinksCommand({}))).AccountLinks ?? [];
    return Object.fromEntries(
      links.map((link) => [link.SourceAccountId === '123456789012' ? link.TargetAccountId! : link.SourceAccountId!, link.AccountLinkStatus!]),
    );
  }

  it('plans the invitation, the accept (destructive: a link cannot be undone) and the reject, nothing for the unlisted invitation', async () => {
    const planned = await reconcile({ ...base, mode: 'plan' });
    expect(planned.plan.steps.map((step) => [step.key, step.operation, step.destructive])).toEqual([
      ['accountLink/111122223333', 'CreateAccountLinkInvitation', false],
      ['accountLink/444455556666', 'AcceptAccountLinkInvitation', true],
      ['accountLink/555566667777', 'RejectAccountLinkInvitation', false],
    ]);
  });

  it('an invitation not in the spec is never accepted, across three applies', async () => {
    await emulator.admin('reset-calls');
    for (let run = 0; run < 3; run += 1) expect((await reconcile({ ...base, mode: 'apply' })).report?.failed ?? 0).toBe(0);

    expect(await statusByAccount()).toEqual({
      '111122223333': 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT',
      '444455556666': 'LINKED',
      '555566667777': 'REJECTED',
      '999988887777': 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT',
    });
    const accepted = await emulator.acceptedCalls();
    expect([accepted.CreateAccountLinkInvitation, accepted.AcceptAccountLinkInvitation, accepted.RejectAccountLinkInvitation]).toEqual([1, 1, 1]);
    expect((await reconcile({ ...base, mode: 'plan' })).plan.steps).toEqual([]);
  });
});

describe('BYOL management CIDR range checked at plan time', () => {
  let account: RealisticAccount;
  let base: Omit<ReconcileOptions, 'mode'>;

  beforeAll(async () => {
    account = await startRealisticAccount('byol', 17);
    base = account.base;
    await writeFile(
      account.specFile,
      'apiVersion: wsr/v1\nkind: Environment\nmetadata: {name: byol, account: "123456789012", region: us-east-1}\naccount: {dedicatedTenancySupport: ENABLED, managementCidrRange: 10.200.0.0/16}\n',
    );
  });

  afterAll(async () => account.stop());

  it('asks once while the range differs, then never again', async () => {
    const applied = await reconcile({ ...base, mode: 'apply' });
    expect(applied.plan.readCalls.ListAvailableManagementCidrRanges).toBeGreaterThanOrEqual(1);
    expect(applied.plan.steps.map((step) => [step.operation, step.blocked])).toEqual([['ModifyAccount', undefined]]);
    expect(applied.report?.failed).toBe(0);
    const again = await reconcile({ ...base, mode: 'plan' });
    expect(again.plan.steps).toEqual([]);
    expect(again.plan.readCalls.ListAvailableManagementCidrRanges).toBeUndefined();
  });
});
