/**
 * Terraform-like text that stays readable at fleet size: a table of counts by kind × action
 * (destructive, blocked and deferred steps highlighted), then the changes grouped by what they do
 * (`+` create with the attributes the resources will have, `~` update / `»` migrate with
 * `field: old → new`, `-` delete, `-/+` replace), each with its reason and steps and its members
 * as `prefix/{a, b, … N more}`; warnings; the summary line. `detail` lists every member.
 * Colour only when asked.
 */
import type { Plan } from '../../model/plan.js';
import { ACTION_SYMBOL, BLOCKED_SYMBOL, DEFERRED_SYMBOL, destroyCapLine, summaryLine, totalCalls, unhealthyNote } from './symbols.js';
import { SUMMARY_ACTIONS, commonParent, describeMembers, groupChanges, summariseByKind, type ChangeGroup, type GroupStep } from './change-groups.js';

export interface TextRenderOptions {
  /** ANSI colours (the CLI passes true on a TTY unless --no-color / NO_COLOR). @default false */
  readonly color?: boolean;
  /** List every resource of every group (`--detail`, `-v`). @default false */
  readonly detail?: boolean;
}

const COLOR: Readonly<Record<string, string>> = { '+': '32', '~': '33', '»': '35', '-': '31', '-/+': '31', '!': '1;31', '…': '36', '⚠': '1;31' };
const DESTRUCTIVE_MARK = '⚠';
/** Names shown in a group's header before "… N more". */
const NAMES_SHOWN = 6;
/** Unmanaged keys listed before "… N more" (all with detail). */
const UNMANAGED_SHOWN = 10;
/** Attribute lines wrap at this width. */
const WIDTH = 100;
const INDENT = '      ';

function paint(text: string, symbol: string, color: boolean): string {
  return color && COLOR[symbol] ? `\u001b[${COLOR[symbol]}m${text}\u001b[0m` : text;
}

export function renderPlanText(plan: Plan, options: TextRenderOptions = {}): string {
  const color = options.color ?? false;
  const detail = options.detail ?? false;
  const lines = [`wsr plan · ${plan.environment} · account ${plan.account} · ${plan.region}`, ''];
  if (plan.changes.length === 0 && plan.steps.length === 0) {
    lines.push(`No changes. Live state matches the spec${unhealthyNote(plan.summary)} · read took ${totalCalls(plan.readCalls)} API calls`);
    lines.push(...unmanagedLines(plan, detail), ...windowLine(plan), ...warningLines(plan, color));
    return `${lines.join('\n')}\n`;
  }
  lines.push(...summaryTable(plan, color), '');
  for (const group of groupChanges(plan)) lines.push(...groupBlock(group, color, detail), '');
  lines.pop();
  lines.push(...unmanagedLines(plan, detail), ...windowLine(plan), ...warningLines(plan, color), '', summaryLine(plan.summary, plan.readCalls));
  const cap = destroyCapLine(plan);
  if (cap !== undefined) lines.push(cap);
  return `${lines.join('\n')}\n`;
}

/** Counts by kind × action; only the columns the plan uses. */
function summaryTable(plan: Plan, color: boolean): string[] {
  const kinds = summariseByKind(plan);
  const actions = SUMMARY_ACTIONS.filter((action) => kinds.some((kind) => (kind.actions[action] ?? 0) > 0));
  const columns = [
    ...actions.map((action) => ({ title: action, count: (kind: (typeof kinds)[number]) => kind.actions[action] ?? 0, mark: '' })),
    { title: `${DESTRUCTIVE_MARK} destructive`, count: (kind: (typeof kinds)[number]) => kind.destructiveSteps, mark: DESTRUCTIVE_MARK },
    { title: `${BLOCKED_SYMBOL} blocked`, count: (kind: (typeof kinds)[number]) => kind.blockedSteps, mark: BLOCKED_SYMBOL },
    { title: `${DEFERRED_SYMBOL} deferred`, count: (kind: (typeof kinds)[number]) => kind.deferredSteps, mark: DEFERRED_SYMBOL },
  ].filter((column, index) => index < actions.length || kinds.some((kind) => column.count(kind) > 0));
  const kindWidth = Math.max(5, ...kinds.map((kind) => kind.kind.length));
  const cellWidth = (title: string) => Math.max(title.length, 5);
  const row = (name: string, cells: readonly string[]) =>
    `  ${name.padEnd(kindWidth)}  ${cells.map((cell, index) => cell.padStart(cellWidth(columns[index].title))).join('  ')}`.trimEnd();
  const header = row(
    '',
    columns.map((column) => column.title),
  );
  const body = kinds.map((kind) =>
    row(
      kind.kind,
      columns.map((column) => {
        const count = column.count(kind);
        return count === 0 ? '' : String(count);
      }),
    ),
  );
  const totals = columns.map((column) => kinds.reduce((total, kind) => total + column.count(kind), 0));
  const total = row('total', totals.map(String));
  const destructive = totals[columns.findIndex((column) => column.mark === DESTRUCTIVE_MARK)] ?? 0;
  const lines = [header, ...body, ...(kinds.length > 1 ? [total] : [])];
  if (destructive > 0)
    lines.push(
      paint(
        `  ${DESTRUCTIVE_MARK} ${destructive} destructive step${destructive === 1 ? '' : 's'} (terminate, migrate, rebuild, restore, delete): review the groups marked ${DESTRUCTIVE_MARK}`,
        DESTRUCTIVE_MARK,
        color,
      ),
    );
  return lines;
}

