/** Directory diff: registration, every property set the spec sets, IP group associations, tags. */
import { memberPath } from '../../model/field-path.js';
import type { Change, FieldChange } from '../../model/change.js';
import type { DesiredResource } from '../../model/desired.js';
import type { DirectoryProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import type { DiffContext } from '../kind.js';
import { fieldChanges, scalarChange } from '../field-changes.js';
import { resolveRef } from '../resolve-ref.js';
import { tagChanges } from '../tag-changes.js';

/** Property sets set by one Modify* call each: [properties member, API operation, API member, id member]. */
export const DIRECTORY_PROPERTY_SETS = [
  ['selfservicePermissions', 'ModifySelfservicePermissions', 'SelfservicePermissions', 'ResourceId'],
  ['workspaceCreationProperties', 'ModifyWorkspaceCreationProperties', 'WorkspaceCreationProperties', 'ResourceId'],
  ['workspaceAccessProperties', 'ModifyWorkspaceAccessProperties', 'WorkspaceAccessProperties', 'ResourceId'],
  ['samlProperties', 'ModifySamlProperties', 'SamlProperties', 'ResourceId'],
  ['certificateBasedAuthProperties', 'ModifyCertificateBasedAuthProperties', 'CertificateBasedAuthProperties', 'ResourceId'],
  ['clientProperties', 'ModifyClientProperties', 'ClientProperties', 'ResourceId'],
  ['streamingProperties', 'ModifyStreamingProperties', 'StreamingProperties', 'ResourceId'],
] as const;

/**
 * Members a Modify call can only clear through `PropertiesToDelete` (sending them absent leaves
 * them as they are): [properties member, API member, the PropertiesToDelete value]. When the spec
 * declares the property set but not the member, a live value is cleared.
 */
export const DELETABLE_DIRECTORY_PROPERTIES = [
  ['samlProperties', 'RelayStateParameterName', 'SAML_PROPERTIES_RELAY_STATE_PARAMETER_NAME'],
  ['samlProperties', 'UserAccessUrl', 'SAML_PROPERTIES_USER_ACCESS_URL'],
  ['certificateBasedAuthProperties', 'CertificateAuthorityArn', 'CERTIFICATE_BASED_AUTH_PROPERTIES_CERTIFICATE_AUTHORITY_ARN'],
] as const;

function clearedProperties(want: DirectoryProperties, have: Partial<DirectoryProperties>): FieldChange[] {
  return DELETABLE_DIRECTORY_PROPERTIES.flatMap(([member, apiMember]) => {
    const wanted = want[member] as Record<string, unknown> | undefined;
    const live = have[member] as Record<string, unknown> | undefined;
    if (wanted === undefined || wanted[apiMember] !== undefined || live?.[apiMember] === undefined || live[apiMember] === '') return [];
    return [{ path: memberPath(member, apiMember), before: live[apiMember], after: undefined }];
  });
}

/** Registration parameters: only RegisterWorkspaceDirectory sets them. */
const REGISTRATION_FIELDS = ['subnetIds', 'tenancy'] as const;

/** Desired IP group refs as ids (a group created in this plan shows as its key). */
export function desiredIpGroupIds(properties: DirectoryProperties, context: DiffContext): string[] | undefined {
  if (properties.ipGroups === undefined) return undefined;
  return properties.ipGroups.map((ref) => resolveRef(ref, context) ?? ('key' in ref ? ref.key : '')).sort();
}

function liveIpGroupIds(live: LiveResource<DirectoryProperties>): string[] {
  return (live.properties.ipGroups ?? []).map((ref) => ('id' in ref ? ref.id : ref.key)).sort();
}

export function directoryFieldChanges(
  desired: DesiredResource<DirectoryProperties>,
  live: LiveResource<DirectoryProperties> | undefined,
  context: DiffContext,
): FieldChange[] {
  const want = desired.properties;
  const have = (live?.properties ?? {}) as Partial<DirectoryProperties>;
  const fields: FieldChange[] = [];
  if (live !== undefined) {
    for (const member of REGISTRATION_FIELDS) fields.push(...scalarChange(member, normaliseList(want[member]), normaliseList(have[member])));
  }
  for (const [member] of DIRECTORY_PROPERTY_SETS) {
    fields.push(...fieldChanges(member, want[member] as Record<string, unknown> | undefined, have[member] as Record<string, unknown> | undefined));
  }
  fields.push(...clearedProperties(want, have));
  fields.push(...scalarChange('endpointEncryptionMode', want.endpointEncryptionMode, have.endpointEncryptionMode));
  const wantGroups = desiredIpGroupIds(want, context);
  if (wantGroups !== undefined) fields.push(...scalarChange('ipGroups', wantGroups, live === undefined ? [] : liveIpGroupIds(live)));
  if (live !== undefined) fields.push(...tagChanges(desired, live));
  return fields;
}

function normaliseList(value: unknown): unknown {
  return Array.isArray(value) ? [...value].sort() : value;
}

export function diffDirectory(
  desired: DesiredResource<DirectoryProperties> | undefined,
  live: LiveResource<DirectoryProperties> | undefined,
  context: DiffContext,
): Change<DirectoryProperties> | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (live === undefined) {
    return {
      kind: 'directory',
      key: desired!.key,
      action: 'create',
      reason: `directory ${desired!.properties.directoryId} is not registered with WorkSpaces`,
      fields: directoryFieldChanges(desired!, undefined, context),
      desired,
    };
  }
  if (desired === undefined) {
    return { kind: 'directory', key: live.key, action: 'delete', reason: `directory ${live.id} is no longer in the spec`, fields: [], live };
  }
  const fields = directoryFieldChanges(desired, live, context);
  if (fields.length === 0) return { kind: 'directory', key: desired.key, action: 'noop', reason: 'in sync', fields, desired, live };
  return { kind: 'directory', key: desired.key, action: 'update', reason: `${fields.length} field(s) of directory ${live.id} differ`, fields, desired, live };
}
