/**
 * Batch facts of desktops. Items are matched by WorkspaceId, or by DirectoryId + UserName
 * (+ WorkspaceName) for CreateWorkspaces, whose requests have no id yet; AWS's FailedRequests of
 * a create carry the request under `WorkspaceRequest`. A create that may have happened is found
 * again by DescribeWorkspaces {DirectoryId, UserName}.
 */
import type { BatchItemIdentity, CreateRecovery } from '../kind.js';

/** Desktops on their way out are not what a create made (the user may be getting a new one). */
const GONE_STATES = new Set(['TERMINATING', 'TERMINATED']);

export const workspaceBatchItems: BatchItemIdentity = {
  identityOf: workspaceItemIdentity,
  requestMember: 'WorkspaceRequest',
  answerIdentities(answer) {
    const identities: string[] = [];
    const own = workspaceItemIdentity(answer);
    if (own !== undefined) identities.push(own);
    // a PendingRequests entry carries WorkspaceId *and* DirectoryId+UserName: match either
    if (typeof answer === 'object' && answer !== null) {
      const { WorkspaceId, ...rest } = answer as Record<string, unknown>;
      if (typeof WorkspaceId === 'string') identities.push(`id:${WorkspaceId}`);
      const request = workspaceItemIdentity(rest);
      if (request !== undefined) identities.push(request);
    }
    return identities;
  },
};

function workspaceItemIdentity(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const record = item as Record<string, unknown>;
  if (typeof record.WorkspaceId === 'string' && record.WorkspaceRequest === undefined && record.UserName === undefined) {
    return `id:${record.WorkspaceId}`;
  }
  if (record.WorkspaceRequest !== undefined) return workspaceItemIdentity(record.WorkspaceRequest);
  if (typeof record.DirectoryId === 'string' && typeof record.UserName === 'string') {
    const name = typeof record.WorkspaceName === 'string' && record.WorkspaceName !== '' ? `/${record.WorkspaceName}` : '';
    return `user:${record.DirectoryId}/${record.UserName.toLowerCase()}${name}`;
  }
  return undefined;
}

/** CreateWorkspaces item refused with `ResourceExists.WorkSpace`: the user already has a desktop there. */
export const workspaceCreateRecovery: CreateRecovery = {
  operation: 'CreateWorkspaces',
  existsCode: 'ResourceExists.WorkSpace',
  findRead(item) {
    return { operation: 'DescribeWorkspaces', input: { DirectoryId: item.DirectoryId, UserName: item.UserName } };
  },
  pick(item, output) {
    const workspaces = Array.isArray(output.Workspaces) ? (output.Workspaces as Record<string, any>[]) : [];
    const wantedName = typeof item.WorkspaceName === 'string' ? item.WorkspaceName : undefined;
    return workspaces.find(
      (workspace) =>
        String(workspace.UserName).toLowerCase() === String(item.UserName).toLowerCase() &&
        (wantedName === undefined || workspace.WorkspaceName === wantedName) &&
        !GONE_STATES.has(String(workspace.State)),
    );
  },
  idOf: (workspace) => String(workspace.WorkspaceId),
  // idsFromOutput reads the adopted desktops as if the create had answered them pending
  adoptedOutput: (found) => ({ PendingRequests: [...found], FailedRequests: [], adopted: true }),
};
