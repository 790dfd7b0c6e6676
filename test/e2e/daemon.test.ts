/**
 * `wsr daemon` as a process against `wsr emulator` as a process: health, readiness and
 * metrics endpoints, drift made by hand through the SDK and repaired (apply) or only
 * reported (plan) on a following cycle, SIGTERM → exit 0 within 10 s; a broken spec file
 * and an emulator failing every call are survived and explained by /readyz and /metrics.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DescribeIpGroupsCommand, RevokeIpRulesCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { startWsrServer, type WsrServer } from '../helpers/run-wsr.js';

const SHUTDOWN_BUDGET_MS = 10_000;
// every second: the tests wait for a few cycles, and each cycle is a plan of one or three small specs
const CYCLE = '* * * * * *';
const SPEC = `
apiVersion: wsr/v1
kind: Environment
metadata: {name: e2e-daemon, account: "123456789012", region: us-east-1}
ipGroups:
  office:
    description: head office and VPN
    rules:
      - {cidr: 198.51.100.0/24, description: HQ}
      - {cidr: 203.0.113.0/24, description: VPN}
`;

type WsrProcess = WsrServer;

const started: WsrProcess[] = [];

async function startWsr(args: readonly string[]): Promise<WsrProcess> {
  // the temp workdir as cwd: apply locks (.wsr/locks) land there, not in the checkout
  const wsr = await startWsrServer(args, { cwd: workdir });
  started.push(wsr);
  return wsr;
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** SIGTERM, then the exit code, or 'timeout' past the daemon's 10 s contract. */
async function terminate(wsr: WsrProcess): Promise<number | null | 'timeout'> {
  wsr.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), SHUTDOWN_BUDGET_MS)));
  const result = await Promise.race([exitOf(wsr.child), timeout]);
  clearTimeout(timer);
  return result;
}

