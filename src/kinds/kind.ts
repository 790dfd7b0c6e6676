/**
 * Everything the WorkSpaces API says about one resource kind lives in `kinds/<kind>/`
 * and is exposed through one KindDefinition. The stages (`live/`, `diff/`, `plan/`,
 * `apply/`) are generic and look kinds up in the registry (kinds/index.ts); there is no
 * `switch (kind)` anywhere else.
 */
import type { Change } from '../model/change.js';
import type { DesiredResource, DesiredState } from '../model/desired.js';
import type { KindName, ResourceKey } from '../model/keys.js';
import type { LiveResource, UserSession } from '../model/live.js';
import type { PlanStep } from '../model/plan-step.js';
import type { ApiPort } from '../model/api-port.js';
import type { OperationName } from '../model/api-operations.js';
import type { KindSpec } from './kind-spec.js';

export type { ApiPort } from '../model/api-port.js';

export interface ReadContext {
  readonly port: ApiPort;
  readonly desired: DesiredState;
  /** Resources already read, for kinds read after their parents (workspaces per directory). */
  readonly readSoFar: readonly LiveResource[];
}

export interface DiffContext {
  readonly environmentName: string;
  /** AWS id of a key, from live state, when it exists. */
  idOf(key: ResourceKey): string | undefined;
  /** The live resource with this AWS id, if any (for references given by id). */
  liveById(id: string): LiveResource | undefined;
  /** The desired resource with this key, if the spec declares it (a bundle created in this plan). */
  desiredOf?(key: ResourceKey): DesiredResource | undefined;
  /** Live resources that reference the given AWS id (the desktops on a bundle), when the diff has them. */
  referrersOf?(id: string): readonly LiveResource[];
  /** The spec's policy, when the diff has it (a bundle's rollout progress depends on policy.rollout). */
  readonly policy?: DesiredState['policy'];
}

export interface PlanContext extends DiffContext {
  /** Step ids (in this plan) that create, or must finish before using, the given key. */
  stepsFor(key: ResourceKey): readonly string[];
  readonly desired: DesiredState;
  /** The desired resource with this key, if the spec declares it. */
  desiredOf(key: ResourceKey): DesiredResource | undefined;
  /** The change planned for this key, if any (noop changes are absent). */
  changeOf(key: ResourceKey): Change | undefined;
  /** Live resources that reference the given AWS id (directories holding an IP group…). */
  referrersOf(id: string): readonly LiveResource[];
  /** The plan's time (ISO), for rules that count time (policy.gracePeriod). */
  readonly now: string;
  /** The account and Region planned for (from the live read), for ARNs. */
  readonly account: string;
  readonly region: string;
  /** The plan removes everything (`plan --destroy`): no grace period. */
  readonly destroy: boolean;
  /**
   * The plan's policy.disruption.whenConnected (`--when-connected` over the spec's): with `defer`, a
   * rollout puts idle desktops in its first waves, so a connected user holds no one else's.
   * @default 'defer'
   */
  readonly whenConnected?: 'defer' | 'proceed';
}

/** How the executor polls for state: one Describe call for up to `max` ids at a time. */
export interface WaiterRecipe {
  readonly operation: OperationName;
  /** Input member taking the id list, e.g. `WorkspaceIds`. */
  readonly idsMember: string;
  readonly max: number;
  /** Output member with the list, e.g. `Workspaces`. */
  readonly listMember: string;
  readonly idField: string;
  readonly stateField: string;
  /**
   * For a Describe that answers about the account rather than listed ids (DescribeAccountModifications):
   * called without ids, the state every waited id has is read from the whole output.
   */
  readonly stateOf?: (output: Readonly<Record<string, any>>) => string | undefined;
  /**
   * For a Describe that takes one id (a string in `idsMember`, so `max` 1) and answers with that
   * resource's fields at the top level (DescribeCustomWorkspaceImageImport {ImageId} → {ImageId, State}).
   */
  readonly oneId?: boolean;
}

