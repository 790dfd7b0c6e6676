/**
 * A connection to one account+region: the SDK-backed ApiPort, the STS client for the
 * account guard, and — with `--emulator` — the embedded emulator started in-process.
 * (Contract; implemented with the plan issue.)
 */
import type { SdkApiPort } from '../aws/api-port.js';
import type { STSClient } from '@aws-sdk/client-sts';
import type { EngineEvents } from './events.js';

export interface SessionOptions {
  readonly region: string;
  readonly profile?: string;
  readonly endpoint?: string;
  /** Start the embedded emulator in-process, state kept in `emulatorStateFile`. */
  readonly emulator?: boolean;
  /** @default '.wsr/emulator-state.json' */
  readonly emulatorStateFile?: string;
  readonly events?: EngineEvents;
}

export interface Session {
  readonly port: SdkApiPort;
  readonly sts: STSClient;
  readonly endpoint?: string;
  close(): Promise<void>;
}
