/**
 * `directories:` — registered directories keyed by a local name (used in references), with every
 * directory-level setting; the YAML's friendly names become the API's member names here.
 */
import type { LdapSettings } from '../../model/desired.js';
import type { DirectoryProperties } from './properties.js';
import { directoryKey } from '../../model/keys.js';
import { bool, int, list, mapOf, obj, oneOfValues, rawSchema, str, type SchemaType } from '../../spec/schema-builders.js';
import { HTTP_URL, TAGS } from '../../spec/schema-fragments.js';
import type { SpecPath } from '../../spec/source-locator.js';
import { ipGroupRef } from '../ip-group/ref.js';
import { compact, defineKindSpec, sectionOf, type ReportRule, type ValidSpec, type ToDesiredContext } from '../kind-spec.js';
import { DIRECTORY_ID_PATTERN } from './ref.js';

export const MAX_IP_GROUPS_PER_DIRECTORY = 25;

const selfService = obj('Self-service permissions users get in the WorkSpaces client.', {
  restartWorkspace: bool('Users may restart their workspace.'),
  increaseVolumeSize: bool('Users may increase volume sizes.'),
  changeComputeType: bool('Users may change the compute type.'),
  switchRunningMode: bool('Users may switch the running mode.'),
  rebuildWorkspace: bool('Users may rebuild their workspace.'),
});

const ACCESS = oneOfValues('ALLOW or DENY access from this device type.', ['ALLOW', 'DENY']);
const access = obj('Which client device types may connect.', {
  windows: ACCESS,
  macos: ACCESS,
  web: ACCESS,
  ios: ACCESS,
  android: ACCESS,
  chromeos: ACCESS,
  zeroClient: ACCESS,
  linux: ACCESS,
  thinClient: ACCESS,
});

const creationDefaults = obj('Defaults for workspaces launched in the directory.', {
  internetAccess: bool('Give new workspaces internet access (a public IP).'),
  defaultOu: str('Organizational unit for new computer accounts.', { minLength: 1 }),
  customSecurityGroupId: str('Extra security group for new workspaces.', {
    title: 'security group id (sg-…)',
    pattern: '^(sg-([0-9a-f]{8}|[0-9a-f]{17}))$',
  }),
  userIsLocalAdmin: bool('Users are local administrators.'),
  maintenanceMode: bool('Enable maintenance mode (automatic updates windows).'),
  instanceIamRoleArn: str('IAM role ARN attached to new workspaces.', { title: 'IAM role ARN', pattern: '^arn:aws[a-z-]{0,7}:' }),
});

const saml = obj('SAML 2.0 authentication.', {
  status: oneOfValues('DISABLED, ENABLED or ENABLED_WITH_DIRECTORY_LOGIN_FALLBACK.', ['DISABLED', 'ENABLED', 'ENABLED_WITH_DIRECTORY_LOGIN_FALLBACK']),
  userAccessUrl: str('The identity provider user access URL.', { title: 'http(s) URL', minLength: 8, maxLength: 200, pattern: HTTP_URL }),
  relayStateParameterName: str('Relay state parameter name of the identity provider.', { minLength: 1 }),
});

const certificateBasedAuth = obj('Certificate-based authentication (with SAML).', {
  status: oneOfValues('DISABLED or ENABLED.', ['DISABLED', 'ENABLED']),
  certificateAuthorityArn: str('ARN of the AWS Private CA.', { title: 'certificate authority ARN', minLength: 5, maxLength: 200, pattern: '^arn:' }),
});

const client = obj('WorkSpaces client behaviour.', {
  reconnect: bool('Users may save credentials and reconnect without signing in again.'),
  logUpload: bool('The client uploads diagnostic logs.'),
});

