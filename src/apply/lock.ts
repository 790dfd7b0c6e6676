/**
 * One apply per environment per machine: a lock file `.wsr/locks/<env>.lock` holding the
 * owner's pid, host and start time. A lock left by a dead process on this host (SIGKILL,
 * power loss) is stale and taken over; a live owner, or one on another host, refuses with
 * APPLY_LOCKED. The file is written in full before it is linked into place, so no reader
 * ever sees a half-written lock.
 */
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ApplyError } from '../errors.js';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** ISO time the lock was taken. */
  readonly time: string;
}

export interface LockOptions {
  /** @default '.wsr/locks' */
  readonly directory?: string;
  /** @default process.pid */
  readonly pid?: number;
  /** @default os.hostname() */
  readonly host?: string;
  /** Whether a pid is alive on this host. @default process.kill(pid, 0) */
  readonly isAlive?: (pid: number) => boolean;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface ApplyLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Remove the lock if we still own it. Safe to call twice. */
  release(): void;
}

export function lockFileFor(environment: string, directory = '.wsr/locks'): string {
  return join(directory, `${environment.replace(/[^A-Za-z0-9._-]/g, '_')}.lock`);
}

export function acquireApplyLock(environment: string, options: LockOptions = {}): ApplyLock {
  const directory = options.directory ?? '.wsr/locks';
  const file = lockFileFor(environment, directory);
  const owner: LockOwner = {
    pid: options.pid ?? process.pid,
    host: options.host ?? hostname(),
    time: (options.now ?? (() => new Date()))().toISOString(),
  };
  const isAlive = options.isAlive ?? isProcessAlive;
  mkdirSync(directory, { recursive: true });
  // two attempts: the second after removing a stale lock
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (tryCreate(file, owner)) return ownedLock(file, owner);
    const holder = readOwner(file);
    if (holder === 'missing') continue;
    if (holder !== 'unreadable' && isStale(holder, owner.host, isAlive)) {
      rmSync(file, { force: true });
      continue;
    }
    throw lockedError(environment, file, holder);
  }
  throw lockedError(environment, file, readOwner(file));
}

function tryCreate(file: string, owner: LockOwner): boolean {
  const temporary = `${file}.${owner.pid}.${process.hrtime.bigint()}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(owner)}\n`, { mode: 0o644 });
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readOwner(file: string): LockOwner | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return 'unreadable';
  }
  try {
    const parsed = JSON.parse(text) as LockOwner;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? parsed : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** Only a lock of this host can be judged: another host's pid means nothing here. */
function isStale(holder: LockOwner, host: string, isAlive: (pid: number) => boolean): boolean {
  return holder.host === host && !isAlive(holder.pid);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownedLock(file: string, owner: LockOwner): ApplyLock {
  let released = false;
  return {
    file,
    owner,
    release() {
      if (released) return;
      released = true;
      const holder = readOwner(file);
      if (holder !== 'missing' && holder !== 'unreadable' && holder.pid === owner.pid && holder.host === owner.host && holder.time === owner.time) {
        rmSync(file, { force: true });
      }
    },
  };
}

function lockedError(environment: string, file: string, holder: LockOwner | 'missing' | 'unreadable'): ApplyError {
  const who = typeof holder === 'object' ? `pid ${holder.pid} on ${holder.host} since ${holder.time}` : 'an unknown owner';
  return new ApplyError('APPLY_LOCKED', `another apply of ${environment} is running (${who})`, {
    source: 'user',
    hint: `wait for it to finish, or delete ${file} if you are sure it is gone`,
  });
}

export interface LockWaitOptions extends LockOptions {
  /** How long to wait for another apply to finish; 0 refuses at once. @default 0 */
  readonly timeoutMs?: number;
  /** @default 500 */
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
  /** Called once when the lock is busy and we start waiting. */
  readonly onWaiting?: (error: ApplyError) => void;
}

/**
 * `--lock-timeout`: take the lock, waiting up to `timeoutMs` for its holder to finish. Taken
 * before the live read, so what a waiting apply plans is what the previous one left.
 */
export async function waitForApplyLock(environment: string, options: LockWaitOptions = {}): Promise<ApplyLock> {
  const timeoutMs = options.timeoutMs ?? 0;
  const pollMs = options.pollMs ?? 500;
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      return acquireApplyLock(environment, options);
    } catch (error) {
      if ((error as ApplyError).code !== 'APPLY_LOCKED') throw error;
      const waited = Date.now() - started;
      if (waited >= timeoutMs || options.signal?.aborted) {
        if (timeoutMs === 0) throw error;
        const locked = error as ApplyError;
        throw new ApplyError('APPLY_LOCKED', `${locked.message}; gave up after waiting ${Math.round(waited / 1000)} s (--lock-timeout)`, {
          source: 'user',
          hint: locked.hint,
        });
      }
      if (!announced) options.onWaiting?.(error as ApplyError);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, timeoutMs - waited)));
    }
  }
}