function groupBlock(group: ChangeGroup, color: boolean, detail: boolean): string[] {
  const symbol = ACTION_SYMBOL[group.action];
  const count = group.keys.length === 1 ? '' : `${group.keys.length} × `;
  // with detail every member gets its own line below, so the header names only where they are
  const members = detail && group.keys.length > 1 ? `${count}${commonParent(group.keys)}…` : `${count}${describeMembers(group.keys, NAMES_SHOWN)}`;
  const mark = group.destructive ? ` ${DESTRUCTIVE_MARK} destructive` : '';
  const lines = [paint(`  ${symbol} ${group.action} ${members}`, symbol, color) + paint(mark, DESTRUCTIVE_MARK, color)];
  if (group.attributes.length > 0) lines.push(...wrap(group.action === 'create' ? 'will have: ' : 'changes: ', group.attributes));
  lines.push(`${INDENT}why: ${group.reason}`);
  lines.push(...stepLines(group, color));
  if (detail && group.keys.length > 1) lines.push(...group.keys.map((key) => `${INDENT}  ${key}`));
  return lines;
}

function stepLines(group: ChangeGroup, color: boolean): string[] {
  const plain = group.steps.filter((step) => step.blocked === undefined && step.deferred === undefined);
  const lines = plain.map((step, index) => `${INDENT}${index === 0 ? 'steps: ' : '       '}${stepText(step, group.reason)}`);
  for (const step of group.steps) {
    if (step.blocked !== undefined) lines.push(paint(`${INDENT}${BLOCKED_SYMBOL} ${step.operation} blocked: ${step.blocked}`, BLOCKED_SYMBOL, color));
    else if (step.deferred !== undefined)
      lines.push(
        paint(`${INDENT}${DEFERRED_SYMBOL} ${step.operation}${step.destructive ? ' (destructive)' : ''} deferred: ${step.deferred}`, DEFERRED_SYMBOL, color),
      );
  }
  return lines;
}

/** `MigrateWorkspace (destructive)`, `CreateWorkspaces (25 per call)`, plus its own reason when it says more than the group's. */
function stepText(step: GroupStep, groupReason: string): string {
  const flags = [
    step.destructive ? 'destructive' : '',
    step.batchMax !== undefined ? `${step.batchMax} per call` : '',
    step.region !== undefined ? `in ${step.region}` : '',
  ].filter(Boolean);
  const reason = step.reason !== groupReason ? ` — ${step.reason}` : '';
  return `${step.operation}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}${reason}`;
}

/** `label: a · b · c` wrapped at WIDTH, continuation lines indented under the first item. */
function wrap(label: string, items: readonly string[]): string[] {
  const lines: string[] = [];
  let line = `${INDENT}${label}`;
  const continuation = ' '.repeat(line.length);
  for (const [index, item] of items.entries()) {
    const piece = index === 0 ? item : ` · ${item}`;
    if (index > 0 && line.length + piece.length > WIDTH) {
      lines.push(line);
      line = `${continuation}${item}`;
    } else line += piece;
  }
  lines.push(line);
  return lines;
}

/** `Change windows: closed — outside the allow windows; next opens …` */
function windowLine(plan: Plan): string[] {
  if (plan.windows === undefined) return [];
  const state = plan.windows.ignored ? 'ignored (--ignore-windows)' : plan.windows.open ? 'open' : 'closed';
  return ['', `Change windows: ${state} — ${plan.windows.note}`];
}

function warningLines(plan: Plan, color: boolean): string[] {
  if (plan.warnings.length === 0) return [];
  return ['', 'Warnings:', ...plan.warnings.map((warning) => paint(`  ${BLOCKED_SYMBOL} ${warning}`, BLOCKED_SYMBOL, color))];
}

function unmanagedLines(plan: Plan, detail: boolean): string[] {
  if (plan.unmanaged.length === 0) return [];
  const shown = detail ? plan.unmanaged : plan.unmanaged.slice(0, UNMANAGED_SHOWN);
  const more = plan.unmanaged.length - shown.length;
  return [
    '',
    `Unmanaged (never changed): ${plan.unmanaged.length}`,
    ...shown.map((key) => `    ${key}`),
    ...(more > 0 ? [`    … ${more} more (--detail lists all)`] : []),
  ];
}
