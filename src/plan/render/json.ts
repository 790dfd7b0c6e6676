/** The Plan object as JSON (versioned: `version`, described by schemas/plan-v1.schema.json). */
import type { Plan } from '../../model/plan.js';

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
