/**
 * What the status page keeps of an environment's last plan: the CLI's groups (changes that do
 * the same thing to the same kind, plan/render/change-groups.ts, so 1,000 new desktops are one
 * group) in sections by action (create, update, migrate, replace, delete), blocked and deferred
 * steps with their reasons, warnings, the change-window state and the apply's failed steps.
 * Bounded (a daemon holding many environments keeps no 10,000-row plan each) and redacted like the
 * logs: an attribute whose path names a secret shows `[redacted]`.
 */
import type { ApplyReport } from '../model/apply-report.js';
import type { ChangeAction } from '../model/change.js';
import type { Plan, PlanSummary } from '../model/plan.js';
import type { PlanStep } from '../model/plan-step.js';
import { describeMembers, groupChanges, type GroupStep } from '../plan/render/change-groups.js';

export interface DigestGroup {
  readonly kind: string;
  /** The members as the CLI prints them: `workspace/d-1/{alice, bob, … 998 more}`. */
  readonly members: string;
  readonly count: number;
  /** `path: value` (creates) or `path: old → new`, the same for every member. */
  readonly attributes: readonly string[];
  readonly reason: string;
  readonly steps: readonly GroupStep[];
}

export interface ActionSection {
  readonly action: ChangeAction;
  /** Resources this action touches (members of all its groups). */
  readonly total: number;
  readonly groups: readonly DigestGroup[];
  /** Groups beyond `maxGroupsPerAction`, counted, not kept. */
  readonly moreGroups: number;
}

export interface StepProblem {
  readonly key: string;
  readonly operation: string;
  readonly reason: string;
}

export interface PlanDigest {
  readonly createdAt: string;
  readonly summary: PlanSummary;
  readonly sections: readonly ActionSection[];
  /** Steps the planner holds back, with why (a state rule, a policy gate). */
  readonly blocked: readonly StepProblem[];
  /** Steps left for a later run, with why (a user connected, outside a change window). */
  readonly deferred: readonly StepProblem[];
  readonly warnings: readonly string[];
  /** Change windows at the plan's time, when the spec has any. */
  readonly windows?: Plan['windows'];
  /** Root-cause failures of the apply (skipped dependents are counted, not listed). */
  readonly failedSteps: readonly StepProblem[];
}

export interface PlanDigestOptions {
  /** Groups kept per action (the rest is counted). @default 100 */
  readonly maxGroupsPerAction?: number;
}

const SECTION_ORDER: readonly ChangeAction[] = ['create', 'update', 'migrate', 'replace', 'delete', 'noop'];
const MAX_LISTED_PROBLEMS = 200;
const NAMES_PER_GROUP = 12;
/** The logger's redaction list in words: credentials, SAML/access URLs, branding images. */
const SECRET_PATH = /password|secret|token|credential|logo|accessurl|relaystate|saml/i;
const MAX_ATTRIBUTE_LENGTH = 300;

export function digestPlan(plan: Plan, report: ApplyReport | undefined, options: PlanDigestOptions = {}): PlanDigest {
  const maxGroups = options.maxGroupsPerAction ?? 100;
  const sections = new Map<ChangeAction, { total: number; groups: DigestGroup[]; moreGroups: number }>();
  for (const group of groupChanges(plan)) {
    const section = sections.get(group.action) ?? { total: 0, groups: [], moreGroups: 0 };
    sections.set(group.action, section);
    section.total += group.keys.length;
    if (section.groups.length >= maxGroups) {
      section.moreGroups += 1;
      continue;
    }
    section.groups.push({
      kind: group.kind,
      members: describeMembers(group.keys, NAMES_PER_GROUP),
      count: group.keys.length,
      attributes: group.attributes.map(shownAttribute),
      reason: group.reason,
      steps: group.steps,
    });
  }
  return {
    createdAt: plan.createdAt,
    summary: plan.summary,
    sections: SECTION_ORDER.flatMap((action) => {
      const section = sections.get(action);
      return section ? [{ action, ...section }] : [];
    }),
    blocked: problemsOf(plan.steps, 'blocked'),
    deferred: problemsOf(plan.steps, 'deferred'),
    warnings: plan.warnings.slice(0, MAX_LISTED_PROBLEMS),
    ...(plan.windows ? { windows: plan.windows } : {}),
    failedSteps: (report?.steps ?? [])
      .filter((step) => step.outcome === 'failed')
      .slice(0, MAX_LISTED_PROBLEMS)
      .map((step) => ({ key: step.key, operation: step.operation, reason: step.error ?? 'failed' })),
  };
}

/** `path: value` or `path: old → new`, with the values of a secret-looking path replaced. */
function shownAttribute(attribute: string): string {
  const colon = attribute.indexOf(': ');
  const path = colon < 0 ? attribute : attribute.slice(0, colon);
  if (colon >= 0 && SECRET_PATH.test(path)) {
    const changed = attribute.includes(' → ');
    return `${path}: ${changed ? '[redacted] → [redacted]' : '[redacted]'}`;
  }
  // a long value (a policy document, a certificate) would swamp the page
  return attribute.length > MAX_ATTRIBUTE_LENGTH ? `${attribute.slice(0, MAX_ATTRIBUTE_LENGTH - 1)}…` : attribute;
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
