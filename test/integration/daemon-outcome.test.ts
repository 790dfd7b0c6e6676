/**
 * One pipeline, one outcome: the daemon records each run as the engine reports it (the result
 * and run id of `reconcile.done`), so `wsr_reconcile_total{result}`, the status and the audit
 * log agree with the engine's events. The real reconcile loop on a virtual clock, the real SDK
 * against the emulator at 1/1000 of AWS's durations with 20 % of calls throttled.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealisticAccount, type RealisticAccount } from './operations/realistic-account.js';
import { reconcile } from '../../src/engine/reconcile.js';
import { ReconcileLoop } from '../../src/daemon/loop.js';
import { FileSpecStore } from '../../src/daemon/spec-store.js';
import { checkSpecText } from '../../src/daemon/check-spec-text.js';
import { DaemonMetrics } from '../../src/daemon/metrics.js';
import type { EngineEvent } from '../../src/model/engine-events.js';

type ReconcileDone = Extract<EngineEvent, { type: 'reconcile.done' }>;

function spec(users: string): string {
  return `apiVersion: wsr/v1
kind: Environment
metadata: {name: outcome, account: "123456789012", region: us-east-1}
policy:
  prune: true
  allowDestroy: true
  windows:
    - {kind: deny, schedule: "0 9 * * *", duration: 8h, timeZone: Europe/London}   # office hours
defaults:
  workspace: {directory: corp, bundle: wsb-stdwin0001, runningMode: AUTO_STOP, autoStopTimeoutMinutes: 60}
directories:
  corp: {id: d-9067a1b2c3, subnets: [subnet-0aaa1111, subnet-0bbb2222]}
workspaces:
  - users: [${users}]
`;
}

describe('the daemon takes each run’s outcome from the engine', () => {
  let account: RealisticAccount;
  let loop: ReconcileLoop;
  let auditLog: string;
  let clock = Date.parse('2026-12-01T07:00:00Z');
  const metrics = new DaemonMetrics({ defaultMetrics: false });
  const engineSaid: ReconcileDone[] = [];

  beforeAll(async () => {
    account = await startRealisticAccount('outcome', 5);
    auditLog = join(account.workdir, 'audit.jsonl');
    const { connection, apply } = account.base;
    loop = new ReconcileLoop({
      store: new FileSpecStore(account.workdir),
      reconcileFn: (options) => {
        options.events?.on((event) => {
          if (event.type === 'reconcile.done') engineSaid.push(event);
        });
        return reconcile({ ...options, apply: { ...apply, auditLogFile: auditLog } });
      },
      checkSpec: checkSpecText,
      mode: 'apply',
      connection,
      allowDestroy: true,
      metrics,
      now: () => clock,
    });
  });

  afterAll(async () => {
    await loop.stop(1000);
    await account.stop();
  });

  async function cycle(at: string) {
    clock = Date.parse(at);
    await loop.tick('schedule');
    await loop.idle();
    return loop.states().find((state) => state.env === 'outcome')!;
  }

  it('a run that creates desktops is "applied", in the engine’s event and in the daemon', async () => {
    await writeFile(account.specFile, spec('alice, bob'));
    const state = await cycle('2026-12-01T07:00:00Z');
    expect(engineSaid.map((done) => done.result)).toEqual(['applied']);
    expect(state.lastRun?.result).toBe('applied');
  });

  it('a run whose only step a change window defers: the daemon records the engine’s "applied", not a result of its own', async () => {
    await writeFile(account.specFile, spec('alice'));
    const state = await cycle('2026-12-01T12:00:00Z');
    expect(state.lastPlan?.deferred.map((step) => step.operation)).toEqual(['TerminateWorkspaces']);
    expect(engineSaid.at(-1)?.result).toBe('applied');
    expect(state.lastRun?.result).toBe(engineSaid.at(-1)?.result);
    const text = await metrics.text();
    expect(text).toContain('wsr_reconcile_total{env="outcome",result="applied"} 2');
    expect(text).not.toContain('result="changes-planned"} 1');
  });

  it('one run id: the daemon’s run, the engine’s events and the audit lines of a run share it', async () => {
    const state = loop.states().find((candidate) => candidate.env === 'outcome')!;
    expect(state.history.map((run) => run.runId)).toEqual(engineSaid.map((done) => done.runId).reverse());
    const audited = readFileSync(auditLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { runId?: string; operation: string });
    expect(audited.length).toBeGreaterThan(0);
    expect(new Set(audited.map((line) => line.runId))).toEqual(new Set([engineSaid[0]!.runId]));
  });
});
