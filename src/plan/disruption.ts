/**
 * Disruption gate (policy.disruption): a step that would interrupt a connected user — each
 * kind's SessionRecipe says which steps do — is deferred while anyone is connected
 * (`alice connected since 09:12 UTC`), not failed and not applied; the next plan retries it.
 * With `whenConnected: proceed` it runs, and a pool's sessions can be ended first. Pure: the
 * connections were read before planning (LiveResource.sessions).
 */
import { kindDefinition } from '../kinds/index.js';
import type { DetailRead } from '../kinds/kind.js';
import type { DisruptionPolicy } from '../model/desired.js';
import type { LiveResource, UserSession } from '../model/live.js';
import { isRunnable, type PlanStep } from '../model/plan-step.js';

/** The live resource a step acts on, when it exists already (created ones have nobody connected). */
function liveTargetOf(step: PlanStep, liveById: (id: string) => LiveResource | undefined): LiveResource | undefined {
  return typeof step.target === 'string' ? liveById(step.target) : undefined;
}

/** Steps that would disrupt someone if anyone were connected: their targets need a connection read. */
export function disruptionCandidates(steps: readonly PlanStep[], liveById: (id: string) => LiveResource | undefined): LiveResource[] {
  const candidates = new Map<string, LiveResource>();
  for (const step of steps) {
    if (step.blocked !== undefined || kindDefinition(step.kind)?.sessions?.disrupts(step) !== true) continue;
    const target = liveTargetOf(step, liveById);
    if (target?.id !== undefined && target.sessions === undefined) candidates.set(target.id, target);
  }
  return [...candidates.values()];
}

/** Resources whose planned steps want a detail not read yet (kind.ts DetailRead), with the read. */
export interface DetailCandidate {
  readonly read: DetailRead;
  readonly resources: readonly LiveResource[];
}

export function detailCandidates(steps: readonly PlanStep[], liveById: (id: string) => LiveResource | undefined): DetailCandidate[] {
  const wanted = new Map<DetailRead, Map<string, LiveResource>>();
  for (const step of steps) {
    if (step.blocked !== undefined) continue;
    for (const read of kindDefinition(step.kind)?.detailReads ?? []) {
      const target = read.wants(step) ? liveTargetOf(step, liveById) : undefined;
      if (target?.id === undefined || target.details?.[read.member] !== undefined) continue;
      const resources = wanted.get(read) ?? new Map<string, LiveResource>();
      resources.set(target.id, target);
      wanted.set(read, resources);
    }
  }
  return [...wanted].map(([read, resources]) => ({ read, resources: [...resources.values()] }));
}

/** `alice connected since 09:12 UTC`, `3 users connected (bob, carol, dave) since 08:01 UTC`. */
export function describeSessions(sessions: readonly UserSession[], now: string): string {
  const since = sessions
    .map((session) => session.since)
    .filter((time): time is string => time !== undefined)
    .sort()[0];
  const when = since === undefined ? '' : ` since ${clockTime(since, now)}`;
  if (sessions.length === 1) return `${sessions[0].user} connected${when}`;
  const names = sessions.slice(0, 3).map((session) => session.user);
  return `${sessions.length} users connected (${names.join(', ')}${sessions.length > 3 ? ', …' : ''})${when}`;
}

/** `09:12 UTC` on the plan's day (`now`, passed in), `2026-11-29 09:12 UTC` before it. */
function clockTime(iso: string, now: string): string {
  return iso.slice(0, 10) === now.slice(0, 10) ? `${iso.slice(11, 16)} UTC` : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export interface DisruptionGateInput {
  readonly policy: DisruptionPolicy;
  readonly liveById: (id: string) => LiveResource | undefined;
  /** ISO time of the plan. */
  readonly now: string;
}

export function applyDisruptionGate(steps: readonly PlanStep[], input: DisruptionGateInput): PlanStep[] {
  const { policy, liveById, now } = input;
  const result: PlanStep[] = [];
  const endingIds = new Set<string>();
  for (const step of steps) {
    const recipe = kindDefinition(step.kind)?.sessions;
    const target = isRunnable(step) && recipe?.disrupts(step) ? liveTargetOf(step, liveById) : undefined;
    const sessions = target?.sessions ?? [];
    if (target === undefined || sessions.length === 0) {
      result.push(step);
      continue;
    }
    if (policy.whenConnected === 'defer') {
      result.push({ ...step, deferred: `${describeSessions(sessions, now)} (policy.disruption.whenConnected: defer)` });
      continue;
    }
    const ending = policy.endPoolSessions ? (recipe?.endSessionSteps?.(target, step) ?? []) : [];
    // a pool both updated and stopped ends each session once: the later step depends on the same end step
    result.push(...ending.filter((end) => !endingIds.has(end.id)), {
      ...step,
      dependsOn: [...step.dependsOn, ...ending.map((end) => end.id)],
      reason: `${step.reason}; ${describeSessions(sessions, now)}, proceeding (policy.disruption.whenConnected: proceed)`,
    });
    for (const end of ending) endingIds.add(end.id);
  }
  return result;
}
