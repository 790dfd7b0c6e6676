/**
 * What the standby tests share: an emulator serving us-east-1 and us-west-2 on one port (keyed by
 * the signing Region) at realistic timing (1/1000 of AWS's durations, 20 % of calls throttled), one
 * registered directory in each Region, and an SDK client per Region that retries like the SDK does.
 */
import { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { startTestEmulator, TEST_CREDENTIALS, type TestEmulator } from '../../helpers/start-emulator.js';
import { quickRetries } from '../../helpers/quick-retries.js';

export interface TwoRegionAccount {
  readonly emulator: TestEmulator;
  /** A WorkSpaces client signing for `region`. */
  client(region: string): WorkSpacesClient;
}

export async function startTwoRegionAccount(randomSeed: number, directories: { readonly east: string; readonly west: string }): Promise<TwoRegionAccount> {
  const emulator = await startTestEmulator({
    timeScale: 0.001,
    throttleRate: 0.2,
    randomSeed,
    maxAttempts: 8,
    seed: {
      regions: ['us-west-2'],
      directories: [
        { id: directories.east, name: 'east.example.com', registered: true },
        { id: directories.west, name: 'west.example.com', region: 'us-west-2', registered: true },
      ],
    },
  });
  return {
    emulator,
    client: (region) =>
      new WorkSpacesClient({ endpoint: emulator.endpoint, region, credentials: TEST_CREDENTIALS, maxAttempts: 8, retryStrategy: quickRetries(8) }),
  };
}
