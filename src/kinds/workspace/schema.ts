/**
 * `workspaces:` — a list of templates, one desktop per listed user; their fields are also allowed
 * under `defaults.workspace` (bundles share the hardware ones).
 */
import { bool, int, list, obj, oneOfValues, rawSchema, str, type SchemaType } from '../../spec/schema-builders.js';
import { REGION, TAGS } from '../../spec/schema-fragments.js';
import { BUNDLE_REF } from '../bundle/ref.js';
import { DIRECTORY_ID_PATTERN, DIRECTORY_REF } from '../directory/ref.js';
import { sectionOf, type ValidSpec } from '../kind-spec.js';

export const RUNNING_MODES = ['AUTO_STOP', 'ALWAYS_ON', 'MANUAL'] as const;
export const COMPUTE_TYPES = [
  'VALUE',
  'STANDARD',
  'PERFORMANCE',
  'POWER',
  'GRAPHICS',
  'POWERPRO',
  'GENERALPURPOSE_4XLARGE',
  'GENERALPURPOSE_8XLARGE',
  'GRAPHICSPRO',
  'GRAPHICS_G4DN',
  'GRAPHICSPRO_G4DN',
  'GRAPHICS_G6_XLARGE',
  'GRAPHICS_G6_2XLARGE',
  'GRAPHICS_G6_4XLARGE',
  'GRAPHICS_G6_8XLARGE',
  'GRAPHICS_G6_16XLARGE',
  'GRAPHICS_GR6_4XLARGE',
  'GRAPHICS_GR6_8XLARGE',
  'GRAPHICS_G6F_LARGE',
  'GRAPHICS_G6F_XLARGE',
  'GRAPHICS_G6F_2XLARGE',
  'GRAPHICS_G6F_4XLARGE',
  'GRAPHICS_GR6F_4XLARGE',
] as const;

const VOLUME_GIB = { minimum: 10, maximum: 2000 };

const REQUEST_TOKEN = str('A request token, e.g. 2026-12-01-broken-profile (letters, digits, _ . : / = + @ -; at most 200).', {
  pattern: '^[A-Za-z0-9_.:/=+@-]{1,200}$',
});

export const workspaceFields = {
  directory: DIRECTORY_REF,
  bundle: BUNDLE_REF,
  runningMode: oneOfValues('AUTO_STOP (hourly billing, stops when idle), ALWAYS_ON (monthly) or MANUAL (WorkSpaces Core only).', RUNNING_MODES),
  autoStopTimeoutMinutes: int('Minutes of inactivity before an AUTO_STOP workspace stops; a multiple of 60.', { minimum: 60, maximum: 2880 }),
  computeType: oneOfValues('Compute type (hardware size), e.g. STANDARD, PERFORMANCE, POWER.', COMPUTE_TYPES),
  rootVolumeGib: int('Root (C:) volume size in GiB; only grows. Allowed with user: 80 with 10/50/100, or 175–2000 with 100–2000.', VOLUME_GIB),
  userVolumeGib: int('User (D:) volume size in GiB; only grows.', VOLUME_GIB),
  protocols: list('Streaming protocols: PCOIP or WSP (DCV).', oneOfValues('A streaming protocol.', ['PCOIP', 'WSP']), {
    minItems: 1,
    maxItems: 2,
    uniqueItems: true,
  }),
  encryption: obj('Volume encryption, chosen at launch only (changing it means a new workspace).', {
    volumeKey: str('KMS key (ARN or alias) used to encrypt the volumes.', { minLength: 1 }),
    rootVolume: bool('Encrypt the root volume.'),
    userVolume: bool('Encrypt the user volume.'),
  }),
  state: oneOfValues('Desired power state (AUTO_STOP/MANUAL workspaces only); leave out to not manage it.', ['running', 'stopped']),
  actions: obj(
    'One-shot actions, GitOps style: each runs once per request token, which is recorded on the desktop (tag wsr:<action>=<token>) after it succeeds; change the token to run it again. A new desktop records the token without running the action.',
    {
      reboot: REQUEST_TOKEN,
      rebuild: REQUEST_TOKEN,
      restore: REQUEST_TOKEN,
    },
  ),
  standby: obj(
    'A standby desktop in another Region (Multi-Region Resilience): CreateStandbyWorkspaces, called in that Region, once the primary exists. wsr creates it and never removes it; the spec of the standby Region sees it and does not prune it.',
    {
      region: REGION,
      directory: str("The standby Region's directory id (registered with WorkSpaces there).", { title: 'directory id (d-…)', pattern: DIRECTORY_ID_PATTERN }),
      dataReplication: oneOfValues("NO_REPLICATION (default) or PRIMARY_AS_SOURCE (replicate the primary's user data).", [
        'NO_REPLICATION',
        'PRIMARY_AS_SOURCE',
      ]),
      volumeKey: str("KMS key (ARN or alias) encrypting the standby's volumes.", { minLength: 1 }),
    },
    ['region', 'directory'],
  ),
  maintenance: bool(
    'true: put the desktop in ADMIN_MAINTENANCE (no reboot/stop/start/rebuild/restore, users cannot log in); false: return it to AVAILABLE; leave out to not manage it.',
  ),
  tags: TAGS,
};

export const workspaceDefaults = obj('Defaults for every workspace template.', workspaceFields);

export type SpecWorkspaceFields = SchemaType<typeof workspaceDefaults>;

export type SpecUsers = string[] | { fromGroup: string } | { fromFile: string; column?: string };

const USER_NAME = str('A directory user name (1–63 characters).', { minLength: 1, maxLength: 63 });

const workspaceTemplate = obj(
  'A workspace template: one desktop per user in `users`, all with the same settings.',
  {
    ...workspaceFields,
    users: rawSchema<SpecUsers>({
      description:
        'Who gets a workspace from this template: a list of directory user names, `{fromGroup: <group DN or name>}` (the enabled members of a directory group, nested groups included, read over LDAP at plan time; the directory needs `ldap`), or `{fromFile: users.csv}` (one user per line, or `column` names the column of a CSV with a header; relative to the spec).',
      // one schema for both forms (not oneOf): a mistake then gets one message, not one per branch
      type: ['array', 'object'],
      items: USER_NAME,
      minItems: 1,
      additionalProperties: false,
      properties: {
        fromGroup: str('The group: its distinguished name (CN=…,OU=…,DC=…) or its name (cn / sAMAccountName).', { minLength: 1, maxLength: 1024 }),
        fromFile: str('Path of the file, relative to the spec: one user name per line (# comments), or a CSV with a header row.', { minLength: 1 }),
        column: str('With fromFile: the CSV column holding the user names (the first row is the header).', { minLength: 1 }),
      },
    }),
    workspaceName: str('Name of the workspace (only with a single user; lets one user have several workspaces).', {
      title: 'workspace name',
      pattern: '^[a-zA-Z0-9_()][a-zA-Z0-9_.()-]{1,63}$',
    }),
  },
  ['users'],
);

export type SpecWorkspaceTemplate = SchemaType<typeof workspaceTemplate>;

export const workspaceTemplates = list('Workspace templates.', workspaceTemplate);

/** The spec's templates (a list: a template that failed the schema leaves a hole, so indexes keep their lines). */
export function specTemplates(spec: ValidSpec): readonly SpecWorkspaceTemplate[] {
  return sectionOf(spec, 'workspaces', workspaceTemplates) ?? [];
}
