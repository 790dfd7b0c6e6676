/**
 * Registry of log event codes: every log line carries one of these as `code`, with a
 * constant message; data goes in fields. Codes are numbered by stage
 * (1xxx spec, 2xxx read, 3xxx plan, 4xxx apply, 5xxx daemon, 9xxx emulator) and the letter
 * after `WSR_` repeats the level so a code read alone still says how bad it is.
 * Pure data: no logger import (the pure core may read it). Stages add their own ranges here.
 */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogCodeEntry {
  readonly level: LogLevel;
  /** The constant message logged with the code. */
  readonly message: string;
  /** What the event means for an operator. */
  readonly description: string;
}

export const LOG_CODES = {
  // 2xxx read
  WSR_D2001: {
    level: 'debug',
    message: 'api attempt',
    description: 'One HTTP attempt of an AWS call (SDK retries included): operation, attempt, ms, requestId, outcome.',
  },
  WSR_I2002: { level: 'info', message: 'live state read', description: 'The live account was read: resources, API calls by operation, duration.' },
  WSR_I2004: {
    level: 'info',
    message: 'template users read',
    description:
      'The users of a workspace template were read at plan time: the members of a directory group (LDAP; nested included, disabled left out) or the names in a user file.',
  },
  WSR_W2003: {
    level: 'warn',
    message: 'bulk tag read unavailable, reading tags one by one',
    description:
      'GetResources (Resource Groups Tagging API) was denied or is not served, so tags are read with one DescribeTags per resource: slower, same result. Grant tag:GetResources to make plans cheaper.',
  },
  // 3xxx plan
  WSR_W3002: {
    level: 'warn',
    message: 'change windows ignored',
    description: '--ignore-windows: disruptive and destructive steps run outside policy.windows (an emergency override, always logged).',
  },
  WSR_I3001: { level: 'info', message: 'plan made', description: 'A plan was built: counts per action, blocked and destructive steps, read calls.' },
  // 4xxx apply
  WSR_D4001: { level: 'debug', message: 'step started', description: 'The executor started a plan step (its before-wait, call and after-wait follow).' },
  WSR_I4002: { level: 'info', message: 'step succeeded', description: "A plan step's call was accepted and its after-wait (if any) reached the wanted state." },
  WSR_W4003: {
    level: 'warn',
    message: 'step skipped',
    description: 'A plan step did not run: it is blocked, a step it depends on failed (becauseOf), or the apply was interrupted.',
  },
  WSR_E4004: {
    level: 'error',
    message: 'step failed',
    description: 'A root-cause failure: the API refused the call or the item (FailedRequests), or a wait failed or timed out. Re-run apply to finish.',
  },
  WSR_W4006: {
    level: 'warn',
    message: 'waiting for the apply lock',
    description: 'Another apply of the environment holds its lock; this one waits (--lock-timeout) before reading anything.',
  },
  WSR_I4005: { level: 'info', message: 'apply finished', description: 'An apply ended: steps succeeded/failed/skipped, API calls by operation, duration.' },
  // 5xxx daemon
  WSR_I5001: { level: 'info', message: 'daemon started', description: 'The daemon listens, has scheduled its reconciles and starts the first cycle.' },
  WSR_I5002: {
    level: 'info',
    message: 'reconcile finished',
    description: 'One reconcile of one environment finished: result, change counts, apply counts, API calls, duration.',
  },
  WSR_W5003: {
    level: 'warn',
    message: 'reconcile failed, will retry',
    description: 'A transient failure (throttling, 5xx, network, failed steps); the environment is Reconciling and retried after a backoff.',
  },
  WSR_E5004: {
    level: 'error',
    message: 'reconcile stalled',
    description: 'A terminal failure (access denied, a plan the policy refuses, bad input); the environment is Stalled until its spec file changes.',
  },
  WSR_D5005: {
    level: 'debug',
    message: 'reconcile skipped',
    description: 'A tick skipped an environment: still running, backing off, or stalled on an unchanged spec.',
  },
  WSR_E5006: {
    level: 'error',
    message: 'spec invalid, keeping last good spec',
    description: 'The spec file on disk does not load; the environment keeps reconciling its last good spec (if any) and reports Stalled.',
  },
  WSR_I5007: { level: 'info', message: 'environment added', description: 'A new spec file appeared in the watched path.' },
  WSR_I5008: { level: 'info', message: 'environment removed', description: 'A spec file disappeared from the watched path; its metrics are dropped.' },
  WSR_E5009: {
    level: 'error',
    message: 'spec path unreadable',
    description: 'The spec file or directory given to the daemon cannot be listed (missing mount, permissions).',
  },
  WSR_I5010: { level: 'info', message: 'shutdown started', description: 'SIGTERM/SIGINT: scheduling stopped, waits aborted, in-flight calls finishing.' },
  WSR_I5011: { level: 'info', message: 'shutdown complete', description: 'The server is closed and the reconciles drained; the process exits 0.' },
  WSR_W5012: {
    level: 'warn',
    message: 'shutdown drain timed out',
    description: 'In-flight reconciles did not finish within the shutdown budget and were abandoned.',
  },
  WSR_I5013: { level: 'info', message: 'spec changed', description: 'The spec file of an environment changed and loaded; a stalled environment resumes.' },
  WSR_I5014: {
    level: 'info',
    message: 'environment suspended',
    description: 'wsr suspend (POST /api/v1/environments/ENV/suspend): the schedule skips the environment until resumed.',
  },
  WSR_I5015: { level: 'info', message: 'environment resumed', description: 'wsr resume: the environment is scheduled again and reconciled at once.' },
  WSR_I5016: {
    level: 'info',
    message: 'reconcile requested',
    description: 'wsr reconcile (POST /api/v1/environments/ENV/reconcile): a run is queued now, skipping jitter and backoff.',
  },
  WSR_W5017: {
    level: 'warn',
    message: 'control request refused',
    description: 'A control request without the bearer token, with a wrong one, or while control is disabled.',
  },
  WSR_W5018: {
    level: 'warn',
    message: 'webhook delivery failed, will retry',
    description: 'A notification receiver answered non-2xx or could not be reached; retried with backoff.',
  },
  WSR_E5019: {
    level: 'error',
    message: 'webhook notification dropped',
    description: 'A notification was given up (retries exhausted, queue full, or shutdown); the receiver misses it.',
  },
} as const satisfies Readonly<Record<string, LogCodeEntry>>;

export type LogCode = keyof typeof LOG_CODES;

export function isLogCode(value: string): value is LogCode {
  return Object.hasOwn(LOG_CODES, value);
}

/** The level a code is logged at. */
export function levelOfCode(code: LogCode): LogLevel {
  return LOG_CODES[code].level;
}
