/**
 * Adoption: live state → a wsr/v1 spec document that plans to "No changes" against the same
 * account. Pure: the engine reads (with the reader, tags included), this decides what goes in.
 * Resources another environment owns (`wsr:env=<other>`) stay out unless asked for; what is
 * left out, and why, is returned as data for the file's header.
 */
import { KINDS } from '../kinds/index.js';
import { compact, compareText } from '../kinds/export-entry.js';
import type { ExportScope, KindDefinition, KindExport } from '../kinds/kind.js';
import { OWNERSHIP_TAG_KEY, type KindName } from '../model/keys.js';
import type { LiveResource, LiveState } from '../model/live.js';
import type { SpecDocument } from '../spec/spec-document.js';

export interface ExportOptions {
  /** metadata.name of the spec (the ownership tag value it will manage). */
  readonly name: string;
  readonly account: string;
  readonly region: string;
  /** Only these directories (and what lives in or is used by them). @default every registered one */
  readonly directories?: readonly string[];
  /** Adopt resources tagged for another environment too. @default false */
  readonly includeManaged?: boolean;
}

/** A live resource the export left out, with the reason as a short sentence. */
export interface SkippedResource {
  readonly key: string;
  readonly id?: string;
  readonly reason: string;
  /** The other environment's name, for resources skipped because it owns them. */
  readonly managedBy?: string;
}

export interface ExportedSpec {
  readonly document: SpecDocument;
  readonly skipped: readonly SkippedResource[];
  /** Adopted with `includeManaged` although another environment's tag is on them: two specs will fight over these. */
  readonly alsoManaged: readonly SkippedResource[];
  /** How many resources of each kind the document adopts. */
  readonly counts: Readonly<Partial<Record<KindName, number>>>;
}

/** The kinds export writes (KindDefinition.export), in registry order. */
export const EXPORTED_KINDS: readonly (KindDefinition & { readonly export: KindExport })[] = KINDS.filter(
  (definition): definition is KindDefinition & { readonly export: KindExport } => definition.export !== undefined,
);

export function exportSpec(live: LiveState, options: ExportOptions): ExportedSpec {
  return new SpecExporter(live, options).export();
}

class SpecExporter {
  private readonly skipped: SkippedResource[] = [];
  private readonly alsoManaged: SkippedResource[] = [];
  private readonly byKind = new Map<KindName, LiveResource[]>();
  /** Registered scope roots (directories) the export covers, adopted or not: what lives in them is in scope too. */
  private readonly scopeRootIds = new Set<string>();

  constructor(
    live: LiveState,
    private readonly options: ExportOptions,
  ) {
    for (const definition of EXPORTED_KINDS) this.byKind.set(definition.kind, []);
    const wanted = options.directories === undefined ? undefined : new Set(options.directories);
    for (const resource of live.resources) {
      const root = EXPORTED_KINDS.find((definition) => definition.kind === resource.kind)?.export.scopeRoot;
      if (root === undefined || !root.isRegistered(resource)) continue;
      if (wanted === undefined || wanted.has(resource.id!)) this.scopeRootIds.add(resource.id!);
    }
    const sorted = [...live.resources].sort((a, b) => compareText(a.key, b.key) || compareText(a.id ?? '', b.id ?? ''));
    for (const resource of sorted) this.byKind.get(resource.kind)?.push(resource);
  }

  export(): ExportedSpec {
    // scope first (what the directories in scope hold and use), then ownership: only what is in
    // scope is adopted or reported as skipped
    const scope = this.scope();
    const adopted = EXPORTED_KINDS.map((definition) => ({
      definition,
      resources: scope.get(definition.kind)!.filter((resource) => this.isAdoptable(definition.export, resource)),
    }));
    const names = new Map<string, string>();
    for (const { definition, resources } of adopted) for (const [id, name] of definition.export.names?.(resources) ?? []) names.set(id, name);
    const references = { nameOf: (id: string): string => names.get(id) ?? id };
    const sections: Record<string, unknown> = {};
    for (const { definition, resources } of adopted) mergeSections(sections, definition.export.toSpec(resources, references));
    const document = compact({
      apiVersion: 'wsr/v1' as const,
      kind: 'Environment' as const,
      metadata: { name: this.options.name, account: this.options.account, region: this.options.region },
      ...sections,
    }) as SpecDocument;
    const counts = Object.fromEntries(
      adopted.filter(({ resources }) => resources.length > 0).map(({ definition, resources }) => [definition.kind, resources.length]),
    );
    const inDocument = new Set(adopted.flatMap(({ resources }) => resources.map((resource) => resource.key)));
    return {
      document,
      skipped: this.skipped.sort((a, b) => compareText(a.key, b.key)),
      alsoManaged: this.alsoManaged.filter((entry) => inDocument.has(entry.key)).sort((a, b) => compareText(a.key, b.key)),
      counts,
    };
  }

  // --- what is adopted ---------------------------------------------------------------------------

  private isAdoptable(kindExport: KindExport, resource: LiveResource): boolean {
    const owner = resource.tags?.[OWNERSHIP_TAG_KEY];
    const managedElsewhere = owner !== undefined && owner !== this.options.name;
    if (managedElsewhere && !this.options.includeManaged) return this.skip(resource, `managed by environment ${owner} (wsr:env=${owner})`, owner);
    const unwritable = kindExport.cannotExport?.(resource);
    if (unwritable !== undefined) return this.skip(resource, unwritable);
    if (managedElsewhere)
      this.alsoManaged.push(compact({ key: resource.key, id: resource.id, reason: `also managed by environment ${owner}`, managedBy: owner }));
    return true;
  }

  private skip(resource: LiveResource, reason: string, managedBy?: string): false {
    this.skipped.push(compact({ key: resource.key, id: resource.id, reason, managedBy }));
    return false;
  }

  /**
   * Every live resource of the export's kinds, or with `--directory` what those directories hold
   * and what that uses, transitively (desktops → their bundles → those bundles' images): grown
   * until nothing more is used.
   */
  private scope(): Map<KindName, LiveResource[]> {
    const used = new Set<string>();
    const scope: ExportScope = {
      everything: this.options.directories === undefined,
      rootInScope: (id) => this.scopeRootIds.has(id),
      isUsed: (id) => used.has(id),
    };
    for (;;) {
      const inScope = new Map(
        EXPORTED_KINDS.map((definition) => [
          definition.kind,
          (this.byKind.get(definition.kind) ?? []).filter((resource) => definition.export.inScope(resource, scope)),
        ]),
      );
      const before = used.size;
      for (const definition of EXPORTED_KINDS)
        for (const resource of inScope.get(definition.kind)!) for (const id of definition.export.uses?.(resource) ?? []) used.add(id);
      if (used.size === before) return inScope;
    }
  }
}

/** A kind's sections joined into the document's (two kinds writing `defaults` each keep their member). */
function mergeSections(into: Record<string, unknown>, sections: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(sections)) {
    if (value === undefined) continue;
    const existing = into[name];
    into[name] = isPlainObject(existing) && isPlainObject(value) ? { ...existing, ...value } : value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
