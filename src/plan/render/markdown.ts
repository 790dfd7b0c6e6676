/**
 * Markdown for a PR comment: the summary table, destructive steps first (a reviewer must see
 * them), blocked steps, then the changes; long lists folded in `<details>`.
 */
import type { Plan } from '../../model/plan.js';
import { isRunnable, type PlanStep } from '../../model/plan-step.js';
import { ACTION_SYMBOL, formatValue, totalCalls } from './symbols.js';

/** Lists longer than this are folded. */
const FOLD_AFTER = 10;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function fold(title: string, lines: readonly string[], header: readonly string[]): string[] {
  if (lines.length === 0) return [];
  const table = [...header, ...lines];
  if (lines.length <= FOLD_AFTER) return [`#### ${title}`, '', ...table, ''];
  return [`<details><summary>${title} (${lines.length})</summary>`, '', ...table, '', '</details>', ''];
}

function stepRow(step: PlanStep): string {
  return `| \`${cell(step.key)}\` | ${step.operation} | ${cell(step.blocked ?? step.deferred ?? step.reason)} |`;
}

export function renderPlanMarkdown(plan: Plan): string {
  const s = plan.summary;
  const lines = [
    `### wsr plan · \`${plan.environment}\` (${plan.account} · ${plan.region})`,
    '',
    '| create | update | migrate | replace | delete | blocked | destructive steps | read API calls |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${s.create} | ${s.update} | ${s.migrate} | ${s.replace} | ${s.delete} | ${s.blocked} | ${s.destructive} | ${totalCalls(plan.readCalls)} |`,
    '',
  ];
  if (plan.changes.length === 0) lines.push('**No changes.** Live state matches the spec.', '');
  const stepHeader = ['| key | operation | reason |', '|---|---|---|'];
  const destructive = plan.steps.filter((step) => step.destructive && isRunnable(step));
  lines.push(...fold('⚠️ Destructive steps', destructive.map(stepRow), stepHeader));
  lines.push(...fold('⛔ Blocked steps', plan.steps.filter((step) => step.blocked !== undefined).map(stepRow), stepHeader));
  lines.push(...fold('⏸️ Deferred steps (a later run applies them)', plan.steps.filter((step) => step.blocked === undefined && step.deferred !== undefined).map(stepRow), stepHeader));
  const changeRows = plan.changes.map((change) => {
    const fields = change.fields.map((field) => `${field.path}: ${formatValue(field.before)} → ${formatValue(field.after)}`).join('<br>');
    return `| ${ACTION_SYMBOL[change.action].replace('+', '\\+')} ${change.action} | \`${cell(change.key)}\` | ${cell(fields || change.reason)} |`;
  });
  lines.push(...fold('Changes', changeRows, ['| action | key | fields |', '|---|---|---|']));
  if (plan.warnings.length > 0) lines.push('#### Warnings', '', ...plan.warnings.map((warning) => `- ${cell(warning)}`), '');
  if (plan.unmanaged.length > 0) lines.push(...fold('Unmanaged (never changed)', plan.unmanaged.map((key) => `| \`${cell(key)}\` |`), ['| key |', '|---|']));
  return `${lines.join('\n').trimEnd()}\n`;
}
