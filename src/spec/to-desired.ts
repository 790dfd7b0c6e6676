/**
 * Validated spec → DesiredState: each registered kind turns its own section into desired resources
 * (kinds/<kind>/spec.ts: defaults applied, references resolved to keys or AWS ids, friendly YAML
 * names turned into the API's member names). What only a whole-spec view can see is reported here:
 * resources declared twice and unknown references.
 */
import type { SourceLocation } from '../errors.js';
import { KINDS } from '../kinds/index.js';
import { compact, type DeclaredResource, type IdFormat, type ToDesiredContext } from '../kinds/kind-spec.js';
import type { DesiredResource, DesiredState, Policy, UserSourceTemplate } from '../model/desired.js';
import { DEFAULT_DISRUPTION } from '../model/desired.js';
import type { ResourceKey } from '../model/keys.js';
import { specError, type Diagnostic } from './diagnostic.js';
import { suggestion } from './did-you-mean.js';
import type { SourceLocator, SpecPath } from './source-locator.js';
import type { SpecDocument, SpecPolicy } from './spec-document.js';

export interface ToDesiredResult {
  desired: DesiredState;
  diagnostics: Diagnostic[];
}

const DEFAULT_BATCH_SIZE = 25;

/** `unresolvable`: reference kinds not to report as unknown (their entries failed the schema). */
export function toDesired(spec: SpecDocument, locator: SourceLocator, unresolvable: ReadonlySet<string> = new Set()): ToDesiredResult {
  return new DesiredBuilder(spec, locator, unresolvable).build();
}

class DesiredBuilder implements ToDesiredContext {
  private readonly resources: DesiredResource[] = [];
  private readonly declaredAt = new Map<ResourceKey, SourceLocation>();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly lastChecks: (() => void)[] = [];
  /** Templates whose users are read at plan time (a directory group, a file). */
  private readonly pendingUsers: UserSourceTemplate[] = [];

  constructor(
    readonly spec: SpecDocument,
    readonly locator: SourceLocator,
    private readonly unresolvable: ReadonlySet<string>,
  ) {}

  build(): ToDesiredResult {
    for (const { spec } of KINDS) {
      const section = this.spec[spec.section];
      if (section !== undefined && section !== null) spec.toDesired(section as never, this);
    }
    for (const check of this.lastChecks) check();
    const { name, account, region, roleArn } = this.spec.metadata;
    const environment = roleArn === undefined ? { name, account, region } : { name, account, region, roleArn };
    const policy = policyOf(this.spec.policy ?? {});
    const pending = this.pendingUsers.length > 0 ? { pendingUsers: this.pendingUsers } : {};
    return { desired: { environment, policy, resources: this.resources, ...pending }, diagnostics: this.diagnostics };
  }

  add({ kind, key, properties, tags, path, duplicateCode = 'SPEC_DUPLICATE_RESOURCE', fieldSources }: DeclaredResource): void {
    const source = this.locator.key(path);
    const first = this.declaredAt.get(key);
    if (first) {
      this.error(duplicateCode, `${key} is declared twice (first at ${first.line}:${first.col})`, source);
      return;
    }
    this.declaredAt.set(key, source);
    this.resources.push({
      kind,
      key,
      properties,
      tags,
      declaresTags: Object.keys(tags).length > 0,
      source,
      ...(fieldSources && Object.keys(fieldSources).length > 0 ? { fieldSources } : {}),
    });
  }

  isDeclared(key: ResourceKey): boolean {
    return this.declaredAt.has(key);
  }

  error(code: string, summary: string, location: SourceLocation): void {
    this.diagnostics.push(specError(code, summary, location));
  }

  isUnresolvable(what: string): boolean {
    return this.unresolvable.has(what);
  }

  unknownRef(what: string, ref: string, known: Iterable<string>, path: SpecPath): void {
    if (this.unresolvable.has(what) || this.unresolvable.has(`${what}/${ref}`)) return;
    this.error('SPEC_UNKNOWN_REF', `unknown ${what} "${ref}"${suggestion(ref, known)}`, this.locator.value(path));
  }

  badId(what: string, ref: string, id: IdFormat, path: SpecPath): void {
    this.error('SPEC_PATTERN', `"${ref}" is not a valid ${what} id (${id.shape})`, this.locator.value(path));
  }

  afterAll(check: () => void): void {
    this.lastChecks.push(check);
  }

  deferUsers(template: UserSourceTemplate): void {
    this.pendingUsers.push(template);
  }
}

function policyOf(policy: SpecPolicy): Policy {
  return compact({
    prune: policy.prune ?? false,
    maxDestroy: policy.maxDestroy,
    protect: policy.protect ?? [],
    allowDestroy: policy.allowDestroy ?? false,
    rollout: { mode: policy.rollout?.mode ?? 'none', batchSize: policy.rollout?.batchSize ?? DEFAULT_BATCH_SIZE },
    gracePeriodSeconds: policy.gracePeriod === undefined ? undefined : durationSeconds(policy.gracePeriod),
    repair: policy.repair === undefined ? undefined : compact({ unhealthy: policy.repair.unhealthy, error: policy.repair.error }),
    ...(policy.disruption === undefined
      ? {}
      : {
          disruption: {
            whenConnected: policy.disruption.whenConnected ?? DEFAULT_DISRUPTION.whenConnected,
            endPoolSessions: policy.disruption.endPoolSessions ?? false,
          },
        }),
    ...(policy.windows === undefined
      ? {}
      : {
          windows: policy.windows.map((window) => ({
            kind: window.kind,
            schedule: window.schedule,
            durationMinutes: durationMinutes(window.duration),
            timeZone: window.timeZone ?? 'UTC',
            ...(window.kinds === undefined ? {} : { kinds: window.kinds }),
          })),
        }),
  });
}

/** `30m`, `72h`, `7d` → seconds (the schema allows only these forms). */
function durationSeconds(text: string): number {
  const unit = { m: 60, h: 3600, d: 86400 }[text.slice(-1) as 'm' | 'h' | 'd'];
  return Number.parseInt(text.slice(0, -1), 10) * unit;
}

/** `6h`, `90m`, `1h30m` → minutes (the schema checked the form). */
export function durationMinutes(text: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(text);
  return Number(match?.[1] ?? 0) * 60 + Number(match?.[2] ?? 0);
}
