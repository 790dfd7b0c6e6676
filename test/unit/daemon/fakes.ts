/** Test doubles for the daemon: an in-memory spec store and a scriptable reconcile. */
import type { ReconcileOptions, ReconcileResult } from '../../../src/engine/reconcile.js';
import { reconcileResultOf } from '../../../src/model/engine-events.js';
import type { ApplyReport } from '../../../src/model/apply-report.js';
import type { Change } from '../../../src/model/change.js';
import type { DesiredState } from '../../../src/model/desired.js';
import type { KindName } from '../../../src/model/keys.js';
import type { Plan, PlanSummary } from '../../../src/model/plan.js';
import type { SpecVerdict } from '../../../src/daemon/loop.js';
import { environmentIdOf, type SpecFileRef, type SpecStore } from '../../../src/daemon/spec-store.js';

export class MemorySpecStore implements SpecStore {
  readonly files = new Map<string, string>();
  failList?: Error;

  constructor(files: Record<string, string> = {}) {
    for (const [file, text] of Object.entries(files)) this.files.set(file, text);
  }

  async list(): Promise<SpecFileRef[]> {
    if (this.failList) throw this.failList;
    return [...this.files.keys()].sort().map((file) => ({ env: environmentIdOf(file), file }));
  }

  async read(file: string): Promise<string> {
    const text = this.files.get(file);
    if (text === undefined) throw new Error(`ENOENT: ${file}`);
    return text;
  }
}

/**
 * A spec is "broken" when its text says so; a good one becomes a desired state that remembers its
 * text: its environment is named `<file>|<text>`, so files with one text do not clash as one
 * environment identity — unless the text says `name: X` (two files then clash on purpose).
 */
export function checkSpecByMarker(file: string, text: string): SpecVerdict {
  if (text.includes('BROKEN')) return { ok: false, code: 'SPEC_YAML_SYNTAX', message: 'bad indentation' };
  const named = /name: (\S+)/.exec(text)?.[1];
  return { ok: true, desired: aDesired(named ?? `${file}|${text}`) };
}

export function aDesired(text: string): DesiredState {
  return {
    environment: { name: text.trim(), account: '123456789012', region: 'us-east-1' },
    policy: { prune: false, protect: [], allowDestroy: false, rollout: { mode: 'none', batchSize: 25 } },
    resources: [],
  };
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function aSummary(overrides: Partial<PlanSummary> = {}): PlanSummary {
  return { create: 0, update: 0, migrate: 0, replace: 0, delete: 0, noop: 0, blocked: 0, destructive: 0, steps: 0, ...overrides };
}

export function aChange(kind: KindName, name: string, action: Change['action'] = 'update'): Change {
  return { kind, key: `${kind}/${name}`, action, reason: 'differs from the spec', fields: [] };
}

export function aResult(options: { changes?: Change[]; summary?: Partial<PlanSummary>; report?: Partial<ApplyReport> } = {}): ReconcileResult {
  const changes = options.changes ?? [];
  const plan: Plan = {
    version: 1,
    environment: 'env',
    account: '123456789012',
    region: 'us-east-1',
    createdAt: '2026-11-25T00:00:00.000Z',
    fingerprint: 'f',
    changes,
    steps: [],
    summary: aSummary({ update: changes.length, steps: changes.length, ...options.summary }),
    readCalls: {},
    unmanaged: [],
    warnings: [],
  };
  const report: ApplyReport | undefined = options.report ? { steps: [], calls: {}, ms: 1, succeeded: 0, failed: 0, skipped: 0, ...options.report } : undefined;
  // ScriptedReconcile derives result and runId again from the call's mode and runId, as the engine does
  return { runId: 'run', result: reconcileResultOf('apply', { plan, report }), plan, ...(report ? { report } : {}) };
}

/** Records every call; each call's answer comes from `answer` (default: in sync). */
export class ScriptedReconcile {
  readonly calls: ReconcileOptions[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly inFlightByFile = new Map<string, number>();
  maxInFlightPerFile = 0;

  constructor(public answer: (options: ReconcileOptions) => Promise<ReconcileResult> = async () => aResult()) {}

  readonly fn = async (options: ReconcileOptions): Promise<ReconcileResult> => {
    this.calls.push(options);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const perFile = (this.inFlightByFile.get(options.specFile) ?? 0) + 1;
    this.inFlightByFile.set(options.specFile, perFile);
    this.maxInFlightPerFile = Math.max(this.maxInFlightPerFile, perFile);
    try {
      const answer = await this.answer(options);
      return { ...answer, runId: options.runId ?? answer.runId, result: reconcileResultOf(options.mode, answer) };
    } finally {
      this.inFlight -= 1;
      this.inFlightByFile.set(options.specFile, perFile - 1);
    }
  };

  callsFor(file: string): number {
    return this.calls.filter((call) => call.specFile === file).length;
  }
}

/** A clock tests move by hand. */
export class ManualClock {
  constructor(public ms = Date.UTC(2026, 10, 25, 12, 0, 0)) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}