export interface SuspiciousRead {
  readonly warning: string;
  /** Why a held step is blocked. @default 'suspicious: directory read empty (use --allow-destroy if it really is)' */
  readonly reason?: string;
  /** A key matches when equal to a prefix or below it (`prefix/…`). */
  readonly keyPrefixes: readonly ResourceKey[];
}

/**
 * Who is using a resource, read only for the resources a plan would disrupt (a connection status
 * costs a call per 25 desktops; reading it for a whole fleet on every plan would waste the budget).
 */
export interface SessionRecipe<P = unknown> {
  /** Steps (of this kind) that interrupt whoever is connected: stop, reboot, rebuild, migrate… */
  disrupts(step: PlanStep): boolean;
  /** The users connected to each of these live resources now, by AWS id (absent = nobody). */
  read(resources: readonly LiveResource<P>[], port: ApiPort): Promise<Map<string, UserSession[]>>;
  /** Steps that end the sessions before `step` runs (pools with policy.disruption.endPoolSessions). */
  endSessionSteps?(live: LiveResource<P>, step: PlanStep): PlanStep[];
}

/**
 * A fact read only for the resources a plan would act on in a given way (the restore snapshot of
 * a desktop about to be restored): the plan is made, these are read for the steps that want
 * them, and the plan is made again with them in `details[member]`.
 */
export interface DetailRead<P = unknown> {
  readonly member: string;
  wants(step: PlanStep): boolean;
  /** The value of `details[member]` for each resource, by AWS id. */
  read(resources: readonly LiveResource<P>[], port: ApiPort): Promise<Map<string, unknown>>;
}

/**
 * How the Resource Groups Tagging API names this kind: the ARN resource type
 * (`arn:…:workspaces:<region>:<account>:<resourceType>/<id>`, filter `workspaces:<resourceType>`)
 * and the plain-id prefixes that carry it.
 */
export interface TaggingType {
  readonly resourceType: string;
  readonly idPrefixes: readonly string[];
}

/**
 * How the items of this kind's batch calls are told apart, so one answer (`FailedRequests`,
 * `PendingRequests`) splits back to the steps that sent them.
 */
export interface BatchItemIdentity {
  /** The identity of a request item or an answer item; undefined when the item is not of this kind. */
  identityOf(item: unknown): string | undefined;
  /** Every identity an answer item can be matched by (a pending create carries its new id and its request's). */
  answerIdentities(answer: unknown): readonly string[];
  /** The member of a refused item (`FailedRequests[n]`) that holds the request it refuses, if any (its ids are audited). */
  readonly requestMember?: string;
}

/**
 * A create whose answer was lost (a 5xx after AWS made the resource) or that AWS refuses because
 * the resource exists (an earlier, interrupted attempt of ours): the executor re-reads and adopts
 * what it finds instead of creating twice or failing the step.
 */
export interface CreateRecovery {
  /** The create operation this recovery applies to. */
  readonly operation: OperationName;
  /** The code AWS refuses such a create with: a batch item's `ErrorCode`, or the error's name for a single call. */
  readonly existsCode: string;
  /** The read that finds what `request` (a batch item, or a single call's input) made; undefined when no read can. */
  findRead(request: Readonly<Record<string, unknown>>): { readonly operation: OperationName; readonly input: Record<string, unknown> } | undefined;
  /** The usable resource (not on its way out) that `request` made, in that read's answer. */
  pick(request: Readonly<Record<string, unknown>>, output: Readonly<Record<string, any>>): Record<string, any> | undefined;
  /** The AWS id of a picked resource (for the audit log). */
  idOf(found: Readonly<Record<string, any>>): string;
  /** What the step's call answers when every resource was found (the members idsFromOutput reads). */
  adoptedOutput(found: readonly Record<string, any>[]): Record<string, unknown>;
}

/** What `wsr export` has decided so far about which live resources it covers (`--directory`). */
export interface ExportScope {
  /** No `--directory`: the whole account. */
  readonly everything: boolean;
  /** A registered scope root (a directory) the export covers. */
  rootInScope(id: string): boolean;
  /** Used by a resource in scope (a desktop's bundle, a bundle's image, a directory's IP groups). */
  isUsed(id: string): boolean;
}

