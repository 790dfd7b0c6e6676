/**
 * `--target KIND/KEY`: keep the steps of the targeted keys (a target also matches the keys under
 * it: `workspace/d-1` keeps every desktop of d-1) plus every step they transitively depend on.
 */
import type { PlanStep } from '../model/plan-step.js';

export function isTargeted(key: string, targets: readonly string[]): boolean {
  return targets.some((target) => key === target || key.startsWith(`${target}/`));
}

export function keepTargets(ordered: readonly PlanStep[], targets: readonly string[]): PlanStep[] {
  const byId = new Map(ordered.map((step) => [step.id, step]));
  const kept = new Set<string>();
  const pending = ordered.filter((step) => isTargeted(step.key, targets)).map((step) => step.id);
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (kept.has(id)) continue;
    kept.add(id);
    for (const dependency of byId.get(id)?.dependsOn ?? []) if (!kept.has(dependency)) pending.push(dependency);
  }
  return ordered.filter((step) => kept.has(step.id));
}
