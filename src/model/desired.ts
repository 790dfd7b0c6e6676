/**
 * The desired model: what the spec asks for, normalised (defaults applied, references
 * resolved to keys or AWS ids). Pure data; produced by spec/to-desired.ts (each kind's spec.ts), consumed by diff/.
 *
 * Property sets that map 1:1 onto an API structure keep the API's member names
 * (e.g. `SelfservicePermissions`), so the diff can compare desired and live without
 * a translation table and the planner can pass them straight into the Modify* call.
 * Only the members the spec sets are present: an absent member means "don't care".
 */
import type { PropertiesByKind } from './kind-properties.js';
import type { SourceLocation } from './source-location.js';
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

/**
 * Opt-in repair of desktops the spec wants running that are unhealthy (policy.repair): a reboot
 * for UNHEALTHY, a restore or a rebuild for ERROR. Absent: only a warning and a count, never a repair.
 */
export interface RepairPolicy {
  readonly unhealthy?: 'reboot';
  readonly error?: 'restore' | 'rebuild';
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
  /** @default undefined (unhealthy desktops are reported, never repaired) */
  readonly repair?: RepairPolicy;
  /** @default DEFAULT_DISRUPTION (defer, keep pool sessions) */
  readonly disruption?: DisruptionPolicy;
  /** Change windows for disruptive and destructive steps. @default none (always open) */
  readonly windows?: readonly ChangeWindow[];
  /**
   * Desktops of users no longer in the spec are stopped and tagged first, terminated only this
   * many seconds later (the time is on the desktop's `wsr:removed-at` tag). @default undefined (at once)
   */
  readonly gracePeriodSeconds?: number;
}

/** One change window (policy.windows): a cron start, a duration, a time zone, allow or deny. */
export interface ChangeWindow {
  readonly kind: 'allow' | 'deny';
  /** Five-field cron, evaluated in `timeZone`, e.g. `0 22 * * 1-5`. */
  readonly schedule: string;
  readonly durationMinutes: number;
  /** IANA zone. @default 'UTC' */
  readonly timeZone: string;
  /** Resource kinds whose disruptive steps it governs. @default undefined (all) */
  readonly kinds?: readonly KindName[];
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
  /** Where the resource came from, for people: `workspaces[0]`, `workspaces[0] ← group CN=Dev,…`. */
  readonly origin?: string;
  /** One-shot actions asked for on the command line for this run (`apply --rebuild KEY`), without a token. */
  readonly requestedActions?: readonly string[];
  /**
   * Where individual fields were written (`workspaceProperties.RootVolumeSizeGib` → its line in the
   * template or in defaults), so a plan-time error names the line to change.
   */
  readonly fieldSources?: Readonly<Record<string, SourceLocation>>;
}

export interface DesiredState {
  readonly environment: EnvironmentMeta;
  readonly policy: Policy;
  /** Every desired resource, in spec order; keys are unique. */
  readonly resources: readonly DesiredResource[];
  /**
   * Workspace templates whose users come from a directory group or a file: read at plan time
   * (engine/resolve-user-sources.ts), then expanded into workspace resources
   * (kinds/workspace/expand-user-sources.ts). Absent once resolved.
   */
  readonly pendingUsers?: readonly UserSourceTemplate[];
  /** The groups resolved for this plan, with their member counts (safety gate, metrics). */
  readonly userGroups?: readonly UserGroupCount[];
}

/** How wsr reads a directory's users and groups over LDAP. */
export interface LdapSettings {
  /** ldap:// or ldaps:// URLs of the domain controllers, tried in order. */
  readonly urls: readonly string[];
  /** Where users and groups are searched. */
  readonly baseDn: string;
  /** Account wsr binds as; anonymous bind when absent. */
  readonly bindDn?: string;
  /** Where the bind password is: an environment variable or a file (never the spec). */
  readonly bindPassword?: { readonly env?: string; readonly file?: string };
  /** Attribute that holds the WorkSpaces user name. @default 'sAMAccountName' */
  readonly userAttribute: string;
  /** How nested groups are followed. @default 'auto' (AD's in-chain rule when the server is AD, else a walk) */
  readonly nested: 'auto' | 'inChain' | 'walk';
  /** Deepest group nesting the walk follows. @default 16 */
  readonly maxDepth: number;
  /** Per connection and per operation. @default 10 */
  readonly timeoutSeconds: number;
  /** PEM file of the CA that signed the domain controllers' certificates (ldaps), relative paths resolved by the loader. */
  readonly caFile?: string;
}

export type UserSource =
  | {
      readonly type: 'group';
      /** The group as written: a DN or a group name. */
      readonly group: string;
      /** The value of the desktops' `wsr:group` tag (tag-safe form of `group`). */
      readonly tag: string;
      readonly ldap: LdapSettings;
      /** Directory local name, for messages. */
      readonly directoryName: string;
    }
  | {
      readonly type: 'file';
      /** As written in the spec (relative to it). */
      readonly file: string;
      /** CSV column; absent = one user per line. */
      readonly column?: string;
    };

/** A workspace template whose users are read at plan time: everything but the user names. */
export interface UserSourceTemplate {
  readonly source: UserSource;
  /** Index of the template under `workspaces`. */
  readonly template: number;
  /** Workspace properties without `userName`. */
  readonly properties: Omit<PropertiesByKind['workspace'], 'userName'>;
  readonly tags: Tags;
  readonly declaresTags: boolean;
  /** Where `users` is written. */
  readonly location?: SourceLocation;
}

export interface UserGroupCount {
  readonly group: string;
  readonly tag: string;
  readonly template: number;
  /** Enabled members (nested included) after this read. */
  readonly members: number;
}
