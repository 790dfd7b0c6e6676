/** The shape of a wsr/v1 spec after schema validation (the YAML's own, friendly field names). */
export type SpecTags = Record<string, string>;

export interface SpecWorkspaceFields {
  directory?: string;
  bundle?: string;
  runningMode?: 'AUTO_STOP' | 'ALWAYS_ON' | 'MANUAL';
  autoStopTimeoutMinutes?: number;
  computeType?: string;
  rootVolumeGib?: number;
  userVolumeGib?: number;
  protocols?: ('PCOIP' | 'WSP')[];
  encryption?: { volumeKey?: string; rootVolume?: boolean; userVolume?: boolean };
  state?: 'running' | 'stopped';
  actions?: { reboot?: string; rebuild?: string; restore?: string };
  maintenance?: boolean;
  standby?: { region: string; directory: string; dataReplication?: 'NO_REPLICATION' | 'PRIMARY_AS_SOURCE'; volumeKey?: string };
  tags?: SpecTags;
}

export type SpecUsers = string[] | { fromGroup: string } | { fromFile: string; column?: string };

export interface SpecWorkspaceTemplate extends SpecWorkspaceFields {
  users: SpecUsers;
  workspaceName?: string;
}

export interface SpecIpGroup {
  description?: string;
  rules?: { cidr: string; description?: string }[];
  tags?: SpecTags;
}

export interface SpecDirectory {
  id: string;
  subnets?: string[];
  enableSelfService?: boolean;
  tenancy?: 'DEDICATED' | 'SHARED';
  ipGroups?: string[];
  selfService?: Record<string, boolean>;
  creationDefaults?: {
    internetAccess?: boolean;
    defaultOu?: string;
    customSecurityGroupId?: string;
    userIsLocalAdmin?: boolean;
    maintenanceMode?: boolean;
    instanceIamRoleArn?: string;
  };
  access?: Record<string, 'ALLOW' | 'DENY'>;
  saml?: { status?: string; userAccessUrl?: string; relayStateParameterName?: string };
  certificateBasedAuth?: { status?: string; certificateAuthorityArn?: string };
  client?: { reconnect?: boolean; logUpload?: boolean };
  streaming?: {
    preferredProtocol?: 'TCP' | 'UDP';
    userSettings?: { action: string; permission: string; maximumLength?: number }[];
    storageConnectors?: { type: string; status: string }[];
  };
  endpointEncryptionMode?: 'STANDARD_TLS' | 'FIPS_VALIDATED';
  ldap?: SpecLdap;
  tags?: SpecTags;
}

export interface SpecLdap {
  url: string | string[];
  baseDn: string;
  bindDn?: string;
  bindPasswordEnv?: string;
  bindPasswordFile?: string;
  userAttribute?: string;
  nested?: 'auto' | 'inChain' | 'walk';
  maxDepth?: number;
  timeoutSeconds?: number;
  caFile?: string;
}

export interface SpecImportCustom {
  ec2ImageId?: string;
  ec2ImportTaskId?: string;
  imageBuildVersionArn?: string;
  infrastructureConfigurationArn: string;
  computeType?: 'BASE' | 'GRAPHICS_G4DN' | 'GRAPHICS_G6';
  protocol: 'PCOIP' | 'DCV' | 'BYOP';
  osVersion: 'Windows_10' | 'Windows_11';
}

export interface SpecImage {
  description?: string;
  fromWorkspace?: string;
  copyFrom?: { imageId: string; region: string };
  importByol?: { ec2ImageId: string; ingestionProcess: string; applications?: string[] };
  importCustom?: SpecImportCustom;
  updatedFrom?: string;
  id?: string;
  sharedWith?: string[];
  tags?: SpecTags;
}

export interface SpecBundle {
  description?: string;
  image: string;
  computeType: string;
  rootVolumeGib?: number;
  userVolumeGib: number;
  tags?: SpecTags;
}

export interface SpecConnectionAlias {
  associate?: string[];
  sharedWith?: string[];
  tags?: SpecTags;
}

export interface SpecPool {
  description: string;
  directory: string;
  bundle: string;
  capacity: number;
  runningMode?: 'AUTO_STOP' | 'ALWAYS_ON';
  applicationSettings?: { status: 'ENABLED' | 'DISABLED'; settingsGroup?: string };
  timeouts?: { disconnectSeconds?: number; idleDisconnectSeconds?: number; maxUserDurationSeconds?: number };
  state?: 'running' | 'stopped';
  tags?: SpecTags;
}

export interface SpecBranding {
  supportEmail?: string;
  supportLink?: string;
  forgotPasswordLink?: string;
  loginMessage?: Record<string, string>;
  logo?: string;
}

export interface SpecConnectClientAddIn {
  directory: string;
  name: string;
  url: string;
}

export interface SpecApplication {
  application: string;
  workspace?: string;
  bundle?: string;
  image?: string;
}

export interface SpecPolicy {
  prune?: boolean;
  maxDestroy?: number;
  protect?: string[];
  allowDestroy?: boolean;
  gracePeriod?: string;
  rollout?: { mode?: 'none' | 'rebuild'; batchSize?: number };
  disruption?: { whenConnected?: 'defer' | 'proceed'; endPoolSessions?: boolean };
  windows?: { kind: 'allow' | 'deny'; schedule: string; duration: string; timeZone?: string; kinds?: string[] }[];
}

export interface SpecDocument {
  apiVersion: 'wsr/v1';
  kind: 'Environment';
  metadata: { name: string; account: string; region: string; roleArn?: string };
  policy?: SpecPolicy;
  defaults?: { workspace?: SpecWorkspaceFields };
  ipGroups?: Record<string, SpecIpGroup>;
  directories?: Record<string, SpecDirectory>;
  images?: Record<string, SpecImage>;
  bundles?: Record<string, SpecBundle>;
  workspaces?: SpecWorkspaceTemplate[];
  connectionAliases?: Record<string, SpecConnectionAlias>;
  pools?: Record<string, SpecPool>;
  clientBranding?: Record<string, Record<string, SpecBranding>>;
  connectClientAddIns?: SpecConnectClientAddIn[];
  applications?: SpecApplication[];
  accountLinks?: Record<string, 'invite' | 'accept' | 'reject'>;
  account?: { dedicatedTenancySupport?: 'ENABLED' | 'DISABLED'; managementCidrRange?: string };
}