const streaming = obj('Streaming (DCV) settings.', {
  preferredProtocol: oneOfValues('TCP or UDP.', ['TCP', 'UDP']),
  userSettings: list(
    'Clipboard, printing and smart-card permissions.',
    obj(
      'One user setting.',
      {
        action: oneOfValues('What the setting controls.', [
          'CLIPBOARD_COPY_FROM_LOCAL_DEVICE',
          'CLIPBOARD_COPY_TO_LOCAL_DEVICE',
          'PRINTING_TO_LOCAL_DEVICE',
          'SMART_CARD',
        ]),
        permission: oneOfValues('ENABLED or DISABLED.', ['ENABLED', 'DISABLED']),
        maximumLength: int('Largest clipboard transfer in characters.', { minimum: 0 }),
      },
      ['action', 'permission'],
    ),
    { minItems: 1 },
  ),
  storageConnectors: list(
    'Storage connectors (home folders).',
    obj(
      'One storage connector.',
      {
        type: oneOfValues('Connector type.', ['HOME_FOLDER']),
        status: oneOfValues('ENABLED or DISABLED.', ['ENABLED', 'DISABLED']),
      },
      ['type', 'status'],
    ),
    { minItems: 1 },
  ),
});

const LDAP_URL = str('An ldap:// or ldaps:// URL of a domain controller.', { title: 'ldap:// or ldaps:// URL', pattern: '^ldaps?://[^\\s/]+/?$' });

const ldap = obj(
  'How wsr reads users and groups of this directory over LDAP (for `users: {fromGroup}`). The bind password comes from an environment variable or a file, never from the spec.',
  {
    url: rawSchema<string | string[]>({
      description: 'Domain controller URL(s), tried in order: ldaps://dc1.corp.example.com (port 636) or ldap://… (389).',
      oneOf: [LDAP_URL, list('Domain controller URLs, tried in order.', LDAP_URL, { minItems: 1, uniqueItems: true })],
    }),
    baseDn: str('Where users and groups are searched, e.g. DC=corp,DC=example,DC=com.', { minLength: 1 }),
    bindDn: str('The (read-only) account wsr binds as, e.g. CN=svc-wsr,OU=Service Accounts,DC=corp,DC=example,DC=com. Leave out for an anonymous bind.', {
      minLength: 1,
    }),
    bindPasswordEnv: str('Name of the environment variable holding the bind password.', {
      title: 'environment variable name',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
    }),
    bindPasswordFile: str('Path of a file holding the bind password (e.g. a mounted secret); relative to the spec. A trailing newline is ignored.', {
      minLength: 1,
    }),
    userAttribute: str('Attribute holding the WorkSpaces user name. Default sAMAccountName.', { minLength: 1, pattern: '^[A-Za-z][A-Za-z0-9-]*$' }),
    nested: oneOfValues(
      "How nested groups are followed: auto (default: AD's LDAP_MATCHING_RULE_IN_CHAIN when the server is Active Directory, else a walk), inChain or walk.",
      ['auto', 'inChain', 'walk'],
    ),
    maxDepth: int('Deepest group nesting the walk follows. Default 16.', { minimum: 1, maximum: 100 }),
    timeoutSeconds: int('Connect and per-operation timeout. Default 10.', { minimum: 1, maximum: 300 }),
    caFile: str("PEM file of the CA that signed the domain controllers' certificates (ldaps); relative to the spec.", { minLength: 1 }),
  },
  ['url', 'baseDn'],
);

const directory = obj(
  'A registered WorkSpaces directory and its directory-level settings.',
  {
    id: str('The directory id from AWS Directory Service.', { title: 'directory id (d-…)', pattern: DIRECTORY_ID_PATTERN }),
    subnets: list(
      'Subnets (two, in different Availability Zones) for registration.',
      str('A subnet id.', { title: 'subnet id (subnet-…)', pattern: '^(subnet-([0-9a-f]{8}|[0-9a-f]{17}))$' }),
      { minItems: 1, maxItems: 2, uniqueItems: true },
    ),
    enableSelfService: bool('Enable self-service capabilities at registration.'),
    tenancy: oneOfValues('SHARED, or DEDICATED for BYOL images.', ['DEDICATED', 'SHARED']),
    ipGroups: list('IP access control groups to associate: names under `ipGroups` or ids (wsipg-…).', str('An IP group name or id.', { minLength: 1 }), {
      uniqueItems: true,
    }),
    selfService,
    creationDefaults,
    access,
    saml,
    certificateBasedAuth,
    client,
    streaming,
    endpointEncryptionMode: oneOfValues('STANDARD_TLS or FIPS_VALIDATED.', ['STANDARD_TLS', 'FIPS_VALIDATED']),
    ldap,
    tags: TAGS,
  },
  ['id'],
);

