/**
 * The emulated account: one Map per resource family, plus the workspace indexes and the queue of
 * scheduled transitions. Everything in it is plain JSON so it snapshots to the state file as is.
 * Transitions are settled lazily (`settle(now)` at the start of each call), never by timers.
 */
import { DURATION } from './clock.js';
import { SeqIndex } from './seq-index.js';
import type { Catalogue, ResolvedDirectory, ResolvedScope } from './seed.js';

export type Json = Record<string, any>;
/** A resource: `data` is what the API returns for it; other fields are the emulator's own. */
export interface Rec {
  seq: number;
  data: Json;
  [internal: string]: any;
}

export const FAMILIES = [
  'workspaces',
  'directories',
  'ipGroups',
  'images',
  'bundles',
  'aliases',
  'pools',
  'poolSessions',
  'addIns',
  'branding',
  'associations',
  'accountLinks',
  'accountModifications',
  'tags',
] as const;
export type Family = (typeof FAMILIES)[number];

/** A state change due at `at` (epoch seconds): set `data.State` to `to`, or remove the resource when `to` is null. */
export interface Transition {
  at: number;
  family: Family;
  id: string;
  to: string | null;
  clearModifications?: boolean;
}

export interface Quotas {
  workspaces: number;
  bundles: number;
  aliases: number;
  directories: number;
  images: number;
  ipGroups: number;
  ipGroupsPerDirectory: number;
  rulesPerIpGroup: number;
  tagsPerResource: number;
  pools: number;
}
export const DEFAULT_QUOTAS: Quotas = {
  workspaces: 100_000,
  bundles: 50,
  aliases: 20,
  directories: 50,
  images: 40,
  ipGroups: 100,
  ipGroupsPerDirectory: 25,
  rulesPerIpGroup: 10,
  tagsPerResource: 50,
  pools: 50,
};

export interface Snapshot {
  version: 1;
  account: string;
  region: string;
  seq: number;
  clockOffset: number;
  accountSettings: Json;
  /** bundle name → epoch seconds until which it cannot be reused (absent in older state files) */
  deletedBundleNames?: [string, number][];
  families: Record<Family, [string, Rec][]>;
  transitions: Transition[];
  /** The other (account, Region) scopes of a multi-account emulator, same shape (absent: one scope). */
  otherScopes?: Snapshot[];
  /** Connection strings ever used → the account they stay reserved to. */
  connectionStrings?: [string, string][];
}

export class Store {
  readonly maps: Record<Family, Map<string, Rec>>;
  readonly account: string;
  readonly region: string;
  /** Directory Service directories (`d-…`) of this account and Region that can be registered. */
  readonly dsDirectories: Map<string, ResolvedDirectory>;
  readonly ec2ImageIds: Set<string>;
  accountSettings: Json;
  /** Virtual epoch seconds (the emulator's clock). */
  now: () => number = () => Date.now() / 1000;
  /** Virtual seconds before a tag change shows in GetResources (0 = at once). */
  tagPropagationSeconds = 0;
  /** Virtual seconds from a WorkSpace's first AVAILABLE to its first snapshot (0 = at once). */
  firstSnapshotSeconds = 0;
  /** Virtual seconds between a healthy WorkSpace's snapshots (0 = only the first). */
  snapshotIntervalSeconds = 0;
  /** Names of deleted bundles → until when (virtual epoch seconds) they stay reserved. */
  readonly deletedBundleNames = new Map<string, number>();
  seq = 0;
  private readonly allWorkspaces = new SeqIndex();
  private readonly workspacesByDirectory = new Map<string, SeqIndex>();
  private readonly workspaceByUser = new Map<string, string>();
  private readonly pending = new Map<string, Transition>();
  private readonly heap: Transition[] = [];

  /**
   * One account in one Region. `catalogue` is the public data (Amazon bundles and images,
   * applications) every scope shares.
   */
  constructor(
    readonly scope: ResolvedScope,
    readonly catalogue: Catalogue,
    readonly quotas: Quotas = DEFAULT_QUOTAS,
  ) {
    this.account = scope.account;
    this.region = scope.region;
    this.dsDirectories = new Map(scope.directories.filter((d) => d.id.startsWith('d-')).map((d) => [d.id, d]));
    this.ec2ImageIds = new Set(scope.ec2ImageIds);
    this.maps = Object.fromEntries(FAMILIES.map((f) => [f, new Map()])) as Record<Family, Map<string, Rec>>;
    this.accountSettings = { DedicatedTenancySupport: 'DISABLED', DedicatedTenancyAccountType: 'SOURCE_ACCOUNT' };
  }

