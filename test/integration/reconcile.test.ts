/**
 * The one-shot pipeline the daemon runs: plan → apply → plan again finds nothing to do,
 * every run reports exactly one start and one done, and failures come out as results with a
 * code — whether against an emulator endpoint or the embedded one with its state file.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/start-emulator.js';
import { reconcile, type ReconcileOptions } from '../../src/engine/reconcile.js';
import { EngineEvents, type EngineEvent } from '../../src/model/engine-events.js';

function recordEvents(): { events: EngineEvents; seen: EngineEvent[] } {
  const events = new EngineEvents();
  const seen: EngineEvent[] = [];
  events.on((event) => seen.push(event));
  return { events, seen };
}

function lifecycle(seen: readonly EngineEvent[]): string[] {
  return seen.flatMap((event) => {
    if (event.type === 'reconcile.start') return [`start ${event.environment} ${event.mode}`];
    if (event.type === 'reconcile.done') return [`done ${event.environment} ${event.result}${event.error ? ` ${event.error.code}` : ''}`];
    return [];
  });
}

function mutatingOperations(calls: Record<string, number>): string[] {
  return Object.keys(calls).filter((operation) => !/^(Describe|List|Get)/.test(operation));
}

describe('reconcile against an emulator endpoint', () => {
  let emulator: TestEmulator;
  let workdir: string;
  let base: Pick<ReconcileOptions, 'specFile' | 'connection' | 'apply'>;

  beforeEach(async () => {
    emulator = await startTestEmulator();
    workdir = await mkdtemp(join(tmpdir(), 'wsr-reconcile-'));
    base = { specFile: 'examples/quickstart.yaml', connection: { endpoint: emulator.endpoint }, apply: { lockDirectory: join(workdir, 'locks') } };
  });

  afterEach(async () => {
    await emulator.stop();
    await rm(workdir, { recursive: true, force: true });
  });

  it('plan mode reports the drift and changes nothing', async () => {
    const { events, seen } = recordEvents();

    const result = await reconcile({ ...base, mode: 'plan', events });

    expect(result.report).toBeUndefined();
    expect(result.plan.summary.create).toBeGreaterThan(0);
    expect(lifecycle(seen)).toEqual(['start quickstart plan', 'done quickstart changes-planned']);
    expect(mutatingOperations(await emulator.calls())).toEqual([]);
  });

  it('apply converges: a second run plans nothing and is in sync', async () => {
    const { events, seen } = recordEvents();

    const applied = await reconcile({ ...base, mode: 'apply', events });
    const again = await reconcile({ ...base, mode: 'plan', events });

    expect(applied.report?.failed).toBe(0);
    expect(applied.report?.succeeded).toBe(applied.plan.steps.length);
    expect(again.plan.changes).toEqual([]);
    expect(again.plan.steps).toEqual([]);
    expect(lifecycle(seen)).toEqual(['start quickstart apply', 'done quickstart applied', 'start quickstart plan', 'done quickstart in-sync']);
  });

  it('an apply with nothing to do is in sync and calls nothing that mutates', async () => {
    await reconcile({ ...base, mode: 'apply' });
    await emulator.admin('reset-calls');
    const { events, seen } = recordEvents();

    const result = await reconcile({ ...base, mode: 'apply', events });

    expect(result.report).toBeUndefined();
    expect(lifecycle(seen)).toEqual(['start quickstart apply', 'done quickstart in-sync']);
    expect(mutatingOperations(await emulator.calls())).toEqual([]);
  });

  it('an aborted run (daemon shutdown) reads nothing further and applies nothing', async () => {
    const { events, seen } = recordEvents();

    await expect(reconcile({ ...base, mode: 'apply', events, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'READ_ABORTED' });

    expect(lifecycle(seen)).toEqual(['start quickstart apply', 'done quickstart failed READ_ABORTED']);
    expect(await emulator.calls()).toEqual({});
  });

  it('a spec for another account fails with its code and touches nothing', async () => {
    const spec = join(workdir, 'other.yaml');
    await writeFile(spec, (await readFile('examples/quickstart.yaml', 'utf8')).replace('"123456789012"', '"999999999999"'), 'utf8');
    const { events, seen } = recordEvents();

    await expect(reconcile({ ...base, specFile: spec, mode: 'apply', events })).rejects.toMatchObject({ code: 'PLAN_ACCOUNT_MISMATCH' });

    expect(lifecycle(seen)).toEqual(['start quickstart apply', 'done quickstart failed PLAN_ACCOUNT_MISMATCH']);
    expect(await emulator.calls()).toEqual({});
  });

  it('an invalid spec is a failed run with SPEC_INVALID, reported under the file name', async () => {
    const spec = join(workdir, 'broken.yaml');
    await writeFile(spec, 'apiVersion: wsr/v1\nkind: Environment\nmetadata: {name: x}\n', 'utf8');
    const { events, seen } = recordEvents();
    const diagnostics: string[] = [];

    await expect(
      reconcile({ ...base, specFile: spec, mode: 'plan', events, onDiagnostics: (list) => diagnostics.push(...list.map((d) => d.code)) }),
    ).rejects.toMatchObject({
      code: 'SPEC_INVALID',
    });

    expect(lifecycle(seen)).toEqual([`start ${spec} plan`, `done ${spec} failed SPEC_INVALID`]);
    expect(diagnostics.length).toBeGreaterThan(0);
  });
});

describe('reconcile with the embedded emulator (--emulator)', () => {
  let workdir: string;

  beforeEach(async () => {
    workdir = await mkdtemp(join(tmpdir(), 'wsr-embedded-'));
  });

  afterEach(async () => {
    await rm(workdir, { recursive: true, force: true });
  });

  it('keeps the account in its state file between runs, so apply then plan is in sync', async () => {
    const stateFile = join(workdir, 'nested', 'emulator-state.json');
    const connection = { emulator: true, emulatorStateFile: stateFile };
    const apply = { lockDirectory: join(workdir, 'locks') };

    const applied = await reconcile({ specFile: 'examples/quickstart.yaml', mode: 'apply', connection, apply });
    const again = await reconcile({ specFile: 'examples/quickstart.yaml', mode: 'plan', connection, apply });

    expect(applied.report?.failed).toBe(0);
    expect((await stat(stateFile)).size).toBeGreaterThan(0);
    expect(again.plan.steps).toEqual([]);
    expect(again.plan.changes).toEqual([]);
  });
});
