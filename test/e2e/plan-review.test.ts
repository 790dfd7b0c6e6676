/**
 * A plan a person can review at fleet size (issue 11): examples/fleet.yaml (1,000 desktops) on a
 * fresh emulator prints in one screenful naming every group, `--detail` lists all 1,000, a saved
 * plan prints again with `wsr show`, `wsr graph` draws its DAG as DOT.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { runWsr } from '../helpers/run-wsr.js';

describe('reviewing the plan of examples/fleet.yaml (process)', () => {
  let emulator: RunningEmulator;
  let workdir: string;
  let planFile: string;
  let planText: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, timeScale: 0, rateLimits: false });
    workdir = await mkdtemp(join(tmpdir(), 'wsr-e2e-review-'));
    planFile = join(workdir, 'plan.json');
    const run = await runWsr(['plan', 'examples/fleet.yaml', '--endpoint', emulator.endpoint, '--out', planFile]);
    expect(run.code, run.stderr).toBe(0);
    planText = run.stdout;
  });

  afterAll(async () => {
    await emulator?.stop();
    await rm(workdir, { recursive: true, force: true });
  });

  it('prints at most 60 lines that name every group of changes', () => {
    expect(planText.trimEnd().split('\n').length).toBeLessThanOrEqual(60);
    expect(planText).toContain('+ create directory/d-9067a1b2c3');
    expect(planText).toContain('+ create ipGroup/offices');
    expect(planText).toContain('+ create 50 × workspace/d-9067a1b2c3/{dev001, dev002,');
    expect(planText).toContain('+ create 50 × workspace/d-9067a1b2c3/{support001, support002,');
    expect(planText).toContain('+ create 900 × workspace/d-9067a1b2c3/{user0001, user0002,');
    expect(planText).toContain('Plan: 1002 to create');
  });

  it('--detail lists all 1,000 desktops', async () => {
    const run = await runWsr(['show', planFile, '--detail']);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/^ {8}workspace\/d-9067a1b2c3\/\S+$/gm)).toHaveLength(1000);
  });

  it('wsr show prints a saved plan as plan printed it, and as markdown or the JSON itself', async () => {
    expect((await runWsr(['show', planFile])).stdout).toBe(planText);
    const markdown = await runWsr(['show', planFile, '--format', 'markdown']);
    expect(markdown.stdout).toContain('| `workspace` | 1000 |');
    expect(markdown.stdout.length).toBeLessThan(60_000);
    const json = await runWsr(['show', planFile, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(await readFile(planFile, 'utf8')));
  });

  it('wsr show of a missing or foreign file is one line with a code, exit 1', async () => {
    const missing = await runWsr(['show', join(workdir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error PLAN_FILE_UNREADABLE: cannot read plan ${join(workdir, 'nope.json')}: no such file (save one with: wsr plan <spec> --out <file>)\n`,
    );
    const foreign = await runWsr(['show', 'package.json']);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/^error PLAN_FILE_INVALID: package\.json: expected a plan of format version 1/);
  });

  it("wsr graph draws the saved plan's DAG: every step a node, every dependency an edge", async () => {
    const plan = JSON.parse(await readFile(planFile, 'utf8')) as { steps: { id: string; dependsOn: string[] }[] };
    const run = await runWsr(['graph', planFile]);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('digraph "wsr plan corp-prod" {\n')).toBe(true);
    expect(run.stdout.match(/^ {2}"[^"]+" \[label=/gm)).toHaveLength(plan.steps.length);
    expect(run.stdout.match(/ -> /g)).toHaveLength(plan.steps.reduce((edges, step) => edges + step.dependsOn.length, 0));
    expect(run.stdout).toContain('"directory/d-9067a1b2c3:RegisterWorkspaceDirectory" -> "workspace/d-9067a1b2c3/dev001:CreateWorkspaces";');
  });
});
