/**
 * The JSON Schema (draft 2020-12) of a wsr/v1 spec, written as code so every property gets a
 * description (editors show it on hover) and `additionalProperties: false` cannot be forgotten.
 * `schemas/wsr-v1.schema.json` is this object printed by `npm run gen:spec-schema` (scripts/print-schema.ts);
 * a unit test keeps the two identical. Constraints come from the WorkSpaces API model.
 * `title` on a constrained string names what it is, for one-line error messages.
 */
type Schema = Record<string, unknown>;

function str(description: string, constraints: Schema = {}): Schema {
  return { type: 'string', description, ...constraints };
}

function int(description: string, constraints: Schema = {}): Schema {
  return { type: 'integer', description, ...constraints };
}

function bool(description: string): Schema {
  return { type: 'boolean', description };
}

function oneOfValues(description: string, values: readonly string[]): Schema {
  return { type: 'string', description, enum: [...values] };
}

function list(description: string, items: Schema, constraints: Schema = {}): Schema {
  return { type: 'array', description, items, ...constraints };
}

/** A closed object: unknown fields are errors at every depth. */
function obj(description: string, properties: Record<string, Schema>, required: readonly string[] = []): Schema {
  const schema: Schema = { type: 'object', description, additionalProperties: false, properties };
  if (required.length > 0) schema.required = [...required];
  return schema;
}

/** A map keyed by a user-chosen name. */
function mapOf(description: string, value: Schema, keyPattern?: Schema): Schema {
  const schema: Schema = { type: 'object', description, additionalProperties: value };
  if (keyPattern) schema.propertyNames = keyPattern;
  return schema;
}

const ACCOUNT_ID = str('A 12-digit AWS account id (quote it in YAML).', { title: '12-digit AWS account id', pattern: '^\\d{12}$' });
const REGION = str('AWS Region, e.g. us-east-1.', { title: 'AWS Region name', pattern: '^[a-z]{2}(-[a-z]+)+-\\d$' });
const DIRECTORY_ID = '^(d-[0-9a-f]{8,63}|wsd-[0-9a-z]{8,63})$';
const DIRECTORY_REF = str('A directory: the local name of an entry under `directories`, or a directory id (d-…).', {
  minLength: 1,
});
const BUNDLE_REF = str('A bundle: the name of an entry under `bundles`, or a bundle id (wsb-…, e.g. an Amazon public bundle).', {
  minLength: 1,
});
const IMAGE_REF = str('An image: the name of an entry under `images`, or an image id (wsi-…).', { minLength: 1 });
const IPV4_CIDR =
  '^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/(3[0-2]|[12]?\\d))?$';
const HTTP_URL = '^(http|https)://\\S+$';

export const RUNNING_MODES = ['AUTO_STOP', 'ALWAYS_ON', 'MANUAL'] as const;
export const COMPUTE_TYPES = [
  'VALUE', 'STANDARD', 'PERFORMANCE', 'POWER', 'GRAPHICS', 'POWERPRO', 'GENERALPURPOSE_4XLARGE',
  'GENERALPURPOSE_8XLARGE', 'GRAPHICSPRO', 'GRAPHICS_G4DN', 'GRAPHICSPRO_G4DN', 'GRAPHICS_G6_XLARGE',
  'GRAPHICS_G6_2XLARGE', 'GRAPHICS_G6_4XLARGE', 'GRAPHICS_G6_8XLARGE', 'GRAPHICS_G6_16XLARGE',
  'GRAPHICS_GR6_4XLARGE', 'GRAPHICS_GR6_8XLARGE', 'GRAPHICS_G6F_LARGE', 'GRAPHICS_G6F_XLARGE',
  'GRAPHICS_G6F_2XLARGE', 'GRAPHICS_G6F_4XLARGE', 'GRAPHICS_GR6F_4XLARGE',
] as const;
/** Kinds a `policy.protect` entry may name, singular or plural. */
export const PROTECTABLE_KINDS = [
  'account', 'accountLink', 'ipGroup', 'directory', 'image', 'bundle', 'workspace', 'pool', 'connectionAlias',
  'clientBranding', 'connectClientAddIn', 'applicationAssociation',
] as const;

const TAGS = {
  type: 'object',
  description:
    'Tags (key: value, values are strings). At most 50 per resource; keys 1–127 characters, values up to 255; keys starting with `aws:` or `wsr:` are reserved.',
  maxProperties: 50,
  propertyNames: { minLength: 1, maxLength: 127 },
  additionalProperties: str('Tag value (up to 255 characters).', { maxLength: 255 }),
} satisfies Schema;

