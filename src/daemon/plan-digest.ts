/**
 * What the status page keeps of an environment's last plan: its changes grouped by what they
 * do (create, update, migrate, replace, delete, then steps on keys without a change of their
 * own), blocked steps with their reasons, warnings and the apply's failed steps. Bounded (a
 * 10,000-desktop plan must not make the daemon hold 10,000 rendered rows per environment) and
 * redacted like the logs: a field whose path names a secret shows `[redacted]`.
 */
import type { ApplyReport } from '../model/apply-report.js';
import type { Change, ChangeAction } from '../model/change.js';
import type { Plan, PlanSummary } from '../model/plan.js';
import type { PlanStep } from '../model/plan-step.js';
import { formatValue } from '../plan/render/symbols.js';

export interface DigestStep {
  readonly operation: string;
  readonly destructive: boolean;
  readonly reason: string;
  readonly blocked?: string;
  /** Waits for a later run though it could run (a user connected, outside a change window). */
  readonly deferred?: string;
}

export interface DigestChange {
  readonly key: string;
  readonly kind: string;
  readonly reason: string;
  readonly fields: readonly { readonly path: string; readonly before: string; readonly after: string }[];
  readonly steps: readonly DigestStep[];
}

export interface ChangeGroup {
  /** The change action, or `rollout` for steps on keys without a change of their own. */
  readonly action: ChangeAction | 'rollout';
  /** All changes of this action in the plan; `changes` may hold fewer (see `maxRowsPerGroup`). */
  readonly total: number;
  readonly changes: readonly DigestChange[];
}

export interface StepProblem {
  readonly key: string;
  readonly operation: string;
  readonly reason: string;
}

export interface PlanDigest {
  readonly createdAt: string;
  readonly summary: PlanSummary;
  readonly groups: readonly ChangeGroup[];
  /** Steps the planner holds back, with why (a state rule, a policy gate). */
  readonly blocked: readonly StepProblem[];
  /** Steps left for a later run, with why (a user connected, outside a change window). */
  readonly deferred: readonly StepProblem[];
  readonly warnings: readonly string[];
  /** Root-cause failures of the apply (skipped dependents are counted, not listed). */
  readonly failedSteps: readonly StepProblem[];
}

export interface PlanDigestOptions {
  /** Rows kept per group (the rest is counted in `total`). @default 200 */
  readonly maxRowsPerGroup?: number;
}

const GROUP_ORDER: readonly (ChangeAction | 'rollout')[] = ['create', 'update', 'migrate', 'replace', 'delete', 'rollout'];
const MAX_LISTED_PROBLEMS = 200;
/** The logger's redaction list in words: credentials, SAML/access URLs, branding images. */
const SECRET_PATH = /password|secret|token|credential|logo|accessurl|relaystate|saml/i;

export function digestPlan(plan: Plan, report: ApplyReport | undefined, options: PlanDigestOptions = {}): PlanDigest {
  const maxRows = options.maxRowsPerGroup ?? 200;
  const stepsByKey = groupStepsByKey(plan.steps);
  const groups = new Map<ChangeAction | 'rollout', { total: number; changes: DigestChange[] }>();
  const add = (action: ChangeAction | 'rollout', build: () => DigestChange) => {
    const group = groups.get(action) ?? { total: 0, changes: [] };
    groups.set(action, group);
    group.total += 1;
    if (group.changes.length < maxRows) group.changes.push(build());
  };
  const changed = new Set<string>();
  for (const change of plan.changes) {
    if (change.action === 'noop') continue;
    changed.add(change.key);
    add(change.action, () => digestChange(change, stepsByKey.get(change.key) ?? []));
  }
  for (const [key, steps] of stepsByKey) {
    if (changed.has(key)) continue;
    add('rollout', () => ({ key, kind: steps[0]!.kind, reason: steps[0]!.reason, fields: [], steps: steps.map(digestStep) }));
  }
  return {
    createdAt: plan.createdAt,
    summary: plan.summary,
    groups: GROUP_ORDER.flatMap((action) => {
      const group = groups.get(action);
      return group ? [{ action, ...group }] : [];
    }),
    blocked: problemsOf(plan.steps, 'blocked'),
    deferred: problemsOf(plan.steps, 'deferred'),
    warnings: plan.warnings.slice(0, MAX_LISTED_PROBLEMS),
    failedSteps: (report?.steps ?? []).filter((step) => step.outcome === 'failed').slice(0, MAX_LISTED_PROBLEMS).map((step) => ({ key: step.key, operation: step.operation, reason: step.error ?? 'failed' })),
  };
}

function problemsOf(steps: readonly PlanStep[], why: 'blocked' | 'deferred'): StepProblem[] {
  const problems: StepProblem[] = [];
  for (const step of steps) {
    const reason = step[why];
    if (reason === undefined) continue;
    problems.push({ key: step.key, operation: step.operation, reason });
    if (problems.length === MAX_LISTED_PROBLEMS) break;
  }
  return problems;
}

function groupStepsByKey(steps: readonly PlanStep[]): Map<string, PlanStep[]> {
  const byKey = new Map<string, PlanStep[]>();
  for (const step of steps) {
    const list = byKey.get(step.key);
    if (list === undefined) byKey.set(step.key, [step]);
    else list.push(step);
  }
  return byKey;
}

function digestChange(change: Change, steps: readonly PlanStep[]): DigestChange {
  return {
    key: change.key,
    kind: change.kind,
    reason: change.reason,
    fields: change.fields.map((field) => ({ path: field.path, before: shownValue(field.path, field.before), after: shownValue(field.path, field.after) })),
    steps: steps.map(digestStep),
  };
}

function digestStep(step: PlanStep): DigestStep {
  return {
    operation: step.operation,
    destructive: step.destructive,
    reason: step.reason,
    ...(step.blocked === undefined ? {} : { blocked: step.blocked }),
    ...(step.deferred === undefined ? {} : { deferred: step.deferred }),
  };
}

function shownValue(path: string, value: unknown): string {
  if (SECRET_PATH.test(path) && value !== undefined && value !== null) return '[redacted]';
  const text = formatValue(value);
  // a long value (a policy document, a certificate) would swamp the page
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}
