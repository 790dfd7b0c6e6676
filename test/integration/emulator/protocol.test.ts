import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspacesCommand,
  ModifyWorkspaceStateCommand,
  WorkSpacesServiceException,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../src/emulator/validate.js';
import { handlers } from '../../../src/emulator/operations/index.js';
import { TEST_CREDENTIALS, startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { aRegisteredDirectory, aWorkspace, failureOf } from './given.js';

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ seed: { account: '210987654321' } });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const post = (headers: Record<string, string>, body: string | Buffer) => fetch(`${emulator.endpoint}/`, { method: 'POST', headers, body });
const jsonHeaders = (op: string) => ({ 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `WorkspacesService.${op}` });

describe('AWS JSON 1.1 wire format', () => {
  it('answers with the JSON 1.1 content type and a request id', async () => {
    const response = await post(jsonHeaders('DescribeWorkspaces'), '{}');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ Workspaces: [] });
  });

  it('answers UnknownOperationException for a target it does not know', async () => {
    const response = await post(jsonHeaders('LaunchRockets'), '{}');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('answers SerializationException for malformed JSON, and keeps serving', async () => {
    const response = await post(jsonHeaders('DescribeWorkspaces'), '{"Limit": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'SerializationException' });
    expect((await post(jsonHeaders('DescribeWorkspaces'), '{}')).status).toBe(200);
  });

  it('answers RequestEntityTooLargeException for a body over 8 MB', async () => {
    const response = await post(jsonHeaders('DescribeWorkspaces'), Buffer.alloc(9 * 1024 * 1024, 32));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ __type: 'RequestEntityTooLargeException' });
  });

  it('answers SerializationException for a JSON body of the wrong type, as AWS does, not a crash', async () => {
    const response = await post(jsonHeaders('DescribeWorkspaces'), '[1,2]');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'SerializationException' });
  });

  it('sends timestamps as epoch seconds', async () => {
    await aRegisteredDirectory(emulator.client);
    const response = await post(jsonHeaders('CreateIpGroup'), JSON.stringify({ GroupName: 'g' }));
    expect(response.status).toBe(200);
    const bundles = await post(jsonHeaders('DescribeAccountModifications'), '{}');
    expect(await bundles.json()).toEqual({ AccountModifications: [] });
    const snapshot = await post(jsonHeaders('DescribeWorkspaceSnapshots'), JSON.stringify({ WorkspaceId: await aWorkspace(emulator.client) }));
    const body = (await snapshot.json()) as { RestoreSnapshots: { SnapshotTime: unknown }[] };
    expect(typeof body.RestoreSnapshots[0].SnapshotTime).toBe('number');
  });

  it('surfaces modeled errors as the SDK exception classes with their members', async () => {
    const error = await failureOf(emulator.client.send(new ModifyWorkspaceStateCommand({ WorkspaceId: 'ws-0000000000', WorkspaceState: 'AVAILABLE' })));
    expect(error).toBeInstanceOf(WorkSpacesServiceException);
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.ResourceId).toBe('ws-0000000000');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('validation from the API model', () => {
  it.each([
    [
      'a required member',
      new ModifyWorkspaceStateCommand({ WorkspaceId: 'ws-0123456789' } as never),
      "Value null at 'workspaceState' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a pattern',
      new DescribeWorkspacesCommand({ WorkspaceIds: ['i-123'] }),
      "Value 'i-123' at 'workspaceIds.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern",
    ],
    [
      'an enum',
      new ModifyWorkspaceStateCommand({ WorkspaceId: 'ws-0123456789', WorkspaceState: 'SLEEPING' as never }),
      "at 'workspaceState' failed to satisfy constraint: Member must satisfy enum value set: [AVAILABLE, ADMIN_MAINTENANCE]",
    ],
    [
      'a numeric range',
      new DescribeWorkspacesCommand({ Limit: 26 }),
      "Value 26 at 'limit' failed to satisfy constraint: Member must have value less than or equal to 25",
    ],
    [
      'a list size',
      new DescribeWorkspacesCommand({ WorkspaceIds: [] }),
      "at 'workspaceIds' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'a string length',
      new DescribeWorkspacesCommand({ DirectoryId: 'd-9067a1b2c3', UserName: 'x'.repeat(64) }),
      "at 'userName' failed to satisfy constraint: Member must have length less than or equal to 63",
    ],
  ])('answers ValidationException (HTTP 400) in AWS words for %s', async (_rule, command, text) => {
    const error = await failureOf(emulator.client.send(command as never));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/^1 validation error detected: /);
    expect(error.message).toContain(text);
  });

  it('lists every violation of one request, as AWS does', async () => {
    const error = await failureOf(emulator.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ['i-1', 'ws-0123456789', 'i-3'], Limit: 0 })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/^3 validation errors detected: /);
    expect(error.message).toContain("'workspaceIds.3.member'");
  });

  it.each([
    ['StartWorkspaces', { StartWorkspaceRequests: [{ WorkspaceId: 'bad' }] }],
    ['StopWorkspaces', { StopWorkspaceRequests: [] }],
    ['RebootWorkspaces', { RebootWorkspaceRequests: [{ WorkspaceId: 'bad' }] }],
    ['TerminateWorkspaces', { TerminateWorkspaceRequests: [{}] }],
    ['RebuildWorkspaces', { RebuildWorkspaceRequests: [{ WorkspaceId: 'ws-0123456789' }, { WorkspaceId: 'ws-0123456780' }] }],
    ['DescribeTags', { ResourceId: '' }],
    ['DescribeWorkspaceImages', { MaxResults: 100 }],
  ])('answers ValidationException for %s, which models no InvalidParameterValuesException', async (operation, body) => {
    const response = await post(jsonHeaders(operation), JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'ValidationException' });
  });

  it('ignores unknown members', async () => {
    const response = await post(jsonHeaders('DescribeWorkspaceBundles'), JSON.stringify({ Owner: 'AMAZON', Surprise: true }));
    expect(response.status).toBe(200);
  });

  it('has a handler for every operation of the model', () => {
    expect(OPERATIONS.length).toBe(91);
    expect(OPERATIONS.filter((op) => !handlers[op])).toEqual([]);
  });
});

