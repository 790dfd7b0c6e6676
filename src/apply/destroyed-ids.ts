/**
 * Which resource a destroying call destroys, read from the call's input — not from the plan's
 * `destructive` flag, so a forged or buggy step cannot hide a destroy. One row per destroying
 * operation of the WorkSpaces API (input members from the API model,
 * shared/reference/workspaces-api-notes.md). DeleteTags/CreateTags change labels, not resources.
 */
type IdsOf = (input: Readonly<Record<string, unknown>>) => unknown[];

const member = (name: string): IdsOf => (input) => [input[name]];
const items = (list: string, name: string): IdsOf => (input) => (Array.isArray(input[list]) ? (input[list] as Record<string, unknown>[]).map((item) => item?.[name]) : [undefined]);

const DESTROYING_OPERATIONS: Readonly<Record<string, IdsOf>> = {
  TerminateWorkspaces: items('TerminateWorkspaceRequests', 'WorkspaceId'),
  RebuildWorkspaces: items('RebuildWorkspaceRequests', 'WorkspaceId'),
  MigrateWorkspace: member('SourceWorkspaceId'),
  RestoreWorkspace: member('WorkspaceId'),
  DeleteWorkspaceImage: member('ImageId'),
  DeleteWorkspaceBundle: member('BundleId'),
  DeleteIpGroup: member('GroupId'),
  DeregisterWorkspaceDirectory: member('DirectoryId'),
  DeleteConnectionAlias: member('AliasId'),
  DeleteConnectClientAddIn: member('AddInId'),
  TerminateWorkspacesPool: member('PoolId'),
};

export function isDestroyingOperation(operation: string): boolean {
  return Object.hasOwn(DESTROYING_OPERATIONS, operation);
}

/**
 * The ids a call destroys; undefined when the operation destroys nothing. A member that is not
 * a string (missing, or an unresolved `{$idOf}`) is returned as '' so a guard can refuse it.
 */
export function destroyedIdsOf(operation: string, input: Readonly<Record<string, unknown>>): string[] | undefined {
  const idsOf = DESTROYING_OPERATIONS[operation];
  if (idsOf === undefined) return undefined;
  return idsOf(input).map((id) => (typeof id === 'string' ? id : ''));
}
