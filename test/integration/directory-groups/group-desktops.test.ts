/**
 * Desktops for the members of a directory group, end to end through the engine: a real slapd
 * (AD-like tree: nested group, disabled account) and the emulator through the real SDK, at
 * non-zero transition times with throttling on. Members in → desktops (batched 25 per
 * CreateWorkspaces); members out → terminations under policy.maxDestroy; a group emptied by
 * mistake → terminations held; a directory that cannot be read → the plan fails before any AWS
 * call; policy.gracePeriod → stop and mark first, terminate after the period.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTagsCommand, DescribeWorkspacesCommand, paginateDescribeWorkspaces } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyRequest } from '../../../src/engine/apply-environment.js';
import { EngineEvents, type EngineEvent } from '../../../src/model/engine-events.js';
import { preparePlan, type PreparedPlan } from '../../../src/engine/plan-environment.js';
import type { ApplyReport } from '../../../src/model/apply-report.js';
import { applyPrepared } from '../../helpers/apply-prepared.js';
import { quickRetries } from '../../helpers/quick-retries.js';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { SLAPD_BASE_DN, SLAPD_READER_DN, SLAPD_READER_PASSWORD, slapdUnavailable, startSlapd, type TestSlapd } from '../../helpers/start-slapd.js';

const skip = slapdUnavailable();
const PASSWORD_ENV = 'WSR_TEST_LDAP_PASSWORD';
const DIRECTORY = 'd-9067a1b2c3';
const developers = Array.from({ length: 29 }, (_, i) => `dev${String(i + 1).padStart(2, '0')}`);
const enabledMembers = [...developers, 'contractor01'].sort();

describe.skipIf(skip !== undefined)(`desktops for a directory group${skip ? ` (${skip})` : ''}`, () => {
  let slapd: TestSlapd;
  let emulator: TestEmulator;
  let workdir: string;
  let groupDn: string;

  beforeAll(async () => {
    slapd = await startSlapd({
      users: [...developers.map((sam) => ({ sam })), { sam: 'contractor01', ou: 'Contractors' }, { sam: 'leaver01', disabled: true }],
      groups: [
        { cn: 'WorkSpaces-Dev', members: [...developers, 'group:Contractors', 'leaver01'] },
        { cn: 'Contractors', members: ['contractor01'] },
      ],
    });
    groupDn = slapd.groupDn('WorkSpaces-Dev');
    // the seeded directory knows exactly these users (a name outside it would be ResourceNotFound.User)
    emulator = await startTestEmulator({
      timeScale: 0.0005,
      throttleRate: 0.1,
      randomSeed: 15,
      maxAttempts: 10,
      seed: { directories: [{ id: DIRECTORY, name: 'corp.example.com', users: [...enabledMembers, 'leaver01'] }] },
    });
    workdir = mkdtempSync(join(tmpdir(), 'wsr-groups-'));
    process.env[PASSWORD_ENV] = SLAPD_READER_PASSWORD;
  });

  afterAll(async () => {
    delete process.env[PASSWORD_ENV];
    await emulator?.stop();
    await slapd?.stop();
    if (workdir) rmSync(workdir, { recursive: true, force: true });
  });

  function writeSpec(name: string, options: { url?: string; policy?: string } = {}): string {
    const file = join(workdir, `${name}.yaml`);
    writeFileSync(
      file,
      `apiVersion: wsr/v1
kind: Environment
metadata: {name: ${name}, account: "123456789012", region: us-east-1}
policy: ${options.policy ?? '{prune: true, maxDestroy: 5, allowDestroy: true}'}
directories:
  corp:
    id: ${DIRECTORY}
    subnets: [subnet-0aaa1111, subnet-0bbb2222]
    ldap:
      url: ${options.url ?? slapd.url}
      baseDn: "${SLAPD_BASE_DN}"
      bindDn: "${SLAPD_READER_DN}"
      bindPasswordEnv: ${PASSWORD_ENV}
      timeoutSeconds: 3
workspaces:
  - users: {fromGroup: "${groupDn}"}
    directory: corp
    bundle: wsb-stdwin0001
    runningMode: AUTO_STOP
`,
    );
    return file;
  }

  function plan(specFile: string, extra: { now?: Date; events?: EngineEvents } = {}): Promise<PreparedPlan> {
    return preparePlan({
      specFile,
      connection: { endpoint: emulator.endpoint, client: { maxAttempts: 10, retryStrategy: quickRetries(10) } },
      ...(extra.now ? { now: () => extra.now! } : {}),
      ...(extra.events ? { events: extra.events } : {}),
    });
  }

  function apply(prepared: PreparedPlan, extra: Partial<ApplyRequest> = {}): Promise<ApplyReport> {
    return applyPrepared(prepared, { allowDestroy: true, ...extra });
  }

  async function liveUsers(): Promise<string[]> {
    const users: string[] = [];
    for await (const page of paginateDescribeWorkspaces({ client: emulator.client }, { DirectoryId: DIRECTORY })) {
      for (const desktop of page.Workspaces ?? []) if (desktop.State !== 'TERMINATED' && desktop.State !== 'TERMINATING') users.push(desktop.UserName!);
    }
    return users.sort();
  }

  /** Calls the emulator served (a throttled call is retried and counted again by calls()). */
  async function acceptedCalls(operation: string): Promise<number> {
    const counts = (await (await fetch(`${emulator.endpoint}/_emulator/calls`)).json()) as {
      calls: Record<string, number>;
      throttled: Record<string, number>;
      failed: Record<string, number>;
    };
    return (counts.calls[operation] ?? 0) - (counts.throttled[operation] ?? 0) - (counts.failed[operation] ?? 0);
  }

  async function writeCalls(): Promise<Record<string, number>> {
    const calls = await emulator.calls();
    return Object.fromEntries(Object.entries(calls).filter(([operation, count]) => count > 0 && !/^(Describe|List|Get)/.test(operation)));
  }

  it('gives the 30 enabled members (one through a nested group) a desktop each, in 2 CreateWorkspaces calls', async () => {
    const specFile = writeSpec('groups');
    const seen: EngineEvent[] = [];
    const events = new EngineEvents();
    events.on((event) => seen.push(event));
    await emulator.admin('reset-calls');

    const prepared = await plan(specFile, { events });
    const creates = prepared.plan.steps.filter((step) => step.operation === 'CreateWorkspaces');
    expect(creates.map((step) => step.key.split('/')[2]).sort()).toEqual(enabledMembers);
    expect(creates.map((step) => step.key)).not.toContain(`workspace/${DIRECTORY}/leaver01`);
    // the plan says where each user came from
    expect(prepared.plan.changes.find((change) => change.key.endsWith('/contractor01'))?.reason).toBe(
      `no workspace for contractor01 in ${DIRECTORY} (from group ${groupDn} (workspaces[0]))`,
    );
    expect(seen.find((event) => event.type === 'users.resolved')).toMatchObject({ source: 'group', name: groupDn, members: 30, disabled: 1, method: 'walk' });

    const report = await apply(prepared);
    expect(report.failed).toBe(0);
    expect(await acceptedCalls('CreateWorkspaces')).toBe(2);
    expect(await liveUsers()).toEqual(enabledMembers);
    const { Workspaces = [] } = await emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY }));
    const { TagList = [] } = await emulator.client.send(new DescribeTagsCommand({ ResourceId: Workspaces[0].WorkspaceId! }));
    expect(TagList).toContainEqual({ Key: 'wsr:group', Value: groupDn.replace(/,/g, '/') });

    const again = await plan(specFile);
    await again.session.close();
    expect(again.plan.steps).toEqual([]);
  });

  it('terminates the desktops of 3 removed members, gated by maxDestroy', async () => {
    const specFile = writeSpec('groups');
    await slapd.removeMembers('WorkSpaces-Dev', ['dev27', 'dev28', 'dev29']);

    const capped = await plan(specFile);
    const terminations = capped.plan.steps.filter((step) => step.operation === 'TerminateWorkspaces');
    expect(terminations.map((step) => step.key.split('/')[2])).toEqual(['dev27', 'dev28', 'dev29']);
    expect(terminations.every((step) => step.blocked === undefined && step.destructive)).toBe(true);
    expect(terminations[0].reason).toMatch(/is no longer in the spec \(policy.prune\): its user left group CN=WorkSpaces-Dev\/OU=Groups/);
    await emulator.admin('reset-calls');
    await expect(apply(capped, { maxDestroy: 2 })).rejects.toMatchObject({ code: 'PLAN_DESTROY_LIMIT' });
    expect(await writeCalls()).toEqual({});

    const report = await apply(await plan(specFile));
    expect(report.failed).toBe(0);
    expect(await acceptedCalls('TerminateWorkspaces')).toBe(1);
    expect(await liveUsers()).toEqual(enabledMembers.filter((user) => !['dev27', 'dev28', 'dev29'].includes(user)));
  });

  it('holds the terminations when the group is emptied by mistake', async () => {
    const specFile = writeSpec('groups');
    const everyone = [...developers.slice(0, 26), 'group:Contractors', 'leaver01'];
    await slapd.removeMembers('WorkSpaces-Dev', everyone);
    try {
      const prepared = await plan(specFile);
      const terminations = prepared.plan.steps.filter((step) => step.operation === 'TerminateWorkspaces');
      expect(terminations).toHaveLength(27);
      expect(new Set(terminations.map((step) => step.blocked))).toEqual(
        new Set([`group ${groupDn} went from 27 to 0 members (use --allow-destroy if it really did)`]),
      );
      expect(prepared.plan.warnings.join('\n')).toContain(`suspicious: group ${groupDn} went from 27 to 0 members (to zero)`);
      await emulator.admin('reset-calls');
      const report = await apply(prepared);
      expect(report.succeeded).toBe(0);
      expect(await writeCalls()).toEqual({});
      expect(await liveUsers()).toHaveLength(27);
    } finally {
      await slapd.addMembers('WorkSpaces-Dev', everyone);
    }
  });

  it('fails the plan in one line, with no AWS call at all, when the directory cannot be reached', async () => {
    const specFile = writeSpec('groups', { url: 'ldap://127.0.0.1:1' });
    await emulator.admin('reset-calls');

    const error = await plan(specFile).catch((caught: Error & { code?: string }) => caught);

    expect(error).toMatchObject({ code: 'PLAN_GROUP_UNREADABLE' });
    expect((error as Error).message).toBe(
      `cannot read group ${groupDn} (workspaces[0], directory corp) from ldap://127.0.0.1:1: connection refused; no desktop was changed`,
    );
    expect((error as Error).message).not.toContain('\n');
    expect(Object.values(await emulator.calls()).reduce((sum, count) => sum + count, 0)).toBe(0);
  });

  it('with policy.gracePeriod, stops and marks a removed member first and terminates only after the period', async () => {
    const specFile = writeSpec('groups', { policy: '{prune: true, maxDestroy: 5, allowDestroy: true, gracePeriod: 72h}' });
    await slapd.removeMembers('WorkSpaces-Dev', ['dev26']);
    const removedAt = new Date('2026-12-01T09:00:00.000Z');

    const first = await plan(specFile, { now: removedAt });
    expect(first.plan.steps.filter((step) => step.key.endsWith('/dev26')).map((step) => step.operation)).toEqual(['CreateTags', 'StopWorkspaces']);
    expect(first.plan.steps.some((step) => step.destructive)).toBe(false);
    expect((await apply(first)).failed).toBe(0);
    const { Workspaces = [] } = await emulator.client.send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY, UserName: 'dev26' }));
    expect(Workspaces[0].State).toMatch(/STOPP/);
    const { TagList = [] } = await emulator.client.send(new DescribeTagsCommand({ ResourceId: Workspaces[0].WorkspaceId! }));
    expect(TagList).toContainEqual({ Key: 'wsr:removed-at', Value: removedAt.toISOString() });

    const during = await plan(specFile, { now: new Date(removedAt.getTime() + 24 * 3600_000) });
    await during.session.close();
    expect(during.plan.steps.map((step) => `${step.operation} ${step.blocked ?? ''}`)).toEqual([
      'TerminateWorkspaces grace period: terminated after 2026-12-04T09:00:00.000Z unless the user is back in the spec (policy.gracePeriod 3d)',
    ]);

    // back in the group in time: the mark goes, the desktop stays
    await slapd.addMembers('WorkSpaces-Dev', ['dev26']);
    const back = await plan(specFile, { now: new Date(removedAt.getTime() + 48 * 3600_000) });
    expect(back.plan.steps.map((step) => `${step.key} ${step.operation}`)).toEqual([`workspace/${DIRECTORY}/dev26 DeleteTags`]);
    expect((await apply(back)).failed).toBe(0);

    await slapd.removeMembers('WorkSpaces-Dev', ['dev26']);
    const marked = await plan(specFile, { now: removedAt });
    expect((await apply(marked)).failed).toBe(0);
    const after = await plan(specFile, { now: new Date(removedAt.getTime() + 73 * 3600_000) });
    expect(after.plan.steps.map((step) => `${step.operation} ${step.blocked ?? 'runs'}`)).toEqual(['TerminateWorkspaces runs']);
    expect((await apply(after)).failed).toBe(0);
    expect(await liveUsers()).not.toContain('dev26');
  });
});
