import { describe, expect, it } from 'vitest';
import { EngineEvents } from '../../../src/model/engine-events.js';
import { DaemonMetrics } from '../../../src/daemon/metrics.js';
import { aSummary } from './fakes.js';

describe('DaemonMetrics', () => {
  it('counts API calls by operation and result, and throttles apart', async () => {
    const metrics = new DaemonMetrics({ defaultMetrics: false });
    const events = new EngineEvents();
    const unsubscribe = metrics.observeRun('prod', events);
    events.emit({ type: 'api.call', operation: 'DescribeWorkspaces', outcome: 'ok', ms: 3 });
    events.emit({ type: 'api.call', operation: 'DescribeWorkspaces', outcome: 'ok', ms: 3 });
    events.emit({ type: 'api.call', operation: 'StartWorkspaces', outcome: 'throttled', ms: 3 });
    unsubscribe();
    events.emit({ type: 'api.call', operation: 'DescribeWorkspaces', outcome: 'ok', ms: 3 });
    const text = await metrics.text();
    expect(text).toContain('wsr_api_calls_total{operation="DescribeWorkspaces",result="ok"} 2');
    expect(text).toContain('wsr_api_calls_total{operation="StartWorkspaces",result="throttled"} 1');
    expect(text).toContain('wsr_api_throttles_total 1');
  });

  it('counts the members of each directory group a template reads, and drops the series with the environment', async () => {
    const metrics = new DaemonMetrics({ defaultMetrics: false });
    const events = new EngineEvents();
    metrics.addEnvironment('prod');
    metrics.observeRun('prod', events);
    const group = 'CN=WorkSpaces-Dev,OU=Groups,DC=corp,DC=example,DC=com';
    events.emit({
      type: 'users.resolved',
      environment: 'prod',
      template: 0,
      source: 'group',
      name: group,
      members: 312,
      disabled: 4,
      method: 'inChain',
      ms: 40,
    });
    events.emit({
      type: 'users.resolved',
      environment: 'prod',
      template: 0,
      source: 'group',
      name: group,
      members: 311,
      disabled: 5,
      method: 'inChain',
      ms: 40,
    });
    events.emit({ type: 'users.resolved', environment: 'prod', template: 1, source: 'file', name: 'contractors.csv', members: 12, ms: 1 });
    expect(await metrics.text()).toContain(`wsr_group_members{env="prod",group="${group}"} 311`);
    expect(await metrics.text()).not.toContain('contractors.csv');
    metrics.forgetEnvironment('prod');
    expect(await metrics.text()).not.toContain('wsr_group_members{');
  });

  it('sets drift per kind and pending/blocked steps from the last plan, resetting kinds that no longer drift', async () => {
    const metrics = new DaemonMetrics({ defaultMetrics: false });
    const events = new EngineEvents();
    metrics.addEnvironment('prod');
    metrics.observeRun('prod', events);
    events.emit({ type: 'plan.done', environment: 'prod', summary: aSummary({ steps: 5, blocked: 2 }), changesByKind: { workspace: 3, ipGroup: 1 } });
    events.emit({ type: 'plan.done', environment: 'prod', summary: aSummary({ steps: 4, blocked: 1 }), changesByKind: { workspace: 4 } });
    const text = await metrics.text();
    expect(text).toContain('wsr_drift_resources{env="prod",kind="workspace"} 4');
    expect(text).toContain('wsr_drift_resources{env="prod",kind="ipGroup"} 0');
    expect(text).toContain('wsr_plan_steps{env="prod",state="pending"} 3');
    expect(text).toContain('wsr_plan_steps{env="prod",state="blocked"} 1');
  });

  it('sets the unhealthy resources of the last plan apart from drift (#10 defect 9), and drops the series with the environment', async () => {
    const metrics = new DaemonMetrics({ defaultMetrics: false });
    const events = new EngineEvents();
    metrics.addEnvironment('prod');
    expect(await metrics.text()).toContain('wsr_unhealthy_resources{env="prod"} 0');
    metrics.observeRun('prod', events);
    events.emit({ type: 'plan.done', environment: 'prod', summary: aSummary({ unhealthy: 2 }), changesByKind: {} });
    const text = await metrics.text();
    expect(text).toContain('wsr_unhealthy_resources{env="prod"} 2');
    expect(text).toContain('wsr_drift_resources{env="prod",kind="workspace"} 0');
    metrics.forgetEnvironment('prod');
    expect(await metrics.text()).not.toContain('wsr_unhealthy_resources{');
  });

  it('records reconcile results, durations and the last success time', async () => {
    const metrics = new DaemonMetrics({ defaultMetrics: false });
    metrics.recordReconcile(
      'prod',
      {
        runId: 'r1',
        result: 'applied',
        startedAt: 0,
        ms: 1500,
        usedLastGoodSpec: false,
        apiCalls: 9,
        throttled: 0,
        apply: { succeeded: 3, failed: 0, skipped: 0 },
      },
      1_800_000_000_000,
    );
    metrics.recordReconcile(
      'prod',
      { runId: 'r2', result: 'failed', startedAt: 0, ms: 200, usedLastGoodSpec: false, apiCalls: 1, throttled: 0 },
      1_800_000_100_000,
    );
    const text = await metrics.text();
    expect(text).toContain('wsr_reconcile_total{env="prod",result="applied"} 1');
    expect(text).toContain('wsr_reconcile_total{env="prod",result="failed"} 1');
    expect(text).toContain('wsr_reconcile_duration_seconds_count{env="prod"} 2');
    expect(text).toContain('wsr_reconcile_duration_seconds_sum{env="prod"} 1.7');
    expect(text).toContain('wsr_last_success_timestamp_seconds{env="prod"} 1800000000');
  });

  it('shows the current condition with its reason and drops the old one', async () => {
    const metrics = new DaemonMetrics({ defaultMetrics: false });
    metrics.setCondition('prod', { type: 'Stalled', reason: 'AWS_ACCESS_DENIED', message: 'denied' });
    metrics.setCondition('prod', { type: 'Ready', reason: 'InSync', message: 'ok' });
    const text = await metrics.text();
    expect(text).toContain('wsr_environment_condition{env="prod",type="Ready",reason="InSync"} 1');
    expect(text).toContain('wsr_environment_condition{env="prod",type="Stalled",reason=""} 0');
    expect(text).not.toContain('AWS_ACCESS_DENIED');
  });

  it('includes the default process metrics and keeps registries apart', async () => {
    const first = new DaemonMetrics();
    const second = new DaemonMetrics();
    first.recordSpecLoadError('prod');
    expect(await first.text()).toContain('process_cpu_user_seconds_total');
    expect(await first.text()).toContain('wsr_spec_load_errors_total{env="prod"} 1');
    expect(await second.text()).not.toContain('wsr_spec_load_errors_total{env="prod"}');
  });
});
