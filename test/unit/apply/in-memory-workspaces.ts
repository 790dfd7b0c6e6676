/**
 * A tiny in-memory WorkSpaces for executor unit tests: enough of CreateWorkspaces,
 * DescribeWorkspaces, Stop/Terminate and CreateTags to watch what the executor sends.
 * A new desktop is PENDING for `pendingPolls` DescribeWorkspaces answers, then AVAILABLE.
 */
import type { ApiPort, KindDefinition } from '../../../src/kinds/kind.js';
import type { KindName } from '../../../src/model/keys.js';

export interface RecordedCall {
  readonly operation: string;
  readonly input: Record<string, any>;
}

interface Desktop {
  WorkspaceId: string;
  DirectoryId: string;
  UserName: string;
  State: string;
  pollsLeft: number;
}

export class InMemoryWorkspaces implements ApiPort {
  readonly calls: RecordedCall[] = [];
  readonly desktops = new Map<string, Desktop>();
  /** Users whose create is refused with this FailedRequests code. */
  readonly refuseUsers = new Map<string, string>();
  /** Operations that throw the given errors, in order, before behaving normally. */
  readonly failNext = new Map<string, Array<{ error: unknown; applyFirst?: boolean }>>();
  pendingPolls = 1;
  private nextId = 1;

  async call(operation: string, input: Record<string, any>): Promise<Record<string, any>> {
    this.calls.push({ operation, input: structuredClone(input) });
    const fault = this.failNext.get(operation)?.shift();
    if (fault && !fault.applyFirst) throw fault.error;
    const output = this.handle(operation, input);
    if (fault) throw fault.error;
    return { ...output, $metadata: { requestId: `req-${this.calls.length}` } };
  }

  callsOf(operation: string): RecordedCall[] {
    return this.calls.filter((call) => call.operation === operation);
  }

  private handle(operation: string, input: Record<string, any>): Record<string, any> {
    switch (operation) {
      case 'CreateWorkspaces':
        return this.create(input.Workspaces);
      case 'DescribeWorkspaces':
        return this.describe(input);
      case 'StopWorkspaces':
        return this.change(input.StopWorkspaceRequests, 'STOPPED');
      case 'TerminateWorkspaces':
        return this.terminate(input.TerminateWorkspaceRequests);
      case 'CreateTags':
        return {};
      default:
        throw Object.assign(new Error(`unknown operation ${operation}`), { name: 'UnknownOperationException' });
    }
  }

  private create(requests: Array<Record<string, string>>): Record<string, any> {
    if (requests.length > 25) throw Object.assign(new Error('too many'), { name: 'InvalidParameterValuesException' });
    const pending: unknown[] = [];
    const failed: unknown[] = [];
    for (const request of requests) {
      const refusal = this.refuseUsers.get(request.UserName!);
      const exists = [...this.desktops.values()].some((d) => d.DirectoryId === request.DirectoryId && d.UserName === request.UserName);
      if (refusal || exists) {
        const ErrorCode = refusal ?? 'ResourceExists.WorkSpace';
        failed.push({ WorkspaceRequest: request, ErrorCode, ErrorMessage: `refused ${request.UserName}` });
        continue;
      }
      const desktop: Desktop = {
        WorkspaceId: `ws-${String(this.nextId++).padStart(8, '0')}`,
        DirectoryId: request.DirectoryId!,
        UserName: request.UserName!,
        State: 'PENDING',
        pollsLeft: this.pendingPolls,
      };
      this.desktops.set(desktop.WorkspaceId, desktop);
      pending.push(this.view(desktop));
    }
    return { PendingRequests: pending, FailedRequests: failed };
  }

  private describe(input: Record<string, any>): Record<string, any> {
    if (input.WorkspaceIds && input.WorkspaceIds.length > 25) throw Object.assign(new Error('too many ids'), { name: 'InvalidParameterValuesException' });
    const selected = input.WorkspaceIds
      ? (input.WorkspaceIds as string[]).map((id) => this.desktops.get(id)).filter((d): d is Desktop => d !== undefined)
      : [...this.desktops.values()].filter((d) => d.DirectoryId === input.DirectoryId && (!input.UserName || d.UserName === input.UserName));
    const answer = selected.map((desktop) => this.view(desktop));
    for (const desktop of selected) this.tick(desktop);
    return { Workspaces: answer };
  }

  private tick(desktop: Desktop): void {
    if (desktop.State !== 'PENDING' && desktop.State !== 'TERMINATING') return;
    desktop.pollsLeft -= 1;
    if (desktop.pollsLeft > 0) return;
    if (desktop.State === 'TERMINATING') this.desktops.delete(desktop.WorkspaceId);
    else desktop.State = 'AVAILABLE';
  }

  private change(requests: Array<{ WorkspaceId: string }>, state: string): Record<string, any> {
    const failed: unknown[] = [];
    for (const { WorkspaceId } of requests) {
      const desktop = this.desktops.get(WorkspaceId);
      if (desktop?.State !== 'AVAILABLE') {
        failed.push({ WorkspaceId, ErrorCode: 'InvalidResourceState.Workspace', ErrorMessage: `state ${desktop?.State ?? 'missing'}` });
        continue;
      }
      desktop.State = state;
    }
    return { FailedRequests: failed };
  }

  private terminate(requests: Array<{ WorkspaceId: string }>): Record<string, any> {
    const failed: unknown[] = [];
    for (const { WorkspaceId } of requests) {
      const desktop = this.desktops.get(WorkspaceId);
      if (!desktop) {
        failed.push({ WorkspaceId, ErrorCode: 'ResourceNotFound.Workspace', ErrorMessage: 'unknown' });
        continue;
      }
      desktop.State = 'TERMINATING';
      desktop.pollsLeft = this.pendingPolls;
    }
    return { FailedRequests: failed };
  }

  private view(desktop: Desktop): Record<string, string> {
    const { pollsLeft: _hidden, ...visible } = desktop;
    return { ...visible };
  }
}

/** The workspace kind as the executor needs it: a waiter recipe and idsFromOutput. */
export const workspaceKindForTests: KindDefinition = {
  kind: 'workspace',
  spec: { section: 'workspaces', schema: {}, toDesired: () => undefined },
  description: 'test double',
  read: async () => [],
  diff: () => undefined,
  steps: () => [],
  waiter: { operation: 'DescribeWorkspaces', idsMember: 'WorkspaceIds', max: 25, listMember: 'Workspaces', idField: 'WorkspaceId', stateField: 'State' },
  idsFromOutput(step, output) {
    const request = (step.input.Workspaces as Array<Record<string, string>>)?.[0];
    const created = (output.PendingRequests as Array<Record<string, string>> | undefined)?.find((w) => w.UserName === request?.UserName);
    return created && step.produces ? { [step.produces]: created.WorkspaceId! } : {};
  },
};

export const kindsForTests = (kind: KindName): KindDefinition | undefined => (kind === 'workspace' ? workspaceKindForTests : undefined);

export { DIRECTORY, createStep, planOf, stopStep } from '../../helpers/workspace-steps.js';

export function users(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `user${String(i).padStart(4, '0')}`);
}
