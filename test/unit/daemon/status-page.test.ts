import { describe, expect, it } from 'vitest';
import { newEnvironmentState, type EnvironmentState } from '../../../src/daemon/environment-state.js';
import { digestPlan } from '../../../src/daemon/plan-digest.js';
import { renderEnvironmentPage, renderOverviewPage } from '../../../src/daemon/status-page.js';
import { buildEnvironmentDetail, buildStatusReport, type StatusContext } from '../../../src/daemon/status-report.js';
import type { PlanStep } from '../../../src/model/plan-step.js';
import { aChange, aResult } from './fakes.js';

const CONTEXT: StatusContext = { mode: 'plan', schedule: '*/5 * * * *', readiness: { ready: true, reasons: [] }, control: false };
const STARTED = Date.UTC(2026, 10, 30, 12, 0, 0);

function anEnvironment(env: string, overrides: Partial<EnvironmentState> = {}): EnvironmentState {
  return Object.assign(newEnvironmentState(env, `specs/${env}.yaml`), overrides);
}

function drifted(): EnvironmentState {
  const result = aResult({ changes: [aChange('ipGroup', 'office'), aChange('ipGroup', 'lab', 'create'), aChange('workspace', 'd-1/alice', 'delete')] });
  const run = { runId: 'drifted-1', result: 'changes-planned' as const, startedAt: STARTED, ms: 1234, apiCalls: 7, throttled: 1, usedLastGoodSpec: false, summary: result.plan.summary, changesByKind: { ipGroup: 2, workspace: 1 } };
  return anEnvironment('drifted', { reconciles: 1, lastRun: run, history: [run], lastPlan: digestPlan(result.plan, undefined) });
}

describe('status page', () => {
  it('lists every environment with its state badge, health, last run facts and drift by kind', () => {
    const html = renderOverviewPage(buildStatusReport([drifted(), anEnvironment('new')], CONTEXT));
    expect(html).toMatch(/<tr data-env="drifted" data-sync="drifted">/);
    expect(html).toContain('<span class="badge badge-drifted">Drifted</span>');
    expect(html).toContain('<li>ipGroup 2</li><li>workspace 1</li>');
    expect(html).toContain('<td>7</td>');
    expect(html).toContain('1.2 s');
    expect(html).toMatch(/<tr data-env="new" data-sync="pending">/);
    // readable without JavaScript: the refresh falls back to a meta refresh
    expect(html).toContain('<noscript><meta http-equiv="refresh"');
  });

  it('filters by name and state from the query (works without JavaScript)', () => {
    const report = buildStatusReport([drifted(), anEnvironment('new')], CONTEXT);
    expect(renderOverviewPage(report, { text: 'dri' })).not.toContain('data-env="new"');
    expect(renderOverviewPage(report, { sync: 'pending' })).not.toContain('data-env="drifted"');
  });

  it('groups the last plan by what it does, and lists the run history', () => {
    const html = renderEnvironmentPage(buildEnvironmentDetail(drifted(), 'plan'), CONTEXT);
    const headings = [...html.matchAll(/<h3 id="group-[a-z]+">([^<]+)<\/h3>/g)].map((m) => m[1]);
    expect(headings).toEqual(['To create (1)', 'To update (1)', 'To delete (1)']);
    expect(html).toContain('<code class="key">workspace/d-1/alice</code>');
    expect(html).toMatch(/<h2 id="history-heading">Recent runs<\/h2>/);
    expect(html).toContain('<td>changes-planned</td>');
  });

  it('escapes names and messages, so nothing from a spec or an AWS error becomes markup', () => {
    const state = anEnvironment('<script>alert(1)</script>', { specProblem: { code: 'SPEC_UNKNOWN_FIELD', message: 'unknown field "<img src=x onerror=alert(1)>"', since: STARTED } });
    const html = renderOverviewPage(buildStatusReport([state], CONTEXT)) + renderEnvironmentPage(buildEnvironmentDetail(state, 'plan'), CONTEXT);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows blocked steps with their reasons and redacts secret-looking fields as the logs do', () => {
    const change = { ...aChange('directory', 'd-1'), fields: [{ path: 'branding.Logo', before: 'aGVsbG8=', after: 'd29ybGQ=' }, { path: 'selfService.restartWorkspace', before: false, after: true }] };
    const step: PlanStep = { id: 'directory/d-1:X', key: 'directory/d-1', kind: 'directory', action: 'update', operation: 'ModifyWorkspaceCreationProperties', input: {}, dependsOn: [], destructive: false, reason: 'r', blocked: 'directory is not REGISTERED yet' };
    const result = aResult({ changes: [change] });
    const plan = digestPlan({ ...result.plan, steps: [step] }, undefined);
    const html = renderEnvironmentPage(buildEnvironmentDetail(anEnvironment('prod', { lastPlan: plan }), 'apply'), CONTEXT);
    expect(html).toContain('<code>directory/d-1</code> ModifyWorkspaceCreationProperties: directory is not REGISTERED yet');
    expect(html).toContain('[redacted] → [redacted]');
    expect(html).not.toContain('aGVsbG8=');
    expect(html).toContain('false → true');
  });

  it('keeps at most the configured rows per group and counts the rest', () => {
    const changes = Array.from({ length: 7 }, (_, i) => aChange('workspace', `d-1/user${i}`, 'create'));
    const digest = digestPlan(aResult({ changes }).plan, undefined, { maxRowsPerGroup: 5 });
    expect(digest.groups[0]).toMatchObject({ action: 'create', total: 7 });
    expect(digest.groups[0]!.changes).toHaveLength(5);
    expect(renderEnvironmentPage(buildEnvironmentDetail(anEnvironment('big', { lastPlan: digest }), 'plan'), CONTEXT)).toContain('… and 2 more');
  });
});
