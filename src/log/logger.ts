/** pino factory: JSON on stderr by default, pretty on a TTY or when asked; secrets redacted. */
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  /** @default 'info' */
  readonly level?: string;
  /** @default 'pretty' on a TTY, else 'json' */
  readonly format?: LogFormat;
  /** Colour the pretty output. @default stderr is a TTY */
  readonly color?: boolean;
  /**
   * Where lines go instead of stderr (the CLI's terminal, which holds them back while a prompt
   * waits and keeps them off the progress line). Pretty output is then formatted in-process.
   */
  readonly destination?: NodeJS.WritableStream;
}

const REDACT_PATHS = [
  '*.Password',
  '*.password',
  '*.SecretAccessKey',
  '*.secretAccessKey',
  '*.SessionToken',
  '*.sessionToken',
  '*.UserAccessUrl',
  '*.Logo',
  '*.*.Logo',
  'credentials',
  '*.credentials',
  'headers.authorization',
];

export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? (process.stderr.isTTY ? 'pretty' : 'json');
  const level = options.level ?? 'info';
  const redact = { paths: REDACT_PATHS, censor: '[redacted]' };
  const colorize = options.color ?? process.stderr.isTTY === true;
  if (format === 'pretty') {
    if (options.destination) return pino({ level, redact }, pretty({ destination: options.destination, colorize, sync: true }));
    return pino({ level, redact, transport: { target: 'pino-pretty', options: { destination: 2, colorize } } });
  }
  return pino({ level, redact }, options.destination ?? pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything, for library use and tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
