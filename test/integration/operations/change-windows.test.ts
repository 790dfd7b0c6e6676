/**
 * A deny window defers a terminate, and the daemon performs it when the window ends: the real
 * reconcile loop on a virtual clock (its clock is the plan's), the real SDK against the emulator
 * at 1/1000 of AWS's durations with 20 % of calls throttled.
 */
import { writeFile } from 'node:fs/promises';
import { DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEmulator } from '../../helpers/start-emulator.js';
import { startRealisticAccount, type RealisticAccount } from './realistic-account.js';
import { reconcile } from '../../../src/engine/reconcile.js';
import { ReconcileLoop } from '../../../src/daemon/loop.js';
import { FileSpecStore } from '../../../src/daemon/spec-store.js';
import { checkSpecText } from '../../../src/daemon/check-spec-text.js';

const DIRECTORY = 'd-9067a1b2c3';

function spec(users: string): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: windows, account: "123456789012", region: us-east-1}
policy:
  prune: true
  allowDestroy: true
  windows:
    - {kind: deny, schedule: "0 9 * * *", duration: 8h, timeZone: Europe/London}   # office hours
defaults:
  workspace: {directory: corp, bundle: wsb-stdwin0001, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
directories:
  corp: {id: ${DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222]}
workspaces:
  - users: [${users}]
`;
}

describe('change windows in the daemon (virtual clock)', () => {
  let account: RealisticAccount;
  let emulator: TestEmulator;
  let specFile: string;
  let clock = Date.parse('2026-12-01T07:00:00Z');
  let loop: ReconcileLoop;

  beforeAll(async () => {
    account = await startRealisticAccount('windows', 3);
    ({ emulator, specFile } = account);
    const { connection, apply } = account.base;
    loop = new ReconcileLoop({
      store: new FileSpecStore(account.workdir),
      reconcileFn: (options) => reconcile({ ...options, apply }),
      checkSpec: checkSpecText,
      mode: 'apply',
      connection,
      allowDestroy: true,
      now: () => clock,
    });
  });

  afterAll(async () => {
    await loop.stop(1000);
    await account.stop();
  });

  async function users(): Promise<string[]> {
    const output = await emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY }));
    return (output.Workspaces ?? [])
      .filter((w) => w.State !== 'TERMINATING')
      .map((w) => w.UserName!)
      .sort();
  }

  async function cycle(at: string) {
    clock = Date.parse(at);
    await loop.tick('schedule');
    await loop.idle();
    return loop.states().find((state) => state.env === 'windows')!;
  }

  it('creates the desktops before the window (creates are not disruptive)', async () => {
    await writeFile(specFile, spec('alice, bob'));
    const state = await cycle('2026-12-01T07:00:00Z');
    expect(state.lastRun?.result).toBe('applied');
    expect(await users()).toEqual(['alice', 'bob']);
  });

  it('inside the deny window, bob’s terminate is deferred with the window’s end; the run succeeds', async () => {
    await writeFile(specFile, spec('alice'));
    const state = await cycle('2026-12-01T12:00:00Z');
    expect(state.lastPlan?.deferred.map((step) => [step.operation, step.reason])).toEqual([
      ['TerminateWorkspaces', 'change window: deny window "0 9 * * *" for 480 min (Europe/London) is active until 2026-12-01 17:00 Europe/London'],
    ]);
    expect(await users()).toEqual(['alice', 'bob']);
    expect((await emulator.calls()).TerminateWorkspaces).toBeUndefined();
  });

  it('still deferred on a later cycle inside the window', async () => {
    await cycle('2026-12-01T16:59:00Z');
    expect(await users()).toEqual(['alice', 'bob']);
  });

  it('the first cycle after the window ends terminates bob', async () => {
    const state = await cycle('2026-12-01T17:00:00Z');
    expect(state.lastRun?.result).toBe('applied');
    expect(state.lastPlan?.deferred).toEqual([]);
    expect(await users()).toEqual(['alice']);
    expect((await emulator.acceptedCalls()).TerminateWorkspaces).toBe(1);
  });
});