/** How an exported entry names another resource: the spec's name when the export declares it, else the AWS id. */
export interface ExportReferences {
  nameOf(id: string): string;
}

/** Top-level members of the spec document (below `metadata`) an export writes for one kind. */
export type ExportedSections = Readonly<Record<string, unknown>>;

/**
 * Adoption (`wsr export`): live → spec for one kind. The export reads, scopes, checks ownership and
 * renders generically; the kind says which of its resources the scope covers, which cannot be
 * written in a spec and why, and what their entries look like.
 */
export interface KindExport<P = unknown> {
  /**
   * How `wsr export` reads the kind: `everything`, once over the whole account (as a pruning plan
   * would); `scope`, only with the scope's roots declared (desktops: reading every directory's would
   * page through the rest of the fleet); `everything-and-scope`, both (a directory's client
   * properties are read only for declared ones).
   */
  readonly readFor: 'everything' | 'scope' | 'everything-and-scope';
  /** For the kind `--directory` names (directories): which are registered, and how one is declared for the scoped read. */
  readonly scopeRoot?: {
    /** What an id given to `--directory` must look like (checked before any call). */
    readonly idPattern: RegExp;
    isRegistered(live: LiveResource<P>): boolean;
    /** The desired resource that makes the reader read everything the export writes about it. */
    declaredForRead(live: LiveResource<P>): DesiredResource;
  };
  /** Whether a live resource is in the export's scope (before ownership and `cannotExport`). */
  inScope(live: LiveResource<P>, scope: ExportScope): boolean;
  /** AWS ids this resource uses: they are in scope when it is. */
  uses?(live: LiveResource<P>): readonly string[];
  /** Why a live resource cannot be written in a spec (a name outside the spec's pattern, on its way out); undefined when it can. */
  cannotExport?(live: LiveResource<P>): string | undefined;
  /** The names adopted resources are declared under, by AWS id (references to them use these). */
  names?(adopted: readonly LiveResource<P>[]): ReadonlyMap<string, string>;
  /** The spec sections holding the adopted resources (`toSpec`); an empty kind writes no section. */
  toSpec(adopted: readonly LiveResource<P>[], references: ExportReferences): ExportedSections;
}

/** The ids a destroying call destroys, from its input (undefined or a non-string for one it cannot name). */
export type DestroyedIds = (input: Readonly<Record<string, unknown>>) => readonly unknown[];

/**
 * Generic over the kind's properties type (model/kind-properties.ts), so a kind's rules read
 * `change.desired.properties` as its own type without a cast. The registry holds them as
 * `KindDefinition` (properties `unknown`): the stages never read a kind's properties.
 */
