/**
 * The one client factory: every WorkSpaces, STS and tagging call goes through a client made here
 * (region, endpoint, retry mode, user agent `wsr/<version>`). Credentials come from the
 * SDK's default chain; wsr never reads or stores keys itself.
 */
import { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { STSClient } from '@aws-sdk/client-sts';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { WSR_VERSION } from '../version.js';

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Called by the SDK whenever it needs keys (it caches nothing itself for us to rely on). */
export type CredentialsProvider = () => Promise<TemporaryCredentials>;

export interface ClientOptions {
  readonly region: string;
  /** Overrides AWS_ENDPOINT_URL_WORKSPACES / AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  readonly profile?: string;
  /** @default 'adaptive' */
  readonly retryMode?: 'adaptive' | 'standard';
  /** @default 6 */
  readonly maxAttempts?: number;
  /** Static keys for an emulator (which ignores signatures), or a provider (an assumed role). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string } | CredentialsProvider;
  /** Replaces the HTTP handler (tests answer requests in memory). */
  readonly requestHandler?: { handle(request: any, options?: any): Promise<{ response: any }> };
  /** Replaces the SDK retry strategy (tests retry without backoff delays); overrides retryMode. */
  readonly retryStrategy?: unknown;
}

function retryConfig(options: ClientOptions) {
  if (options.retryStrategy) return { retryStrategy: options.retryStrategy as never, maxAttempts: options.maxAttempts ?? 6 };
  return { retryMode: options.retryMode ?? 'adaptive', maxAttempts: options.maxAttempts ?? 6 };
}

/** The settings every client shares; only the endpoint differs per service. */
function sharedConfig(options: ClientOptions, endpoint: string | undefined) {
  return {
    region: options.region,
    ...(endpoint ? { endpoint } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.requestHandler ? { requestHandler: options.requestHandler as never } : {}),
    ...retryConfig(options),
    customUserAgent: `wsr/${WSR_VERSION}`,
  };
}

/** The endpoint from the flag, then the WorkSpaces-specific variable, then the general one. */
export function resolveEndpoint(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return explicit ?? env.AWS_ENDPOINT_URL_WORKSPACES ?? env.AWS_ENDPOINT_URL ?? undefined;
}

export function createWorkspacesClient(options: ClientOptions): WorkSpacesClient {
  const endpoint = resolveEndpoint(options.endpoint);
  return new WorkSpacesClient(sharedConfig(options, endpoint));
}

/** True for 127.0.0.1 / localhost / [::1] URLs: a local emulator, never AWS. */
/**
 * Whether an endpoint is this machine (the emulator): localhost and *.localhost (RFC 6761), the
 * 127.0.0.0/8 block in any form the WHATWG URL parser normalises (127.1, 2130706433), ::1, and
 * IPv4-mapped IPv6 of 127/8 (`[::ffff:127.0.0.1]` parses to `[::ffff:7f00:1]`).
 */
export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  const mapped = /^\[::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}\]$/.exec(host);
  return mapped !== null && Number.parseInt(mapped[1]!, 16) >> 8 === 127;
}

/**
 * STS endpoint: the flag, then AWS_ENDPOINT_URL_STS; a loopback WorkSpaces endpoint is an
 * emulator, which serves STS on the same port; then the general AWS_ENDPOINT_URL. (A real
 * WorkSpaces VPC endpoint in AWS_ENDPOINT_URL_WORKSPACES must not receive STS calls.)
 */
export function resolveStsEndpoint(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (explicit) return explicit;
  if (env.AWS_ENDPOINT_URL_STS) return env.AWS_ENDPOINT_URL_STS;
  if (isLoopbackEndpoint(env.AWS_ENDPOINT_URL_WORKSPACES)) return env.AWS_ENDPOINT_URL_WORKSPACES;
  return env.AWS_ENDPOINT_URL ?? undefined;
}

/** STS for the account guard; with an emulator endpoint it is served by the emulator too. */
export function createStsClient(options: ClientOptions): STSClient {
  const endpoint = resolveStsEndpoint(options.endpoint);
  return new STSClient(sharedConfig(options, endpoint));
}

/**
 * Resource Groups Tagging API endpoint. A loopback WorkSpaces endpoint (flag or
 * AWS_ENDPOINT_URL_WORKSPACES) is an emulator, which serves GetResources on the same port; then
 * AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API, then the general AWS_ENDPOINT_URL; else AWS's own.
 * A non-loopback WorkSpaces endpoint (a VPC endpoint) never receives tagging calls: it would not
 * know them.
 */
export function resolveTaggingEndpoint(workspacesEndpoint?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (isLoopbackEndpoint(workspacesEndpoint)) return workspacesEndpoint;
  if (env.AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API) return env.AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API;
  if (isLoopbackEndpoint(env.AWS_ENDPOINT_URL_WORKSPACES)) return env.AWS_ENDPOINT_URL_WORKSPACES;
  return env.AWS_ENDPOINT_URL ?? undefined;
}

/** Tags in bulk (GetResources, 100 resources per call) for the reader; same settings as WorkSpaces. */
export function createTaggingClient(options: ClientOptions): ResourceGroupsTaggingAPIClient {
  const endpoint = resolveTaggingEndpoint(options.endpoint);
  return new ResourceGroupsTaggingAPIClient(sharedConfig(options, endpoint));
}
