/**
 * What a desired (and a live) workspace holds: the kind's properties, here with the kind that reads,
 * diffs, plans and exports them. Live resources use the same shape, so diffing compares like with like.
 */
import type { WorkspaceProperties } from '@aws-sdk/client-workspaces';
import type { ResourceRef } from '../../model/desired.js';

export type RunningState = 'running' | 'stopped';

/** One-shot desktop actions, run once per request token. */
export const ONE_SHOT_ACTIONS = ['restore', 'rebuild', 'reboot'] as const;

export type OneShotAction = (typeof ONE_SHOT_ACTIONS)[number];

/** Request tokens by action; after the action succeeds the token is recorded as the tag `wsr:<action>`. */
export type OneShotRequests = Readonly<Partial<Record<OneShotAction, string>>>;

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
  /** `wsr:group` tag value when the user comes from a directory group. */
  readonly group?: string;
  /** One-shot actions with their request tokens (`actions: {rebuild: "2026-12-01-broken-profile"}`). */
  readonly actions?: OneShotRequests;
  /** true: ADMIN_MAINTENANCE, false: AVAILABLE (ModifyWorkspaceState); undefined = don't manage. */
  readonly maintenance?: boolean;
  /** A standby desktop in another Region (CreateStandbyWorkspaces there); created, never removed. */
  readonly standby?: StandbyDesktop;
}

export interface StandbyDesktop {
  /** The standby's Region (never the environment's own). */
  readonly region: string;
  /** The directory registered in that Region. */
  readonly directoryId: string;
  readonly dataReplication?: 'NO_REPLICATION' | 'PRIMARY_AS_SOURCE';
  readonly volumeEncryptionKey?: string;
}