  nextSeq(): number {
    return ++this.seq;
  }

  // ---- workspaces (indexed: by directory for paging, by user for the one-per-user rule)

  addWorkspace(rec: Rec): void {
    this.maps.workspaces.set(rec.data.WorkspaceId, rec);
    this.indexWorkspace(rec);
  }

  removeWorkspace(id: string): void {
    const rec = this.maps.workspaces.get(id);
    if (!rec) return;
    this.maps.workspaces.delete(id);
    this.allWorkspaces.remove(rec.seq);
    this.workspacesByDirectory.get(rec.data.DirectoryId)?.remove(rec.seq);
    const userKey = workspaceUserKey(rec.data.DirectoryId, rec.data.UserName);
    if (this.workspaceByUser.get(userKey) === id) this.workspaceByUser.delete(userKey);
    this.maps.tags.delete(id);
    this.pending.delete(transitionKey('workspaces', id));
  }

  workspaceOfUser(directoryId: string, userName: string): string | undefined {
    return this.workspaceByUser.get(workspaceUserKey(directoryId, userName));
  }

  workspaceCountIn(directoryId: string): number {
    return this.workspacesByDirectory.get(directoryId)?.size ?? 0;
  }

  /** Workspace ids in creation order after `afterSeq`, optionally one directory only. */
  workspaceIdsAfter(afterSeq: number, directoryId?: string): Iterable<string> {
    if (directoryId === undefined) return this.allWorkspaces.after(afterSeq);
    return this.workspacesByDirectory.get(directoryId)?.after(afterSeq) ?? [];
  }

  private indexWorkspace(rec: Rec): void {
    this.allWorkspaces.add(rec.seq, rec.data.WorkspaceId);
    let byDirectory = this.workspacesByDirectory.get(rec.data.DirectoryId);
    if (!byDirectory) {
      byDirectory = new SeqIndex();
      this.workspacesByDirectory.set(rec.data.DirectoryId, byDirectory);
    }
    byDirectory.add(rec.seq, rec.data.WorkspaceId);
    if (rec.data.UserName) this.workspaceByUser.set(workspaceUserKey(rec.data.DirectoryId, rec.data.UserName), rec.data.WorkspaceId);
  }

  // ---- generic removal (tags and pending transitions go with the resource)

  remove(family: Family, id: string): void {
    if (family === 'workspaces') return this.removeWorkspace(id);
    this.maps[family].delete(id);
    this.maps.tags.delete(id);
    this.pending.delete(transitionKey(family, id));
  }

  // ---- transitions

  /** Schedule `family/id` to reach `to` after a realistic `seconds` (replaces any pending one). */
  schedule(transition: Transition): void {
    this.pending.set(transitionKey(transition.family, transition.id), transition);
    heapPush(this.heap, transition);
  }

  /** Drops the pending transition of `family/id`, if any (its heap entry is skipped when due). */
  cancel(family: Family, id: string): void {
    this.pending.delete(transitionKey(family, id));
  }

  hasPending(family: Family, id: string): boolean {
    return this.pending.has(transitionKey(family, id));
  }

  /** Apply every transition due by `now`. Cost: O(due · log n). */
  settle(now: number): void {
    while (this.heap.length > 0 && this.heap[0].at <= now) {
      const transition = heapPop(this.heap) as Transition;
      const key = transitionKey(transition.family, transition.id);
      if (this.pending.get(key) !== transition) continue; // superseded or resource gone
      this.pending.delete(key);
      this.apply(transition);
    }
  }

  private apply(transition: Transition): void {
    const rec = this.maps[transition.family].get(transition.id);
    if (!rec) return;
    if (transition.to === null) return this.remove(transition.family, transition.id);
    if (transition.family === 'accountModifications') return this.completeAccountModification(rec, transition.to);
    rec.data.State = transition.to;
    if (transition.clearModifications) delete rec.data.ModificationStates;
    // AWS takes the first snapshot ~30 min after a WorkSpace is first available, then every 12 h (latestSnapshotTime)
    if (transition.family === 'workspaces' && transition.to === 'AVAILABLE' && rec.snapshotAt === undefined)
      rec.snapshotAt = transition.at + this.firstSnapshotSeconds;
  }

