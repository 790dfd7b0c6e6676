/**
 * Model-based test (fc.commands): random sequences of WorkSpace lifecycle calls through the real SDK,
 * checked after every step against a tiny state-machine model of the rules in SPEC.md §5.
 * Time scale 0, so every transition has settled by the next call.
 */
import {
  CreateWorkspacesCommand,
  DescribeWorkspacesCommand,
  ModifyWorkspaceStateCommand,
  RebootWorkspacesCommand,
  StartWorkspacesCommand,
  StopWorkspacesCommand,
  TerminateWorkspacesCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/start-emulator.js';
import { DIRECTORY_ID, STANDARD_WINDOWS, aRegisteredDirectory } from './given.js';

type Mode = 'ALWAYS_ON' | 'AUTO_STOP';
interface Desk {
  id: string;
  mode: Mode;
  state: 'AVAILABLE' | 'STOPPED' | 'ADMIN_MAINTENANCE';
}
type Model = Map<string, Desk>;
interface Real {
  client: WorkSpacesClient;
}

const USERS = ['ann', 'ben', 'cy'];

async function stateOf(client: WorkSpacesClient, id: string): Promise<string | undefined> {
  return (await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces?.[0]?.State;
}

/** After each step: the WorkSpace the step touched is where the model says (or gone). */
async function agree(model: Model, real: Real, user: string, formerId?: string): Promise<void> {
  const desk = model.get(user);
  if (desk) expect(await stateOf(real.client, desk.id)).toBe(desk.state);
  else if (formerId) expect(await stateOf(real.client, formerId)).toBeUndefined();
}

class Create implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly user: string,
    readonly mode: Mode,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const result = await real.client.send(
      new CreateWorkspacesCommand({
        Workspaces: [{ DirectoryId: DIRECTORY_ID, UserName: this.user, BundleId: STANDARD_WINDOWS, WorkspaceProperties: { RunningMode: this.mode } }],
      }),
    );
    if (model.has(this.user)) {
      expect(result.FailedRequests?.[0]?.ErrorCode).toBe('ResourceExists.WorkSpace');
      return;
    }
    expect(result.FailedRequests).toEqual([]);
    model.set(this.user, { id: result.PendingRequests?.[0]?.WorkspaceId as string, mode: this.mode, state: 'AVAILABLE' });
    await agree(model, real, this.user);
  }
  toString = () => `create(${this.user}, ${this.mode})`;
}

/** A batch call on one user's WorkSpace: accepted iff the model's rule allows it. */
class Change implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly action: 'stop' | 'start' | 'reboot' | 'terminate',
    readonly user: string,
  ) {}
  check = (model: Readonly<Model>) => model.has(this.user);
  async run(model: Model, real: Real): Promise<void> {
    const desk = model.get(this.user) as Desk;
    const allowed = this.allowed(desk);
    const failed = await this.send(real.client, desk.id);
    expect(failed, `${this} in ${desk.state}/${desk.mode}`).toBe(!allowed);
    if (allowed) this.apply(model, desk);
    await agree(model, real, this.user, desk.id);
  }
  private allowed(desk: Desk): boolean {
    switch (this.action) {
      case 'stop':
        return desk.mode === 'AUTO_STOP' && desk.state === 'AVAILABLE';
      case 'start':
        return desk.mode === 'AUTO_STOP' && desk.state === 'STOPPED';
      case 'reboot':
        return desk.state === 'AVAILABLE';
      case 'terminate':
        return true;
    }
  }
  private apply(model: Model, desk: Desk): void {
    if (this.action === 'stop') desk.state = 'STOPPED';
    if (this.action === 'start') desk.state = 'AVAILABLE';
    if (this.action === 'terminate') model.delete(this.user);
  }
  private async send(client: WorkSpacesClient, WorkspaceId: string): Promise<boolean> {
    const item = [{ WorkspaceId }];
    const result =
      this.action === 'stop'
        ? await client.send(new StopWorkspacesCommand({ StopWorkspaceRequests: item }))
        : this.action === 'start'
          ? await client.send(new StartWorkspacesCommand({ StartWorkspaceRequests: item }))
          : this.action === 'reboot'
            ? await client.send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: item }))
            : await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: item }));
    return (result.FailedRequests ?? []).length > 0;
  }
  toString = () => `${this.action}(${this.user})`;
}

class Maintenance implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly on: boolean,
    readonly user: string,
  ) {}
  check = (model: Readonly<Model>) => model.has(this.user);
  async run(model: Model, real: Real): Promise<void> {
    const desk = model.get(this.user) as Desk;
    const from = this.on ? 'AVAILABLE' : 'ADMIN_MAINTENANCE';
    const outcome = await real.client
      .send(new ModifyWorkspaceStateCommand({ WorkspaceId: desk.id, WorkspaceState: this.on ? 'ADMIN_MAINTENANCE' : 'AVAILABLE' }))
      .then(
        () => 'ok',
        (error: Error) => error.name,
      );
    expect(outcome).toBe(desk.state === from ? 'ok' : 'InvalidResourceStateException');
    if (desk.state === from) desk.state = this.on ? 'ADMIN_MAINTENANCE' : 'AVAILABLE';
    await agree(model, real, this.user);
  }
  toString = () => `maintenance(${this.on}, ${this.user})`;
}

const user = fc.constantFrom(...USERS);
const commands = fc.commands(
  [
    fc.tuple(user, fc.constantFrom<Mode>('ALWAYS_ON', 'AUTO_STOP')).map(([u, m]) => new Create(u, m)),
    fc.tuple(fc.constantFrom('stop', 'start', 'reboot', 'terminate' as const), user).map(([a, u]) => new Change(a, u)),
    fc.tuple(fc.boolean(), user).map(([on, u]) => new Maintenance(on, u)),
  ],
  { maxCommands: 30, size: 'large' },
);

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

describe('WorkSpace lifecycle against a state-machine model', () => {
  it("accepts exactly what the model allows and lands in the model's state", async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        await emulator.reset();
        await aRegisteredDirectory(emulator.client);
        await fc.asyncModelRun(() => ({ model: new Map(), real: { client: emulator.client } }), cmds);
      }),
      { numRuns: 60, seed: 4711 },
    );
  });
});
