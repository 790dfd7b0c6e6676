/**
 * Offline plan: spec load + plan of N desktops from a captured live state (what wsr's reader
 * returned for that fleet, saved as JSON), no API call — the CPU and memory a plan costs beyond
 * its reads. Three cases per N, each in its own process (so its peak RSS is its own):
 *
 * - `no-op`: the spec of the fleet the state was captured from;
 * - `create`: the same spec against a state captured before any desktop existed;
 * - `day-2`: every desktop's running mode changed (AUTO_STOP → ALWAYS_ON).
 *
 * The calls each plan would make are counted from its steps (a batchable operation: ⌈items/max⌉
 * calls; else one per step) next to the calls its read took to capture the state — so growth
 * figures cover calls, wall time and peak RSS. The state is captured once per N through the real
 * reader, in process (an emulator filled in process, no rate limits: the capture is not what is measured).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Emulator } from '../../../src/emulator/index.js';
import { loadDesiredState } from '../../../src/engine/plan-environment.js';
import type { ApiPort } from '../../../src/kinds/kind.js';
import { readLive, readTags } from '../../../src/live/reader.js';
import { BULK_PAGE_SIZE, toTags } from '../../../src/live/bulk-tags.js';
import type { LiveState } from '../../../src/model/live.js';
import { tagCandidates } from '../../../src/diff/tag-candidates.js';
import { OWNERSHIP_TAG_KEY } from '../../../src/model/keys.js';
import type { Plan } from '../../../src/model/plan.js';
import { benchDirectory, DIRECTORY_ID, writeSpec } from './bench-emulator.js';
import { ENVIRONMENT, fleetSpec, userNames } from './fleet-spec.js';

export const OFFLINE_PLAN_CASES = ['no-op', 'create', 'day-2'] as const;
export type OfflinePlanCaseName = (typeof OFFLINE_PLAN_CASES)[number];

/** What the child measures (offline-plan-case.ts). */
export interface OfflinePlanCase {
  readonly desktops: number;
  readonly case: OfflinePlanCaseName;
  /** Spec load (YAML, schema, desired state) + reading the captured state + tag candidates + plan. */
  readonly ms: number;
  /** CPU time of the same (user + system, all threads): less moved by other work on a shared machine than wall time. */
  readonly cpuMs: number;
  readonly specLoadMs: number;
  readonly stateLoadMs: number;
  readonly planMs: number;
  readonly peakRssMb: number;
  readonly steps: number;
  /** Calls the plan's steps would make, by operation. */
  readonly applyCalls: Readonly<Record<string, number>>;
}

export interface OfflinePlanResult extends OfflinePlanCase {
  /** Calls the read of the captured state took (by operation). */
  readonly readCalls: Readonly<Record<string, number>>;
  /** This case over the same case at a tenth of the size (absent for the smallest). */
  readonly growthPer10x?: { readonly time: number; readonly cpu: number; readonly rss: number; readonly calls: number };
}