  /**
   * The time of a WorkSpace's latest snapshot at `now` (virtual epoch seconds), undefined before its
   * first one: taken `firstSnapshotSeconds` after it was first AVAILABLE, then every
   * `snapshotIntervalSeconds` (reference notes: "taken ~30 min after creation, then every 12 h while healthy").
   */
  latestSnapshotTime(rec: Rec, now: number = this.now()): number | undefined {
    const first = rec.snapshotAt;
    if (first === undefined || now < first) return undefined;
    if (this.snapshotIntervalSeconds <= 0) return first;
    return first + Math.floor((now - first) / this.snapshotIntervalSeconds) * this.snapshotIntervalSeconds;
  }

  /** A ModifyAccount takes effect when its modification completes. */
  private completeAccountModification(rec: Rec, state: string): void {
    rec.data.ModificationState = state;
    if (state !== 'COMPLETED') return;
    this.accountSettings.DedicatedTenancySupport = rec.data.DedicatedTenancySupport;
    if (rec.data.DedicatedTenancyManagementCidrRange) this.accountSettings.DedicatedTenancyManagementCidrRange = rec.data.DedicatedTenancyManagementCidrRange;
  }

  // ---- tags

  tagsOf(resourceId: string): Json[] {
    return this.maps.tags.get(resourceId)?.data.TagList ?? [];
  }

  setTags(resourceId: string, tags: Json[]): void {
    const lag = this.tagPropagationSeconds;
    if (lag <= 0) {
      if (tags.length === 0) this.maps.tags.delete(resourceId);
      else this.maps.tags.set(resourceId, { seq: 0, data: { TagList: tags } });
      return;
    }
    // the Resource Groups Tagging API is eventually consistent: it keeps showing what it showed before
    const now = this.now();
    this.maps.tags.set(resourceId, { seq: 0, data: { TagList: tags }, changedAt: now, previous: this.taggingViewOf(resourceId, now) });
  }

  /** What GetResources shows of a resource's tags at `now`: a change shows only after the propagation delay. */
  taggingViewOf(resourceId: string, now: number): Json[] {
    const rec = this.maps.tags.get(resourceId);
    if (!rec) return [];
    if (rec.changedAt === undefined || now >= rec.changedAt + this.tagPropagationSeconds) return rec.data.TagList ?? [];
    return rec.previous ?? [];
  }

  // ---- snapshot / restore

  snapshot(clockOffset: number): Snapshot {
    const families = Object.fromEntries(FAMILIES.map((f) => [f, [...this.maps[f].entries()]])) as Record<Family, [string, Rec][]>;
    return {
      version: 1,
      account: this.account,
      region: this.region,
      seq: this.seq,
      clockOffset,
      accountSettings: this.accountSettings,
      deletedBundleNames: [...this.deletedBundleNames],
      families,
      transitions: [...this.pending.values()],
    };
  }

  restore(snapshot: Snapshot): void {
    this.seq = snapshot.seq;
    this.accountSettings = snapshot.accountSettings;
    for (const [name, until] of snapshot.deletedBundleNames ?? []) this.deletedBundleNames.set(name, until);
    for (const family of FAMILIES) {
      for (const [id, rec] of snapshot.families[family] ?? []) {
        if (family === 'workspaces') this.addWorkspace(rec);
        else this.maps[family].set(id, rec);
      }
    }
    for (const transition of snapshot.transitions) this.schedule(transition);
  }
}

export const workspaceUserKey = (directoryId: string, userName: string): string => `${directoryId}/${userName.toLowerCase()}`;
const transitionKey = (family: Family, id: string): string => `${family}/${id}`;

export { DURATION };

// A binary min-heap on `at`: scheduling and settling stay O(log n) for 10,000+ pending transitions.
function heapPush(heap: Transition[], item: Transition): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent].at <= heap[i].at) break;
    [heap[parent], heap[i]] = [heap[i], heap[parent]];
    i = parent;
  }
}

function heapPop(heap: Transition[]): Transition | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length === 0 || !last) return top;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && heap[left].at < heap[smallest].at) smallest = left;
    if (right < heap.length && heap[right].at < heap[smallest].at) smallest = right;
    if (smallest === i) return top;
    [heap[smallest], heap[i]] = [heap[i], heap[smallest]];
    i = smallest;
  }
}