describe('STS GetCallerIdentity on the same port', () => {
  it('answers the real STS client with the seeded account', async () => {
    const sts = new STSClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    expect(identity.Account).toBe('210987654321');
    expect(identity.Arn).toContain('210987654321');
  });
});

describe('admin endpoints', () => {
  it('counts calls per operation, including throttled ones, and resets the counters', async () => {
    await emulator.client.send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON' }));
    await emulator.client.send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON' }));
    await emulator.client.send(new DescribeWorkspacesCommand({}));
    const body = (await (await fetch(`${emulator.endpoint}/_emulator/calls`)).json()) as {
      calls: Record<string, number>;
      total: number;
      throttled: Record<string, number>;
    };
    expect(body.calls).toEqual({ DescribeWorkspaceBundles: 2, DescribeWorkspaces: 1 });
    expect(body.total).toBe(3);
    expect(body.throttled).toEqual({});
    await emulator.admin('reset-calls');
    expect(await emulator.calls()).toEqual({});
  });

  it('dumps the state and resets it to the seed', async () => {
    await aRegisteredDirectory(emulator.client);
    const state = (await (await fetch(`${emulator.endpoint}/_emulator/state`)).json()) as { account: string; families: { directories: unknown[] } };
    expect(state.account).toBe('210987654321');
    expect(state.families.directories).toHaveLength(1);
    await emulator.reset();
    const after = (await (await fetch(`${emulator.endpoint}/_emulator/state`)).json()) as { families: { directories: unknown[] } };
    expect(after.families.directories).toHaveLength(0);
  });

  it('forces a state no API call reaches, cancelling the transition in flight', async () => {
    await aRegisteredDirectory(emulator.client);
    const id = await aWorkspace(emulator.client);
    expect(await emulator.admin('set-state', { id, state: 'ERROR' })).toEqual({ id, state: 'ERROR' });
    expect((await emulator.client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0]?.State).toBe('ERROR');
    const unknown = await fetch(`${emulator.endpoint}/_emulator/set-state`, { method: 'POST', body: JSON.stringify({ id: 'ws-0000000000', state: 'ERROR' }) });
    expect(unknown.status).toBe(404);
  });

  it('moves the virtual clock forward and refuses a negative advance', async () => {
    const before = (await emulator.admin('advance', { seconds: 0 })).now as number;
    const after = (await emulator.admin('advance', { seconds: 3600 })).now as number;
    expect(after - before).toBeGreaterThanOrEqual(3600);
    const response = await fetch(`${emulator.endpoint}/_emulator/advance`, { method: 'POST', body: '{"seconds": -1}' });
    expect(response.status).toBe(400);
  });
});