async function get(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

/** The value of one Prometheus series, or undefined when it is absent. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function sdkFor(endpoint: string): WorkSpacesClient {
  return new WorkSpacesClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIDE2E', secretAccessKey: 'e2e' }, maxAttempts: 1 });
}

async function officeCidrs(sdk: WorkSpacesClient): Promise<string[]> {
  const { Result } = await sdk.send(new DescribeIpGroupsCommand({}));
  const office = Result?.find((group) => group.groupName === 'office');
  return (office?.userRules ?? []).map((rule) => rule.ipRule ?? '').sort();
}

async function revokeVpnRule(sdk: WorkSpacesClient): Promise<void> {
  const { Result } = await sdk.send(new DescribeIpGroupsCommand({}));
  const office = Result?.find((group) => group.groupName === 'office');
  await sdk.send(new RevokeIpRulesCommand({ GroupId: office?.groupId, UserRules: ['203.0.113.0/24'] }));
}

const POLL = { timeout: 30_000, interval: 200 };

let workdir: string;

beforeAll(async () => {
  workdir = await mkdtemp(join(tmpdir(), 'wsr-e2e-daemon-'));
});

afterEach(() => {
  // a failed assertion must not leave processes behind
  for (const wsr of started.splice(0)) if (wsr.child.exitCode === null) wsr.child.kill('SIGKILL');
});

afterAll(async () => {
  await rm(workdir, { recursive: true, force: true });
});

async function specDir(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(workdir, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return dir;
}

function daemonArgs(dir: string, endpoint: string, ...extra: string[]): string[] {
  return ['daemon', dir, '--endpoint', endpoint, '--schedule', CYCLE, '--listen', '127.0.0.1:0', ...extra];
}

describe('wsr daemon (process) against wsr emulator (process)', () => {
  it('reconciles at start, serves health/readiness/metrics, repairs hand-made drift in apply mode, and exits 0 on SIGTERM', async () => {
    const emulator = await startWsr(['emulator', '--port', '0', '--time-scale', '0', '--no-rate-limits']);
    const sdk = sdkFor(emulator.url);
    const dir = await specDir('apply', { 'office.yaml': SPEC });
    const daemon = await startWsr(daemonArgs(dir, emulator.url, '--mode', 'apply'));

    expect((await get(`${daemon.url}/healthz`)).status).toBe(200);
    await vi.waitFor(async () => expect((await get(`${daemon.url}/readyz`)).status).toBe(200), POLL);
    const metrics = (await get(`${daemon.url}/metrics`)).text;
    expect(sample(metrics, 'wsr_reconcile_total{env="office",result="applied"}')).toBe(1);
    expect(sample(metrics, 'wsr_api_calls_total{operation="CreateIpGroup",result="ok"}')).toBe(1);
    expect(sample(metrics, 'wsr_api_calls_total{operation="DescribeIpGroups",result="ok"}')).toBeGreaterThan(0);
    expect(sample(metrics, 'wsr_last_success_timestamp_seconds{env="office"}')).toBeGreaterThan(0);
    expect(await officeCidrs(sdk)).toEqual(['198.51.100.0/24', '203.0.113.0/24']);

    await revokeVpnRule(sdk);
    expect(await officeCidrs(sdk)).toEqual(['198.51.100.0/24']);
    await vi.waitFor(async () => expect(await officeCidrs(sdk)).toEqual(['198.51.100.0/24', '203.0.113.0/24']), POLL);
    await vi.waitFor(async () => expect(sample((await get(`${daemon.url}/metrics`)).text, 'wsr_reconcile_total{env="office",result="applied"}')).toBe(2), POLL);

    expect(await terminate(daemon)).toBe(0);
    expect(daemon.stderr()).toContain('"code":"WSR_I5011"');
    expect(await terminate(emulator)).toBe(0);
  });

  it('in plan mode reports hand-made drift in /metrics and /status without changing anything', async () => {
    const emulator = await startWsr(['emulator', '--port', '0', '--time-scale', '0', '--no-rate-limits']);
    const sdk = sdkFor(emulator.url);
    const dir = await specDir('plan', { 'office.yaml': SPEC });
    // the apply daemon creates the group, then steps aside for the plan daemon
    const applier = await startWsr(daemonArgs(dir, emulator.url, '--mode', 'apply'));
    await vi.waitFor(async () => expect((await get(`${applier.url}/readyz`)).status).toBe(200), POLL);
    expect(await terminate(applier)).toBe(0);

    const daemon = await startWsr(daemonArgs(dir, emulator.url, '--mode', 'plan'));
    await vi.waitFor(
      async () => expect(sample((await get(`${daemon.url}/metrics`)).text, 'wsr_reconcile_total{env="office",result="in-sync"}')).toBeGreaterThan(0),
      POLL,
    );
    await revokeVpnRule(sdk);
    await vi.waitFor(async () => {
      const metrics = (await get(`${daemon.url}/metrics`)).text;
      expect(sample(metrics, 'wsr_drift_resources{env="office",kind="ipGroup"}')).toBe(1);
      expect(sample(metrics, 'wsr_reconcile_total{env="office",result="changes-planned"}')).toBeGreaterThan(0);
    }, POLL);
    const status = JSON.parse((await get(`${daemon.url}/status`)).text) as { environments: { condition: { reason: string } }[] };
    expect(status.environments[0]?.condition.reason).toBe('DriftDetected');
    // another cycle later the drift is still there: plan mode never mutates
    const planned = sample((await get(`${daemon.url}/metrics`)).text, 'wsr_reconcile_total{env="office",result="changes-planned"}') ?? 0;
    await vi.waitFor(
      async () =>
        expect(sample((await get(`${daemon.url}/metrics`)).text, 'wsr_reconcile_total{env="office",result="changes-planned"}')).toBeGreaterThan(planned),
      POLL,
    );
    expect(await officeCidrs(sdk)).toEqual(['198.51.100.0/24']);

    expect(await terminate(daemon)).toBe(0);
    expect(await terminate(emulator)).toBe(0);
  });

  it('survives a broken spec file and an emulator that fails every call; /readyz and /metrics say what is wrong', async () => {
    const emulator = await startWsr(['emulator', '--port', '0', '--time-scale', '0', '--no-rate-limits', '--fail-rate', '1']);
    const dir = await specDir('faults', { 'office.yaml': SPEC, 'broken.yaml': 'apiVersion: wsr/v1\nkind: Environment\nmetadata: {name: [\n' });
    const daemon = await startWsr(daemonArgs(dir, emulator.url, '--mode', 'apply', '--ready-failure-seconds', '0'));

    await vi.waitFor(
      async () => {
        const metrics = (await get(`${daemon.url}/metrics`)).text;
        expect(sample(metrics, 'wsr_spec_load_errors_total{env="broken"}')).toBe(1);
        expect(sample(metrics, 'wsr_reconcile_total{env="office",result="failed"}')).toBeGreaterThan(0);
      },
      { timeout: 90_000, interval: 250 },
    );
    const metrics = (await get(`${daemon.url}/metrics`)).text;
    expect(metrics).toMatch(/wsr_api_calls_total\{operation="[A-Za-z]+",result="error"\} [1-9]/);
    expect(sample(metrics, 'wsr_environment_condition{env="broken",type="Stalled",reason="SpecInvalid"}')).toBe(1);
    const readyz = await get(`${daemon.url}/readyz`);
    expect(readyz.status).toBe(503);
    const reasons = (JSON.parse(readyz.text) as { reasons: string[] }).reasons.join('\n');
    expect(reasons).toMatch(/broken: .*SpecInvalid/);
    expect(reasons).toMatch(/office: failing for \d+s \(Reconciling AWS_/);
    expect((await get(`${daemon.url}/healthz`)).status).toBe(200);

    expect(await terminate(daemon)).toBe(0);
    expect(await terminate(emulator)).toBe(0);
  }, 120_000);
});
