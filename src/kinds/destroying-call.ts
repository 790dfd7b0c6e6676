/**
 * How a destroying call names what it destroys, read from its input (members from the API model,
 * shared/reference/workspaces-api-notes.md): one member (`DeleteIpGroup {GroupId}`) or one member
 * of each item of a list (`TerminateWorkspaces {TerminateWorkspaceRequests: [{WorkspaceId}]}`).
 */
import type { DestroyedIds } from './kind.js';

export function destroysMember(name: string): DestroyedIds {
  return (input) => [input[name]];
}

/** A list that is not a list yields one unknown id, so a guard refuses the call rather than pass it. */
export function destroysItems(list: string, name: string): DestroyedIds {
  return (input) => (Array.isArray(input[list]) ? (input[list] as Record<string, unknown>[]).map((item) => item?.[name]) : [undefined]);
}
