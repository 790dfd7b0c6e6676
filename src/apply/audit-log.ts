/**
 * `--audit-log FILE`: one JSON line per mutating call, appended synchronously so a killed
 * apply still leaves a line for every call it made. Only operation, keys, ids, result and
 * requestId are written — never the call input, which may hold secrets.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface AuditEntry {
  /** ISO time the call finished. */
  readonly time: string;
  readonly environment: string;
  readonly operation: string;
  /** Resource keys of the steps in the call. */
  readonly keys: readonly string[];
  /** AWS ids the call acted on or produced. */
  readonly ids: readonly string[];
  /**
   * ok = every item accepted; partial = some items in FailedRequests; error = the call failed;
   * adopted = an earlier call whose answer was lost had made it (re-read, not sent again).
   */
  readonly result: 'ok' | 'partial' | 'error' | 'adopted';
  readonly failedItems?: number;
  readonly requestId?: string;
  /** AWS error code (not the message) when the call failed. */
  readonly errorCode?: string;
}

export interface AuditLog {
  record(entry: AuditEntry): void;
}

/** `runId` (the reconcile's) goes on every line, so audit lines, log lines and events of one run join up. */
export function createAuditLog(file: string, runId?: string): AuditLog {
  mkdirSync(dirname(file), { recursive: true });
  return {
    record(entry) {
      appendFileSync(file, `${JSON.stringify(runId === undefined ? entry : { runId, ...entry })}\n`, { encoding: 'utf8', mode: 0o600 });
    },
  };
}
