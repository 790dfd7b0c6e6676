/**
 * A connection to one account+region: the SDK-backed ApiPort (WorkSpaces, and GetResources of
 * the Resource Groups Tagging API for bulk tag reads), the STS client for the
 * account guard, and — with `--emulator` — the embedded emulator started in-process.
 * Every HTTP attempt of both clients is counted by one AttemptRecorder (port.calls()).
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SpecError } from '../errors.js';
import type { STSClient } from '@aws-sdk/client-sts';
import type { Logger } from 'pino';
import { SdkApiPort } from '../aws/api-port.js';
import { AttemptRecorder } from '../aws/attempt-recorder.js';
import { createStsClient, createTaggingClient, createWorkspacesClient, isLoopbackEndpoint, resolveEndpoint, type ClientOptions } from '../aws/client.js';
import { assumeRoleCredentials } from '../aws/assume-role.js';
import { callerAccountOf } from '../aws/caller-account.js';
import type { EngineEvents } from '../model/engine-events.js';
import type { RunningEmulator } from '../emulator/index.js';
import type { ApiQueues, QueueOptions } from '../limiter/queues.js';
import { sharedLimiter } from '../limiter/shared-limiters.js';
import { defaultTuning } from './default-tuning.js';

export const DEFAULT_EMULATOR_STATE_FILE = '.wsr/emulator-state.json';

/** The embedded emulator runs fast: a 20-minute create takes 2.4 s. */
const EMBEDDED_TIME_SCALE = 0.002;

/** A local emulator ignores signatures; these never leave the machine. */
const EMULATOR_CREDENTIALS = { accessKeyId: 'wsr-emulator', secretAccessKey: 'wsr-emulator' } as const;

export interface SessionOptions {
  readonly region: string;
  readonly profile?: string;
  readonly endpoint?: string;
  /** Start the embedded emulator in-process, state kept in `emulatorStateFile`. */
  readonly emulator?: boolean;
  /** @default '.wsr/emulator-state.json' */
  readonly emulatorStateFile?: string;
  readonly events?: EngineEvents;
  /** Receives one debug line per API attempt. */
  readonly logger?: Logger;
  /**
   * Role to assume with the default chain's identity (`metadata.roleArn`). Ignored for an
   * emulator, which serves a single account with dummy keys.
   */
  readonly roleArn?: string;
  /**
   * The account's call budget (plan reads, applies, waits): per service and/or per operation.
   * @default defaultTuning(endpoint).queues — 2/s burst 5 in total on AWS, per operation on loopback
   */
  readonly rateLimits?: QueueOptions;
  /** Client overrides for tests (retry strategy, attempts, HTTP handler). */
  readonly client?: Pick<ClientOptions, 'maxAttempts' | 'retryMode' | 'retryStrategy' | 'requestHandler'>;
}

export interface Session {
  readonly port: SdkApiPort;
  readonly sts: STSClient;
  readonly endpoint?: string;
  readonly region: string;
  /** The account the credentials belong to (STS GetCallerIdentity). */
  callerAccount(): Promise<string>;
  /**
   * The limiter shared by every call made for `account` in this Region and endpoint, from any
   * session of this process (limiter/shared-limiters.ts); `override` asks for other rates.
   */
  limiter(account: string, override?: QueueOptions): ApiQueues;
  /**
   * A port to another Region of the same account, endpoint and credentials (a standby desktop's
   * Region: CreateStandbyWorkspaces is called there), made on first use, closed with the session.
   */
  portIn(region: string): SdkApiPort;
  close(): Promise<void>;
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const emulator = options.emulator ? await startEmbeddedEmulator(options.emulatorStateFile ?? DEFAULT_EMULATOR_STATE_FILE, options.region) : undefined;
  const endpoint = emulator?.endpoint ?? resolveEndpoint(options.endpoint);
  const baseOptions: ClientOptions = {
    region: options.region,
    endpoint,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(usesEmulatorCredentials(endpoint, options) ? { credentials: EMULATOR_CREDENTIALS } : {}),
    ...options.client,
  };
  const clientOptions: ClientOptions = assumesRole(endpoint, options)
    ? { ...baseOptions, credentials: assumeRoleCredentials({ roleArn: options.roleArn!, base: baseOptions }) }
    : baseOptions;
  const recorder = new AttemptRecorder({ events: options.events, logger: options.logger });
  // the port serves GetResources too, so bulk tag reads are counted with every other call
  const port = new SdkApiPort(createWorkspacesClient(clientOptions), { recorder, tagging: createTaggingClient(clientOptions) });
  const sts = createStsClient(clientOptions);
  recorder.attachTo(sts);
  const otherRegions = new Map<string, SdkApiPort>();
  let closed = false;
  return {
    port,
    sts,
    endpoint,
    region: options.region,
    callerAccount: () => callerAccountOf(sts),
    limiter: (account, override) =>
      sharedLimiter({ endpoint, account, region: options.region }, override ?? options.rateLimits ?? defaultTuning(endpoint).queues),
    portIn(region) {
      if (region === options.region) return port;
      let other = otherRegions.get(region);
      if (other === undefined) {
        // same endpoint flag and credentials (an assumed role is account-wide); the SDK resolves the Region's own endpoint
        other = new SdkApiPort(createWorkspacesClient({ ...clientOptions, region }), { recorder });
        otherRegions.set(region, other);
      }
      return other;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const other of otherRegions.values()) other.destroy();
      port.destroy();
      sts.destroy();
      await emulator?.stop();
    },
  };
}

function assumesRole(endpoint: string | undefined, options: SessionOptions): boolean {
  return options.roleArn !== undefined && !usesEmulatorCredentials(endpoint, options);
}

/**
 * A loopback endpoint is an emulator: sign with dummy keys rather than whatever the default
 * chain holds (real keys have no business there, and CI may have none). A profile still wins.
 */
function usesEmulatorCredentials(endpoint: string | undefined, options: SessionOptions): boolean {
  if (options.emulator) return true;
  return isLoopbackEndpoint(endpoint) && options.profile === undefined;
}

/** The embedded emulator serves the session's Region (it refuses requests signed for another one). */
async function startEmbeddedEmulator(stateFile: string, region: string): Promise<RunningEmulator> {
  await mkdir(dirname(stateFile), { recursive: true });
  // loaded only when asked for: a plan against AWS never pulls the emulator in
  const { startEmulator } = await import('../emulator/index.js');
  return startEmulator({ port: 0, stateFile, timeScale: EMBEDDED_TIME_SCALE, rateLimits: false, seed: { region } }).catch((error: unknown) => {
    // the user's file, not a bug: name it and say what to do
    const why =
      error instanceof SyntaxError ? `not a state file the emulator wrote (${error.message})` : error instanceof Error ? error.message : String(error);
    throw new SpecError('EMULATOR_STATE_INVALID', `--emulator-state ${stateFile}: cannot load the embedded emulator's state: ${why}`, {
      hint: 'delete the file to start from an empty account, or point --emulator-state at another file',
      cause: error,
    });
  });
}
