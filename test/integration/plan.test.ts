/**
 * `preparePlan` end to end through the real SDK against the emulator: the quick start against
 * an empty account, drift made "by hand" with the SDK (as someone in the console would), the
 * account guard, and the promise that a plan never mutates anything.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AssociateIpGroupsCommand,
  AuthorizeIpRulesCommand,
  CreateIpGroupCommand,
  CreateWorkspacesCommand,
  DescribeIpGroupsCommand,
  DescribeWorkspacesCommand,
  RegisterWorkspaceDirectoryCommand,
  StopWorkspacesCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { preparePlan, type PreparedPlan } from '../../src/engine/plan-environment.js';
import { EngineEvents, type EngineEvent } from '../../src/model/engine-events.js';
import type { Plan } from '../../src/model/plan.js';

const DIRECTORY = 'd-9067a1b2c3';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const region = 'us-east-1';
const ENV = 'drift';
const ownership = [{ Key: 'wsr:env', Value: ENV }];

/** alice must run, bob is left alone; one IP group with one rule on the directory. */
const DRIFT_SPEC = `
apiVersion: wsr/v1
kind: Environment
metadata: {name: ${ENV}, account: "123456789012", region: us-east-1}
policy: {prune: true}
defaults:
  workspace: {directory: corp, bundle: wsb-stdwin0001, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
ipGroups:
  office:
    description: head office
    rules: [{cidr: 198.51.100.0/24, description: HQ}]
directories:
  corp: {id: ${DIRECTORY}, subnets: [subnet-0aaa1111, subnet-0bbb2222], ipGroups: [office]}
workspaces:
  - users: [alice]
    state: running
  - users: [bob]
`;

function stepLines(plan: Plan): string[] {
  return plan.steps.map((step) => `${step.key} ${step.operation}${step.blocked ? ' (blocked)' : ''}`);
}

async function serverCalls(endpoint: string): Promise<Record<string, number>> {
  const response = await fetch(`${endpoint}/_emulator/calls`);
  return ((await response.json()) as { calls: Record<string, number> }).calls;
}

function mutatingOperations(calls: Record<string, number>): string[] {
  return Object.keys(calls).filter((operation) => !/^(Describe|List|Get)/.test(operation));
}

