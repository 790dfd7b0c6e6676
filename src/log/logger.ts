/** pino factory: JSON on stderr by default, pretty on a TTY or when asked; secrets redacted. */
import { pino, type Logger } from 'pino';

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  /** @default 'info' */
  readonly level?: string;
  /** @default 'pretty' on a TTY, else 'json' */
  readonly format?: LogFormat;
}

const REDACT_PATHS = [
  '*.Password', '*.password', '*.SecretAccessKey', '*.secretAccessKey', '*.SessionToken', '*.sessionToken',
  '*.UserAccessUrl', '*.Logo', '*.*.Logo', 'credentials', '*.credentials', 'headers.authorization',
];

export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? (process.stderr.isTTY ? 'pretty' : 'json');
  const level = options.level ?? 'info';
  const redact = { paths: REDACT_PATHS, censor: '[redacted]' };
  if (format === 'pretty') {
    return pino({ level, redact, transport: { target: 'pino-pretty', options: { destination: 2, colorize: process.stderr.isTTY } } });
  }
  return pino({ level, redact }, pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything, for library use and tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
