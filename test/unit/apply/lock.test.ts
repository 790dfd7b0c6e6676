import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireApplyLock, lockFileFor } from '../../../src/apply/lock.js';
import { isWsrError } from '../../../src/errors.js';

function lockDirectory(): string {
  return join(mkdtempSync(join(tmpdir(), 'wsr-lock-')), 'locks');
}

function expectLocked(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    expect(isWsrError(error) && error.code).toBe('APPLY_LOCKED');
    return;
  }
  throw new Error('expected APPLY_LOCKED');
}

describe('apply lock', () => {
  it('writes the owner pid, host and time into .wsr/locks/<env>.lock', () => {
    const directory = lockDirectory();
    const lock = acquireApplyLock('corp-prod', { directory, pid: 4242, host: 'runner-1', now: () => new Date('2026-11-25T10:00:00Z') });
    expect(lock.file).toBe(join(directory, 'corp-prod.lock'));
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toEqual({ pid: 4242, host: 'runner-1', time: '2026-11-25T10:00:00.000Z' });
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it('refuses a second apply of the same environment while the owner lives', () => {
    const directory = lockDirectory();
    acquireApplyLock('corp-prod', { directory, pid: 1, host: 'h', isAlive: () => true });
    expectLocked(() => acquireApplyLock('corp-prod', { directory, pid: 2, host: 'h', isAlive: () => true }));
  });

  it('lets two environments apply at the same time', () => {
    const directory = lockDirectory();
    acquireApplyLock('a', { directory, pid: 1, host: 'h', isAlive: () => true });
    expect(() => acquireApplyLock('b', { directory, pid: 2, host: 'h', isAlive: () => true })).not.toThrow();
  });

  it('takes over a stale lock whose owner process is dead on this host', () => {
    const directory = lockDirectory();
    acquireApplyLock('corp-prod', { directory, pid: 1, host: 'h' });
    const lock = acquireApplyLock('corp-prod', { directory, pid: 2, host: 'h', isAlive: (pid) => pid !== 1 });
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(2);
  });

  it('never judges a lock from another host stale: a pid there means nothing here', () => {
    const directory = lockDirectory();
    acquireApplyLock('corp-prod', { directory, pid: 1, host: 'other-host' });
    expectLocked(() => acquireApplyLock('corp-prod', { directory, pid: 2, host: 'h', isAlive: () => false }));
  });

  it('detects a really dead pid with the default liveness check', () => {
    const directory = lockDirectory();
    mkdirSync(directory, { recursive: true });
    // pid 2^22+1 is above Linux's pid_max default: no such process
    writeFileSync(lockFileFor('e', directory), JSON.stringify({ pid: 4194305, host: 'me', time: 'x' }));
    expect(() => acquireApplyLock('e', { directory, host: 'me' }).release()).not.toThrow();
  });

  it('release leaves a lock that another owner has taken over in place', () => {
    const directory = lockDirectory();
    const first = acquireApplyLock('e', { directory, pid: 1, host: 'h' });
    const second = acquireApplyLock('e', { directory, pid: 2, host: 'h', isAlive: () => false });
    first.release();
    expect(existsSync(second.file)).toBe(true);
  });

  it('keeps environment names with odd characters inside the lock directory', () => {
    expect(lockFileFor('../../etc/passwd', '/x/locks')).toBe('/x/locks/.._.._etc_passwd.lock');
  });
});
