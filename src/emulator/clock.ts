/**
 * Virtual time. Wall-clock seconds plus an offset moved by `advance` (admin endpoint, tests).
 * Durations are realistic seconds scaled by `timeScale`; with 0 a transition is due at once,
 * so the next call sees it done. Nothing here sets timers: transitions are settled on read.
 */
export class Clock {
  private offsetSeconds: number;

  constructor(
    readonly timeScale: number = 1,
    offsetSeconds = 0,
  ) {
    this.offsetSeconds = offsetSeconds;
  }

  /** Epoch seconds, fractional. */
  now(): number {
    return Date.now() / 1000 + this.offsetSeconds;
  }

  /** When something that takes `realisticSeconds` in AWS is done here. */
  dueIn(realisticSeconds: number): number {
    return this.now() + realisticSeconds * this.timeScale;
  }

  advance(seconds: number): void {
    this.offsetSeconds += seconds;
  }

  get offset(): number {
    return this.offsetSeconds;
  }
}

/** Realistic durations in seconds (AWS takes about this long). */
export const DURATION = {
  create: 20 * 60,
  stop: 2 * 60,
  start: 2 * 60,
  reboot: 3 * 60,
  rebuild: 30 * 60,
  restore: 30 * 60,
  modify: 10 * 60,
  migrate: 20 * 60,
  terminate: 5 * 60,
  register: 5 * 60,
  deregister: 5 * 60,
  image: 45 * 60,
  alias: 60,
  pool: 10 * 60,
  bundle: 60,
  association: 60,
  /** ModifyAccount (BYOL enablement) PENDING → COMPLETED (emulator choice; AWS gives no figure) */
  byol: 10 * 60,
  /** a WorkSpace's first snapshot after it is first AVAILABLE, then one every snapshotInterval (reference notes, RestoreWorkspace row) */
  firstSnapshot: 30 * 60,
  snapshotInterval: 12 * 3600,
  /** a deleted bundle's name cannot be reused for 2 h (admin guide, "Delete a custom WorkSpaces bundle or image") */
  bundleNameReserved: 2 * 3600,
} as const;
