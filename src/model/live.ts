/**
 * The live model: what the account holds, as read by live/reader.ts through each kind's
 * `read` recipe. `properties` uses the same per-kind shape as the desired model (see
 * desired.ts) with references as `{id}`; server-owned fields are dropped by the kind's
 * normaliser, and what the planner's state rules need is kept in `state`/`details`.
 */
import type { KindName, ResourceKey } from './keys.js';
import type { Tags } from './desired.js';
import { OWNERSHIP_TAG_KEY } from './keys.js';

export interface LiveResource<P = unknown> {
  readonly kind: KindName;
  readonly key: ResourceKey;
  /** The AWS id (`ws-…`, `wsipg-…`, `d-…`); undefined for kinds without one (branding, account). */
  readonly id?: string;
  readonly properties: P;
  /** The resource's API state (`AVAILABLE`, `REGISTERED`, `CREATED`…), if it has one. */
  readonly state?: string;
  /** Kind-specific facts the planner's rules need (e.g. ModificationStates, association lists). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Tags, when they were read (undefined = not read: tags are read only where they matter). */
  readonly tags?: Tags;
  /**
   * Users connected now, when read (undefined = not read: connection status is read only for
   * resources a plan would disrupt). Not part of the fingerprint: it changes by the minute.
   */
  readonly sessions?: readonly UserSession[];
}

/** One connected user (a desktop's user, a pool session). */
export interface UserSession {
  readonly user: string;
  /** ISO time the user connected, when the API says. */
  readonly since?: string;
  /** The pool session id (TerminateWorkspacesPoolSession takes it). */
  readonly sessionId?: string;
}

export interface ReadStats {
  /** API calls the read made, by operation. */
  readonly calls: Readonly<Record<string, number>>;
  readonly ms?: number;
}

export interface LiveState {
  readonly account: string;
  readonly region: string;
  readonly resources: readonly LiveResource[];
  readonly stats: ReadStats;
}

/** True/false when the tags were read; undefined when ownership is unknown. */
export function isOwned(resource: LiveResource, environmentName: string): boolean | undefined {
  if (resource.tags === undefined) return undefined;
  return resource.tags[OWNERSHIP_TAG_KEY] === environmentName;
}
