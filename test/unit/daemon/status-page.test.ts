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
  const run = {
    runId: 'drifted-1',
    result: 'changes-planned' as const,
    startedAt: STARTED,
    ms: 1234,
    apiCalls: 7,
    throttled: 1,
    usedLastGoodSpec: false,
    summary: result.plan.summary,
    changesByKind: { ipGroup: 2, workspace: 1 },
  };
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
    const state = anEnvironment('<script>alert(1)</script>', {
      specProblem: { code: 'SPEC_UNKNOWN_FIELD', message: 'unknown field "<img src=x onerror=alert(1)>"', since: STARTED },
    });
    const html = renderOverviewPage(buildStatusReport([state], CONTEXT)) + renderEnvironmentPage(buildEnvironmentDetail(state, 'plan'), CONTEXT);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows blocked steps with their reasons and redacts secret-looking fields as the logs do', () => {
    const change = {
      ...aChange('directory', 'd-1'),
      fields: [
        { path: 'branding.Logo', before: 'aGVsbG8=', after: 'd29ybGQ=' },
        { path: 'selfService.restartWorkspace', before: false, after: true },
      ],
    };
    const step: PlanStep = {
      id: 'directory/d-1:X',
      key: 'directory/d-1',
      kind: 'directory',
      action: 'update',
      operation: 'ModifyWorkspaceCreationProperties',
      input: {},
      dependsOn: [],
      destructive: false,
      reason: 'r',
      blocked: 'directory is not REGISTERED yet',
    };
    const result = aResult({ changes: [change] });
    const plan = digestPlan({ ...result.plan, steps: [step] }, undefined);
    const html = renderEnvironmentPage(buildEnvironmentDetail(anEnvironment('prod', { lastPlan: plan }), 'apply'), CONTEXT);
    expect(html).toContain('<code>directory/d-1</code> ModifyWorkspaceCreationProperties: directory is not REGISTERED yet');
    expect(html).toContain('[redacted] → [redacted]');
    expect(html).not.toContain('aGVsbG8=');
    expect(html).toContain('false → true');
  });

  it('shows the change-window state and when the next window opens, on both pages', () => {
    const plan = digestPlan(
      { ...aResult().plan, windows: { open: false, ignored: false, note: 'outside the allow windows; next opens 2026-12-01 22:00 Europe/Berlin' } },
      undefined,
    );
    const state = anEnvironment('prod', { lastPlan: plan });
    expect(renderOverviewPage(buildStatusReport([state], CONTEXT))).toContain(
      'change window closed: outside the allow windows; next opens 2026-12-01 22:00 Europe/Berlin',
    );
    expect(renderEnvironmentPage(buildEnvironmentDetail(state, 'apply'), CONTEXT)).toContain(
      'Change windows: <strong>closed</strong> — outside the allow windows; next opens',
    );
  });

  it('groups changes as the CLI does: creates that differ only by name are one group, and the rest past the bound is counted', () => {
    const creates = Array.from({ length: 7 }, (_, i) => aChange('workspace', `d-1/user${i}`, 'create'));
    const digest = digestPlan(aResult({ changes: creates }).plan, undefined);
    expect(digest.sections).toEqual([
      {
        action: 'create',
        total: 7,
        moreGroups: 0,
        groups: [expect.objectContaining({ count: 7, members: 'workspace/d-1/{user0, user1, user2, user3, user4, user5, user6}' })],
      },
    ]);
    const distinct = Array.from({ length: 5 }, (_, i) => ({ ...aChange('ipGroup', `g${i}`), reason: `rule ${i} missing` }));
    const bounded = digestPlan(aResult({ changes: distinct }).plan, undefined, { maxGroupsPerAction: 3 });
    expect(bounded.sections[0]).toMatchObject({ action: 'update', total: 5, moreGroups: 2 });
    expect(renderEnvironmentPage(buildEnvironmentDetail(anEnvironment('big', { lastPlan: bounded }), 'plan'), CONTEXT)).toContain('… and 2 more groups');
  });
});
