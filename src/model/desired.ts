/**
 * The desired model: what the spec asks for, normalised (defaults applied, references
 * resolved to keys or AWS ids). Pure data; produced by spec/to-desired.ts, consumed by diff/.
 *
 * Property sets that map 1:1 onto an API structure keep the API's member names
 * (e.g. `SelfservicePermissions`), so the diff can compare desired and live without
 * a translation table and the planner can pass them straight into the Modify* call.
 * Only the members the spec sets are present: an absent member means "don't care".
 */
import type {
  CertificateBasedAuthProperties,
  ClientProperties,
  SamlProperties,
  SelfservicePermissions,
  StreamingProperties,
  WorkspaceAccessProperties,
  WorkspaceCreationProperties,
  WorkspaceProperties,
  Capacity,
  ApplicationSettingsRequest,
  TimeoutSettings,
} from '@aws-sdk/client-workspaces';
import type { SourceLocation } from '../errors.js';
import type { KindName, ResourceKey } from './keys.js';

/** A reference to another resource: either one the spec declares (by key) or an existing AWS id. */
export type ResourceRef = { readonly key: ResourceKey } | { readonly id: string };

export type Tags = Readonly<Record<string, string>>;

export interface EnvironmentMeta {
  /** Ownership tag value: everything wsr creates carries `wsr:env=<name>`. */
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly roleArn?: string;
}

export interface RolloutPolicy {
  /** How workspaces are rolled onto a bundle's new image: never by default. */
  readonly mode: 'none' | 'rebuild';
  /** Desktops per wave. @default 25 */
  readonly batchSize: number;
}

/** What a step that interrupts a connected user does (policy.disruption). */
export const WHEN_CONNECTED = ['defer', 'proceed'] as const;
export type WhenConnected = (typeof WHEN_CONNECTED)[number];

export interface DisruptionPolicy {
  /** A step that would interrupt a connected user waits for a later run, or runs anyway. @default 'defer' */
  readonly whenConnected: WhenConnected;
  /** With `proceed`, end a pool's sessions (TerminateWorkspacesPoolSession) before a step that stops it. @default false */
  readonly endPoolSessions: boolean;
}

export interface Policy {
  /** Delete managed (tagged) resources that the spec no longer lists. @default false */
  readonly prune: boolean;
  /** Refuse a plan with more destructive steps than this. @default undefined (no cap) */
  readonly maxDestroy?: number;
  /** Kinds (`images`, `image`) or keys (`image/golden`) never destroyed. */
  readonly protect: readonly string[];
  /** Destructive steps allowed without --allow-destroy. @default false */
  readonly allowDestroy: boolean;
  readonly rollout: RolloutPolicy;
  /** @default DEFAULT_DISRUPTION (defer, keep pool sessions) */
  readonly disruption?: DisruptionPolicy;
}

export const DEFAULT_DISRUPTION: DisruptionPolicy = { whenConnected: 'defer', endPoolSessions: false };

export interface DesiredResource<P = unknown> {
  readonly kind: KindName;
  readonly key: ResourceKey;
  readonly properties: P;
  /** Tags the spec declares (without the ownership tag, which the planner adds). */
  readonly tags: Tags;
  /** True when the spec declared tags for this resource (so live tags must be read). */
  readonly declaresTags: boolean;
  /** Where in the spec this resource was declared. */
  readonly source?: SourceLocation;
}

export interface DesiredState {
  readonly environment: EnvironmentMeta;
  readonly policy: Policy;
  /** Every desired resource, in spec order; keys are unique. */
  readonly resources: readonly DesiredResource[];
}

// ---------------------------------------------------------------------------
// Per-kind properties. Live resources use the same shapes (see live.ts), so diffing is
// a comparison of like with like.

export interface IpRule {
  readonly cidr: string;
  readonly description?: string;
}

export interface IpGroupProperties {
  readonly name: string;
  readonly description?: string;
  readonly rules: readonly IpRule[];
}

