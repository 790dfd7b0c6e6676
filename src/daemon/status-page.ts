/**
 * The status page (`/`) and one page per environment (`/environments/ENV`): server-rendered
 * HTML that reads fine without JavaScript (a `<noscript>` meta refresh keeps it current); the
 * small script in status-page-assets.ts refreshes in place and shows times as "3 min ago".
 * Everything shown is already in the logs or /status: names, conditions, counts, the plan's
 * keys, reasons and field values (redacted like the logs, see plan-digest.ts); never a token,
 * a webhook URL or a spec field the plan does not show.
 */
import type { SyncState } from './environment-state.js';
import { html, type SafeHtml } from './html.js';
import type { GroupStep } from '../plan/render/change-groups.js';
import type { ActionSection, DigestGroup, PlanDigest, StepProblem } from './plan-digest.js';
import type { EnvironmentDetail, EnvironmentStatus, RunStatus, StatusReport } from './status-report.js';

export const PAGE_REFRESH_SECONDS = 10;

export interface OverviewFilter {
  /** Substring of the environment name. */
  readonly text?: string;
  readonly sync?: SyncState;
}

const SYNC_LABEL: Readonly<Record<SyncState, string>> = {
  'in-sync': 'In sync',
  drifted: 'Drifted',
  applying: 'Applying',
  stalled: 'Stalled',
  failing: 'Failing',
  suspended: 'Suspended',
  pending: 'Pending',
};

const SECTION_TITLE: Readonly<Record<ActionSection['action'], string>> = {
  create: 'To create',
  update: 'To update',
  migrate: 'To migrate (MigrateWorkspace keeps the user volume)',
  replace: 'To replace',
  delete: 'To delete',
  noop: 'Steps on unchanged resources',
};

export function renderOverviewPage(report: StatusReport, filter: OverviewFilter = {}): string {
  const shown = report.environments.filter((env) => matches(env, filter));
  const counts = countBySync(report.environments);
  const body = html`
    <h2 id="environments-heading">Environments</h2>
    <p class="totals">${Object.entries(counts).map(([sync, count]) => html`${badge(sync as SyncState)} ${count} `)}</p>
    ${filterForm(filter)}
    ${shown.length === 0 ? html`<p>No environment matches.</p>` : environmentsTable(shown)}`;
  return page('wsr status', html`<h1>wsr daemon</h1>${daemonFacts(report)}`, body);
}

export function renderEnvironmentPage(detail: EnvironmentDetail, report: Omit<StatusReport, 'environments'>): string {
  const body = html`
    <p><a href="/">← All environments</a></p>
    ${environmentFacts(detail)}
    ${problemsSection(detail)}
    ${planSection(detail.lastPlan)}
    ${historySection(detail.history)}`;
  return page(`${detail.env} · wsr status`, html`<h1>Environment ${detail.env} ${badge(detail.sync)}</h1>${daemonFacts(report)}`, body);
}

export function renderNotFoundPage(env: string): string {
  return page('not found · wsr status', html`<h1>No environment ${env}</h1>`, html`<p><a href="/">← All environments</a></p>`);
}