/** Every size × case; each case in a fresh process. */
export async function measureOfflinePlan(sizes: readonly number[], cases: readonly OfflinePlanCaseName[] = OFFLINE_PLAN_CASES): Promise<OfflinePlanResult[]> {
  const caseFile = fileURLToPath(new URL('./offline-plan-case.ts', import.meta.url));
  const results: OfflinePlanResult[] = [];
  for (const desktops of sizes) {
    const directory = benchDirectory();
    const specs: Record<OfflinePlanCaseName, string> = {
      'no-op': writeSpec(directory, 'fleet.yaml', fleetSpec({ desktops })),
      create: writeSpec(directory, 'fleet-create.yaml', fleetSpec({ desktops })),
      'day-2': writeSpec(directory, 'fleet-always-on.yaml', fleetSpec({ desktops, runningMode: 'ALWAYS_ON' })),
    };
    // what each plan reads: the fleet (no-op; the day-2 change also reads the tags of the desktops it changes), or the account before the create
    const states = {
      ...(await captureStates(desktops, directory, { 'no-op': specs['no-op'], 'day-2': specs['day-2'] })),
      ...(await captureStates(0, directory, { create: specs.create })),
    };
    for (const name of cases) {
      const state = states[name]!;
      process.stderr.write(`bench: offline ${name} plan of ${desktops} …\n`);
      const output = execFileSync(process.execPath, [...process.execArgv, caseFile, specs[name], state.file, name, String(desktops)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      results.push({ ...(JSON.parse(output) as OfflinePlanCase), readCalls: state.readCalls });
    }
  }
  return results.map((result) => {
    const previous = results.find((candidate) => candidate.case === result.case && candidate.desktops * 10 === result.desktops);
    if (!previous) return result;
    const calls = (r: OfflinePlanResult) => sumOf(r.readCalls) + sumOf(r.applyCalls);
    return {
      ...result,
      growthPer10x: {
        time: result.ms / Math.max(previous.ms, 1),
        cpu: result.cpuMs / Math.max(previous.cpuMs, 1),
        rss: result.peakRssMb / Math.max(previous.peakRssMb, 1),
        calls: calls(result) / Math.max(calls(previous), 1),
      },
    };
  });
}

/**
 * An account with `desktops` desktops of the bench environment (created in process, 25 per call,
 * with wsr's ownership tag), read by wsr's own reader and tag read for each spec (what its plan
 * reads; in process, without HTTP) and saved as JSON.
 */
async function captureStates(
  desktops: number,
  directory: string,
  specs: Partial<Record<OfflinePlanCaseName, string>>,
): Promise<Partial<Record<OfflinePlanCaseName, CapturedState>>> {
  const emulator = new Emulator({ timeScale: 0, rateLimits: false });
  await emulator.call('RegisterWorkspaceDirectory', {
    DirectoryId: DIRECTORY_ID,
    SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'],
    Tags: [{ Key: OWNERSHIP_TAG_KEY, Value: ENVIRONMENT }],
  });
  const users = userNames(desktops);
  for (let start = 0; start < users.length; start += 25) {
    const result = await emulator.call('CreateWorkspaces', {
      Workspaces: users.slice(start, start + 25).map((UserName) => ({
        DirectoryId: DIRECTORY_ID,
        UserName,
        BundleId: 'wsb-stdwin0001',
        WorkspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 60 },
        Tags: [{ Key: OWNERSHIP_TAG_KEY, Value: ENVIRONMENT }],
      })),
    });
    if (result.status !== 200 || (result.body.FailedRequests as unknown[]).length > 0)
      throw new Error(`offline plan bench: CreateWorkspaces failed: ${JSON.stringify(result.body).slice(0, 300)}`);
  }
  // wsr's reader and tag read, as preparePlan runs them, through an in-process port (HTTP would only add time to the capture)
  const port: ApiPort = {
    async call(operation, input) {
      const result = operation === 'GetResources' ? await emulator.callTagging(operation, input) : await emulator.call(operation, input);
      if (result.status !== 200) throw new Error(`offline plan bench: ${operation} failed: ${JSON.stringify(result.body).slice(0, 300)}`);
      return result.body as Record<string, any>;
    },
  };
  const states: Partial<Record<OfflinePlanCaseName, CapturedState>> = {};
  for (const [name, specFile] of Object.entries(specs) as [OfflinePlanCaseName, string][]) {
    process.stderr.write(`bench: capturing the live state of ${desktops} desktops for the ${name} plan …\n`);
    emulator.resetCalls();
    const desired = loadDesiredState(specFile);
    const untagged = await readLive(desired, port, { account: desired.environment.account, region: desired.environment.region });
    const candidates = tagCandidates(desired, untagged, {});
    let live: LiveState;
    if (candidates.length <= STORE_TAGS_ABOVE) live = await readTags(untagged, candidates, port);
    else {
      // what GetResources answers, from the emulator's store: the emulator sorts every tagged resource for each
      // page (O(N log N) a call), which makes 1,000 pages of a 100k fleet take many minutes to capture
      const tagsById = new Map(candidates.map((resource) => [resource.id!, toTags(emulator.store.tagsOf(resource.id!))]));
      live = {
        ...untagged,
        resources: untagged.resources.map((resource) => (tagsById.has(resource.id ?? '') ? { ...resource, tags: tagsById.get(resource.id!) } : resource)),
      };
    }
    const readCalls: Record<string, number> = { ...(emulator.callCounts() as { calls: Record<string, number> }).calls };
    if (candidates.length > STORE_TAGS_ABOVE) readCalls.GetResources = Math.ceil(candidates.length / BULK_PAGE_SIZE);
    const file = join(directory, `live-${name}-${desktops}.json`);
    writeFileSync(file, JSON.stringify(live));
    states[name] = { file, readCalls };
  }
  return states;
}

/** Above this many tag candidates the capture takes the tags from the emulator's store (see captureStates). */
const STORE_TAGS_ABOVE = 1_000;

interface CapturedState {
  readonly file: string;
  readonly readCalls: Record<string, number>;
}

/** Calls a plan's runnable steps would make: a batchable operation ⌈items / max⌉ per operation, else one per step. */
export function callsOfPlan(plan: Plan): Record<string, number> {
  const calls: Record<string, number> = {};
  const batched = new Map<string, { items: number; max: number }>();
  for (const step of plan.steps) {
    if (step.blocked !== undefined || step.deferred !== undefined) continue;
    if (step.batch === undefined) {
      calls[step.operation] = (calls[step.operation] ?? 0) + 1;
      continue;
    }
    const entry = batched.get(step.operation) ?? { items: 0, max: step.batch.max };
    entry.items += 1;
    batched.set(step.operation, entry);
  }
  for (const [operation, { items, max }] of batched) calls[operation] = (calls[operation] ?? 0) + Math.ceil(items / max);
  return calls;
}

function sumOf(calls: Readonly<Record<string, number>>): number {
  return Object.values(calls).reduce((total, count) => total + count, 0);
}
