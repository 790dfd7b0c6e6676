/** The only place errors become text: one line, plus cause and stack at --log-level debug. */
import { isWsrError } from '../errors.js';

export function formatError(error: unknown): string {
  if (isWsrError(error)) {
    const where = error.location ? `${error.location.file}:${error.location.line}:${error.location.col}: ` : '';
    const hint = error.hint ? ` (${error.hint})` : '';
    return `${where}error ${error.code}: ${oneLine(error.message)}${hint}`;
  }
  if (error instanceof Error) return `error INTERNAL: ${oneLine(error.message)}`;
  return `error INTERNAL: ${oneLine(String(error))}`;
}

export function printError(error: unknown, options: { debug?: boolean } = {}): void {
  if (!(isWsrError(error) && error.reported)) process.stderr.write(`${formatError(error)}\n`);
  if (options.debug && error instanceof Error) {
    if (error.cause !== undefined) process.stderr.write(`cause: ${String((error.cause as Error)?.stack ?? error.cause)}\n`);
    if (error.stack) process.stderr.write(`${error.stack}\n`);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
