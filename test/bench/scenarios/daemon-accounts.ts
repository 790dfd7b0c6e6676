/**
 * One daemon cycle over E environments in E accounts (one emulator per account, each with its
 * own AWS-like buckets), D desktops each: `wsr daemon` as a process (the CLI a user runs, with a
 * --config endpoint per environment), timed from the first run's start to the last run's end as
 * the daemon itself reports them (/status), against the rate floor of ONE environment's calls
 * (accounts are limited separately, so E accounts in parallel can approach 1× that floor; in
 * series they take E×). Peak RSS of the daemon process from its own /metrics while the cycle runs.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { benchDirectory, startBenchEmulator, writeSpec, type BenchEmulator } from './bench-emulator.js';
import { fleetSpec } from './fleet-spec.js';
import { rateFloor } from './rate-floor.js';

const WSR_BIN = fileURLToPath(new URL('../../../bin/wsr.js', import.meta.url));
const NEVER = '0 0 1 1 *';

export interface DaemonAccountsResult {
  readonly environments: number;
  readonly desktops: number;
  readonly concurrency: number;
  /** First run start → last run end, from the daemon's own run records. */
  readonly cycleSeconds: number;
  /** The rate floor of one environment's accepted calls (the busiest environment's). */
  readonly floorSeconds: number;
  readonly ratio: number;
  readonly calls: number;
  readonly throttled: number;
  readonly peakRssMb: number;
  readonly results: Readonly<Record<string, number>>;
  /** Each environment's own run time (ms), sorted: what one run costs beyond the buckets. */
  readonly runMs: readonly number[];
}

export interface DaemonAccountsOptions {
  readonly environments: number;
  readonly desktops: number;
  /** The daemon's --concurrency. */
  readonly concurrency: number;
}

export async function measureDaemonAccounts(options: DaemonAccountsOptions): Promise<DaemonAccountsResult> {
  const directory = benchDirectory();
  const specs = join(directory, 'specs');
  mkdirSync(specs);
  const emulators: { env: string; emulator: BenchEmulator }[] = [];
  try {
    for (let i = 0; i < options.environments; i++) {
      const env = `team-${String(i).padStart(2, '0')}`;
      const account = String(100_000_000_000 + i);
      const spec = fleetSpec({ desktops: options.desktops, name: env, account });
      emulators.push({ env, emulator: await startBenchEmulator({ populateSpec: spec, account }) });
      writeSpec(specs, `${env}.yaml`, spec);
    }
    const config = ['environments:', ...emulators.map(({ env, emulator }) => `  ${env}: {endpoint: "${emulator.endpoint}"}`)].join('\n');
    const configFile = writeSpec(directory, 'wsr-daemon.yaml', `${config}\n`);
    const daemon = await startDaemonProcess(directory, [
      'daemon',
      specs,
      '--config',
      configFile,
      '--schedule',
      NEVER,
      '--listen',
      '127.0.0.1:0',
      '--mode',
      'apply',
      '--concurrency',
      String(options.concurrency),
      '--log-level',
      'warn',
    ]);
    try {
      const { runs, peakRssBytes } = await untilEveryEnvironmentRan(daemon.url, options.environments);
      const perEnvironment = await Promise.all(emulators.map(async ({ emulator }) => emulator.calls()));
      // the calls the API accepted; throttled attempts are reported apart
      const floorSeconds = Math.max(...perEnvironment.map((calls) => rateFloor(calls.acceptedByOperation)));
      const start = Math.min(...runs.map((run) => Date.parse(run.startedAt)));
      const end = Math.max(...runs.map((run) => Date.parse(run.startedAt) + run.ms));
      const cycleSeconds = (end - start) / 1000;
      const results: Record<string, number> = {};
      for (const run of runs) results[run.result] = (results[run.result] ?? 0) + 1;
      return {
        environments: options.environments,
        desktops: options.desktops,
        concurrency: options.concurrency,
        cycleSeconds,
        floorSeconds,
        ratio: cycleSeconds / floorSeconds,
        calls: perEnvironment.reduce((total, calls) => total + calls.accepted, 0),
        throttled: perEnvironment.reduce((total, calls) => total + calls.throttled, 0),
        peakRssMb: peakRssBytes / 1024 / 1024,
        results,
        runMs: runs.map((run) => run.ms).sort((a, b) => a - b),
      };
    } finally {
      await daemon.stop();
    }
  } finally {
    for (const { emulator } of emulators) await emulator.stop();
  }
}

interface RunRecord {
  readonly startedAt: string;
  readonly ms: number;
  readonly result: string;
}

async function untilEveryEnvironmentRan(url: string, environments: number): Promise<{ runs: RunRecord[]; peakRssBytes: number }> {
  let peakRssBytes = 0;
  const deadline = Date.now() + 600_000;
  for (;;) {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const rss = /^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(metrics);
    if (rss) peakRssBytes = Math.max(peakRssBytes, Number(rss[1]));
    const status = (await (await fetch(`${url}/status`)).json()) as { environments: { lastRun?: RunRecord }[] };
    const runs = status.environments.flatMap((env) => (env.lastRun ? [env.lastRun] : []));
    if (status.environments.length === environments && runs.length === environments) return { runs, peakRssBytes };
    if (Date.now() > deadline) throw new Error(`the daemon cycle did not finish within 10 minutes (${runs.length}/${environments} ran)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startDaemonProcess(cwd: string, args: readonly string[]): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [WSR_BIN, ...args], {
    cwd,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => {
      const match = /^listening on (\S+)$/.exec(line);
      if (match) resolve(match[1]!);
      else reject(new Error(`unexpected first line ${line}\n${stderr}`));
    });
    child.once('exit', (code) => reject(new Error(`wsr daemon exited ${code}\n${stderr}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