function page(title: string, header: SafeHtml, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<noscript><meta http-equiv="refresh" content="${PAGE_REFRESH_SECONDS}"></noscript>
<link rel="stylesheet" href="/assets/status.css">
<script src="/assets/status.js" defer></script>
</head>
<body data-refresh-seconds="${PAGE_REFRESH_SECONDS}">
<header>${header}</header>
<main id="content">${body}</main>
<footer><p role="status" id="updated">Rendered <time datetime="${new Date().toISOString()}">${clock(new Date().toISOString())}</time>; refreshes every ${PAGE_REFRESH_SECONDS} s.</p></footer>
</body>
</html>
`.text;
}

function daemonFacts(report: Omit<StatusReport, 'environments'>): SafeHtml {
  return html`<p class="facts">mode <strong>${report.mode}</strong> · schedule <code>${report.schedule}</code>${
    report.nextScheduledRun ? html` · next cycle ${timeOf(report.nextScheduledRun)}` : ''
  } · ${report.readiness.ready ? 'ready' : html`<strong>not ready</strong>`} · control ${report.control ? 'enabled (bearer token)' : 'disabled'}</p>`;
}

function badge(sync: SyncState): SafeHtml {
  return html`<span class="badge badge-${sync}">${SYNC_LABEL[sync]}</span>`;
}

function filterForm(filter: OverviewFilter): SafeHtml {
  const options = (Object.keys(SYNC_LABEL) as SyncState[]).map(
    (sync) => html`<option value="${sync}"${filter.sync === sync ? html` selected` : ''}>${SYNC_LABEL[sync]}</option>`,
  );
  return html`<form method="get" action="/" role="search" class="filter">
    <label for="filter-text">Environment name contains</label>
    <input id="filter-text" name="q" type="search" value="${filter.text ?? ''}">
    <label for="filter-state">State</label>
    <select id="filter-state" name="state"><option value="">any</option>${options}</select>
    <button type="submit">Filter</button>
  </form>`;
}

function environmentsTable(environments: readonly EnvironmentStatus[]): SafeHtml {
  return html`<table aria-labelledby="environments-heading">
    <thead><tr>
      <th scope="col">Environment</th><th scope="col">State</th><th scope="col">Health</th><th scope="col">Last run</th>
      <th scope="col">Duration</th><th scope="col">API calls</th><th scope="col">Throttled</th><th scope="col">Drift by kind</th><th scope="col">Blocked / deferred</th>
    </tr></thead>
    <tbody>${environments.map(environmentRow)}</tbody>
  </table>`;
}

function environmentRow(env: EnvironmentStatus): SafeHtml {
  const run = env.lastRun;
  return html`<tr data-env="${env.env}" data-sync="${env.sync}">
    <th scope="row"><a href="/environments/${encodeURIComponent(env.env)}">${env.env}</a>${env.running ? html` <span class="running">reconciling…</span>` : ''}</th>
    <td>${badge(env.sync)}</td>
    <td>${env.condition.type} <span class="reason">${env.condition.reason}</span><br><span class="message">${env.condition.message}</span>${
      env.windows ? html`<br><span class="message">change window ${env.windows.open ? 'open' : 'closed'}: ${env.windows.note}</span>` : ''
    }</td>
    <td>${run ? html`${timeOf(run.startedAt)} <span class="result">${run.result}</span>` : '—'}</td>
    <td>${run ? duration(run.ms) : '—'}</td>
    <td>${run ? run.apiCalls : '—'}</td>
    <td>${run ? run.throttled : '—'}</td>
    <td>${driftByKind(run?.changesByKind)}</td>
    <td>${run?.summary?.blocked ?? 0} / ${run?.summary?.deferred ?? 0}</td>
  </tr>`;
}

function driftByKind(changesByKind: Readonly<Record<string, number>> | undefined): SafeHtml | string {
  const entries = Object.entries(changesByKind ?? {}).filter(([, count]) => count > 0);
  if (entries.length === 0) return '—';
  return html`<ul class="inline">${entries.map(([kind, count]) => html`<li>${kind} ${count}</li>`)}</ul>`;
}

function environmentFacts(detail: EnvironmentDetail): SafeHtml {
  return html`<h2>Status</h2>
  <dl class="facts-list">
    <dt>Spec file</dt><dd><code>${detail.file}</code></dd>
    <dt>Condition</dt><dd>${detail.condition.type} · ${detail.condition.reason} · ${detail.condition.message}</dd>
    <dt>Suspended</dt><dd>${detail.suspended ? 'yes (scheduled runs are skipped until resumed)' : 'no'}</dd>
    <dt>Reconciles</dt><dd>${detail.reconciles}${detail.running ? ' (one in flight)' : ''}</dd>
    <dt>Last success</dt><dd>${detail.lastSuccessAt ? timeOf(detail.lastSuccessAt) : '—'}</dd>
    ${detail.failingSince ? html`<dt>Failing since</dt><dd>${timeOf(detail.failingSince)} (${detail.consecutiveFailures} failed runs in a row)</dd>` : ''}
    ${detail.nextAttemptAt ? html`<dt>Next attempt</dt><dd>${timeOf(detail.nextAttemptAt)} (backoff)</dd>` : ''}
  </dl>`;
}

function problemsSection(detail: EnvironmentDetail): SafeHtml | string {
  const plan = detail.lastPlan;
  const spec = detail.specError;
  if (!spec && !plan?.blocked.length && !plan?.deferred.length && !plan?.failedSteps.length && !plan?.warnings.length) return '';
  return html`<h2>Needs attention</h2>
    ${spec ? html`<h3>Spec does not load</h3><p><code>${spec.code}</code> ${spec.message} (since ${timeOf(spec.since)})</p>` : ''}
    ${problemList('Blocked steps', plan?.blocked ?? [])}
    ${problemList('Deferred steps (waiting for a later run)', plan?.deferred ?? [])}
    ${problemList('Failed steps of the last apply', plan?.failedSteps ?? [])}
    ${plan?.warnings.length ? html`<h3>Warnings</h3><ul>${plan.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}`;
}

function problemList(title: string, problems: readonly StepProblem[]): SafeHtml | string {
  if (problems.length === 0) return '';
  return html`<h3>${title}</h3><ul class="problems">${problems.map((p) => html`<li><code>${p.key}</code> ${p.operation}: ${p.reason}</li>`)}</ul>`;
}

function planSection(plan: PlanDigest | undefined): SafeHtml {
  if (!plan) return html`<h2>Last plan</h2><p>No plan yet.</p>`;
  const s = plan.summary;
  const line = `${s.create} to create, ${s.update} to update, ${s.migrate} to migrate, ${s.replace} to replace, ${s.delete} to delete, ${s.blocked} blocked, ${s.deferred ?? 0} deferred, ${s.destructive} destructive`;
  const windows = plan.windows
    ? html`<p>Change windows: <strong>${plan.windows.ignored ? 'ignored (--ignore-windows)' : plan.windows.open ? 'open' : 'closed'}</strong> — ${plan.windows.note}</p>`
    : '';
  return html`<h2>Last plan</h2>
    <p>Made ${timeOf(plan.createdAt)}: ${plan.sections.length === 0 ? 'no changes, live state matches the spec.' : line}</p>
    ${windows}
    ${plan.sections.map(actionSection)}`;
}

function actionSection(section: ActionSection): SafeHtml {
  return html`<section class="group group-${section.action}" aria-labelledby="group-${section.action}">
    <h3 id="group-${section.action}">${SECTION_TITLE[section.action]} (${section.total})</h3>
    <ul class="changes">${section.groups.map(groupItem)}</ul>
    ${section.moreGroups > 0 ? html`<p>… and ${section.moreGroups} more groups (see <code>wsr plan</code>).</p>` : ''}
  </section>`;
}

function groupItem(group: DigestGroup): SafeHtml {
  return html`<li><code class="key">${group.members}</code>${group.count > 1 ? html` <span class="count">${group.count} ${group.kind}s</span>` : ''} <span class="reason">${group.reason}</span>
    ${group.attributes.length ? html`<ul class="fields">${group.attributes.map((attribute) => html`<li>${attribute}</li>`)}</ul>` : ''}
    ${
      group.steps.length
        ? html`<ul class="steps">${group.steps.map(
            (step) => html`<li>${step.operation}${step.destructive ? html` <strong>(destructive)</strong>` : ''}${stepState(step)}</li>`,
          )}</ul>`
        : ''
    }</li>`;
}

function stepState(step: GroupStep): SafeHtml {
  if (step.blocked) return html` <strong>blocked:</strong> ${step.blocked}`;
  if (step.deferred) return html` <strong>deferred:</strong> ${step.deferred}`;
  return html` — ${step.reason}`;
}

function historySection(history: readonly RunStatus[]): SafeHtml {
  if (history.length === 0) return html`<h2>Recent runs</h2><p>No run finished yet.</p>`;
  return html`<h2 id="history-heading">Recent runs</h2>
  <table aria-labelledby="history-heading">
    <thead><tr><th scope="col">Started</th><th scope="col">Trigger</th><th scope="col">Result</th><th scope="col">Duration</th><th scope="col">API calls</th><th scope="col">Throttled</th><th scope="col">Changes</th><th scope="col">Applied</th><th scope="col">Error</th></tr></thead>
    <tbody>${history.map(
      (run) => html`<tr>
        <td>${timeOf(run.startedAt)}</td><td>${run.trigger ?? 'schedule'}</td><td>${run.result}</td><td>${duration(run.ms)}</td>
        <td>${run.apiCalls}</td><td>${run.throttled}</td><td>${run.summary ? run.summary.steps : '—'}</td>
        <td>${run.apply ? `${run.apply.succeeded} ok, ${run.apply.failed} failed, ${run.apply.skipped} skipped` : '—'}</td>
        <td>${run.failure ? html`<code>${run.failure.code}</code> ${run.failure.message}` : ''}</td>
      </tr>`,
    )}</tbody>
  </table>`;
}

function matches(env: EnvironmentStatus, filter: OverviewFilter): boolean {
  if (filter.text && !env.env.toLowerCase().includes(filter.text.toLowerCase())) return false;
  return filter.sync === undefined || env.sync === filter.sync;
}

function countBySync(environments: readonly EnvironmentStatus[]): Partial<Record<SyncState, number>> {
  const counts: Partial<Record<SyncState, number>> = {};
  for (const env of environments) counts[env.sync] = (counts[env.sync] ?? 0) + 1;
  return counts;
}

function timeOf(iso: string): SafeHtml {
  return html`<time datetime="${iso}">${clock(iso)}</time>`;
}

/** `2026-11-30 15:45:10 UTC`: unambiguous without JavaScript; the script adds "3 min ago". */
function clock(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