const VOLUME_GIB = { minimum: 10, maximum: 2000 };

const REQUEST_TOKEN = str('A request token, e.g. 2026-12-01-broken-profile (letters, digits, _ . : / = + @ -; at most 200).', {
  pattern: '^[A-Za-z0-9_.:/=+@-]{1,200}$',
});

const workspaceFields = {
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
      directory: str("The standby Region's directory id (registered with WorkSpaces there).", { title: 'directory id (d-…)', pattern: DIRECTORY_ID }),
      dataReplication: oneOfValues('NO_REPLICATION (default) or PRIMARY_AS_SOURCE (replicate the primary\'s user data).', ['NO_REPLICATION', 'PRIMARY_AS_SOURCE']),
      volumeKey: str('KMS key (ARN or alias) encrypting the standby\'s volumes.', { minLength: 1 }),
    },
    ['region', 'directory'],
  ),
  maintenance: bool('true: put the desktop in ADMIN_MAINTENANCE (no reboot/stop/start/rebuild/restore, users cannot log in); false: return it to AVAILABLE; leave out to not manage it.'),
  tags: TAGS,
} satisfies Record<string, Schema>;

const USER_NAME = str('A directory user name (1–63 characters).', { minLength: 1, maxLength: 63 });

const workspaceTemplate = obj(
  'A workspace template: one desktop per user in `users`, all with the same settings.',
  {
    ...workspaceFields,
    users: {
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
    },
    workspaceName: str('Name of the workspace (only with a single user; lets one user have several workspaces).', {
      title: 'workspace name',
      pattern: '^[a-zA-Z0-9_()][a-zA-Z0-9_.()-]{1,63}$',
    }),
  },
  ['users'],
);

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
  status: oneOfValues('DISABLED, ENABLED or ENABLED_WITH_DIRECTORY_LOGIN_FALLBACK.', [
    'DISABLED',
    'ENABLED',
    'ENABLED_WITH_DIRECTORY_LOGIN_FALLBACK',
  ]),
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
    url: {
      description: 'Domain controller URL(s), tried in order: ldaps://dc1.corp.example.com (port 636) or ldap://… (389).',
      oneOf: [LDAP_URL, list('Domain controller URLs, tried in order.', LDAP_URL, { minItems: 1, uniqueItems: true })],
    },
    baseDn: str('Where users and groups are searched, e.g. DC=corp,DC=example,DC=com.', { minLength: 1 }),
    bindDn: str('The (read-only) account wsr binds as, e.g. CN=svc-wsr,OU=Service Accounts,DC=corp,DC=example,DC=com. Leave out for an anonymous bind.', { minLength: 1 }),
    bindPasswordEnv: str('Name of the environment variable holding the bind password.', { title: 'environment variable name', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
    bindPasswordFile: str('Path of a file holding the bind password (e.g. a mounted secret); relative to the spec. A trailing newline is ignored.', { minLength: 1 }),
    userAttribute: str('Attribute holding the WorkSpaces user name. Default sAMAccountName.', { minLength: 1, pattern: '^[A-Za-z][A-Za-z0-9-]*$' }),
    nested: oneOfValues(
      'How nested groups are followed: auto (default: AD\'s LDAP_MATCHING_RULE_IN_CHAIN when the server is Active Directory, else a walk), inChain or walk.',
      ['auto', 'inChain', 'walk'],
    ),
    maxDepth: int('Deepest group nesting the walk follows. Default 16.', { minimum: 1, maximum: 100 }),
    timeoutSeconds: int('Connect and per-operation timeout. Default 10.', { minimum: 1, maximum: 300 }),
    caFile: str('PEM file of the CA that signed the domain controllers\' certificates (ldaps); relative to the spec.', { minLength: 1 }),
  },
  ['url', 'baseDn'],
);

