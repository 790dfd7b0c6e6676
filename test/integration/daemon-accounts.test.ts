/**
 * One daemon, environments in several accounts: each environment reaches its own account through
 * its endpoint override (`--config` environments.ENV.endpoint; here one emulator per account on its
 * own port), and the account guard still refuses an environment pointed at the wrong account.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeIpGroupsCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkSpecText } from '../../src/daemon/check-spec-text.js';
import { parseDaemonConfig } from '../../src/daemon/daemon-config.js';
import { DaemonMetrics } from '../../src/daemon/metrics.js';
import { startDaemon, type RunningDaemon } from '../../src/daemon/run-daemon.js';
import { reconcile } from '../../src/engine/reconcile.js';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';

const NEVER_DURING_TESTS = '0 0 1 1 *';
const ACCOUNTS = { 'team-a': '111111111111', 'team-b': '222222222222' } as const;

const specOf = (env: string, account: string) => `apiVersion: wsr/v1
kind: Environment
metadata: {name: ${env}, account: "${account}", region: us-east-1}
ipGroups:
  ${env}-office:
    description: office of ${env}
    rules: [{cidr: 198.51.100.0/24, description: HQ}]
`;

let workdir: string;
const emulators: Record<string, TestEmulator> = {};
let daemon: RunningDaemon | undefined;

beforeAll(async () => {
  workdir = await mkdtemp(join(tmpdir(), 'wsr-daemon-accounts-'));
  for (const [env, account] of Object.entries(ACCOUNTS)) {
    emulators[env] = await startTestEmulator({ seed: { account, region: 'us-east-1' } });
    await writeFile(join(workdir, `${env}.yaml`), specOf(env, account));
  }
  // a third environment with no override: the default endpoint is team-a's account, not its own
  await writeFile(join(workdir, 'team-c.yaml'), specOf('team-c', '333333333333'));
});

afterAll(async () => {
  await daemon?.stop();
  for (const emulator of Object.values(emulators)) await emulator.stop();
  await rm(workdir, { recursive: true, force: true });
});

describe('daemon over environments in several accounts', () => {
  it('reconciles each environment in its own account through its endpoint override', async () => {
    const config = parseDaemonConfig(
      `environments:\n  team-a: {endpoint: "${emulators['team-a']!.endpoint}"}\n  team-b: {endpoint: "${emulators['team-b']!.endpoint}"}\n`,
      'wsr-daemon.yaml',
    );
    daemon = await startDaemon({
      specPath: workdir,
      reconcileFn: reconcile,
      checkSpec: checkSpecText,
      connection: { endpoint: emulators['team-a']!.endpoint },
      config,
      mode: 'apply',
      schedule: NEVER_DURING_TESTS,
      port: 0,
      concurrency: 3,
      metrics: new DaemonMetrics({ defaultMetrics: false }),
    });
    const url = daemon.url;
    type Env = { env: string; condition: { type: string; reason: string } };
    await vi.waitFor(
      async () => {
        const status = (await (await fetch(`${url}/status`)).json()) as { environments: Env[] };
        expect(status.environments.map((e) => [e.env, e.condition.type, e.condition.reason])).toEqual([
          ['team-a', 'Ready', 'Applied'],
          ['team-b', 'Ready', 'Applied'],
          ['team-c', 'Stalled', 'PLAN_ACCOUNT_MISMATCH'],
        ]);
      },
      { timeout: 30_000, interval: 200 },
    );
    // each account got its own group and nothing of the other's
    expect((await emulators['team-a']!.calls()).CreateIpGroup).toBe(1);
    expect((await emulators['team-b']!.calls()).CreateIpGroup).toBe(1);
    const groupsOf = async (env: string) => (await emulators[env]!.client.send(new DescribeIpGroupsCommand({}))).Result?.map((group) => group.groupName);
    expect(await groupsOf('team-a')).toEqual(['team-a-office']);
    expect(await groupsOf('team-b')).toEqual(['team-b-office']);
  });
});
