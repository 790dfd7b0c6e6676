/**
 * Terraform-like text: one block per change (`+` create, `~` update with `field: old → new`
 * lines, `»` migrate, `-` delete, `-/+` replace), its steps underneath, `!` for blocked steps
 * with the reason, `…` for deferred ones, warnings, then the summary line. Colour only when asked.
 */
import type { Change } from '../../model/change.js';
import type { Plan } from '../../model/plan.js';
import type { PlanStep } from '../../model/plan-step.js';
import { ACTION_SYMBOL, BLOCKED_SYMBOL, DEFERRED_SYMBOL, formatValue, summaryLine, totalCalls } from './symbols.js';

export interface TextRenderOptions {
  /** ANSI colours (the CLI passes true on a TTY). @default false */
  readonly color?: boolean;
}

const COLOR: Readonly<Record<string, string>> = { '+': '32', '~': '33', '»': '35', '-': '31', '-/+': '31', '!': '1;31', '…': '36' };

function paint(text: string, symbol: string, color: boolean): string {
  return color && COLOR[symbol] ? `\u001b[${COLOR[symbol]}m${text}\u001b[0m` : text;
}

function stepLine(step: PlanStep, color: boolean): string {
  if (step.blocked !== undefined) return paint(`      ${BLOCKED_SYMBOL} ${step.operation} blocked: ${step.blocked}`, BLOCKED_SYMBOL, color);
  if (step.deferred !== undefined) return paint(`      ${DEFERRED_SYMBOL} ${step.operation}${step.destructive ? ' (destructive)' : ''} deferred: ${step.deferred}`, DEFERRED_SYMBOL, color);
  const flag = step.destructive ? ' (destructive)' : '';
  return `      ${step.operation}${flag} — ${step.reason}`;
}

function changeBlock(change: Change, steps: readonly PlanStep[], color: boolean): string[] {
  const symbol = ACTION_SYMBOL[change.action];
  const lines = [paint(`  ${symbol} ${change.key}`, symbol, color) + `  (${change.reason})`];
  for (const field of change.fields) lines.push(`      ${field.path}: ${formatValue(field.before)} → ${formatValue(field.after)}`);
  for (const step of steps) lines.push(stepLine(step, color));
  return lines;
}

export function renderPlanText(plan: Plan, options: TextRenderOptions = {}): string {
  const color = options.color ?? false;
  const lines = [`wsr plan · ${plan.environment} · account ${plan.account} · ${plan.region}`, ''];
  if (plan.changes.length === 0) {
    lines.push(`No changes. Live state matches the spec · read took ${totalCalls(plan.readCalls)} API calls`);
    lines.push(...unmanagedLines(plan), ...warningLines(plan, color));
    return `${lines.join('\n')}\n`;
  }
  const stepsByKey = new Map<string, PlanStep[]>();
  for (const step of plan.steps) {
    const list = stepsByKey.get(step.key);
    if (list === undefined) stepsByKey.set(step.key, [step]);
    else list.push(step);
  }
  const changed = new Set(plan.changes.map((change) => change.key));
  for (const change of plan.changes) lines.push(...changeBlock(change, stepsByKey.get(change.key) ?? [], color));
  // Steps on keys without a change of their own (a bundle's rebuild rollout on its desktops).
  for (const [key, steps] of stepsByKey) {
    if (changed.has(key)) continue;
    lines.push(paint(`  ~ ${key}`, '~', color) + `  (${steps[0].reason})`, ...steps.map((step) => stepLine(step, color)));
  }
  lines.push(...unmanagedLines(plan), ...warningLines(plan, color), '', summaryLine(plan.summary, plan.readCalls));
  return `${lines.join('\n')}\n`;
}

function warningLines(plan: Plan, color: boolean): string[] {
  if (plan.warnings.length === 0) return [];
  return ['', 'Warnings:', ...plan.warnings.map((warning) => paint(`  ${BLOCKED_SYMBOL} ${warning}`, BLOCKED_SYMBOL, color))];
}

function unmanagedLines(plan: Plan): string[] {
  if (plan.unmanaged.length === 0) return [];
  return ['', `Unmanaged (never changed): ${plan.unmanaged.length}`, ...plan.unmanaged.map((key) => `    ${key}`)];
}
