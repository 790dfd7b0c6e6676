/**
 * Starts the emulator on a free loopback port with a real WorkSpacesClient pointed at it.
 * Defaults suit tests: no rate limits, time scale 0 (transitions are done by the next call),
 * and no SDK retries unless asked for.
 */
import { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { startEmulator, type EmulatorOptions } from '../../src/emulator/index.js';

export interface TestEmulator {
  endpoint: string;
  client: WorkSpacesClient;
  /** Calls per operation since start or the last reset. */
  calls(): Promise<Record<string, number>>;
  /** Calls that reached the operation (throttled and injected failures not counted), per operation. */
  acceptedCalls(): Promise<Record<string, number>>;
  /** Back to the seed (state and counters). */
  reset(): Promise<void>;
  /** Moves the virtual clock forward. */
  advance(seconds: number): Promise<void>;
  /** POSTs to an admin endpoint, returns the parsed JSON. */
  admin(path: string, body?: unknown): Promise<any>;
  stop(): Promise<void>;
}

export interface TestEmulatorOptions extends EmulatorOptions {
  /** SDK attempts per call (default 1: no retries). */
  maxAttempts?: number;
}

export const TEST_CREDENTIALS = { accessKeyId: 'x', secretAccessKey: 'x' };

export async function startTestEmulator(options: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const { maxAttempts = 1, ...emulatorOptions } = options;
  const running = await startEmulator({ port: 0, rateLimits: false, timeScale: 0, ...emulatorOptions });
  const client = new WorkSpacesClient({ endpoint: running.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts });
  const admin = async (path: string, body?: unknown): Promise<any> => {
    const response = await fetch(`${running.endpoint}/_emulator/${path}`, { method: 'POST', body: JSON.stringify(body ?? {}) });
    return response.json();
  };
  return {
    endpoint: running.endpoint,
    client,
    async calls() {
      const response = await fetch(`${running.endpoint}/_emulator/calls`);
      return ((await response.json()) as { calls: Record<string, number> }).calls;
    },
    async acceptedCalls() {
      const response = await fetch(`${running.endpoint}/_emulator/calls`);
      const counts = (await response.json()) as { calls: Record<string, number>; throttled?: Record<string, number>; failed?: Record<string, number> };
      const accepted = Object.entries(counts.calls).map(
        ([operation, n]) => [operation, n - (counts.throttled?.[operation] ?? 0) - (counts.failed?.[operation] ?? 0)] as const,
      );
      return Object.fromEntries(accepted.filter(([, n]) => n > 0));
    },
    async reset() {
      await admin('reset');
    },
    async advance(seconds: number) {
      await admin('advance', { seconds });
    },
    admin,
    async stop() {
      client.destroy();
      await running.stop();
    },
  };
}
