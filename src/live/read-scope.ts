/**
 * Which kinds a plan reads: only those the spec, `--target`, prune or the ownership checks can
 * touch. Every kind listed costs calls, and a kind the caller may not read (an IAM policy for
 * desktops only, a Region without pools) would fail the plan outright.
 *
 * - **Declared** kinds are read, with the kinds they are read with (`KindDefinition.readWith`:
 *   desktops are listed per directory, a bundle's desktops decide whether it may go…). A kind's
 *   own read still skips what it does not need (prune off: undeclared ones).
 * - **Prune** removes what this environment owns. A kind the spec does not declare can only hold
 *   prune candidates if some resource of it carries this environment's tag, so one GetResources
 *   call (the tagging API's own budget; `wsr:env=<name>`, filtered by the undeclared kinds' types)
 *   tells which of them to list (a spec that declares tags reads every tagged resource anyway:
 *   no call of its own); a kind with none is not listed. The answer comes in while the other kinds
 *   are listed, and the kinds it adds are read after them. A kind without tags (client
 *   branding, add-ins, application associations) is owned through the kind it is read with, so
 *   it is read when that one is. When GetResources is denied or absent, every kind is read, as
 *   before. GetResources shows a new tag after a delay (eventual consistency): a resource made
 *   minutes ago in a kind the spec has just dropped entirely is pruned by the next plan.
 * - **`--target`** narrows the read to the targets' closure: the targeted kinds with what they are
 *   read with, and the kinds read with them (what may hold on to a targeted resource).
 */
import type { Logger } from 'pino';
import { KINDS } from '../kinds/index.js';
import type { ApiPort, KindDefinition } from '../kinds/kind.js';
import type { DesiredState, Tags } from '../model/desired.js';
import { OWNERSHIP_TAG_KEY, type KindName } from '../model/keys.js';
import { readTaggedTypes } from './bulk-tags.js';
import { guardedPort, isBulkUnavailable, type ReadPace } from './reader.js';
import { taggingTypeOf } from './tagging-arn.js';

export interface ReadScope {
  /** `--target KIND/KEY…`. @default none: the whole environment */
  readonly targets?: readonly string[];
  /**
   * Resource types (the tagging API's) holding at least one resource of this environment, among
   * the kinds the spec does not declare; undefined when unknown (every kind is then read).
   */
  readonly ownedTypes?: ReadonlySet<string>;
}

/** The kinds to read, in registry order (pure: the GetResources answer comes in as `ownedTypes`). */
export function kindsToRead(desired: DesiredState, scope: ReadScope = {}): KindDefinition[] {
  const declared = new Set(desired.resources.map((resource) => resource.kind));
  // kinds with something of their own to plan: declared, or (prune) holding this environment's resources
  const needed = new Set<KindName>(declared);
  if (desired.policy.prune) {
    for (const definition of KINDS) {
      if (definition.tagging !== undefined && (scope.ownedTypes === undefined || scope.ownedTypes.has(definition.tagging.resourceType)))
        needed.add(definition.kind);
    }
    addOwnedThroughParents(needed);
  }
  closeOverReadWith(needed);
  const targets = scope.targets ?? [];
  if (targets.length > 0) {
    const targeted = new Set(targets.map((target) => target.split('/')[0] as KindName));
    const inScope = new Set([...targeted, ...readersOf(targeted)].filter((kind) => needed.has(kind)));
    closeOverReadWith(inScope);
    return KINDS.filter((definition) => inScope.has(definition.kind));
  }
  return KINDS.filter((definition) => needed.has(definition.kind));
}

/** Tagged kinds the spec does not declare: only GetResources can say whether this environment owns any. */
export function undeclaredTaggedKinds(desired: DesiredState): KindDefinition[] {
  const declared = new Set(desired.resources.map((resource) => resource.kind));
  return KINDS.filter((definition) => definition.tagging !== undefined && !declared.has(definition.kind));
}

export interface ReadScopeOptions {
  readonly targets?: readonly string[];
  readonly pace?: ReadPace;
  readonly signal?: AbortSignal;
  /** Receives the one warning when GetResources is denied or unavailable (WSR_W2003). */
  readonly logger?: Pick<Logger, 'warn'>;
  /** Tags of every tagged resource, already being read (prefetchTags): ownership is taken from them, no call of its own. */
  readonly prefetched?: Promise<Map<string, Tags>>;
}

