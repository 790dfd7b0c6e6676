/**
 * Who may press the daemon's buttons (POST …/reconcile, …/suspend, …/resume): whoever holds the
 * bearer token, read from a file (a mounted Kubernetes Secret) or WSR_CONTROL_TOKEN. Without a
 * token the endpoints are disabled; asking for control on a non-loopback address without a token
 * refuses to start, so a pod is never one unauthenticated POST away from a suspended fleet.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { SpecError } from '../errors.js';

export const CONTROL_TOKEN_ENV = 'WSR_CONTROL_TOKEN';
/** Shorter tokens are guessable; `openssl rand -hex 32` gives 64 characters. */
export const MIN_TOKEN_LENGTH = 16;

export interface ControlSettings {
  /** `--control`: the operator asked for the control endpoints. */
  readonly requested: boolean;
  /** `--control-token-file` (wins over the environment variable). */
  readonly tokenFile?: string;
}

/** The bearer token, or undefined when none is configured (control disabled). */
export async function resolveControlToken(settings: ControlSettings, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (settings.tokenFile !== undefined) {
    const text = await readFile(settings.tokenFile, 'utf8').catch((error: Error) => {
      throw new SpecError('DAEMON_CONTROL_TOKEN_UNREADABLE', `--control-token-file ${settings.tokenFile}: ${error.message}`);
    });
    return checkedToken(text.trim(), `--control-token-file ${settings.tokenFile}`);
  }
  const fromEnv = env[CONTROL_TOKEN_ENV]?.trim();
  return fromEnv ? checkedToken(fromEnv, CONTROL_TOKEN_ENV) : undefined;
}

function checkedToken(token: string, source: string): string {
  if (token.length >= MIN_TOKEN_LENGTH) return token;
  throw new SpecError('DAEMON_CONTROL_TOKEN_WEAK', `${source}: the control token has ${token.length} characters, at least ${MIN_TOKEN_LENGTH} are needed`, {
    hint: 'generate one with: openssl rand -hex 32',
  });
}

/** Control was asked for (`--control`, or a token source) but no token is configured: fatal off loopback. */
export function assertControlListenSafe(host: string, settings: ControlSettings, token: string | undefined): void {
  if (!settings.requested || token !== undefined || isLoopbackHost(host)) return;
  throw new SpecError('DAEMON_CONTROL_TOKEN_MISSING', `--control on ${host} (not loopback) needs a bearer token; refusing to listen`, {
    hint: `set ${CONTROL_TOKEN_ENV} or --control-token-file, or listen on 127.0.0.1`,
  });
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare) || bare === '0:0:0:0:0:0:0:1';
  return false;
}

/** Compares the `Authorization: Bearer …` header with the token in constant time. */
export function isAuthorized(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  // equal-length digests: timingSafeEqual leaks neither the content nor the length
  return timingSafeEqual(digest(match[1]!), digest(token));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
