/**
 * Pure: a desired state whose templates read their users at plan time (a directory group, a file)
 * + the user names read → the workspace resources, each saying where it came from. A user who
 * would get the same desktop from two places is an error naming both, never a silent pick.
 */
import { SpecError } from '../../errors.js';
import type { DesiredResource, DesiredState, UserGroupCount, UserSourceTemplate } from '../../model/desired.js';
import type { WorkspaceDesiredProperties } from './properties.js';
import { workspaceKey } from '../../model/keys.js';

/** User names per template index (`workspaces[i]`), as read. */
export type ResolvedUsers = ReadonlyMap<number, readonly string[]>;

export function expandUserSources(desired: DesiredState, resolved: ResolvedUsers): DesiredState {
  const pending = desired.pendingUsers ?? [];
  if (pending.length === 0) return desired;
  const resources: DesiredResource[] = [...desired.resources];
  const originOf = new Map<string, string>(
    desired.resources.map((resource) => [resource.key, resource.origin ?? `the spec (${resource.source ? `line ${resource.source.line}` : 'a list'})`]),
  );
  const userGroups: UserGroupCount[] = [...(desired.userGroups ?? [])];
  for (const template of pending) {
    const users = resolved.get(template.template);
    if (users === undefined) throw new Error(`workspaces[${template.template}]: users were not read`);
    const origin = originText(template);
    for (const userName of users) {
      const properties: WorkspaceDesiredProperties = {
        ...template.properties,
        userName,
        ...(template.source.type === 'group' ? { group: template.source.tag } : {}),
      };
      const key = workspaceKey(properties.directoryId, userName, properties.workspaceName);
      const first = originOf.get(key);
      if (first !== undefined) {
        throw new SpecError(
          'SPEC_DUPLICATE_WORKSPACE',
          `${key} comes from ${first} and from ${origin}; a user gets one desktop per directory (add workspaceName for a second)`,
          {
            location: template.location,
          },
        );
      }
      originOf.set(key, origin);
      resources.push({ kind: 'workspace', key, properties, tags: template.tags, declaresTags: template.declaresTags, source: template.location, origin });
    }
    if (template.source.type === 'group')
      userGroups.push({ group: template.source.group, tag: template.source.tag, template: template.template, members: users.length });
  }
  const { pendingUsers: _resolved, ...rest } = desired;
  return { ...rest, resources, userGroups };
}

function originText(template: UserSourceTemplate): string {
  const where = `workspaces[${template.template}]`;
  return template.source.type === 'group' ? `group ${template.source.group} (${where})` : `file ${template.source.file} (${where})`;
}