const directory = obj(
  'A registered WorkSpaces directory and its directory-level settings.',
  {
    id: str('The directory id from AWS Directory Service.', { title: 'directory id (d-…)', pattern: DIRECTORY_ID }),
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

const ipGroup = obj('An IP access control group.', {
  description: str('Description of the group.', { maxLength: 255 }),
  rules: list(
    'Allowed source ranges (at most 10).',
    obj('One rule.', { cidr: str('An IPv4 address (sent as the /32 range) or CIDR range.', { title: 'IPv4 CIDR', pattern: IPV4_CIDR }), description: str('What the range is.', { maxLength: 255 }) }, [
      'cidr',
    ]),
  ),
  tags: TAGS,
});

const IMAGE_NAME = { title: 'image or bundle name', minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9_./()\\\\-]+$' };
const DESCRIPTION = { title: 'description (letters, digits, space and _./()-)', minLength: 1, maxLength: 255, pattern: '^[a-zA-Z0-9_./() -]+$' };

const image = obj('A custom image. Give exactly one source: fromWorkspace, copyFrom, importByol, importCustom, updatedFrom or id.', {
  description: str('Image description.', DESCRIPTION),
  fromWorkspace: str('Capture the image from a workspace: its id (ws-…) or `directory/user`.', { minLength: 1 }),
  copyFrom: obj('Copy an image from another Region.', {
    imageId: str('The source image id.', { title: 'image id (wsi-…)', pattern: '^wsi-[0-9a-z]{9,63}$' }),
    region: REGION,
  }, ['imageId', 'region']),
  importByol: obj('Import a BYOL image from an EC2 AMI.', {
    ec2ImageId: str('The AMI id.', { title: 'AMI id (ami-…)', pattern: '^ami-([a-f0-9]{8}|[a-f0-9]{17})$' }),
    ingestionProcess: oneOfValues('How the image is ingested.', [
      'BYOL_REGULAR', 'BYOL_GRAPHICS', 'BYOL_GRAPHICSPRO', 'BYOL_GRAPHICS_G4DN', 'BYOL_REGULAR_WSP',
      'BYOL_GRAPHICS_G4DN_WSP', 'BYOL_REGULAR_BYOP', 'BYOL_GRAPHICS_G4DN_BYOP',
    ]),
    applications: list('Microsoft Office to subscribe to.', oneOfValues('An application.', ['Microsoft_Office_2016', 'Microsoft_Office_2019']), {
      minItems: 1,
      maxItems: 5,
      uniqueItems: true,
    }),
  }, ['ec2ImageId', 'ingestionProcess']),
  importCustom: obj('Import a Windows 10/11 image (ImportCustomWorkspaceImage); give exactly one of ec2ImageId, ec2ImportTaskId, imageBuildVersionArn.', {
    ec2ImageId: str('The AMI id.', { title: 'AMI id (ami-…)', pattern: '^ami-([a-f0-9]{8}|[a-f0-9]{17})$' }),
    ec2ImportTaskId: str('An EC2 VM import task.', { title: 'EC2 import task id (import-ami-…)', pattern: '^import-ami-([a-zA-Z0-9]{8}|[a-zA-Z0-9]{17})$' }),
    imageBuildVersionArn: str('An EC2 Image Builder image version.', {
      title: 'Image Builder image version ARN',
      minLength: 1,
      maxLength: 2048,
      pattern: '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image/[a-z0-9-_]+/(?:(?:([0-9]+|x)\\.([0-9]+|x)\\.([0-9]+|x))|(?:[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+))$',
    }),
    infrastructureConfigurationArn: str('The EC2 Image Builder infrastructure configuration the import runs on.', {
      title: 'Image Builder infrastructure configuration ARN',
      minLength: 1,
      maxLength: 2048,
      pattern: '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):infrastructure-configuration/[a-z0-9-_]+$',
    }),
    computeType: oneOfValues('The compute the image is for (default BASE).', ['BASE', 'GRAPHICS_G4DN', 'GRAPHICS_G6']),
    protocol: oneOfValues('The streaming protocol.', ['PCOIP', 'DCV', 'BYOP']),
    osVersion: oneOfValues('The Windows version.', ['Windows_10', 'Windows_11']),
  }, ['infrastructureConfigurationArn', 'protocol', 'osVersion']),
  updatedFrom: IMAGE_REF,
  id: str('An existing image, only managed (sharing, tags).', { title: 'image id (wsi-…)', pattern: '^wsi-[0-9a-z]{9,63}$' }),
  sharedWith: list('Accounts the image is shared with.', ACCOUNT_ID, { uniqueItems: true }),
  tags: TAGS,
});

const bundle = obj(
  'A custom bundle: an image plus hardware and storage.',
  {
    description: str('Bundle description.', DESCRIPTION),
    image: IMAGE_REF,
    computeType: workspaceFields.computeType,
    rootVolumeGib: workspaceFields.rootVolumeGib,
    userVolumeGib: workspaceFields.userVolumeGib,
    tags: TAGS,
  },
  ['image', 'computeType', 'userVolumeGib'],
);

const connectionAlias = obj('A connection alias (cross-Region redirection), keyed by its connection string.', {
  associate: list('Directories to associate (at most one).', DIRECTORY_REF, { uniqueItems: true }),
  sharedWith: list('Accounts the alias is shared with.', ACCOUNT_ID, { uniqueItems: true }),
  tags: TAGS,
});

const pool = obj(
  'A WorkSpaces Pool (non-persistent desktops).',
  {
    description: str('Pool description.', DESCRIPTION),
    directory: DIRECTORY_REF,
    bundle: BUNDLE_REF,
    capacity: int('Desired concurrent user sessions.', { minimum: 0 }),
    runningMode: oneOfValues('AUTO_STOP or ALWAYS_ON.', ['AUTO_STOP', 'ALWAYS_ON']),
    applicationSettings: obj('Persist application settings.', {
      status: oneOfValues('ENABLED or DISABLED.', ['ENABLED', 'DISABLED']),
      settingsGroup: str('Settings group name.', { title: 'settings group', maxLength: 100, pattern: "^[A-Za-z0-9_./()!*'-]+$" }),
    }, ['status']),
    timeouts: obj('Session timeouts in seconds.', {
      disconnectSeconds: int('Seconds a disconnected session is kept.', { minimum: 60, maximum: 36000 }),
      idleDisconnectSeconds: int('Idle seconds before disconnect.', { minimum: 0, maximum: 36000 }),
      maxUserDurationSeconds: int('Longest session in seconds.', { minimum: 600, maximum: 432000 }),
    }),
    state: oneOfValues('running or stopped; leave out to not manage it.', ['running', 'stopped']),
    tags: TAGS,
  },
  ['description', 'directory', 'bundle', 'capacity'],
);

const CLIENT_EMAIL = str('Support email address shown in the client.', {
  title: 'email address',
  minLength: 6,
  maxLength: 64,
  pattern: '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,4}$',
});
const CLIENT_URL = { title: 'http(s) URL', minLength: 1, maxLength: 200, pattern: HTTP_URL };
const brandingForPlatform = obj('Branding for one client platform. Give supportEmail or supportLink, not both.', {
  supportEmail: CLIENT_EMAIL,
  supportLink: str('Support link shown in the client.', CLIENT_URL),
  forgotPasswordLink: str('Forgot-password link.', CLIENT_URL),
  loginMessage: mapOf('Login message per locale (e.g. en_US).', str('The message.', { maxLength: 2000 }), {
    pattern: '^[a-z]{2}_[A-Z]{2}$',
  }),
  logo: str('Path of a logo image file, relative to the spec.', { minLength: 1 }),
});
const clientBranding = obj('Client branding per platform for one directory.', {
  windows: brandingForPlatform,
  macos: brandingForPlatform,
  android: brandingForPlatform,
  ios: brandingForPlatform,
  linux: brandingForPlatform,
  web: brandingForPlatform,
});

const connectClientAddIn = obj(
  'An Amazon Connect client add-in.',
  {
    directory: DIRECTORY_REF,
    name: str('Add-in name.', { minLength: 1, maxLength: 64 }),
    url: str('Add-in URL.', { title: 'http(s) URL', minLength: 1, maxLength: 1024, pattern: HTTP_URL }),
  },
  ['directory', 'name', 'url'],
);

const application = obj(
  'An application association: give the application and exactly one of workspace, bundle or image.',
  {
    application: str('The application id.', { title: 'application id (wsa-…)', pattern: '^wsa-[0-9a-z]{8,63}$' }),
    workspace: str('A workspace: its id (ws-…) or `directory/user`.', { minLength: 1 }),
    bundle: BUNDLE_REF,
    image: IMAGE_REF,
  },
  ['application'],
);

const policy = obj('What wsr may do to the account.', {
  prune: bool('Delete managed (tagged) resources the spec no longer lists. Default false.'),
  maxDestroy: int('Refuse a plan with more destructive steps than this.', { minimum: 0 }),
  protect: list('Kinds (`image`, `images`) or keys (`image/golden`) that are never destroyed.', str('A kind or key.', { minLength: 1 }), {
    uniqueItems: true,
  }),
  allowDestroy: bool('Allow destructive steps without --allow-destroy. Default false.'),
  gracePeriod: str(
    'Desktops of users no longer in the spec (e.g. removed from a group) are stopped and tagged wsr:removed-at first, and terminated only this long after (e.g. 72h, 7d). Re-adding the user in time keeps the desktop.',
    { title: 'duration like 30m, 72h or 7d', pattern: '^[1-9][0-9]{0,5}[mhd]$' },
  ),
  rollout: obj('How workspaces move onto a bundle’s new image.', {
    mode: oneOfValues('none (never, default) or rebuild.', ['none', 'rebuild']),
    batchSize: int('Desktops per wave. Default 25.', { minimum: 1, maximum: 1000 }),
  }),
  disruption: obj('Steps that interrupt a connected user (stop, reboot, rebuild, restore, migrate, terminate, compute or protocol change, pool stop/update).', {
    whenConnected: oneOfValues('defer (default): the step waits for a later run while the user is connected; proceed: run it anyway.', ['defer', 'proceed']),
    endPoolSessions: bool('With whenConnected: proceed, end a pool’s sessions (TerminateWorkspacesPoolSession) before stopping or updating it. Default false.'),
  }),
  windows: list(
    'Change windows (as Argo CD sync windows) for disruptive and destructive steps: inside an active deny window they wait until it ends; when allow windows exist they run only inside one. Other steps always run. `--ignore-windows` overrides them (logged).',
    obj(
      'One window.',
      {
        kind: oneOfValues('allow or deny.', ['allow', 'deny']),
        schedule: str('When the window opens: five-field cron (minute hour day-of-month month day-of-week) in timeZone, e.g. "0 22 * * 1-5".', { minLength: 9 }),
        duration: str('How long it stays open: hours and/or minutes, e.g. 6h, 90m, 1h30m.', { pattern: '^(?=.)([0-9]+h)?([0-9]+m)?$' }),
        timeZone: str('IANA time zone of the schedule, e.g. Europe/Berlin. Default UTC.', { minLength: 1 }),
        kinds: list('Resource kinds whose steps it governs (default: all).', oneOfValues('A resource kind.', PROTECTABLE_KINDS), { minItems: 1, uniqueItems: true }),
      },
      ['kind', 'schedule', 'duration'],
    ),
  ),
});

export const SPEC_SCHEMA_ID = 'https://wsr.dev/schemas/wsr-v1.schema.json';

export const specSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SPEC_SCHEMA_ID,
  title: 'wsr/v1 Environment',
  ...obj(
    'One environment: one AWS account and Region, reconciled by wsr.',
    {
      apiVersion: { const: 'wsr/v1', description: 'Spec format version: wsr/v1.' },
      kind: { const: 'Environment', description: 'Always Environment.' },
      metadata: obj(
        'Which environment and account this is.',
        {
          name: str('Environment name; everything wsr creates is tagged wsr:env=<name>.', {
            title: 'environment name (letters, digits, _.-)',
            minLength: 1,
            maxLength: 64,
            pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
          }),
          account: ACCOUNT_ID,
          region: REGION,
          roleArn: str('Role to assume (through STS) for this account.', { title: 'IAM role ARN', pattern: '^arn:aws[a-z-]{0,7}:iam::\\d{12}:role/\\S+$' }),
        },
        ['name', 'account', 'region'],
      ),
      policy,
      defaults: obj('Defaults applied under each entry.', {
        workspace: obj('Defaults for every workspace template.', workspaceFields),
      }),
      ipGroups: mapOf('IP access control groups, keyed by group name.', ipGroup, { minLength: 1, maxLength: 255 }),
      directories: mapOf('Directories, keyed by a local name used in references.', directory),
      images: mapOf('Custom images, keyed by image name.', image, IMAGE_NAME),
      bundles: mapOf('Custom bundles, keyed by bundle name.', bundle, IMAGE_NAME),
      workspaces: list('Workspace templates.', workspaceTemplate),
      connectionAliases: mapOf('Connection aliases, keyed by connection string (an FQDN).', connectionAlias, {
        title: 'connection string (FQDN)',
        maxLength: 255,
        pattern: '^[.0-9a-zA-Z-]{1,255}$',
      }),
      pools: mapOf('WorkSpaces Pools, keyed by pool name.', pool, { title: 'pool name', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' }),
      clientBranding: mapOf('Client branding, keyed by directory (local name or id).', clientBranding),
      connectClientAddIns: list('Amazon Connect client add-ins (one per directory).', connectClientAddIn),
      applications: list('Application associations.', application),
      accountLinks: mapOf(
        'Account links, keyed by the other account: invite (this account sends the invitation), accept or reject (its invitation to this account, when it arrives). An invitation from an account not listed here is never accepted.',
        oneOfValues('invite, accept or reject.', ['invite', 'accept', 'reject']),
        { title: '12-digit AWS account id', pattern: '^\\d{12}$' },
      ),
      account: obj('Account-level settings (BYOL).', {
        dedicatedTenancySupport: oneOfValues('ENABLED to allow BYOL (DEDICATED tenancy).', ['ENABLED', 'DISABLED']),
        managementCidrRange: str('The /16 management network range for BYOL.', {
          title: 'a.b.0.0/16 range',
          pattern: '^(\\d|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-5])\\.(\\d|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-5])\\.0\\.0/16$',
        }),
      }),
    },
    ['apiVersion', 'kind', 'metadata'],
  ),
} as const satisfies Schema;
