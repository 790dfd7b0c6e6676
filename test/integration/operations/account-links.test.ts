/**
 * Account links through the real SDK (20 % of calls throttled): the spec's `invite` sends an
 * invitation, its `accept` accepts the invitation that account sent, and an invitation from an
 * account the spec does not list is never accepted, however often apply runs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListAccountLinksCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { quickRetries } from '../../helpers/quick-retries.js';
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
  let emulator: TestEmulator;
  let workdir: string;
  let base: Omit<ReconcileOptions, 'mode'>;

  beforeAll(async () => {
    emulator = await startTestEmulator({ timeScale: 0.001, throttleRate: 0.2, randomSeed: 11, maxAttempts: 8 });
    workdir = await mkdtemp(join(tmpdir(), 'wsr-links-'));
    await writeFile(join(workdir, 'links.yaml'), SPEC);
    base = {
      specFile: join(workdir, 'links.yaml'),
      connection: { endpoint: emulator.endpoint, client: { maxAttempts: 8, retryStrategy: quickRetries(8) } } as ReconcileOptions['connection'],
      apply: { lockDirectory: join(workdir, 'locks') },
      allowDestroy: true,
    };
    for (const source of ['444455556666', '555566667777', '999988887777']) {
      expect(await emulator.admin('account-link-invitation', { sourceAccountId: source })).toMatchObject({ SourceAccountId: source, AccountLinkStatus: 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT' });
    }
  });

  afterAll(async () => {
    await emulator.stop();
    await rm(workdir, { recursive: true, force: true });
  });

  async function statusByAccount(): Promise<Record<string, string>> {
    const links = (await emulator.client.send(new ListAccountLinksCommand({}))).AccountLinks ?? [];
    return Object.fromEntries(links.map((link) => [link.SourceAccountId === '123456789012' ? link.TargetAccountId! : link.SourceAccountId!, link.AccountLinkStatus!]));
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
  let emulator: TestEmulator;
  let workdir: string;
  let base: Omit<ReconcileOptions, 'mode'>;

  beforeAll(async () => {
    emulator = await startTestEmulator({ timeScale: 0.001, throttleRate: 0.2, randomSeed: 17, maxAttempts: 8 });
    workdir = await mkdtemp(join(tmpdir(), 'wsr-byol-'));
    await writeFile(
      join(workdir, 'byol.yaml'),
      'apiVersion: wsr/v1\nkind: Environment\nmetadata: {name: byol, account: "123456789012", region: us-east-1}\naccount: {dedicatedTenancySupport: ENABLED, managementCidrRange: 10.200.0.0/16}\n',
    );
    base = {
      specFile: join(workdir, 'byol.yaml'),
      connection: { endpoint: emulator.endpoint, client: { maxAttempts: 8, retryStrategy: quickRetries(8) } } as ReconcileOptions['connection'],
      apply: { lockDirectory: join(workdir, 'locks') },
    };
  });

  afterAll(async () => {
    await emulator.stop();
    await rm(workdir, { recursive: true, force: true });
  });

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
