/**
 * Callers waiting for a slot or a token, served highest priority first and first come first
 * served within a priority. Push, shift and leave are O(1) (a head index per priority instead of
 * `Array.shift()`, and a left entry is skipped when it reaches the head), so 100,000 queued calls
 * cost linear time.
 */
import { onAbort } from './abort-listeners.js';

export interface WaitEntry {
  readonly priority: number;
  /** Set when the entry was served or gave up (aborted); the line skips it. */
  done: boolean;
  grant(): void;
}

interface Lane {
  readonly priority: number;
  entries: WaitEntry[];
  head: number;
}

export class WaitLine {
  /** Highest priority first; a handful of priorities at most. */
  private readonly lanes: Lane[] = [];
  private live = 0;

  get size(): number {
    return this.live;
  }

  push(entry: WaitEntry): void {
    let lane = this.lanes.find((candidate) => candidate.priority === entry.priority);
    if (!lane) {
      lane = { priority: entry.priority, entries: [], head: 0 };
      this.lanes.push(lane);
      this.lanes.sort((a, b) => b.priority - a.priority);
    }
    lane.entries.push(entry);
    this.live += 1;
  }

  /** The entry to serve next (not removed), or undefined when none waits. */
  peek(): WaitEntry | undefined {
    for (const lane of this.lanes) {
      while (lane.head < lane.entries.length && lane.entries[lane.head]!.done) lane.head += 1;
      if (lane.head < lane.entries.length) {
        // amortised O(1): drop a served prefix once it is most of the array
        if (lane.head > 1024 && lane.head * 2 > lane.entries.length) {
          lane.entries = lane.entries.slice(lane.head);
          lane.head = 0;
        }
        return lane.entries[lane.head];
      }
      // drained: drop the served prefix so the array does not grow for ever
      lane.entries = [];
      lane.head = 0;
    }
    return undefined;
  }

  /** Removes and returns the next entry. */
  shift(): WaitEntry | undefined {
    const next = this.peek();
    if (!next) return undefined;
    next.done = true;
    this.live -= 1;
    return next;
  }

  /** Marks an entry as gone (aborted); it is skipped when it reaches the head. */
  leave(entry: WaitEntry): boolean {
    if (entry.done) return false;
    entry.done = true;
    this.live -= 1;
    return true;
  }
}

/**
 * Joins `line` and resolves with `grant()`'s value when the line serves the entry; rejects with
 * the signal's reason if aborted first (then `onLeave` runs, e.g. to stop a timer no one needs).
 */
export function waitInLine<T>(line: WaitLine, priority: number, signal: AbortSignal | undefined, grant: () => T, onLeave?: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    const entry: WaitEntry = {
      priority,
      done: false,
      grant: () => {
        unsubscribe?.();
        resolve(grant());
      },
    };
    if (signal) {
      unsubscribe = onAbort(signal, () => {
        if (!line.leave(entry)) return;
        reject(signal.reason);
        onLeave?.();
      });
    }
    line.push(entry);
  });
}
