/**
 * Markdown for a PR comment: the counts by kind × action (destructive, blocked and deferred
 * steps highlighted), then one `<details>` block per group of changes (see change-groups.ts) —
 * groups with destructive steps first and open. Always under MARKDOWN_MAX_CHARS (GitHub refuses
 * a comment over 65,536): a group's member list is shortened first, then whole groups are left
 * out with a count of what is missing — never cut mid-table or mid-block.
 */
import type { Plan } from '../../model/plan.js';
import { ACTION_SYMBOL, destroyCapLine, summaryLine, totalCalls, unhealthyNote } from './symbols.js';
import { SUMMARY_ACTIONS, commonParent, groupChanges, summariseByKind, type ChangeGroup, type GroupStep } from './change-groups.js';

/** Room left under GitHub's 65,536-character comment limit for a workflow's own header. */
export const MARKDOWN_MAX_CHARS = 60_000;
/** Kept free for the closing note on what was left out. */
const CLOSING_RESERVE = 400;
/** Members listed in a group whose full list does not fit. */
const MIN_MEMBERS_SHOWN = 20;

export interface MarkdownRenderOptions {
  /** @default MARKDOWN_MAX_CHARS */
  readonly maxChars?: number;
}

/** One `<details>` block, rendered with at most `members` names listed. */
interface Section {
  readonly resources: number;
  readonly isGroup: boolean;
  readonly render: (members: number) => string;
}

export function renderPlanMarkdown(plan: Plan, options: MarkdownRenderOptions = {}): string {
  const maxChars = options.maxChars ?? MARKDOWN_MAX_CHARS;
  const head = [`### wsr plan · \`${plan.environment}\` (${plan.account} · ${plan.region})`, ''];
  if (plan.changes.length === 0 && plan.steps.length === 0) {
    head.push(`**No changes.** Live state matches the spec${unhealthyNote(plan.summary)} · read took ${totalCalls(plan.readCalls)} API calls.`, '');
  } else {
    head.push(...summaryTable(plan), '', `**${summaryLine(plan.summary, plan.readCalls)}**`, '');
  }
  if (plan.windows !== undefined) {
    const state = plan.windows.ignored ? 'ignored (`--ignore-windows`)' : plan.windows.open ? 'open' : 'closed';
    head.push(`**Change windows:** ${state} — ${escapeMarkdown(plan.windows.note)}`, '');
  }
  const cap = destroyCapLine(plan);
  if (cap !== undefined) head.push(`**${cap}**`, '');
  if (plan.warnings.length > 0) head.push('#### Warnings', '', ...plan.warnings.map((warning) => `- ${escapeMarkdown(warning)}`), '');
  const sections: Section[] = orderForReview(groupChanges(plan)).map((group) => ({
    resources: group.keys.length,
    isGroup: true,
    render: (members) => groupSection(group, members),
  }));
  if (plan.unmanaged.length > 0)
    sections.push({ resources: plan.unmanaged.length, isGroup: false, render: (members) => unmanagedSection(plan.unmanaged, members) });
  let text = `${head.join('\n')}\n`;
  for (const [index, section] of sections.entries()) {
    const room = maxChars - CLOSING_RESERVE - text.length;
    const whole = section.render(Infinity);
    const shortened = whole.length <= room ? whole : section.render(MIN_MEMBERS_SHOWN);
    if (shortened.length <= room) {
      text += shortened;
      continue;
    }
    const left = sections.slice(index).filter((rest) => rest.isGroup);
    const resources = left.reduce((sum, rest) => sum + rest.resources, 0);
    if (left.length > 0) {
      text += `\n_… ${left.length} more group${left.length === 1 ? '' : 's'} of changes (${resources} resource${resources === 1 ? '' : 's'}) not shown: a comment is capped at ${maxChars.toLocaleString('en-US')} characters. \`wsr show plan.json\` prints the whole plan._\n`;
    }
    break;
  }
  return text;
}

/** A reviewer must see destructive groups first; otherwise the plan's order. */
function orderForReview(groups: readonly ChangeGroup[]): ChangeGroup[] {
  return [...groups.filter((group) => group.destructive), ...groups.filter((group) => !group.destructive)];
}

