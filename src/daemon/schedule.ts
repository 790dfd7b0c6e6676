/** node-cron wrapper: validates the expression (seconds field allowed) and fires `onTick`. */
import cron from 'node-cron';
import { SpecError } from '../errors.js';

export const DEFAULT_SCHEDULE = '*/5 * * * *';

export interface Schedule {
  /** When the schedule fires next (undefined once stopped). */
  nextRun(): Date | undefined;
  stop(): Promise<void>;
}

export function assertValidSchedule(expression: string): void {
  const check = cron.validateDetailed(expression);
  if (check.valid) return;
  const detail = check.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  throw new SpecError('DAEMON_SCHEDULE_INVALID', `--schedule "${expression}" is not a cron expression (${detail || 'unparsable'})`, {
    hint: 'five fields, or six with seconds first, e.g. "*/5 * * * *" or "*/30 * * * * *"',
  });
}

export function startSchedule(expression: string, onTick: () => void): Schedule {
  assertValidSchedule(expression);
  const task = cron.schedule(expression, onTick, { name: 'wsr-daemon' });
  return {
    nextRun: () => task.getNextRun() ?? undefined,
    async stop() {
      await task.stop();
      await task.destroy();
    },
  };
}

/** Time between the next two runs of the expression, for sizing jitter. */
export function intervalMsOf(expression: string): number {
  assertValidSchedule(expression);
  const task = cron.createTask(expression, () => undefined);
  const [first, second] = task.getNextRuns(2);
  void task.destroy();
  return first && second ? second.getTime() - first.getTime() : 60_000;
}

/** Jitter: a tenth of the interval, at most 30 s, so big fleets spread their reads. */
export function maxJitterMsFor(intervalMs: number): number {
  return Math.min(Math.floor(intervalMs / 10), 30_000);
}
