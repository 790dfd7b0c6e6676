import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executePlan, type ExecuteOptions } from '../../../src/apply/executor.js';
import { virtualClock } from '../../../src/apply/clock.js';
import { createAuditLog } from '../../../src/apply/audit-log.js';
import { AwsError } from '../../../src/errors.js';
import { EngineEvents, type EngineEvent } from '../../../src/model/engine-events.js';
import type { Plan } from '../../../src/model/plan.js';
import { DIRECTORY, InMemoryWorkspaces, createStep, kindsForTests, planOf, stopStep, users } from './in-memory-workspaces.js';

function run(plan: Plan, port: InMemoryWorkspaces, extra: Partial<ExecuteOptions> = {}) {
  return executePlan(plan, {
    port,
    queues: { totalRate: false, concurrency: 4 },
    clock: virtualClock(),
    waits: { initialPollMs: 1000, maxPollMs: 8000 },
    kindDefinition: kindsForTests,
    retryBaseMs: 100,
    ...extra,
  });
}

const after = { states: ['AVAILABLE'], timeoutSeconds: 3600 } as const;

describe('executePlan', () => {
  it('coalesces 60 ready creates into 3 CreateWorkspaces calls of at most 25', async () => {
    const port = new InMemoryWorkspaces();
    const report = await run(planOf(users(60).map((user) => createStep(user))), port);

    const sizes = port.callsOf('CreateWorkspaces').map((call) => call.input.Workspaces.length);
    expect(sizes).toEqual([25, 25, 10]);
    expect(report.succeeded).toBe(60);
    expect(report.calls.CreateWorkspaces).toBe(3);
    expect(port.desktops.size).toBe(60);
  });

  it('never merges steps whose shared input differs', async () => {
    const port = new InMemoryWorkspaces();
    const plain = createStep('alice');
    const other = { ...createStep('bob'), input: { ...createStep('bob').input, Extra: 'x' } };
    port.call = (async (operation: string, input: Record<string, any>) => {
      port.calls.push({ operation, input });
      return { PendingRequests: [], FailedRequests: [] };
    }) as typeof port.call;
    await run(planOf([plain, other]), port);
    expect(port.callsOf('CreateWorkspaces')).toHaveLength(2);
  });

  it('splits FailedRequests back to the step of each refused item', async () => {
    const port = new InMemoryWorkspaces();
    port.refuseUsers.set('bob', 'InvalidUserConfiguration.Workspace');
    const report = await run(planOf(['alice', 'bob', 'carol'].map((user) => createStep(user))), port);

    expect(port.callsOf('CreateWorkspaces')).toHaveLength(1);
    const byKey = Object.fromEntries(report.steps.map((step) => [step.key.split('/').pop(), step]));
    expect(byKey.alice!.outcome).toBe('succeeded');
    expect(byKey.carol!.outcome).toBe('succeeded');
    expect(byKey.bob!.outcome).toBe('failed');
    expect(byKey.bob!.error).toContain('InvalidUserConfiguration.Workspace');
    expect(report.failed).toBe(1);
  });

  it('skips the dependents of a failed step, naming the root cause, and still runs independent steps', async () => {
    const port = new InMemoryWorkspaces();
    port.refuseUsers.set('bob', 'ResourceNotFound.Directory');
    const bobCreate = createStep('bob');
    const bobStop = stopStep('bob', { after: undefined });
    const bobTag = {
      ...stopStep('bob'),
      id: 'workspace/x/bob:CreateTags',
      operation: 'CreateTags' as const,
      batch: undefined,
      input: { ResourceId: { $idOf: bobCreate.key }, Tags: [] },
      dependsOn: [bobStop.id],
    };
    const plan = planOf([createStep('alice'), bobCreate, stopStep('alice', { before: after }), bobStop, bobTag]);
    const report = await run(plan, port);

    const outcome = Object.fromEntries(report.steps.map((step) => [step.stepId, [step.outcome, step.becauseOf]]));
    expect(outcome[bobCreate.id]).toEqual(['failed', undefined]);
    expect(outcome[bobStop.id]).toEqual(['skipped', bobCreate.id]);
    expect(outcome[bobTag.id]).toEqual(['skipped', bobCreate.id]);
    expect(outcome[stopStep('alice').id]).toEqual(['succeeded', undefined]);
    expect(port.callsOf('CreateTags')).toHaveLength(0);
  });

  it('resolves {$idOf} placeholders from the ids earlier steps produced', async () => {
    const port = new InMemoryWorkspaces();
    const create = createStep('alice', { after });
    const stop = stopStep('alice');
    await run(planOf([create, stop]), port);

    const [stopCall] = port.callsOf('StopWorkspaces');
    const [desktop] = [...port.desktops.values()];
    expect(stopCall!.input.StopWorkspaceRequests).toEqual([{ WorkspaceId: desktop!.WorkspaceId }]);
    expect(desktop!.State).toBe('STOPPED');
  });

  it('resolves placeholders from live ids given up front', async () => {
    const port = new InMemoryWorkspaces();
    await run(planOf([createStep('alice')]), port);
    const [desktop] = [...port.desktops.values()];
    const key = `workspace/${DIRECTORY}/alice`;
    const report = await run(planOf([stopStep('alice', { dependsOn: [], before: after })]), port, {
      knownIds: new Map([[key, desktop!.WorkspaceId]]),
    });
    expect(report.succeeded).toBe(1);
    expect(desktop!.State).toBe('STOPPED');
  });

  it('fails a step whose placeholder nothing resolved, instead of sending it', async () => {
    const port = new InMemoryWorkspaces();
    const report = await run(planOf([stopStep('ghost', { dependsOn: [] })]), port);
    expect(report.steps[0]!.outcome).toBe('failed');
    expect(report.steps[0]!.error).toContain('no id for workspace/');
    expect(port.callsOf('StopWorkspaces')).toHaveLength(0);
  });

  it('waits for AVAILABLE after creating, polling at most 25 ids per DescribeWorkspaces call', async () => {
    const port = new InMemoryWorkspaces();
    port.pendingPolls = 3;
    const report = await run(planOf(users(30).map((user) => createStep(user, { after }))), port);

    const polls = port.callsOf('DescribeWorkspaces');
    expect(report.succeeded).toBe(30);
    expect(polls.every((call) => call.input.WorkspaceIds.length <= 25)).toBe(true);
    // 3 polls per desktop, 30 desktops in 2 calls a round: batched, not one call per desktop
    expect(polls.length).toBeLessThanOrEqual(3 * Math.ceil(30 / 25) + 2);
    expect([...port.desktops.values()].every((desktop) => desktop.State === 'AVAILABLE')).toBe(true);
  });

  it('waits for the before state before calling', async () => {
    const port = new InMemoryWorkspaces();
    port.pendingPolls = 2;
    await run(planOf([createStep('alice')]), port);
    const [desktop] = [...port.desktops.values()];
    const order: string[] = [];
    const call = port.call.bind(port);
    port.call = async (operation, input) => {
      order.push(`${operation}:${desktop!.State}`);
      return call(operation, input);
    };
    await run(planOf([stopStep('alice', { dependsOn: [], before: after })]), port, {
      knownIds: new Map([[`workspace/${DIRECTORY}/alice`, desktop!.WorkspaceId]]),
    });
    expect(order).toEqual(['DescribeWorkspaces:PENDING', 'DescribeWorkspaces:PENDING', 'DescribeWorkspaces:AVAILABLE', 'StopWorkspaces:AVAILABLE']);
  });

  it('fails a wait that outlives its timeout, with the state it was stuck in', async () => {
    const port = new InMemoryWorkspaces();
    port.pendingPolls = 1_000_000;
    const report = await run(planOf([createStep('alice', { after: { states: ['AVAILABLE'], timeoutSeconds: 60 } })]), port);
    expect(report.steps[0]!.outcome).toBe('failed');
    expect(report.steps[0]!.error).toMatch(/still PENDING after 60s/);
  });

  it('never runs a blocked step and skips its dependents', async () => {
    const port = new InMemoryWorkspaces();
    const blocked = createStep('alice', { blocked: 'protected by policy.protect' });
    const report = await run(planOf([blocked, stopStep('alice'), createStep('bob')]), port);

    expect(port.callsOf('CreateWorkspaces').map((call) => call.input.Workspaces.map((w: { UserName: string }) => w.UserName))).toEqual([['bob']]);
    expect(report.steps[0]).toMatchObject({ outcome: 'skipped', error: 'blocked: protected by policy.protect' });
    expect(report.steps[1]).toMatchObject({ outcome: 'skipped', becauseOf: blocked.id });
    expect(report.steps[2]!.outcome).toBe('succeeded');
  });

  it('retries a throttled batch and succeeds', async () => {
    const port = new InMemoryWorkspaces();
    const throttled = new AwsError('AWS_THROTTLED', 'CreateWorkspaces failed (AWS ThrottlingException)', { awsCode: 'ThrottlingException' });
    port.failNext.set('CreateWorkspaces', [{ error: throttled }]);
    const report = await run(planOf(users(3).map((user) => createStep(user))), port);
    expect(report.succeeded).toBe(3);
    expect(port.callsOf('CreateWorkspaces')).toHaveLength(2);
  });

  it('re-reads instead of re-creating after a create that timed out but reached AWS', async () => {
    const port = new InMemoryWorkspaces();
    const lost = new AwsError('AWS_TRANSIENT', 'CreateWorkspaces failed (AWS InternalFailure)', { awsCode: 'InternalFailure', httpStatus: 500 });
    port.failNext.set('CreateWorkspaces', [{ error: lost, applyFirst: true }]);
    const report = await run(planOf(['alice', 'bob'].map((user) => createStep(user, { after }))), port);

    expect(report.succeeded).toBe(2);
    expect(port.callsOf('CreateWorkspaces')).toHaveLength(1);
    expect(port.desktops.size).toBe(2);
    expect(port.callsOf('DescribeWorkspaces').filter((call) => call.input.UserName)).toHaveLength(2);
  });

  it('re-creates, once, what a failed create did not make', async () => {
    const port = new InMemoryWorkspaces();
    const lost = new AwsError('AWS_TRANSIENT', 'CreateWorkspaces failed (AWS ServiceUnavailable)', { awsCode: 'ServiceUnavailable', httpStatus: 503 });
    port.failNext.set('CreateWorkspaces', [{ error: lost }]);
    const report = await run(planOf([createStep('alice', { after })]), port);

    expect(report.succeeded).toBe(1);
    expect(port.callsOf('CreateWorkspaces')).toHaveLength(2);
    expect(port.desktops.size).toBe(1);
  });

  it('adopts a desktop that already exists for the user (ResourceExists.WorkSpace) as created', async () => {
    const port = new InMemoryWorkspaces();
    await run(planOf([createStep('alice')]), port);
    const report = await run(planOf([createStep('alice', { after }), stopStep('alice')]), port);

    expect(report.failed).toBe(0);
    expect(port.desktops.size).toBe(1);
    expect([...port.desktops.values()][0]!.State).toBe('STOPPED');
  });

  it('reports a terminal error of a call as that step failing, with the AWS code and request id', async () => {
    const port = new InMemoryWorkspaces();
    const denied = new AwsError('AWS_REQUEST_FAILED', 'CreateTags failed (AWS InvalidParameterValuesException, req r-9f): bad tag', {
      awsCode: 'InvalidParameterValuesException',
      requestId: 'r-9f',
    });
    port.failNext.set('CreateTags', [{ error: denied }]);
    const tag = {
      ...createStep('x'),
      id: 'tag',
      operation: 'CreateTags' as const,
      batch: undefined,
      produces: undefined,
      input: { ResourceId: 'ws-1', Tags: [] },
    };
    const report = await run(planOf([tag]), port);
    expect(report.steps[0]).toMatchObject({ outcome: 'failed', error: expect.stringContaining('req r-9f') });
  });

  it('writes every desktop adopted after a lost CreateWorkspaces answer to the audit log (result adopted, with its id)', async () => {
    const port = new InMemoryWorkspaces();
    const lost = new AwsError('AWS_TRANSIENT', 'CreateWorkspaces failed (AWS InternalFailure)', { awsCode: 'InternalFailure', httpStatus: 500 });
    port.failNext.set('CreateWorkspaces', [{ error: lost, applyFirst: true }]);
    const file = join(mkdtempSync(join(tmpdir(), 'wsr-audit-')), 'audit.jsonl');
    const report = await run(planOf(users(30).map((user) => createStep(user, { after }))), port, { auditLog: createAuditLog(file) });

    expect(report.failed).toBe(0);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { result: string; ids: string[] });
    const audited = new Set(lines.filter((line) => line.result !== 'error').flatMap((line) => line.ids.filter((id) => id.startsWith('ws-'))));
    expect([...port.desktops.keys()].filter((id) => !audited.has(id))).toEqual([]);
    expect(lines.filter((line) => line.result === 'adopted').length).toBeGreaterThan(0);
  });

  it('adopts a directory whose RegisterWorkspaceDirectory answer was lost (the retry says ResourceAlreadyExists), and audits it', async () => {
    const calls: string[] = [];
    const port = lostRegisterPort(calls);
    const register = registerStep();
    const file = join(mkdtempSync(join(tmpdir(), 'wsr-audit-')), 'audit.jsonl');
    const report = await run(planOf([register]), port as unknown as InMemoryWorkspaces, { auditLog: createAuditLog(file) });

    expect(report.steps[0]).toMatchObject({ outcome: 'succeeded' });
    expect(calls).toEqual(['RegisterWorkspaceDirectory', 'DescribeWorkspaceDirectories']);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { result: string; ids: string[] });
    expect(lines.map((line) => line.result)).toEqual(['error', 'adopted']);
    expect(lines[1]!.ids).toEqual(['d-1234567890']);
  });

  it("looks for a lost create of a step in another Region in that Region, not in the environment's", async () => {
    const home: string[] = [];
    const west: string[] = [];
    const homePort = {
      async call(operation: string) {
        home.push(operation);
        return { Directories: [] };
      },
    };
    const westPort = lostRegisterPort(west);
    const register = registerStep({ region: 'us-west-2' });
    const report = await run(planOf([register]), homePort as unknown as InMemoryWorkspaces, { portIn: () => westPort as unknown as InMemoryWorkspaces });

    expect(report.steps[0]).toMatchObject({ outcome: 'succeeded' });
    expect(west).toEqual(['RegisterWorkspaceDirectory', 'DescribeWorkspaceDirectories']);
    expect(home).toEqual([]);
  });

  it('appends one audit line per mutating call, without the call input', async () => {
    const port = new InMemoryWorkspaces();
    port.refuseUsers.set('user0001', 'InvalidUserConfiguration.Workspace');
    const file = join(mkdtempSync(join(tmpdir(), 'wsr-audit-')), 'audit.jsonl');
    const secretive = createStep('user0000', {
      input: { Workspaces: [{ DirectoryId: DIRECTORY, UserName: 'user0000', BundleId: 'wsb-stdwin0001', Password: 'hunter2' }] },
    });
    await run(
      planOf([
        secretive,
        ...users(30)
          .slice(1)
          .map((user) => createStep(user, { after })),
      ]),
      port,
      { auditLog: createAuditLog(file) },
    );

    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(port.callsOf('CreateWorkspaces').length);
    expect(lines[0]).toMatchObject({
      operation: 'CreateWorkspaces',
      environment: 'test-env',
      result: 'partial',
      failedItems: 1,
      requestId: expect.any(String),
    });
    expect((lines[0]!.ids as string[]).some((id) => id.startsWith('ws-'))).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('hunter2');
  });

  it('emits apply.step.start and apply.step.done for every step it runs', async () => {
    const port = new InMemoryWorkspaces();
    const events = new EngineEvents();
    const seen: EngineEvent[] = [];
    events.on((event) => seen.push(event));
    port.refuseUsers.set('bob', 'InvalidUserConfiguration.Workspace');
    await run(planOf([createStep('alice'), createStep('bob'), stopStep('bob')]), port, { events });

    const types = seen.map((event) => `${event.type}:${'outcome' in event ? event.outcome : ''}`);
    expect(types.filter((type) => type.startsWith('apply.step.start'))).toHaveLength(2);
    expect(types.filter((type) => type.startsWith('apply.step.done')).sort()).toEqual([
      'apply.step.done:failed',
      'apply.step.done:skipped',
      'apply.step.done:succeeded',
    ]);
  });

  it('finishes an empty plan at once with no calls', async () => {
    const port = new InMemoryWorkspaces();
    const report = await run(planOf([]), port);
    expect(report).toMatchObject({ steps: [], succeeded: 0, failed: 0, skipped: 0, calls: {} });
  });

  it('does not start new steps once aborted', async () => {
    const port = new InMemoryWorkspaces();
    const controller = new AbortController();
    controller.abort();
    const report = await run(planOf([createStep('alice')]), port, { signal: controller.signal });
    expect(report.skipped).toBe(1);
    expect(port.calls).toHaveLength(0);
  });

  it('keeps waiting through throttled polls, but fails the wait on a terminal polling error', async () => {
    const throttled = new AwsError('AWS_THROTTLED', 'DescribeWorkspaces failed (AWS ThrottlingException)', { awsCode: 'ThrottlingException' });
    const port = new InMemoryWorkspaces();
    port.failNext.set('DescribeWorkspaces', [{ error: throttled }, { error: throttled }]);
    expect((await run(planOf([createStep('alice', { after })]), port)).succeeded).toBe(1);

    const denied = new AwsError('AWS_ACCESS_DENIED', 'DescribeWorkspaces failed (AWS AccessDeniedException)', { awsCode: 'AccessDeniedException' });
    const refused = new InMemoryWorkspaces();
    refused.failNext.set('DescribeWorkspaces', [{ error: denied }]);
    const report = await run(planOf([createStep('alice', { after }), stopStep('alice')]), refused);
    expect(report.steps.map((step) => step.outcome)).toEqual(['failed', 'skipped']);
    expect(report.steps[0]!.error).toMatch(/polling ws-\w+ failed: .*AccessDeniedException/);
  });

  it('fails a wait at once when the resource lands in ERROR', async () => {
    const port = new InMemoryWorkspaces();
    port.pendingPolls = 5;
    const call = port.call.bind(port);
    port.call = async (operation, input) => {
      const output = await call(operation, input);
      if (operation === 'DescribeWorkspaces') for (const workspace of output.Workspaces) workspace.State = 'ERROR';
      return output;
    };
    const report = await run(planOf([createStep('alice', { after })]), port);
    expect(report.steps[0]!.error).toMatch(/went to ERROR while waiting for AVAILABLE/);
    expect(port.callsOf('DescribeWorkspaces')).toHaveLength(1);
  });

  it('retries the re-read of a lost create when the re-read itself is throttled', async () => {
    const port = new InMemoryWorkspaces();
    const lost = new AwsError('AWS_TRANSIENT', 'CreateWorkspaces failed (AWS InternalFailure)', { awsCode: 'InternalFailure', httpStatus: 500 });
    const throttled = new AwsError('AWS_THROTTLED', 'DescribeWorkspaces failed (AWS ThrottlingException)', { awsCode: 'ThrottlingException' });
    port.failNext.set('CreateWorkspaces', [{ error: lost, applyFirst: true }]);
    port.failNext.set('DescribeWorkspaces', [{ error: throttled }]);
    const report = await run(planOf([createStep('alice')]), port);

    expect(report.succeeded).toBe(1);
    expect(port.callsOf('CreateWorkspaces')).toHaveLength(1);
    expect(port.desktops.size).toBe(1);
  });
});

/** A port whose RegisterWorkspaceDirectory answer was lost: the retry says ResourceAlreadyExists, the re-read finds the directory. */
function lostRegisterPort(calls: string[]) {
  return {
    async call(operation: string) {
      calls.push(operation);
      if (operation === 'RegisterWorkspaceDirectory') {
        throw new AwsError('AWS_REQUEST_FAILED', 'RegisterWorkspaceDirectory failed (AWS ResourceAlreadyExistsException)', {
          awsCode: 'ResourceAlreadyExistsException',
        });
      }
      return { Directories: [{ DirectoryId: 'd-1234567890', State: 'REGISTERED' }] };
    },
  };
}

function registerStep(extra: { region?: string } = {}) {
  return {
    ...createStep('x'),
    id: 'register',
    key: 'directory/d-1234567890',
    kind: 'directory' as const,
    operation: 'RegisterWorkspaceDirectory' as const,
    batch: undefined,
    produces: undefined,
    input: { DirectoryId: 'd-1234567890' },
    ...extra,
  };
}
