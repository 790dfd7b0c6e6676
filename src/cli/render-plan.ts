/** A plan as the user asked to see it: text (grouped; every resource with --detail), markdown or JSON. */
import type { Plan } from '../model/plan.js';
import { renderPlanText } from '../plan/render/text.js';
import { renderPlanJson } from '../plan/render/json.js';
import { renderPlanMarkdown } from '../plan/render/markdown.js';

export const PLAN_FORMATS = ['text', 'json', 'markdown'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanView {
  readonly format: PlanFormat;
  /** List every resource of every group (text). */
  readonly detail?: boolean;
  readonly color: boolean;
}

export function renderPlanAs(plan: Plan, view: PlanView): string {
  const text =
    view.format === 'json'
      ? renderPlanJson(plan)
      : view.format === 'markdown'
        ? renderPlanMarkdown(plan)
        : renderPlanText(plan, { color: view.color, detail: view.detail ?? false });
  return text.endsWith('\n') ? text : `${text}\n`;
}