export type SpecDirectory = SchemaType<typeof directory>;
export type SpecLdap = SchemaType<typeof ldap>;

const directories = mapOf('Directories, keyed by a local name used in references.', directory);

const SELF_SERVICE_MEMBERS = {
  restartWorkspace: 'RestartWorkspace',
  increaseVolumeSize: 'IncreaseVolumeSize',
  changeComputeType: 'ChangeComputeType',
  switchRunningMode: 'SwitchRunningMode',
  rebuildWorkspace: 'RebuildWorkspace',
} as const;

const ACCESS_MEMBERS = {
  windows: 'DeviceTypeWindows',
  macos: 'DeviceTypeOsx',
  web: 'DeviceTypeWeb',
  ios: 'DeviceTypeIos',
  android: 'DeviceTypeAndroid',
  chromeos: 'DeviceTypeChromeOs',
  zeroClient: 'DeviceTypeZeroClient',
  linux: 'DeviceTypeLinux',
  thinClient: 'DeviceTypeWorkSpacesThinClient',
} as const;

export const directorySpec = defineKindSpec({
  section: 'directories',
  schema: directories,
  referredToAs: 'directory',
  managedByOneEnvironment: {
    code: 'SPEC_DIRECTORY_MANAGED_TWICE',
    advice: (key) =>
      `only one environment may manage a directory's settings; reference it read-only by its id instead (directory: ${key.slice('directory/'.length)}) and drop it from directories`,
  },
  toDesired(entries, context) {
    for (const [name, entry] of Object.entries(entries)) {
      const path = ['directories', name];
      context.add({ kind: 'directory', key: directoryKey(entry.id), properties: directoryProperties(context, entry, path), tags: entry.tags ?? {}, path });
    }
  },
  checks(spec, report) {
    for (const [name, entry] of Object.entries(sectionOf(spec, 'directories', directories) ?? {})) {
      const groups = entry.ipGroups ?? [];
      if (groups.length > MAX_IP_GROUPS_PER_DIRECTORY) {
        report('SPEC_IPGROUPS_PER_DIRECTORY', `directory "${name}" has ${groups.length} IP groups; the API allows ${MAX_IP_GROUPS_PER_DIRECTORY}`, [
          'directories',
          name,
          'ipGroups',
          MAX_IP_GROUPS_PER_DIRECTORY,
        ]);
      }
    }
    checkLdap(sectionOf(spec, 'directories', directories) ?? {}, report);
  },
});

function directoryProperties(context: ToDesiredContext, d: SpecDirectory, path: SpecPath): DirectoryProperties {
  return compact({
    directoryId: d.id,
    subnetIds: d.subnets,
    enableSelfService: d.enableSelfService,
    tenancy: d.tenancy,
    ipGroups: d.ipGroups?.map((ref, i) => ipGroupRef(context, ref, [...path, 'ipGroups', i])),
    selfservicePermissions: d.selfService && renameEnabled(d.selfService, SELF_SERVICE_MEMBERS),
    workspaceCreationProperties:
      d.creationDefaults &&
      compact({
        EnableInternetAccess: d.creationDefaults.internetAccess,
        DefaultOu: d.creationDefaults.defaultOu,
        CustomSecurityGroupId: d.creationDefaults.customSecurityGroupId,
        UserEnabledAsLocalAdministrator: d.creationDefaults.userIsLocalAdmin,
        EnableMaintenanceMode: d.creationDefaults.maintenanceMode,
        InstanceIamRoleArn: d.creationDefaults.instanceIamRoleArn,
      }),
    workspaceAccessProperties: d.access && rename(d.access, ACCESS_MEMBERS),
    samlProperties: d.saml && compact({ Status: d.saml.status, UserAccessUrl: d.saml.userAccessUrl, RelayStateParameterName: d.saml.relayStateParameterName }),
    certificateBasedAuthProperties:
      d.certificateBasedAuth && compact({ Status: d.certificateBasedAuth.status, CertificateAuthorityArn: d.certificateBasedAuth.certificateAuthorityArn }),
    clientProperties: d.client && compact({ ReconnectEnabled: enabled(d.client.reconnect), LogUploadEnabled: enabled(d.client.logUpload) }),
    streamingProperties:
      d.streaming &&
      compact({
        StreamingExperiencePreferredProtocol: d.streaming.preferredProtocol,
        UserSettings: d.streaming.userSettings?.map((s) => compact({ Action: s.action, Permission: s.permission, MaximumLength: s.maximumLength })),
        StorageConnectors: d.streaming.storageConnectors?.map((c) => ({ ConnectorType: c.type, Status: c.status })),
      }),
    endpointEncryptionMode: d.endpointEncryptionMode,
  }) as DirectoryProperties;
}

