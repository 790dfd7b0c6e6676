/** Branding diff: the text attributes the spec sets; a logo is compared only as present/absent. */
import type { Change, FieldChange } from '../../model/change.js';
import type { DesiredResource } from '../../model/desired.js';
import type { ClientBrandingProperties } from './properties.js';
import type { LiveResource } from '../../model/live.js';
import { fieldChanges, scalarChange } from '../field-changes.js';

const TEXT_FIELDS = ['supportEmail', 'supportLink', 'forgotPasswordLink'] as const;

export function brandingFieldChanges(want: ClientBrandingProperties, live: LiveResource<ClientBrandingProperties> | undefined): FieldChange[] {
  const have = (live?.properties ?? {}) as Partial<ClientBrandingProperties>;
  const fields = TEXT_FIELDS.flatMap((member) => scalarChange(member, want[member], have[member]));
  fields.push(...fieldChanges('loginMessage', want.loginMessage, have.loginMessage));
  if (want.logoFile !== undefined && live?.details?.hasLogo !== true) fields.push({ path: 'logo', before: undefined, after: want.logoFile });
  return fields;
}

export function diffClientBranding(
  desired: DesiredResource<ClientBrandingProperties> | undefined,
  live: LiveResource<ClientBrandingProperties> | undefined,
): Change<ClientBrandingProperties> | undefined {
  if (desired === undefined && live === undefined) return undefined;
  if (desired === undefined) return { kind: 'clientBranding', key: live!.key, action: 'delete', reason: 'branding is no longer in the spec', fields: [], live };
  const want = desired.properties;
  const fields = brandingFieldChanges(want, live);
  if (live === undefined)
    return { kind: 'clientBranding', key: desired.key, action: 'create', reason: `no ${want.platform} branding on ${want.directoryId}`, fields, desired };
  if (fields.length === 0) return { kind: 'clientBranding', key: desired.key, action: 'noop', reason: 'in sync', fields, desired, live };
  return {
    kind: 'clientBranding',
    key: desired.key,
    action: 'update',
    reason: `${fields.map((field) => field.path).join(', ')} differ`,
    fields,
    desired,
    live,
  };
}
