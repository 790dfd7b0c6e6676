/**
 * The executor with the real SDK port against the emulator, on hand-written steps: batch
 * answers split back to the right steps, waits polled in batches, ids flowing from a create to
 * the steps after it, and nothing sent for a blocked step.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegisterWorkspaceDirectoryCommand } from '@aws-sdk/client-workspaces';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { executePlan } from '../../src/apply/executor.js';
import { SdkApiPort } from '../../src/aws/api-port.js';
import { createWorkspacesClient } from '../../src/aws/client.js';
import type { PlanStep } from '../../src/model/plan-step.js';
import type { Plan } from '../../src/model/plan.js';
import { DIRECTORY, desktops, desktopsPerUser, users } from './apply-support/fleet-spec.js';
import { createStep, planOf, stopStep } from '../helpers/workspace-steps.js';

let emulator: TestEmulator;
let port: SdkApiPort;

beforeEach(async () => {
  // a slow clock: desktops stay PENDING for ~1.2 s, so waits really poll
  emulator = await startTestEmulator({ timeScale: 0.001 });
  await emulator.client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY, SubnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'] }));
  await emulator.advance(3600);
  port = new SdkApiPort(createWorkspacesClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
  await emulator.admin('reset-calls');
});
afterEach(async () => {
  await emulator.stop();
});

/** A create the executor waits on until AVAILABLE, and a stop it waits on until STOPPED. */
const create = (user: string, directory = DIRECTORY, extra: Partial<PlanStep> = {}): PlanStep =>
  createStep(user, { after: { states: ['AVAILABLE'], timeoutSeconds: 3600 }, target: { $idOf: `workspace/${directory}/${user}` }, ...extra }, directory);
const stop = (user: string): PlanStep => stopStep(user, { after: { states: ['STOPPED'], timeoutSeconds: 3600 } });

const run = (plan: Plan) => executePlan(plan, { port, queues: { totalRate: false }, waits: { initialPollMs: 50, maxPollMs: 400 } });

describe('executor through the real SDK', () => {
  it('splits FailedRequests of a shared call back to the refused steps only', async () => {
    const report = await run(planOf([...users(20).map((user) => create(user)), create('eve', 'd-0000000000'), stop('user0000')]));

    expect((await emulator.calls()).CreateWorkspaces).toBe(1);
    const eve = report.steps.find((step) => step.key.endsWith('/eve'))!;
    expect(eve.outcome).toBe('failed');
    expect(eve.error).toMatch(/ResourceNotFound\.Directory/);
    expect(report.succeeded).toBe(21);
    expect(Object.keys(desktopsPerUser(await desktops(emulator.client))).sort()).toEqual(users(20));
  });

  it('polls 30 waiting desktops in DescribeWorkspaces calls of up to 25 ids, not one call per desktop', async () => {
    const polled: number[] = [];
    const real = port;
    const recording = {
      call(operation: string, input: Record<string, unknown>) {
        if (operation === 'DescribeWorkspaces') polled.push((input.WorkspaceIds as string[]).length);
        return real.call(operation, input);
      },
    };
    const report = await executePlan(planOf(users(30).map((user) => create(user))), {
      port: recording,
      queues: { totalRate: false },
      waits: { initialPollMs: 50, maxPollMs: 400 },
    });

    expect(report.succeeded).toBe(30);
    expect((await emulator.calls()).CreateWorkspaces).toBe(2);
    expect(Math.max(...polled)).toBeLessThanOrEqual(25);
    expect(Math.max(...polled)).toBeGreaterThan(1);
    // every desktop was polled at least until AVAILABLE, yet with far fewer calls than ids
    const idsPolled = polled.reduce((sum, n) => sum + n, 0);
    expect(idsPolled).toBeGreaterThanOrEqual(30);
    expect(polled.length).toBeLessThan(idsPolled / 5);
  });

  it('feeds the id a create produced into the stop after it, and waits for STOPPED', async () => {
    const report = await run(planOf([create('alice'), stop('alice')]));
    expect(report.failed).toBe(0);
    expect((await desktops(emulator.client)).map((workspace) => workspace.State)).toEqual(['STOPPED']);
  });

  it('sends nothing for a blocked step', async () => {
    const report = await run(planOf([create('alice', DIRECTORY, { blocked: 'not owned by wsr' }), stop('alice')]));
    expect(report.skipped).toBe(2);
    expect(await emulator.calls()).toEqual({});
  });
});
