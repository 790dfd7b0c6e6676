/**
 * The plan's dependency DAG as Graphviz DOT (`wsr graph … | dot -Tsvg > plan.svg`): one node per
 * step (operation and key), an edge from each dependency to its dependent. Destructive steps are
 * red, blocked ones dashed grey, deferred ones dotted.
 */
import type { Plan } from '../../model/plan.js';
import type { PlanStep } from '../../model/plan-step.js';

export function renderPlanDot(plan: Plan): string {
  const lines = [
    `digraph ${quote(`wsr plan ${plan.environment}`)} {`,
    '  rankdir=LR;',
    '  node [shape=box, fontname="Helvetica", fontsize=10];',
    ...plan.steps.map((step) => `  ${quote(step.id)} [label=${quote(`${step.operation}\n${step.key}`)}${style(step)}];`),
    ...plan.steps.flatMap((step) => step.dependsOn.map((dependency) => `  ${quote(dependency)} -> ${quote(step.id)};`)),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

function style(step: PlanStep): string {
  if (step.blocked !== undefined) return ', style=dashed, color=gray50, fontcolor=gray50';
  if (step.deferred !== undefined) return ', style=dotted';
  return step.destructive ? ', color=red, fontcolor=red' : '';
}

/** A DOT string: quotes and backslashes escaped, a newline as DOT's `\n`. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