/**
 * A bind DN needs exactly one password source: a simple bind with a DN and an empty password is
 * an unauthenticated bind (RFC 4513 §5.1.2), which would read as anonymous, not fail.
 */
function checkLdap(entries: Readonly<Record<string, SpecDirectory>>, report: ReportRule): void {
  for (const [name, entry] of Object.entries(entries)) {
    const ldap = entry.ldap;
    if (ldap === undefined) continue;
    const path = ['directories', name, 'ldap'];
    if (ldap.bindPasswordEnv !== undefined && ldap.bindPasswordFile !== undefined) {
      report(
        'SPEC_LDAP_PASSWORD_SOURCE',
        'give the bind password in one place: bindPasswordEnv or bindPasswordFile, not both',
        [...path, 'bindPasswordFile'],
        'key',
      );
    } else if (ldap.bindDn !== undefined && ldap.bindPasswordEnv === undefined && ldap.bindPasswordFile === undefined) {
      report(
        'SPEC_LDAP_PASSWORD_SOURCE',
        'bindDn needs bindPasswordEnv (an environment variable) or bindPasswordFile (a file) for the password; the spec never holds it',
        [...path, 'bindDn'],
        'key',
      );
    } else if (ldap.bindDn === undefined && (ldap.bindPasswordEnv !== undefined || ldap.bindPasswordFile !== undefined)) {
      report('SPEC_LDAP_PASSWORD_SOURCE', 'a bind password without bindDn is never used; set bindDn', path, 'key');
    }
  }
}

const LDAP_DEFAULTS = { userAttribute: 'sAMAccountName', nested: 'auto', maxDepth: 16, timeoutSeconds: 10 } as const;

/** How wsr reads this directory's users and groups, defaults applied. */
export function ldapSettings(ldap: SpecLdap): LdapSettings {
  const bindPassword =
    ldap.bindPasswordEnv === undefined && ldap.bindPasswordFile === undefined ? undefined : compact({ env: ldap.bindPasswordEnv, file: ldap.bindPasswordFile });
  return compact({
    urls: Array.isArray(ldap.url) ? ldap.url : [ldap.url],
    baseDn: ldap.baseDn,
    bindDn: ldap.bindDn,
    bindPassword,
    userAttribute: ldap.userAttribute ?? LDAP_DEFAULTS.userAttribute,
    nested: ldap.nested ?? LDAP_DEFAULTS.nested,
    maxDepth: ldap.maxDepth ?? LDAP_DEFAULTS.maxDepth,
    timeoutSeconds: ldap.timeoutSeconds ?? LDAP_DEFAULTS.timeoutSeconds,
    caFile: ldap.caFile,
  });
}

/** The directories the spec declares, typed (workspaces read a directory's ldap settings). */
export function specDirectories(spec: ValidSpec): Readonly<Record<string, SpecDirectory>> {
  return sectionOf(spec, 'directories', directories) ?? {};
}

function enabled(value: boolean | undefined): 'ENABLED' | 'DISABLED' | undefined {
  return value === undefined ? undefined : value ? 'ENABLED' : 'DISABLED';
}

function rename<T extends Record<string, string>>(values: Record<string, unknown>, members: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [members[name as keyof T], value]));
}

function renameEnabled<T extends Record<string, string>>(values: Record<string, boolean | undefined>, members: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [members[name as keyof T], enabled(value)]));
}