function summaryTable(plan: Plan): string[] {
  const kinds = summariseByKind(plan);
  const actions = SUMMARY_ACTIONS.filter((action) => kinds.some((kind) => (kind.actions[action] ?? 0) > 0));
  const steps = [
    { title: '⚠️ destructive steps', count: (kind: (typeof kinds)[number]) => kind.destructiveSteps },
    { title: '⛔ blocked steps', count: (kind: (typeof kinds)[number]) => kind.blockedSteps },
    { title: '⏸️ deferred steps', count: (kind: (typeof kinds)[number]) => kind.deferredSteps },
  ].filter((column) => kinds.some((kind) => column.count(kind) > 0));
  const header = ['kind', ...actions, ...steps.map((column) => column.title)];
  const rows = kinds.map((kind) => [
    `\`${kind.kind}\``,
    ...actions.map((action) => String(kind.actions[action] ?? 0)),
    ...steps.map((column) => bold(column.count(kind))),
  ]);
  const total = [
    '**total**',
    ...actions.map((action) => String(kinds.reduce((sum, kind) => sum + (kind.actions[action] ?? 0), 0))),
    ...steps.map((column) => bold(kinds.reduce((sum, kind) => sum + column.count(kind), 0))),
  ];
  return [
    `| ${header.join(' | ')} |`,
    `|---|${header
      .slice(1)
      .map(() => '---:')
      .join('|')}|`,
    ...[...rows, ...(kinds.length > 1 ? [total] : [])].map((row) => `| ${row.join(' | ')} |`),
  ];
}

function bold(count: number): string {
  return count === 0 ? '0' : `**${count}**`;
}

function groupSection(group: ChangeGroup, membersShown: number): string {
  const mark = group.destructive ? '⚠️ ' : group.blocked ? '⛔ ' : group.deferred ? '⏸️ ' : '';
  const where = group.keys.length === 1 ? group.keys[0] : `${group.keys.length} × ${commonParent(group.keys)}…`;
  const operations = [...new Set(group.steps.map((step) => step.operation))].join(', ');
  const title = `${mark}${escapeMarkdown(ACTION_SYMBOL[group.action])} ${group.action} <code>${escapeMarkdown(where)}</code>${operations ? ` — ${operations}` : ''}`;
  const lines = [`<details${group.destructive ? ' open' : ''}><summary>${title}</summary>`, ''];
  if (group.attributes.length > 0) {
    lines.push(`${group.action === 'create' ? 'Will have' : 'Changes'}:`, '', ...group.attributes.map((attribute) => `- \`${code(attribute)}\``), '');
  }
  lines.push(`Why: ${escapeMarkdown(group.reason)}`, '', 'Steps:', '', ...group.steps.map((step) => `- ${stepText(step, group.reason)}`), '');
  if (group.keys.length > 1)
    lines.push(
      membersLine(
        group.keys.map((key) => key.slice(commonParent(group.keys).length)),
        membersShown,
      ),
      '',
    );
  lines.push('</details>', '');
  return `${lines.join('\n')}\n`;
}

function stepText(step: GroupStep, groupReason: string): string {
  const flags = [
    step.destructive ? '**destructive**' : '',
    step.batchMax !== undefined ? `${step.batchMax} per call` : '',
    step.region !== undefined ? `in ${step.region}` : '',
  ].filter(Boolean);
  const head = `\`${step.operation}\`${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`;
  if (step.blocked !== undefined) return `⛔ ${head} blocked: ${escapeMarkdown(step.blocked)}`;
  if (step.deferred !== undefined) return `⏸️ ${head} deferred: ${escapeMarkdown(step.deferred)}`;
  return step.reason !== groupReason ? `${head} — ${escapeMarkdown(step.reason)}` : head;
}

function membersLine(names: readonly string[], shown: number): string {
  const listed = names
    .slice(0, shown)
    .map((name) => `\`${code(name)}\``)
    .join(', ');
  const more = names.length > shown ? `, … ${names.length - shown} more` : '';
  return `${names.length} resources: ${listed}${more}`;
}

function unmanagedSection(keys: readonly string[], shown: number): string {
  const listed = keys.slice(0, shown).map((key) => `- \`${code(key)}\``);
  const more = keys.length > shown ? [`- … ${keys.length - shown} more`] : [];
  return `${[`<details><summary>Unmanaged (never changed): ${keys.length}</summary>`, '', ...listed, ...more, '', '</details>', ''].join('\n')}\n`;
}

/** Text outside code: `<name>` must not become an HTML tag, `|`/`*`/`_` no formatting. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([|*_`\\])/g, '\\$1')
    .replace(/\n/g, ' ');
}

/** Inside a code span: a backtick would end it. */
function code(text: string): string {
  return text.replace(/`/g, "'").replace(/\n/g, ' ');
}
