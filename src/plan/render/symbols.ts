import type { Plan } from '../../model/plan.js';

/** The Terraform-like marks for each change action, shared by the renderers. */
import type { ChangeAction } from '../../model/change.js';

export const ACTION_SYMBOL: Readonly<Record<ChangeAction, string>> = {
  create: '+',
  update: '~',
  migrate: '»',
  delete: '-',
  replace: '-/+',
  noop: ' ',
};

export const BLOCKED_SYMBOL = '!';
/** A step waiting for a later run (a user connected, outside a change window). */
export const DEFERRED_SYMBOL = '…';

/** One value as it prints in `field: old → new` (absent shows as `(none)`). */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  // Flat records print as `cidr=198.51.100.0/24 description=HQ`: readable in a terminal and a PR.
  if (typeof value === 'object' && Object.values(value).every((member) => typeof member !== 'object' || member === null)) {
    return Object.entries(value)
      .map(([name, member]) => `${name}=${String(member)}`)
      .join(' ');
  }
  return JSON.stringify(value);
}

/** `Plan: 3 to create, 1 to update, 1 to migrate, 0 to delete, 1 blocked · read took 7 API calls` */
export function summaryLine(
  summary: { create: number; update: number; migrate: number; replace: number; delete: number; blocked: number; deferred?: number; unhealthy?: number },
  readCalls: Readonly<Record<string, number>>,
): string {
  const calls = Object.values(readCalls).reduce((total, count) => total + count, 0);
  const replace = summary.replace > 0 ? `, ${summary.replace} to replace` : '';
  const deferred = summary.deferred ? `, ${summary.deferred} deferred` : '';
  return `Plan: ${summary.create} to create, ${summary.update} to update, ${summary.migrate} to migrate${replace}, ${summary.delete} to delete, ${summary.blocked} blocked${deferred}${unhealthyNote(summary)} · read took ${calls} API call${calls === 1 ? '' : 's'}`;
}

/** ` · 2 unhealthy (see warnings)` when the plan counted unhealthy resources; '' otherwise. */
export function unhealthyNote(summary: { unhealthy?: number }): string {
  return summary.unhealthy ? ` · ${summary.unhealthy} unhealthy (see warnings)` : '';
}

export function totalCalls(readCalls: Readonly<Record<string, number>>): number {
  return Object.values(readCalls).reduce((total, count) => total + count, 0);
}

/** `Destroy cap: 10 destructive steps per apply (default: …)`, when the plan has runnable destructive steps. */
export function destroyCapLine(plan: Plan): string | undefined {
  const cap = plan.destroyCap;
  if (cap === undefined || !plan.steps.some((step) => step.destructive && step.blocked === undefined)) return undefined;
  const source =
    cap.source === 'default'
      ? `default: the larger of 10 and 10% of the ${cap.managed ?? 0} resources the spec manages; --max-destroy raises it`
      : `${cap.source}; --max-destroy overrides it`;
  return `Destroy cap: ${cap.limit} destructive steps per apply (${source})`;
}