/** The kinds to read now, and those found to hold this environment's resources meanwhile (read after them). */
export interface KindsToRead {
  readonly first: readonly KindDefinition[];
  readonly later: Promise<readonly KindDefinition[]>;
}

/**
 * The kinds a plan of `desired` reads. With prune on, which undeclared kinds this environment
 * owns resources of comes from the tagging API (its own budget) while the others are listed:
 * from the tags a spec that declares tags reads anyway, else one GetResources page (usually).
 */
export function readScopeOf(desired: DesiredState, port: ApiPort, options: ReadScopeOptions = {}): KindsToRead {
  const targets = options.targets;
  const undeclared = desired.policy.prune ? undeclaredTaggedKinds(desired) : [];
  const first = kindsToRead(desired, { targets, ownedTypes: new Set() });
  if (undeclared.length === 0) return { first, later: Promise.resolve([]) };
  const types = undeclared.map((definition) => definition.tagging!.resourceType);
  const owner = { key: OWNERSHIP_TAG_KEY, value: desired.environment.name };
  const owned = (
    options.prefetched
      ? options.prefetched.then((tags) => typesTaggedIn(tags, types, owner))
      : readTaggedTypes(guardedPort(port, options.pace, options.signal), types, owner)
  ).then(
    (ownedTypes) => kindsToRead(desired, { targets, ownedTypes }),
    (error: unknown) => {
      if (!isBulkUnavailable(error)) throw error;
      const { code, awsCode } = error as { code?: string; awsCode?: string };
      options.logger?.warn(
        { code: 'WSR_W2003', operation: 'GetResources', errorCode: code, ...(awsCode ? { awsCode } : {}), ids: 0 },
        'bulk tag read unavailable, reading every kind to find what prune may remove',
      );
      return kindsToRead(desired, { targets });
    },
  );
  const later = owned.then((kinds) => kinds.filter((definition) => !first.includes(definition)));
  // the listing may fail first and never ask for it: not an unhandled rejection
  later.catch(() => {});
  return { first, later };
}

/** Types among `types` of the resources whose tags carry `tag` (from a read of every tagged resource). */
function typesTaggedIn(tagsById: ReadonlyMap<string, Tags>, types: readonly string[], tag: { readonly key: string; readonly value: string }): Set<string> {
  const wanted = new Set(types);
  const found = new Set<string>();
  for (const [id, tags] of tagsById) {
    const type = taggingTypeOf(id);
    if (type !== undefined && wanted.has(type) && tags[tag.key] === tag.value) found.add(type);
  }
  return found;
}

/** Adds, until nothing changes, every kind a kind in the set is read with. */
function closeOverReadWith(kinds: Set<KindName>): void {
  const pending = [...kinds];
  while (pending.length > 0) {
    const kind = pending.pop()!;
    for (const other of KINDS.find((definition) => definition.kind === kind)?.readWith ?? []) {
      if (kinds.has(other)) continue;
      kinds.add(other);
      pending.push(other);
    }
  }
}

/**
 * Kinds without tags are owned through the kind they are read with: read them when that one has
 * something of its own to plan (declared or owned), not when it is only read for another kind
 * (the directory of desktops that use it by id).
 */
function addOwnedThroughParents(kinds: Set<KindName>): void {
  for (const definition of KINDS) {
    if (definition.tagging === undefined && (definition.readWith ?? []).some((parent) => kinds.has(parent))) kinds.add(definition.kind);
  }
}

/** Kinds that are read with one of `kinds`, directly or through others: what may hold on to them. */
function readersOf(kinds: ReadonlySet<KindName>): Set<KindName> {
  const readers = new Set<KindName>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const definition of KINDS) {
      if (readers.has(definition.kind) || kinds.has(definition.kind)) continue;
      if ((definition.readWith ?? []).some((other) => kinds.has(other) || readers.has(other))) {
        readers.add(definition.kind);
        grew = true;
      }
    }
  }
  return readers;
}