describe('plan against the emulator', () => {
  let workdir: string;
  let emulator: RunningEmulator;
  let admin: WorkSpacesClient;
  const opened: PreparedPlan[] = [];

  async function plan(specFile: string, extra: Partial<Parameters<typeof preparePlan>[0]> = {}): Promise<Plan> {
    const prepared = await preparePlan({ specFile, connection: { endpoint: emulator.endpoint }, ...extra });
    opened.push(prepared);
    return prepared.plan;
  }

  async function specFile(name: string, text: string): Promise<string> {
    const file = join(workdir, name);
    await writeFile(file, text, 'utf8');
    return file;
  }

  /** What the drift spec describes, made with the SDK as an administrator would. */
  async function provisionInSync(): Promise<Record<string, string>> {
    const group = await admin.send(
      new CreateIpGroupCommand({ GroupName: 'office', GroupDesc: 'head office', UserRules: [{ ipRule: '198.51.100.0/24', ruleDesc: 'HQ' }], Tags: ownership }),
    );
    await admin.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY, SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'], Tags: ownership }));
    await admin.send(new AssociateIpGroupsCommand({ DirectoryId: DIRECTORY, GroupIds: [group.GroupId!] }));
    const properties = { RunningMode: 'AUTO_STOP' as const, RunningModeAutoStopTimeoutInMinutes: 60 };
    const created = await admin.send(
      new CreateWorkspacesCommand({
        Workspaces: ['alice', 'bob'].map((UserName) => ({
          DirectoryId: DIRECTORY,
          UserName,
          BundleId: 'wsb-stdwin0001',
          WorkspaceProperties: properties,
          Tags: ownership,
        })),
      }),
    );
    expect(created.FailedRequests ?? []).toEqual([]);
    await admin.send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY })); // settles PENDING → AVAILABLE (time scale 0)
    return Object.fromEntries((created.PendingRequests ?? []).map((w) => [w.UserName!, w.WorkspaceId!]));
  }

  beforeEach(async () => {
    workdir = await mkdtemp(join(tmpdir(), 'wsr-plan-'));
    emulator = await startEmulator({ port: 0, timeScale: 0, rateLimits: false });
    admin = new WorkSpacesClient({ region, endpoint: emulator.endpoint, credentials, maxAttempts: 1 });
  });

  afterEach(async () => {
    for (const prepared of opened.splice(0)) await prepared.session.close();
    admin.destroy();
    await emulator.stop();
    await rm(workdir, { recursive: true, force: true });
  });

  it('plans the quick start against an empty account: creates in dependency order, nothing destructive', async () => {
    const result = await plan('examples/quickstart.yaml');

    expect(stepLines(result)).toEqual([
      'ipGroup/office CreateIpGroup',
      `directory/${DIRECTORY} RegisterWorkspaceDirectory`,
      `directory/${DIRECTORY} ModifySelfservicePermissions`,
      `directory/${DIRECTORY} AssociateIpGroups`,
      `workspace/${DIRECTORY}/alice CreateWorkspaces`,
      `workspace/${DIRECTORY}/bob CreateWorkspaces`,
      `workspace/${DIRECTORY}/carol CreateWorkspaces`,
      `workspace/${DIRECTORY}/dave CreateWorkspaces`,
      `workspace/${DIRECTORY}/dave StopWorkspaces`, // state: stopped, once it is AVAILABLE
    ]);
    const position = new Map(result.steps.map((step, index) => [step.id, index]));
    for (const [index, step] of result.steps.entries()) {
      for (const dependency of step.dependsOn) expect(position.get(dependency)).toBeLessThan(index);
    }
    expect(result.summary.destructive).toBe(0);
    expect(result.environment).toBe('quickstart');
  });

  it('shows no changes when the account matches the spec', async () => {
    await provisionInSync();

    const result = await plan(await specFile('drift.yaml', DRIFT_SPEC));

    expect(result.changes).toEqual([]);
    expect(result.steps).toEqual([]);
  });

  it('starts a desktop that was stopped by hand', async () => {
    const ids = await provisionInSync();
    await admin.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: ids.alice }] }));

    const result = await plan(await specFile('drift.yaml', DRIFT_SPEC));

    expect(stepLines(result)).toEqual([`workspace/${DIRECTORY}/alice StartWorkspaces`]);
    expect(result.changes.map((change) => change.key)).toEqual([`workspace/${DIRECTORY}/alice`]);
  });

  it('revokes an IP rule that was added in the console', async () => {
    await provisionInSync();
    const groups = await admin.send(new DescribeIpGroupsCommand({}));
    await admin.send(new AuthorizeIpRulesCommand({ GroupId: groups.Result![0].groupId!, UserRules: [{ ipRule: '192.0.2.0/24', ruleDesc: 'added by hand' }] }));

    const result = await plan(await specFile('drift.yaml', DRIFT_SPEC));

    expect(stepLines(result)).toEqual(['ipGroup/office RevokeIpRules']);
    expect(result.steps[0].input).toMatchObject({ UserRules: ['192.0.2.0/24'] });
  });

  it('migrates (never replaces) a desktop whose bundle changed in the spec, flagged destructive', async () => {
    await provisionInSync();
    const changed = DRIFT_SPEC.replace('  - users: [bob]\n', '  - users: [bob]\n    bundle: wsb-perwin0001\n');

    const result = await plan(await specFile('drift.yaml', changed));

    expect(stepLines(result)).toEqual([`workspace/${DIRECTORY}/bob MigrateWorkspace`]);
    expect(result.steps[0]).toMatchObject({ destructive: true, action: 'migrate', input: { BundleId: 'wsb-perwin0001' } });
  });

  it('lists a desktop made by hand as unmanaged and never plans a change to it, even when pruning', async () => {
    await provisionInSync();
    await admin.send(new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: DIRECTORY, UserName: 'mallory', BundleId: 'wsb-stdwin0001' }] }));

    const result = await plan(await specFile('drift.yaml', DRIFT_SPEC), { showUnmanaged: true });

    expect(result.unmanaged).toContain(`workspace/${DIRECTORY}/mallory`);
    expect(result.steps.filter((step) => step.key.endsWith('/mallory'))).toEqual([]);
  });

  it('--destroy removes what the spec manages in reverse dependency order', async () => {
    await provisionInSync();

    const result = await plan(await specFile('drift.yaml', DRIFT_SPEC), { destroy: true, allowDestroy: true });

    expect(stepLines(result)).toEqual([
      `workspace/${DIRECTORY}/alice TerminateWorkspaces`,
      `workspace/${DIRECTORY}/bob TerminateWorkspaces`,
      `directory/${DIRECTORY} DeregisterWorkspaceDirectory`, // only once its desktops are gone
      'ipGroup/office DeleteIpGroup', // only once no directory holds it
    ]);
    const [terminateAlice, terminateBob, deregister, deleteGroup] = result.steps;
    expect(deregister.dependsOn).toEqual(expect.arrayContaining([terminateAlice.id, terminateBob.id]));
    expect(deleteGroup.dependsOn).toContain(deregister.id);
    expect(result.steps.every((step) => step.destructive)).toBe(true);
  });

  it('refuses a --target that names nothing (a typo must not read as "no changes")', async () => {
    await expect(plan('examples/quickstart.yaml', { targets: ['workspace/d-9067a1b2c3/alcie'] })).rejects.toMatchObject({ code: 'PLAN_TARGET_UNKNOWN' });
    await expect(plan('examples/quickstart.yaml', { targets: ['workspaces/alice'] })).rejects.toMatchObject({ code: 'PLAN_TARGET_INVALID' });
    const whole = await plan('examples/quickstart.yaml', { targets: [`workspace/${DIRECTORY}`] });
    const lines = stepLines(whole);
    expect(lines.filter((line) => line.endsWith('CreateWorkspaces'))).toHaveLength(4); // the directory's desktops…
    expect(lines).toContain(`directory/${DIRECTORY} RegisterWorkspaceDirectory`); // …and what they need
  });

  it('makes zero mutating calls, and reports the calls its read took', async () => {
    const ids = await provisionInSync();
    await admin.send(new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: ids.alice }] }));
    await fetch(`${emulator.endpoint}/_emulator/reset-calls`, { method: 'POST' });
    const events = new EngineEvents();
    const seen: EngineEvent[] = [];
    events.on((event) => seen.push(event));

    const result = await plan('examples/quickstart.yaml', { events });

    const calls = await serverCalls(emulator.endpoint);
    expect(mutatingOperations(calls)).toEqual([]);
    expect(Object.keys(result.readCalls).every((operation) => calls[operation] === result.readCalls[operation])).toBe(true);
    expect(seen.map((event) => event.type)).toEqual(expect.arrayContaining(['read.done', 'plan.done']));
  });

  it('refuses an account other than the spec’s before any other call', async () => {
    await fetch(`${emulator.endpoint}/_emulator/reset-calls`, { method: 'POST' });
    const otherAccount = DRIFT_SPEC.replace('account: "123456789012"', 'account: "999999999999"');
    const events = new EngineEvents();
    const attempts: string[] = [];
    events.on((event) => event.type === 'api.call' && attempts.push(event.operation));

    await expect(plan(await specFile('other.yaml', otherAccount), { events })).rejects.toMatchObject({
      code: 'PLAN_ACCOUNT_MISMATCH',
      message: expect.stringContaining('123456789012'),
    });

    expect(attempts).toEqual(['GetCallerIdentity']);
    expect(await serverCalls(emulator.endpoint)).toEqual({}); // not one WorkSpaces call
  });

  it('refuses an invalid spec before any API call, reporting every diagnostic', async () => {
    await fetch(`${emulator.endpoint}/_emulator/reset-calls`, { method: 'POST' });
    const diagnostics: string[] = [];
    const invalid = DRIFT_SPEC.replace('bundle: wsb-stdwin0001', 'bundel: wsb-stdwin0001').replace('description: head office', 'descripton: head office');

    await expect(plan(await specFile('bad.yaml', invalid), { onDiagnostics: (list) => diagnostics.push(...list.map((d) => d.code)) })).rejects.toMatchObject({
      code: 'SPEC_INVALID',
      location: { file: expect.stringContaining('bad.yaml') },
    });

    expect(diagnostics.length).toBeGreaterThanOrEqual(2);
    expect(await serverCalls(emulator.endpoint)).toEqual({});
  });
});
