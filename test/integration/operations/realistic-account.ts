/**
 * What the operations tests share: an emulator at realistic timing (1/1000 of AWS's durations,
 * 20 % of calls throttled, a fixed random seed), a work directory with the spec file and the
 * apply locks, and reconcile options that retry throttling the way the SDK does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator, type TestEmulatorOptions } from '../../helpers/start-emulator.js';
import { quickRetries } from '../../helpers/quick-retries.js';
import type { ReconcileOptions } from '../../../src/engine/reconcile.js';

export interface RealisticAccount {
  readonly emulator: TestEmulator;
  readonly workdir: string;
  readonly specFile: string;
  /** Options for `reconcile` (add `mode`). */
  readonly base: Omit<ReconcileOptions, 'mode'>;
  stop(): Promise<void>;
}

export async function startRealisticAccount(
  name: string,
  randomSeed: number,
  extra: Partial<Omit<ReconcileOptions, 'mode'>> = {},
  seed?: TestEmulatorOptions['seed'],
): Promise<RealisticAccount> {
  const emulator = await startTestEmulator({ timeScale: 0.001, throttleRate: 0.2, randomSeed, maxAttempts: 8, ...(seed === undefined ? {} : { seed }) });
  const workdir = await mkdtemp(join(tmpdir(), `wsr-${name}-`));
  const specFile = join(workdir, `${name}.yaml`);
  const connection = { endpoint: emulator.endpoint, client: { maxAttempts: 8, retryStrategy: quickRetries(8) } } as ReconcileOptions['connection'];
  return {
    emulator,
    workdir,
    specFile,
    base: { specFile, connection, apply: { lockDirectory: join(workdir, 'locks') }, ...extra },
    async stop() {
      await emulator.stop();
      await rm(workdir, { recursive: true, force: true });
    },
  };
}