export interface DirectoryProperties {
  readonly directoryId: string;
  /** RegisterWorkspaceDirectory parameters (immutable after registration except via re-register). */
  readonly subnetIds?: readonly string[];
  readonly enableSelfService?: boolean;
  readonly tenancy?: 'DEDICATED' | 'SHARED';
  /** IP groups to associate (refs to ipGroup keys or wsipg- ids); undefined = don't manage. */
  readonly ipGroups?: readonly ResourceRef[];
  readonly selfservicePermissions?: SelfservicePermissions;
  readonly workspaceCreationProperties?: WorkspaceCreationProperties;
  readonly workspaceAccessProperties?: WorkspaceAccessProperties;
  readonly samlProperties?: SamlProperties;
  readonly certificateBasedAuthProperties?: CertificateBasedAuthProperties;
  readonly clientProperties?: ClientProperties;
  readonly streamingProperties?: StreamingProperties;
  readonly endpointEncryptionMode?: 'STANDARD_TLS' | 'FIPS_VALIDATED';
}

export type ImageSource =
  | { readonly type: 'fromWorkspace'; readonly workspace: ResourceRef }
  | { readonly type: 'copyFrom'; readonly sourceImageId: string; readonly sourceRegion: string }
  | {
      readonly type: 'importByol';
      readonly ec2ImageId: string;
      readonly ingestionProcess: string;
      readonly applications?: readonly string[];
    }
  | { readonly type: 'updatedFrom'; readonly image: ResourceRef }
  /** An image that exists already and is only managed (sharing, tags). */
  | { readonly type: 'existing'; readonly imageId: string };

export interface ImageProperties {
  readonly name: string;
  readonly description?: string;
  readonly source: ImageSource;
  /** Accounts the image is shared with (UpdateWorkspaceImagePermission). */
  readonly sharedWith: readonly string[];
}

export interface BundleProperties {
  readonly name: string;
  readonly description?: string;
  readonly image: ResourceRef;
  readonly computeType: string;
  readonly rootVolumeGib?: number;
  readonly userVolumeGib: number;
}

export type RunningState = 'running' | 'stopped';

export interface WorkspaceDesiredProperties {
  readonly directoryId: string;
  readonly userName: string;
  readonly workspaceName?: string;
  readonly bundle: ResourceRef;
  /** The modifiable properties, API member names (RunningMode, ComputeTypeName, …). */
  readonly workspaceProperties: WorkspaceProperties;
  readonly volumeEncryptionKey?: string;
  readonly userVolumeEncryptionEnabled?: boolean;
  readonly rootVolumeEncryptionEnabled?: boolean;
  /** Desired power state; undefined = don't manage. */
  readonly runningState?: RunningState;
}

export interface ConnectionAliasProperties {
  readonly connectionString: string;
  /** Directories to associate with (at most one per Region). */
  readonly associate: readonly ResourceRef[];
  readonly sharedWith: readonly string[];
}

export interface PoolProperties {
  readonly name: string;
  readonly description: string;
  readonly bundle: ResourceRef;
  readonly directory: ResourceRef;
  readonly capacity: Capacity;
  readonly runningMode?: 'AUTO_STOP' | 'ALWAYS_ON';
  readonly applicationSettings?: ApplicationSettingsRequest;
  readonly timeoutSettings?: TimeoutSettings;
  readonly desiredState?: 'running' | 'stopped';
}

export interface ClientBrandingProperties {
  readonly directoryId: string;
  /** DeviceTypeWindows | DeviceTypeOsx | DeviceTypeAndroid | DeviceTypeIos | DeviceTypeLinux | DeviceTypeWeb */
  readonly platform: string;
  readonly supportEmail?: string;
  readonly supportLink?: string;
  readonly forgotPasswordLink?: string;
  readonly loginMessage?: Readonly<Record<string, string>>;
  /** Path of a logo file, relative to the spec; the executor reads it (never logged). */
  readonly logoFile?: string;
  /** sha256 of the logo file, so a logo change shows in the diff. */
  readonly logoSha256?: string;
}

export interface ConnectClientAddInProperties {
  readonly directoryId: string;
  readonly name: string;
  readonly url: string;
}

export interface ApplicationAssociationProperties {
  /** The workspace, bundle or image the application is associated with. */
  readonly target: ResourceRef;
  readonly targetType: 'workspace' | 'bundle' | 'image';
  readonly applicationId: string;
}

export interface AccountProperties {
  readonly accountId: string;
  readonly dedicatedTenancySupport?: 'ENABLED' | 'DISABLED';
  readonly dedicatedTenancyManagementCidrRange?: string;
}
