import { describe, expect, it } from 'vitest';
import { renderPlanJson } from '../../../src/plan/render/json.js';
import { renderPlanMarkdown } from '../../../src/plan/render/markdown.js';
import { renderPlanText } from '../../../src/plan/render/text.js';
import { formatValue } from '../../../src/plan/render/symbols.js';
import { aLiveWorkspace, anIpGroup, aWorkspace, planOf } from '../../helpers/builders.js';

function mixedPlan() {
  return planOf(
    [
      aWorkspace({ userName: 'new1' }),
      aWorkspace({ userName: 'bob', workspaceProperties: { ComputeTypeName: 'POWER' } }),
      aWorkspace({ userName: 'carol', bundle: { id: 'wsb-power0001' } }),
      aWorkspace({ userName: 'dave', runningState: 'stopped', workspaceProperties: { RunningMode: 'ALWAYS_ON' } }),
    ],
    [
      aLiveWorkspace({ userName: 'bob' }),
      aLiveWorkspace({ userName: 'carol' }),
      aLiveWorkspace({ userName: 'dave', workspaceProperties: { RunningMode: 'ALWAYS_ON' } }),
    ],
  );
}

describe('renderPlanText', () => {
  it('prints Terraform-like marks, field lines, blocked reasons and the summary line', () => {
    const text = renderPlanText(mixedPlan());
    expect(text).toContain('  + workspace/d-1111111111/new1');
    expect(text).toContain('  ~ workspace/d-1111111111/bob');
    expect(text).toContain('workspaceProperties.ComputeTypeName: STANDARD → POWER');
    expect(text).toContain('  » workspace/d-1111111111/carol');
    expect(text).toContain('! StopWorkspaces blocked: never stops an ALWAYS_ON desktop');
    expect(text).toContain('Plan: 1 to create, 2 to update, 1 to migrate, 0 to delete, 1 blocked · read took 0 API calls');
    expect(text).not.toContain('\u001b[');
  });

  it('says "No changes." when live matches the spec', () => {
    expect(renderPlanText(planOf([aWorkspace()], [aLiveWorkspace()]))).toContain('No changes.');
  });

  it('colours only when asked', () => {
    expect(renderPlanText(mixedPlan(), { color: true })).toContain('\u001b[32m  + workspace/d-1111111111/new1');
  });
});

describe('renderPlanMarkdown', () => {
  it('puts the summary table first and destructive steps before the changes', () => {
    const markdown = renderPlanMarkdown(mixedPlan());
    expect(markdown).toContain('| 1 | 2 | 1 | 0 | 0 | 1 | 1 | 0 |');
    expect(markdown.indexOf('Destructive steps')).toBeLessThan(markdown.indexOf('#### Changes'));
    expect(markdown).toContain('MigrateWorkspace');
  });

  it('folds long lists in <details>', () => {
    const users = Array.from({ length: 12 }, (_, index) => aWorkspace({ userName: `user${index}` }));
    expect(renderPlanMarkdown(planOf(users, []))).toContain('<details><summary>Changes (12)</summary>');
  });
});

describe('renderPlanJson', () => {
  it('is the plan object, versioned', () => {
    const plan = mixedPlan();
    expect(JSON.parse(renderPlanJson(plan))).toEqual(JSON.parse(JSON.stringify(plan)));
    expect(JSON.parse(renderPlanJson(plan)).version).toBe(1);
  });
});

describe('field values', () => {
  it('prints flat records as name=value pairs and lists in brackets', () => {
    expect(formatValue({ cidr: '198.51.100.0/24', description: 'HQ' })).toBe('cidr=198.51.100.0/24 description=HQ');
    expect(formatValue(['WSP', 'PCOIP'])).toBe('[WSP, PCOIP]');
    expect(formatValue(undefined)).toBe('(none)');
  });
});

describe('renderPlanText marks', () => {
  it('marks a replace -/+ and a delete -, destructive steps flagged', () => {
    const plan = planOf(
      [aWorkspace({ userVolumeEncryptionEnabled: true })],
      [aLiveWorkspace(), aLiveWorkspace({ userName: 'gone', liveTags: { 'wsr:env': 'test-env' } })],
      { policy: { prune: true } },
    );
    const text = renderPlanText(plan);
    expect(text).toContain('  -/+ workspace/d-1111111111/alice');
    expect(text).toContain('  - workspace/d-1111111111/gone');
    expect(text).toContain('TerminateWorkspaces (destructive)');
    expect(text).toContain('Plan: 0 to create, 0 to update, 0 to migrate, 1 to replace, 1 to delete, 0 blocked');
  });
});

describe('renderPlanMarkdown cells', () => {
  it('escapes pipes so a reason cannot break the table', () => {
    const plan = planOf([anIpGroup({ rules: [{ cidr: '198.51.100.0/24', description: 'a|b' }] })], []);
    expect(renderPlanMarkdown(plan)).toContain('description=a\\|b');
  });
});
