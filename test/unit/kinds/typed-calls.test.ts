/**
 * Calls are typed by the operation map (src/model/api-operations.ts, the SDK's own input and
 * output types): a misspelled operation or input member in a kind's step, or in a call through
 * the ApiPort, does not compile. `npm test` runs `tsc --noEmit` over test/ first, so each
 * `@ts-expect-error` below is itself checked: were the mistake accepted, the directive would be
 * unused and tsc would fail. The run-time assertions show the typed helpers make the same plain
 * data as before (the plan's JSON form does not change).
 */
import { describe, expect, it } from 'vitest';
import { StepBuilder } from '../../../src/kinds/step-builder.js';
import { readPages } from '../../../src/kinds/read-pages.js';
import type { ApiPort } from '../../../src/model/api-port.js';
import { isStepOf, type PlanStep } from '../../../src/model/plan-step.js';

const WS = 'workspace/d-1111111111/alice';

/** Answers every call with an empty page and records it. */
class RecordingPort implements ApiPort {
  readonly sent: { operation: string; input: Record<string, unknown> }[] = [];

  async call(operation: string, input: Record<string, unknown>): Promise<Record<string, any>> {
    this.sent.push({ operation, input });
    return {};
  }
}

describe('typed calls', () => {
  it('a step names an operation of the map and members of its SDK input', () => {
    const builder = new StepBuilder('workspace', WS);
    const create = builder.step({
      operation: 'CreateWorkspaces',
      action: 'create',
      input: { Workspaces: [{ DirectoryId: 'd-1111111111', UserName: 'alice', BundleId: { $idOf: 'bundle/standard' } }] },
      reason: 'alice is in the spec',
    });
    // typed by the SDK: the input reads with CreateWorkspacesRequest's members
    expect(create.input.Workspaces?.[0].UserName).toBe('alice');
    expect(create).toEqual({
      id: `${WS}:CreateWorkspaces`,
      key: WS,
      kind: 'workspace',
      action: 'create',
      operation: 'CreateWorkspaces',
      input: { Workspaces: [{ DirectoryId: 'd-1111111111', UserName: 'alice', BundleId: { $idOf: 'bundle/standard' } }] },
      dependsOn: [],
      destructive: false,
      reason: 'alice is in the spec',
    });
  });

  it('tsc rejects a misspelled operation name in a step', () => {
    const builder = new StepBuilder('workspace', WS);
    // @ts-expect-error 'StopWorkspace' is not an operation (StopWorkspaces is)
    const step = builder.step({ operation: 'StopWorkspace', action: 'update', input: {}, reason: 'typo' });
    expect(step.operation).toBe('StopWorkspace');
  });

  it('tsc rejects a misspelled input member, at the top and nested in a list', () => {
    const builder = new StepBuilder('workspace', WS);
    builder.step({
      operation: 'StopWorkspaces',
      action: 'update',
      // @ts-expect-error StopWorkspacesRequest has StopWorkspaceRequests, not StopWorkspacesRequests
      input: { StopWorkspacesRequests: [{ WorkspaceId: 'ws-alice0001' }] },
      reason: 'typo',
    });
    builder.step({
      operation: 'CreateWorkspaces',
      action: 'create',
      // @ts-expect-error a WorkspaceRequest has UserName, not Username
      input: { Workspaces: [{ DirectoryId: 'd-1111111111', Username: 'alice', BundleId: 'wsb-standard1' }] },
      reason: 'typo',
    });
    builder.step({
      operation: 'ModifyWorkspaceProperties',
      action: 'update',
      // @ts-expect-error RunningMode takes the API's values (AUTO_STOP, ALWAYS_ON, MANUAL)
      input: { WorkspaceId: 'ws-alice0001', WorkspaceProperties: { RunningMode: 'AUTOSTOP' } },
      reason: 'wrong value',
    });
    // @ts-expect-error CreateTags needs ResourceId
    builder.step({ operation: 'CreateTags', action: 'update', input: { Tags: [{ Key: 'team', Value: 'a' }] }, reason: 'missing member' });
  });

  it('a blocked step (shown, never called) may leave members out, but still not misspell them', () => {
    const builder = new StepBuilder('bundle', 'bundle/standard');
    const blocked = builder.step({
      operation: 'CreateWorkspaceBundle',
      action: 'update',
      input: { BundleName: 'standard' },
      reason: 'fixed field',
      blocked: 'cannot change',
    });
    expect(blocked.blocked).toBe('cannot change');
    // @ts-expect-error BundleNam is not a member of CreateWorkspaceBundleRequest
    builder.step({ operation: 'CreateWorkspaceBundle', action: 'update', input: { BundleNam: 'standard' }, reason: 'fixed field', blocked: 'cannot change' });
  });

  it('tsc rejects a wrong operation or input member in a call through the ApiPort', async () => {
    const recording = new RecordingPort();
    const port: ApiPort = recording;
    await port.call('DescribeWorkspaces', { DirectoryId: 'd-1111111111', Limit: 25 });
    // @ts-expect-error 'DescribeWorkspace' is not an operation
    await port.call('DescribeWorkspace', {});
    // @ts-expect-error DescribeWorkspacesRequest has DirectoryId, not DirectoryID
    await port.call('DescribeWorkspaces', { DirectoryID: 'd-1111111111' });
    // @ts-expect-error the tagging API's GetResources pages with PaginationToken, not NextToken
    await port.call('GetResources', { NextToken: 'x' });
    expect(recording.sent.map((call) => call.operation)).toEqual(['DescribeWorkspaces', 'DescribeWorkspace', 'DescribeWorkspaces', 'GetResources']);
  });

  it('a paginated read names a paginated operation and one of its output lists', async () => {
    const port = new RecordingPort();
    expect(await readPages(port, 'DescribeWorkspaces', { DirectoryId: 'd-1111111111', Limit: 25 }, 'Workspaces')).toEqual([]);
    // @ts-expect-error DescribeWorkspacesResult lists `Workspaces`, not `Desktops`
    await readPages(port, 'DescribeWorkspaces', { Limit: 25 }, 'Desktops');
    // @ts-expect-error StopWorkspaces does not page
    await readPages(port, 'StopWorkspaces', { StopWorkspaceRequests: [] }, 'FailedRequests');
    expect(port.sent).toHaveLength(3);
  });

  it('a step held as plain data narrows back to its operation’s input type', () => {
    const step: PlanStep = new StepBuilder('pool', 'pool/call-centre').step({
      operation: 'UpdateWorkspacesPool',
      action: 'update',
      input: { PoolId: 'wspool-1', BundleId: 'wsb-2' },
      reason: 'bundle changed',
    });
    expect(isStepOf(step, 'UpdateWorkspacesPool') && step.input.BundleId).toBe('wsb-2');
    expect(isStepOf(step, 'StopWorkspacesPool')).toBe(false);
    // @ts-expect-error 'UpdateWorkspacePool' is not an operation
    expect(isStepOf(step, 'UpdateWorkspacePool')).toBe(false);
  });
});