export interface KindDefinition<P = unknown> {
  readonly kind: KindName;
  /** Its section of the spec: schema fragment, spec → desired, the API rules a schema cannot say (kind-spec.ts). */
  readonly spec: KindSpec;
  /** One line for --help and docs. */
  readonly description: string;
  /** Read every live resource of this kind (paginated, batched). */
  read(context: ReadContext): Promise<LiveResource<P>[]>;
  /**
   * Kinds whose live resources must be read whenever this kind is: those its read visits
   * (desktops are listed per directory) or its changes depend on (an IP group's associations are
   * on the directories; a bundle in use by desktops). `--target` reads a targeted kind with these,
   * and the kinds that read it with theirs; with prune on, a kind without tags (owned through its
   * parent) is read when one of these is.
   */
  readonly readWith?: readonly KindName[];
  /** Compare one pair (either side may be missing). Undefined or action `noop` when equal. */
  diff(desired: DesiredResource<P> | undefined, live: LiveResource<P> | undefined, context: DiffContext): Change<P> | undefined;
  /** Turn a change into API steps with dependencies, preconditions and reasons. */
  steps(change: Change<P>, context: PlanContext): PlanStep[];
  /** Polling recipe for `before`/`after` waits; absent when the kind has no async state. */
  readonly waiter?: WaiterRecipe;
  /** A step whose wait polls another Describe than `waiter` (an image import: DescribeCustomWorkspaceImageImport). */
  waiterFor?(step: PlanStep): WaiterRecipe | undefined;
  /** After a successful call, the ids it produced, by key (creates, migrates). */
  idsFromOutput?(step: PlanStep, output: Record<string, any>): Record<ResourceKey, string>;
  /**
   * AWS ids a live resource depends on (a workspace → its directory and bundle). The planner
   * makes every destructive step of a deleted resource wait for the steps of its referrers.
   */
  liveReferences?(live: LiveResource<P>): readonly string[];
  /** Plan-level warnings a change raises (an empty IP group associated, a field the API cannot change…). */
  warnings?(change: Change<P>, context: PlanContext): readonly string[];
  /**
   * Reads that look like missing data rather than a real state (a managed directory read empty
   * while the spec has desktops in it): destructive steps under `keyPrefixes` are blocked unless
   * `allowDestroy`, and the warning is shown.
   */
  suspiciousReads?(desired: DesiredState, live: readonly LiveResource[]): readonly SuspiciousRead[];
  /**
   * Whether a paired live resource's tags must be read although the spec declares none (tags
   * that carry wsr's own state: a desktop's group, grace-period mark or one-shot request tokens).
   */
  needsTags?(desired: DesiredResource<P>, policy: DesiredState['policy']): boolean;
  /**
   * For kinds the tagging API does not reach (Connect add-ins, client branding): the AWS id of
   * the resource whose ownership they share (their directory). Never read with DescribeTags;
   * pruned only when that parent carries this environment's tag.
   */
  ownedThrough?(live: LiveResource<P>): string | undefined;
  /**
   * Warnings about managed resources the diff cannot see as changes (a desktop the spec wants
   * running that is in ERROR or UNHEALTHY): shown on every plan, even one with no changes.
   */
  healthWarnings?(desired: DesiredState, live: readonly LiveResource[]): readonly string[];
  /** The managed resources those warnings are about, counted apart in the plan summary and the daemon's metrics. */
  unhealthy?(desired: DesiredState, live: readonly LiveResource[]): readonly LiveResource[];
  /** Keys a desired resource depends on (for `--target` closure and create ordering). */
  desiredReferences?(desired: DesiredResource<P>): readonly ResourceKey[];
  /** Connected users: which steps disrupt them and how to read them (policy.disruption). */
  readonly sessions?: SessionRecipe<P>;
  /** Facts read only for resources with certain planned steps (kind.ts DetailRead). */
  readonly detailReads?: readonly DetailRead<P>[];
  /**
   * Regions besides the environment's that the steps of this desired resource call (a standby
   * desktop's, CreateStandbyWorkspaces): the apply reaches exactly these, nothing else.
   */
  otherRegions?(desired: DesiredResource<P>): readonly string[];
  /**
   * Names the spec gives instead of ids, resolved by a read before the plan (an application by its
   * name: DescribeApplications, called only when a name is given). Returns this kind's desired
   * resources with ids and keys filled in; a name matching none or several is a PlanError naming its line.
   */
  resolveNames?(desired: readonly DesiredResource<P>[], port: ApiPort): Promise<DesiredResource<P>[]>;
  /** One-shot actions the command line may request on a desired resource of this kind (`--rebuild KEY`). */
  readonly oneShotActions?: readonly string[];
  /** Its ARN type in the Resource Groups Tagging API; absent when that API does not reach it. */
  readonly tagging?: TaggingType;
  /** How its batch calls' items are identified (absent: the kind makes no batch calls of its own). */
  readonly batchItems?: BatchItemIdentity;
  /** How a create of this kind that may have happened is found and adopted. */
  readonly createRecovery?: CreateRecovery;
  /**
   * Its API's destroying operations and what each destroys, read from the call's input — not from
   * a step's `destructive` flag, so a forged or buggy step cannot hide a destroy (the executor's guard).
   */
  readonly destroyingCalls?: Readonly<Partial<Record<OperationName, DestroyedIds>>>;
  /** How `wsr export` writes it as spec entries; absent when export leaves the kind out. */
  readonly export?: KindExport<P>;
}
