import { describe, expect, it } from 'vitest';
import { renderPlanJson } from '../../../src/plan/render/json.js';
import { MARKDOWN_MAX_CHARS, renderPlanMarkdown } from '../../../src/plan/render/markdown.js';
import { renderPlanText } from '../../../src/plan/render/text.js';
import { renderPlanDot } from '../../../src/plan/render/dot.js';
import { groupChanges } from '../../../src/plan/render/change-groups.js';
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

const users = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(4, '0')}`);

/** 1,000 new desktops from three templates, as examples/fleet.yaml writes them. */
function fleetCreatePlan() {
  return planOf(
    [
      ...users('dev', 50).map((userName) =>
        aWorkspace({ userName, bundle: { id: 'wsb-powwin0001' }, workspaceProperties: { RunningMode: 'ALWAYS_ON' }, tags: { team: 'dev' } }),
      ),
      ...users('support', 50).map((userName) => aWorkspace({ userName, bundle: { id: 'wsb-valwin0001' }, workspaceProperties: { UserVolumeSizeGib: 10 } })),
      ...users('user', 900).map((userName) => aWorkspace({ userName })),
    ],
    [],
  );
}

/** 950 desktops moving to another bundle: 950 MigrateWorkspace steps. */
function fleetMigratePlan() {
  const names = users('user', 950);
  return planOf(
    names.map((userName) => aWorkspace({ userName, bundle: { id: 'wsb-perwin0001' } })),
    names.map((userName) => aLiveWorkspace({ userName })),
    { policy: { allowDestroy: true } },
  );
}

const lines = (text: string) => text.trimEnd().split('\n');

describe('renderPlanText: grouped by what the changes do', () => {
  it('prints 1,000 creates from three templates as three groups with the attributes they will have, in a screenful', () => {
    const text = renderPlanText(fleetCreatePlan());
    expect(lines(text).length).toBeLessThanOrEqual(60);
    expect(text).toContain('+ create 50 × workspace/d-1111111111/{dev0001, dev0002, dev0003, dev0004, dev0005, dev0006, … 44 more}');
    expect(text).toContain('+ create 50 × workspace/d-1111111111/{support0001,');
    expect(text).toContain('+ create 900 × workspace/d-1111111111/{user0001,');
    expect(text).toContain('will have: directoryId: d-1111111111 · bundle: wsb-powwin0001\n');
    expect(text).toContain('                 workspaceProperties.RunningMode: ALWAYS_ON\n');
    expect(text).toContain('tags: team=dev');
    expect(text).toContain('why: no workspace for <name> in d-1111111111');
    expect(text).toContain('steps: CreateWorkspaces (25 per call)');
    expect(text).not.toContain('user0007'); // the 894 others are counted, not listed
    expect(text).toContain('Plan: 1000 to create, 0 to update, 0 to migrate, 0 to delete, 0 blocked');
  });

  it('--detail lists every resource under its group', () => {
    const text = renderPlanText(fleetCreatePlan(), { detail: true });
    for (const userName of [...users('dev', 50), ...users('support', 50), ...users('user', 900)])
      expect(text).toContain(`        workspace/d-1111111111/${userName}\n`);
  });

  it('puts counts by kind × action first, with destructive steps highlighted', () => {
    const text = renderPlanText(fleetMigratePlan());
    const [, , header, row, warning] = lines(text);
    expect(header).toMatch(/^\s+migrate\s+⚠ destructive$/);
    expect(row).toMatch(/^ {2}workspace\s+950\s+950$/);
    expect(warning).toContain('⚠ 950 destructive steps');
    expect(text).toContain('» migrate 950 × workspace/d-1111111111/{user0001,');
    expect(text).toContain(' ⚠ destructive');
    expect(text).toContain('changes: bundle: wsb-standard1 → wsb-perwin0001');
    expect(text).toContain('steps: MigrateWorkspace (destructive)');
  });

  it('keeps different changes apart and a group of one names its resource in full', () => {
    const text = renderPlanText(mixedPlan());
    expect(text).toContain('  + create workspace/d-1111111111/new1');
    expect(text).toContain('why: no workspace for new1 in d-1111111111');
    expect(text).toContain('  ~ update workspace/d-1111111111/bob');
    expect(text).toContain('changes: workspaceProperties.ComputeTypeName: STANDARD → POWER');
    expect(text).toContain('  » migrate workspace/d-1111111111/carol');
    expect(text).toContain('! StopWorkspaces blocked: never stops an ALWAYS_ON desktop');
    expect(text).toContain('Plan: 1 to create, 2 to update, 1 to migrate, 0 to delete, 1 blocked · read took 0 API calls');
    expect(text).not.toContain('\u001b[');
  });

  it('marks a replace -/+ and a delete -, destructive steps flagged', () => {
    const plan = planOf(
      [aWorkspace({ userVolumeEncryptionEnabled: true })],
      [aLiveWorkspace(), aLiveWorkspace({ userName: 'gone', liveTags: { 'wsr:env': 'test-env' } })],
      { policy: { prune: true } },
    );
    const text = renderPlanText(plan);
    expect(text).toContain('  -/+ replace workspace/d-1111111111/alice');
    expect(text).toContain('  - delete workspace/d-1111111111/gone');
    expect(text).toContain('steps: TerminateWorkspaces (destructive, 25 per call)');
    expect(text).toContain('Plan: 0 to create, 0 to update, 0 to migrate, 1 to replace, 1 to delete, 0 blocked');
  });

  it('says "No changes." when live matches the spec', () => {
    expect(renderPlanText(planOf([aWorkspace()], [aLiveWorkspace()]))).toContain('No changes.');
  });

  it('counts unhealthy desktops apart in text, markdown and JSON, even when nothing else changes (#10 defect 9)', () => {
    const plan = planOf(
      [aWorkspace(), aWorkspace({ userName: 'bob' })],
      [aLiveWorkspace({ state: 'UNHEALTHY' }), aLiveWorkspace({ userName: 'bob', state: 'ERROR' })],
    );
    expect(renderPlanText(plan)).toContain('No changes. Live state matches the spec · 2 unhealthy (see warnings)');
    expect(renderPlanMarkdown(plan)).toContain('**No changes.** Live state matches the spec · 2 unhealthy (see warnings)');
    expect(JSON.parse(renderPlanJson(plan)).summary.unhealthy).toBe(2);
    const withChanges = planOf([aWorkspace(), aWorkspace({ userName: 'new' })], [aLiveWorkspace({ state: 'ERROR' })]);
    expect(renderPlanText(withChanges)).toContain('Plan: 1 to create, 0 to update, 0 to migrate, 0 to delete, 0 blocked · 1 unhealthy (see warnings)');
  });

  it('colours only when asked', () => {
    expect(renderPlanText(mixedPlan(), { color: true })).toContain('\u001b[32m  + create workspace/d-1111111111/new1');
  });
});

describe('groupChanges', () => {
  it('does not take a name for a placeholder inside a longer word', () => {
    const plan = planOf([aWorkspace({ userName: 'd' }), aWorkspace({ userName: 'e' })], []);
    const [group] = groupChanges(plan);
    expect(group.keys).toHaveLength(2);
    expect(group.reason).toBe('no workspace for <name> in d-1111111111');
  });
});

describe('renderPlanMarkdown', () => {
  it("keeps the 950-desktop migrate well under GitHub's comment limit, grouped in <details>", () => {
    const markdown = renderPlanMarkdown(fleetMigratePlan());
    expect(markdown.length).toBeLessThan(MARKDOWN_MAX_CHARS);
    expect(markdown).toContain('| kind | migrate | ⚠️ destructive steps |');
    expect(markdown).toContain('| `workspace` | 950 | **950** |');
    expect(markdown).toContain('<details open><summary>⚠️ » migrate <code>950 × workspace/d-1111111111/…</code> — MigrateWorkspace</summary>');
    expect(markdown).toContain('- `bundle: wsb-standard1 → wsb-perwin0001`');
    expect(markdown).toContain('`user0950`');
  });

  it('over the limit, leaves out whole groups with a count and never cuts a block', () => {
    // 3,000 desktops each with its own timeout: 3,000 groups of one
    const names = users('user', 3000);
    const plan = planOf(
      names.map((userName, index) => aWorkspace({ userName, workspaceProperties: { RunningModeAutoStopTimeoutInMinutes: 60 + index } })),
      names.map((userName) => aLiveWorkspace({ userName, workspaceProperties: { RunningModeAutoStopTimeoutInMinutes: 59 } })),
    );
    const markdown = renderPlanMarkdown(plan);
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    const shown = markdown.split('<details>').length - 1;
    expect(markdown.split('</details>').length - 1).toBe(shown);
    expect(markdown).toContain(`_… ${3000 - shown} more groups of changes (${3000 - shown} resources) not shown: a comment is capped at 60,000 characters.`);
    expect(markdown.trimEnd().endsWith('prints the whole plan._')).toBe(true);
  });

  it('shortens a member list that does not fit before leaving a group out', () => {
    const markdown = renderPlanMarkdown(fleetCreatePlan(), { maxChars: 4_000 });
    expect(markdown.length).toBeLessThanOrEqual(4_000);
    expect(markdown).toMatch(/, … \d+ more/);
  });

  it('escapes text so a reason cannot open an HTML tag or break the table', () => {
    const markdown = renderPlanMarkdown(fleetCreatePlan());
    expect(markdown).toContain('Why: no workspace for &lt;name&gt; in d-1111111111');
    const plan = planOf([anIpGroup({ rules: [{ cidr: '198.51.100.0/24', description: 'a|b' }] })], []);
    expect(renderPlanMarkdown(plan)).toContain('description=a|b');
  });
});

describe('renderPlanDot', () => {
  it('draws one node per step and one edge per dependency', () => {
    const plan = mixedPlan();
    const dot = renderPlanDot(plan);
    expect(dot.startsWith('digraph "wsr plan test-env" {')).toBe(true);
    for (const step of plan.steps) expect(dot).toContain(`"${step.id}" [label="${step.operation}\\n${step.key}"`);
    expect(dot.split(' -> ').length - 1).toBe(plan.steps.reduce((edges, step) => edges + step.dependsOn.length, 0));
    expect(dot).toMatch(/"workspace\/d-1111111111\/carol:MigrateWorkspace" \[label="[^"]+", color=red/);
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

describe('step reasons', () => {
  it('say "(not set)" for a value the desktop does not have, never "undefined"', () => {
    const plan = planOf(
      [aWorkspace({ workspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 60 } })],
      [aLiveWorkspace({ workspaceProperties: { RunningMode: 'ALWAYS_ON', RunningModeAutoStopTimeoutInMinutes: undefined } })],
    );
    const reasons = plan.steps.map((step) => step.reason).join('\n');
    expect(reasons).toContain('RunningModeAutoStopTimeoutInMinutes (not set) → 60');
    expect(renderPlanText(plan)).not.toContain('undefined');
  });
});
