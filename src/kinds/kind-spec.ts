/**
 * The spec side of a kind (KindDefinition `spec`): the section of the YAML it owns, that section's
 * JSON Schema fragment, how its entries become desired resources, and the rules of the API a
 * schema cannot express. spec/ assembles the schema, builds the desired state and runs the checks
 * by looping over the registry; it knows no kind.
 */
import type { SourceLocation } from '../errors.js';
import type { Tags, UserSourceTemplate } from '../model/desired.js';
import type { KindName, ResourceKey } from '../model/keys.js';
import type { Schema, SchemaType } from '../spec/schema-builders.js';
import type { SourceLocator, SpecPath } from '../spec/source-locator.js';

/**
 * A schema-valid spec as the kinds see it: the environment's metadata, `defaults` (one fragment per
 * kind that has defaults) and one section per kind, each read by its kind with its own type
 * (`sectionOf`).
 */
export interface ValidSpec {
  readonly metadata: { readonly name: string; readonly account: string; readonly region: string; readonly roleArn?: string };
  readonly defaults?: Readonly<Record<string, unknown>>;
  readonly [section: string]: unknown;
}

/** What a valid AWS id of a kind looks like (references may name an entry or give an id). */
export interface IdFormat {
  readonly prefix: string;
  readonly pattern: RegExp;
  /** What a valid id looks like, for messages. */
  readonly shape: string;
}

/** Where a kind's toDesired puts what it builds, and the reference checks only a whole-spec view can make. */
export interface ToDesiredContext {
  readonly spec: ValidSpec;
  readonly locator: SourceLocator;
  /** Adds one desired resource; a key declared twice is reported (`duplicateCode`) at its second place. */
  add(resource: DeclaredResource): void;
  /** Whether a resource with this key has been added (after every kind ran, see `afterAll`). */
  isDeclared(key: ResourceKey): boolean;
  error(code: string, summary: string, location: SourceLocation): void;
  /**
   * Whether references to `what` (`bundle`, `bundle/standard`) are not to be reported: the entries
   * they may name failed the schema and were dropped.
   */
  isUnresolvable(what: string): boolean;
  /** `unknown <what> "<ref>"` with a did-you-mean over `known`, unless unresolvable. */
  unknownRef(what: string, ref: string, known: Iterable<string>, path: SpecPath): void;
  /** Looks like an id but is not one: say what an id looks like rather than "unknown name". */
  badId(what: string, ref: string, id: IdFormat, path: SpecPath): void;
  /** A check to run once every kind has added its resources (references to workspaces). */
  afterAll(check: () => void): void;
  /** A workspace template whose users are read at plan time (a directory group, a file). */
  deferUsers(template: UserSourceTemplate): void;
}

export interface DeclaredResource {
  readonly kind: KindName;
  readonly key: ResourceKey;
  readonly properties: unknown;
  readonly tags: Tags;
  /** Where it is declared in the spec. */
  readonly path: SpecPath;
  /** @default 'SPEC_DUPLICATE_RESOURCE' */
  readonly duplicateCode?: string;
  /** Lines of the fields a plan-time check may name. */
  readonly fieldSources?: Readonly<Record<string, SourceLocation>>;
}

/** Reports one rule broken at `path` (its value, or its key with `at: 'key'`). */
export type ReportRule = (code: string, summary: string, path: SpecPath, at?: 'key' | 'value') => void;

export interface KindSpec<S extends Schema = Schema> {
  /** The top-level section of the spec holding this kind's entries (`ipGroups`, `workspaces`). */
  readonly section: string;
  /** The section's schema: a map keyed by name, a list of entries, or one object. */
  readonly schema: S;
  /** A fragment under `defaults` (`defaults.workspace`), merged into every entry by the kind itself. */
  readonly defaults?: { readonly name: string; readonly schema: Schema };
  /** The word reference messages use for an entry of this section, if other entries refer to it by name (`IP group`). */
  readonly referredToAs?: string;
  /** The section's entries → desired resources (through `context.add`), reporting bad references. */
  toDesired(section: NonNullable<SchemaType<S>>, context: ToDesiredContext): void;
  /** Rules the API enforces that a schema cannot express (combinations, counts, quotas). */
  checks?(spec: ValidSpec, report: ReportRule): void;
  /**
   * Only one environment of an account and Region may manage a resource of this kind (a
   * directory's settings): two spec files declaring it are refused with `code` and `advice`.
   */
  readonly managedByOneEnvironment?: { readonly code: string; advice(key: ResourceKey): string };
  /**
   * A property naming a file next to the spec whose content the desired state depends on (a
   * branding logo): spec/load-spec.ts reads it (at most `maxBytes`) and records its sha256 in
   * `hashProperty`, so a changed file shows in the diff; a file it cannot use is `code` (`<what> <file>: why`).
   */
  readonly fileProperty?: { readonly property: string; readonly hashProperty: string; readonly maxBytes: number; readonly code: string; readonly what: string };
}

/** A section of the spec, typed by its schema (`sectionOf(spec, 'bundles', bundles)`). */
export function sectionOf<S extends Schema>(spec: ValidSpec, section: string, _schema: S): SchemaType<S> | undefined {
  return spec[section] as SchemaType<S> | undefined;
}

/** Drops undefined members: an absent member means "don't care" to the diff. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The kind's spec with its schema's type checked against toDesired (a registry holds them untyped). */
export function defineKindSpec<S extends Schema>(spec: KindSpec<S>): KindSpec {
  return spec as unknown as KindSpec;
}
