/**
 * What a plan reads (issue 18): only the kinds the spec, `--target`, prune or the ownership checks
 * can touch, counted per operation by the emulator (/_emulator/calls) through the real SDK.
 * With prune on, an undeclared kind is listed only when GetResources shows this environment owns
 * something of it; `--target` narrows the read to the targets' closure; and a read-only IAM
 * policy for desktops only (an HTTP proxy answering AccessDeniedException to anything else) can
 * plan.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateIpGroupCommand, RegisterWorkspaceDirectoryCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyPrepared } from '../helpers/apply-prepared.js';
import { preparePlan } from '../../src/engine/plan-environment.js';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { DIRECTORY, users, writeSpec } from './apply-support/fleet-spec.js';

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(async () => {
  await emulator.reset();
  await emulator.client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY, SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'] }));
});

/** Desktops in the seeded directory (used by id, not managed), prune on unless told. */
function desktopsSpec(desktopUsers: readonly string[], options: { prune?: boolean; ipGroup?: boolean } = {}): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: lean, account: "123456789012", region: us-east-1}
policy: {prune: ${options.prune ?? true}}
defaults:
  workspace: {directory: ${DIRECTORY}, bundle: wsb-stdwin0001, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
${options.ipGroup ? 'ipGroups:\n  office: {rules: [{cidr: 198.51.100.0/24}]}\n' : ''}workspaces:
  - users: [${desktopUsers.join(', ')}]
`;
}

async function planAndApply(specText: string): Promise<void> {
  const prepared = await preparePlan({ specFile: writeSpec(specText), connection: { endpoint: emulator.endpoint } });
  expect((await applyPrepared(prepared, { allowDestroy: true })).failed).toBe(0);
}

async function planCalls(specText: string, options: { targets?: string[]; endpoint?: string } = {}) {
  await emulator.admin('reset-calls');
  const prepared = await preparePlan({
    specFile: writeSpec(specText),
    connection: { endpoint: options.endpoint ?? emulator.endpoint },
    ...(options.targets ? { targets: options.targets } : {}),
  });
  await prepared.session.close();
  return { calls: await emulator.calls(), plan: prepared.plan };
}

/** Kinds listed by a plan, by their list operation. */
const LIST_OPERATIONS = ['DescribeIpGroups', 'DescribeWorkspaceImages', 'DescribeWorkspaceBundles', 'DescribeWorkspacesPools', 'DescribeConnectionAliases'];

describe('with prune on', () => {
  it('lists no kind the spec does not declare and this environment owns nothing of: one GetResources instead of five list calls', async () => {
    // an IP group of someone else in the account: prune would never touch it, so it is not listed
    await emulator.client.send(new CreateIpGroupCommand({ GroupName: 'theirs' }));
    const { calls, plan } = await planCalls(desktopsSpec(users(3)));
    expect(plan.summary.create).toBe(3);
    expect(calls.GetResources).toBe(1);
    for (const operation of LIST_OPERATIONS) expect(calls[operation], operation).toBeUndefined();
    expect(calls.DescribeWorkspaces).toBe(1);
  });

  it('still removes what this environment owns of a kind the spec no longer declares', async () => {
    await planAndApply(desktopsSpec(users(2), { ipGroup: true }));
    const { calls, plan } = await planCalls(desktopsSpec(users(2)));
    expect(calls.DescribeIpGroups).toBe(1);
    expect(plan.steps.filter((step) => step.operation === 'DeleteIpGroup' && step.blocked === undefined)).toHaveLength(1);
  });
});

describe('with --target', () => {
  it('reads only the targets closure: a desktop target lists no IP groups though the spec declares them', async () => {
    const { calls, plan } = await planCalls(desktopsSpec(users(3), { ipGroup: true }), { targets: [`workspace/${DIRECTORY}/user0001`] });
    expect(plan.steps.map((step) => step.key)).toEqual([`workspace/${DIRECTORY}/user0001`]);
    expect(calls.DescribeIpGroups).toBeUndefined();
    expect(calls.DescribeWorkspaceDirectories).toBe(1);
    expect(calls.DescribeWorkspaces).toBe(1);
  });
});

describe('a read-only IAM policy for desktops only', () => {
  let proxy: { endpoint: string; denied: string[]; server: Server };

  beforeAll(async () => {
    // the desktops, their directory, and tags (ownership checks: DescribeTags for a few, GetResources for many)
    proxy = await startPolicyProxy(emulator.endpoint, new Set(['DescribeWorkspaces', 'DescribeWorkspaceDirectories', 'DescribeTags', 'GetResources']));
  });
  afterAll(async () => {
    proxy.server.closeAllConnections();
    await new Promise((resolve) => proxy.server.close(resolve));
  });

  it('can plan desktops, with prune off and with prune on', async () => {
    for (const prune of [false, true]) {
      const prepared = await preparePlan({ specFile: writeSpec(desktopsSpec(users(3), { prune })), connection: { endpoint: proxy.endpoint } });
      await prepared.session.close();
      expect(prepared.plan.summary.create, `prune ${prune}`).toBe(3);
    }
    expect(proxy.denied).toEqual([]);
  });
});

/**
 * An HTTP proxy in front of the emulator that answers AccessDeniedException (as IAM does) to any
 * WorkSpaces or tagging operation outside `allowed`; STS (no X-Amz-Target) passes.
 */
async function startPolicyProxy(upstream: string, allowed: ReadonlySet<string>): Promise<{ endpoint: string; denied: string[]; server: Server }> {
  const target = new URL(upstream);
  const denied: string[] = [];
  const server = createServer((req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1];
    if (operation !== undefined && !allowed.has(operation)) {
      denied.push(operation);
      req.resume();
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'AccessDeniedException', message: `User is not authorized to perform: workspaces:${operation}` }));
      return;
    }
    const forwarded = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, denied, server };
}
