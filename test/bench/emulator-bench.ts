/**
 * Emulator scaling benchmark (ratios, not timed assertions). Run: npx tsx test/bench/emulator-bench.ts [fleet]
 *
 * Fills one directory to `fleet` WorkSpaces (default 10,000) and compares, at 100 and at `fleet` WorkSpaces:
 *   - time per DescribeWorkspaces call during a full DirectoryId sweep (pages of 25), and
 *   - time per CreateWorkspaces batch of 25,
 * both through the real SDK over HTTP and in-process (Emulator.call, without HTTP/SDK overhead).
 * Per-call work should be O(page): the ratios should stay within 2×.
 */
import { CreateWorkspacesCommand, DescribeWorkspacesCommand, RegisterWorkspaceDirectoryCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { Emulator } from '../../src/emulator/emulator.js';
import { startEmulator } from '../../src/emulator/index.js';

const FLEET = Number(process.argv[2] ?? 10_000);
const DIRECTORY_ID = 'd-9067a1b2c3';
const BATCH = 25;

interface Sample {
  describeMs: number;
  createMs: number;
}

let nextUser = 0;
const batchOfRequests = () => Array.from({ length: BATCH }, () => ({ DirectoryId: DIRECTORY_ID, UserName: `user${nextUser++}`, BundleId: 'wsb-stdwin0001' }));

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Median of several runs: robust against a GC pause or a scheduler hiccup. */
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function overHttp(fleet: number): Promise<{ small: Sample; large: Sample }> {
  nextUser = 0;
  const emulator = await startEmulator({ port: 0, rateLimits: false, timeScale: 0 });
  const client = new WorkSpacesClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY_ID }));
  const create = async () => {
    const out = await client.send(new CreateWorkspacesCommand({ Workspaces: batchOfRequests() }));
    if (out.FailedRequests?.length) throw new Error(JSON.stringify(out.FailedRequests[0]));
  };
  const sweep = async (): Promise<number> => {
    const perCall: number[] = [];
    let token: string | undefined;
    do {
      const start = performance.now();
      const page = await client.send(new DescribeWorkspacesCommand({ DirectoryId: DIRECTORY_ID, NextToken: token }));
      perCall.push(performance.now() - start);
      token = page.NextToken;
    } while (token);
    return median(perCall);
  };
  const sample = async (): Promise<Sample> => {
    const createMs = median([await timed(create), await timed(create), await timed(create)]);
    return { describeMs: await sweep(), createMs };
  };
  for (let i = 0; i < 4; i++) await create(); // warm-up, and the fleet at ~100
  await sweep();
  const small = await sample();
  while (nextUser < fleet - 3 * BATCH) await create();
  const large = await sample();
  client.destroy();
  await emulator.stop();
  return { small, large };
}

async function inProcess(fleet: number): Promise<{ small: Sample; large: Sample }> {
  nextUser = 0;
  const emulator = new Emulator({ rateLimits: false, timeScale: 0 });
  await emulator.call('RegisterWorkspaceDirectory', { DirectoryId: DIRECTORY_ID });
  const create = () => emulator.call('CreateWorkspaces', { Workspaces: batchOfRequests() });
  const sweep = async (): Promise<number> => {
    const perCall: number[] = [];
    let token: string | undefined;
    do {
      const start = performance.now();
      const page = await emulator.call('DescribeWorkspaces', { DirectoryId: DIRECTORY_ID, ...(token ? { NextToken: token } : {}) });
      perCall.push(performance.now() - start);
      token = page.body.NextToken as string | undefined;
    } while (token);
    return median(perCall);
  };
  const sample = async (): Promise<Sample> => ({
    createMs: median([await timed(create), await timed(create), await timed(create)]),
    describeMs: await sweep(),
  });
  for (let i = 0; i < 4; i++) await create();
  await sweep();
  const small = await sample();
  while (nextUser < fleet - 3 * BATCH) await create();
  const large = await sample();
  return { small, large };
}

function report(label: string, result: { small: Sample; large: Sample }): void {
  const row = (what: string, small: number, large: number) =>
    `  ${what.padEnd(34)} at ~100: ${small.toFixed(3).padStart(8)} ms   at ~${FLEET}: ${large.toFixed(3).padStart(8)} ms   ratio ${(large / small).toFixed(2)}×`;
  console.log(label);
  console.log(row('DescribeWorkspaces per call (page 25)', result.small.describeMs, result.large.describeMs));
  console.log(row('CreateWorkspaces per batch of 25', result.small.createMs, result.large.createMs));
}

// a throwaway pass first, so the ~100 sample is not measured on cold (unoptimised) code
await inProcess(1000);
await overHttp(1000);
report('in-process (Emulator.call):', await inProcess(FLEET));
report('real SDK over HTTP:', await overHttp(FLEET));
