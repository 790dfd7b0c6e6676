import { describe, expect, it } from 'vitest';
import { Terminal } from '../../../src/cli/terminal.js';

function aTty() {
  const written: string[] = [];
  const stream = { isTTY: true, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { terminal: new Terminal(stream), screen: () => written.join('') };
}

describe('Terminal', () => {
  it('puts a log line above the status line and draws the status again under it', () => {
    const { terminal, screen } = aTty();
    terminal.status('applying: 1 of 3');
    terminal.writeLog('WARN step skipped\n');
    expect(screen()).toBe('\r\u001b[Kapplying: 1 of 3\r\u001b[KWARN step skipped\napplying: 1 of 3');
  });

  it('holds log lines while a prompt waits and prints them after the answer', () => {
    const { terminal, screen } = aTty();
    terminal.hold();
    terminal.writeLog('INFO late line\n');
    terminal.status('applying');
    expect(screen()).toBe('');
    terminal.release();
    expect(screen()).toBe('\r\u001b[KINFO late line\napplying');
  });

  it('off a terminal draws no status line', () => {
    const written: string[] = [];
    const terminal = new Terminal({ isTTY: false, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream);
    terminal.status('applying');
    terminal.writeLog('{"level":30}\n');
    expect(written).toEqual(['{"level":30}\n']);
  });
});
