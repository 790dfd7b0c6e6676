/**
 * How long loadSpecText takes on a 10,000-workspace spec (target < 2 s), and its ratio to plain
 * `yaml.parse` of the same text measured in the same run; then the whole `wsr validate` process on
 * the same files (startup included). Run: `npx tsx test/bench/validate-bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { loadSpecText } from '../../src/spec/load-spec.js';

const WORKSPACES = 10_000;
const RUNS = 3;

const HEADER = `apiVersion: wsr/v1
kind: Environment
metadata: {name: bench, account: "123456789012", region: us-east-1}
defaults:
  workspace: {directory: corp, bundle: standard, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60, tags: {cost-center: "4711"}}
ipGroups:
  office: {rules: [{cidr: 198.51.100.0/24}]}
directories:
  corp: {id: d-9067a1b2c3, subnets: [subnet-0aaa1111, subnet-0bbb2222], ipGroups: [office]}
images:
  golden: {id: wsi-0123456789ab}
bundles:
  standard: {image: golden, computeType: STANDARD, rootVolumeGib: 80, userVolumeGib: 50}
workspaces:
`;

/** 10 templates of 1,000 users each: how a fleet is meant to be written. */
function templatedSpec(): string {
  let text = HEADER;
  for (let t = 0; t < 10; t++) {
    text += `  - computeType: ${t % 2 === 0 ? 'STANDARD' : 'PERFORMANCE'}\n    users:\n`;
    for (let u = 0; u < WORKSPACES / 10; u++) text += `      - user${t}x${u}\n`;
  }
  return text;
}

/** 10,000 entries of one user each, every field spelled out: the worst case. */
function explicitSpec(): string {
  let text = HEADER;
  for (let u = 0; u < WORKSPACES; u++) {
    text += `  - {users: [user${u}], directory: corp, bundle: standard, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60, rootVolumeGib: 80, userVolumeGib: 50, tags: {owner: user${u}}}\n`;
  }
  return text;
}

function bestOf(runs: number, work: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const coldStart = performance.now();
loadSpecText(HEADER, 'warmup.yaml');
const schemaCompileMs = performance.now() - coldStart;
console.log(`first call (compiles the schema): ${schemaCompileMs.toFixed(0)} ms`);

const dir = mkdtempSync(join(tmpdir(), 'wsr-bench-'));
const files: string[] = [];

for (const [name, text] of [
  ['templates + users', templatedSpec()],
  ['explicit entries', explicitSpec()],
] as const) {
  const result = loadSpecText(text, `${name}.yaml`);
  const count = result.desired?.resources.filter((r) => r.kind === 'workspace').length ?? 0;
  if (count !== WORKSPACES) throw new Error(`${name}: expected ${WORKSPACES} workspaces, got ${count} (${result.diagnostics.length} diagnostics)`);
  const loadMs = bestOf(RUNS, () => loadSpecText(text, `${name}.yaml`));
  const parseMs = bestOf(RUNS, () => parse(text));
  const verdict = loadMs < 2000 ? 'ok' : 'OVER TARGET';
  const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
  writeFileSync(file, text);
  files.push(file);
  console.log(
    `${name}: ${(text.length / 1024).toFixed(0)} KiB, loadSpecText ${loadMs.toFixed(0)} ms (target < 2000: ${verdict}), yaml.parse ${parseMs.toFixed(0)} ms, ratio ${(loadMs / parseMs).toFixed(2)}x`,
  );
}

for (const file of files) {
  const start = performance.now();
  const run = spawnSync(process.execPath, ['bin/wsr.js', 'validate', file], { encoding: 'utf8' });
  const ms = performance.now() - start;
  const verdict = run.status === 0 ? (ms < 2000 ? 'ok' : 'OVER TARGET') : `exit ${run.status}: ${run.stderr.split('\n')[0]}`;
  console.log(`wsr validate ${file.split('/').pop()}: ${ms.toFixed(0)} ms including process start (target < 2000: ${verdict})`);
}
rmSync(dir, { recursive: true, force: true });
