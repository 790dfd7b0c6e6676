/**
 * stderr as a person at a terminal sees it: one status line that updates in place (progress), log
 * lines that go above it instead of through it, and a hold while a prompt waits for an answer so
 * the question stays the last line on the screen (held lines follow the answer). Off a terminal
 * there is no status line and logs pass straight through.
 */
import { Writable } from 'node:stream';

/** Beyond this many held log lines the rest are counted, not kept. */
const MAX_HELD_LINES = 200;

export class Terminal {
  private statusText = '';
  private held: string[] | undefined;
  private droppedWhileHeld = 0;
  /** What the logger writes to (pino's destination). */
  readonly logStream: Writable;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.logStream = new Writable({
      write: (chunk: Buffer | string, _encoding, done) => {
        this.writeLog(chunk.toString());
        done();
      },
    });
  }

  get isTTY(): boolean {
    return this.stream.isTTY === true;
  }

  /** A log line (or several): above the status line, or held while a prompt waits. */
  writeLog(text: string): void {
    if (this.held !== undefined) {
      if (this.held.length < MAX_HELD_LINES) this.held.push(text);
      else this.droppedWhileHeld += 1;
      return;
    }
    if (this.statusText === '') {
      this.stream.write(text);
      return;
    }
    this.stream.write(`\r\u001b[K${text}${text.endsWith('\n') ? '' : '\n'}${this.statusText}`);
  }

  /** Draw (or redraw) the status line; nothing off a terminal or while held. */
  status(text: string): void {
    if (!this.isTTY) return;
    this.statusText = text;
    if (this.held === undefined) this.stream.write(`\r\u001b[K${text}`);
  }

  /** Remove the status line (it was progress, not a result). */
  clearStatus(): void {
    if (this.statusText === '') return;
    this.statusText = '';
    if (this.isTTY && this.held === undefined) this.stream.write('\r\u001b[K');
  }

  /** A prompt is about to wait: nothing else may print until release(). */
  hold(): void {
    this.clearStatus();
    this.held ??= [];
  }

  /** The prompt was answered: print what was held back. */
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const text of held) this.writeLog(text);
    if (this.droppedWhileHeld > 0) this.writeLog(`(${this.droppedWhileHeld} more log lines while the prompt waited were dropped)\n`);
    this.droppedWhileHeld = 0;
  }
}
