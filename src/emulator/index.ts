/**
 * A stateful local Amazon WorkSpaces API (AWS JSON 1.1) for the quick start, the tests and the
 * benchmarks. Independent of the reconciler: it imports nothing from the rest of src/.
 */
import type { AddressInfo } from 'node:net';
import { Emulator, type EmulatorConfig } from './emulator.js';
import { createEmulatorServer } from './server.js';

export type { EmulatorSeed, SeedDirectory } from './seed.js';
export { AWS_WINDOWS, Emulator, REALISMS, type EmulatorConfig, type RealismMode } from './emulator.js';

/** EmulatorConfig (seed, stateFile, timeScale, latencyMs, throttleRate, failRate, randomSeed, rateLimits, rateLimitScope, pageSize) + where to listen. */
export interface EmulatorOptions extends EmulatorConfig {
  host?: string; // default '127.0.0.1'
  port?: number; // default 0 (a free port)
  /** Required (Bearer) on /_emulator/* when set; without it only loopback clients may use them. */
  adminToken?: string;
}

export interface RunningEmulator {
  endpoint: string;
  host: string;
  port: number;
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = new Emulator(options);
  const server = createEmulatorServer(emulator, options.adminToken ? { adminToken: options.adminToken } : {});
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let stopped = false;
  return {
    endpoint: `http://${urlHost}:${port}`,
    host,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        emulator.saveStateFile();
      } finally {
        // close even when the last save fails, so SIGTERM always ends the process
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
