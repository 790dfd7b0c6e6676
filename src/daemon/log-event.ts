/** Logs one coded event at the level its code is registered with (log/codes.ts). */
import type { Logger } from 'pino';
import { LOG_CODES, type LogCode } from '../log/codes.js';

export function logEvent(logger: Logger, code: LogCode, fields: Readonly<Record<string, unknown>> = {}): void {
  const entry = LOG_CODES[code];
  logger[entry.level]({ ...fields, code }, entry.message);
}
