/**
 * Five-field cron (minute hour day-of-month month day-of-week) evaluated in an IANA time zone,
 * for change windows. Pure: instants are passed in; the zone's wall clock comes from Intl.
 * Fields take `*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, and lists `a,b`; day of week
 * 0–7 (0 and 7 are Sunday). As in cron, when both day fields are restricted either may match.
 */
export interface CronSchedule {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  readonly anyDayOfMonth: boolean;
  readonly anyDayOfWeek: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

/** The schedule, or the reason it is not one (for a spec diagnostic). */
export function parseCron(expression: string): CronSchedule | string {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  const sets: Set<number>[] = [];
  for (const [index, part] of parts.entries()) {
    const field = FIELDS[index];
    const values = parseField(part, field.min, field.max);
    if (typeof values === 'string') return `${field.name} "${part}": ${values}`;
    sets.push(values);
  }
  if (sets[4].has(7)) sets[4].add(0);
  return {
    minutes: sets[0],
    hours: sets[1],
    daysOfMonth: sets[2],
    months: sets[3],
    daysOfWeek: sets[4],
    anyDayOfMonth: parts[2] === '*',
    anyDayOfWeek: parts[4] === '*',
  };
}

function parseField(text: string, min: number, max: number): Set<number> | string {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (match === null) return 'expected *, N, N-M, */S or N-M/S';
    const from = match[1] === '*' ? min : Number(match[2]);
    const to = match[1] === '*' ? max : match[3] !== undefined ? Number(match[3]) : match[4] !== undefined ? max : from;
    const step = match[4] === undefined ? 1 : Number(match[4]);
    if (from < min || to > max || from > to) return `values must be within ${min}–${max}`;
    if (step < 1) return 'a step must be at least 1';
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

/** The wall clock of an instant in a zone. */
export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 0 = Sunday. */
  readonly weekday: number;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** False for a zone Intl does not know (a spec error). */
export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = FORMATTERS.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    FORMATTERS.set(zone, formatter);
  }
  return formatter;
}

export function localTime(epochMs: number, zone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

function dayMatches(schedule: CronSchedule, local: LocalTime): boolean {
  if (!schedule.months.has(local.month)) return false;
  const byMonthDay = schedule.daysOfMonth.has(local.day);
  const byWeekday = schedule.daysOfWeek.has(local.weekday);
  if (schedule.anyDayOfMonth && schedule.anyDayOfWeek) return true;
  if (schedule.anyDayOfMonth) return byWeekday;
  if (schedule.anyDayOfWeek) return byMonthDay;
  return byMonthDay || byWeekday;
}

export function cronMatches(schedule: CronSchedule, local: LocalTime): boolean {
  return schedule.minutes.has(local.minute) && schedule.hours.has(local.hour) && dayMatches(schedule, local);
}

const MINUTE_MS = 60_000;

/** The latest start at or before `epochMs` within `lookbackMinutes`, if any (epoch ms). */
export function lastStart(schedule: CronSchedule, zone: string, epochMs: number, lookbackMinutes: number): number | undefined {
  const floor = Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
  for (let back = 0; back <= lookbackMinutes; back += 1) {
    const at = floor - back * MINUTE_MS;
    if (cronMatches(schedule, localTime(at, zone))) return at;
  }
  return undefined;
}

/** The first start after `epochMs` within about a year (epoch ms), skipping hours and days that cannot match. */
export function nextStart(schedule: CronSchedule, zone: string, epochMs: number): number | undefined {
  let at = Math.floor(epochMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const limit = epochMs + 366 * 24 * 60 * MINUTE_MS;
  while (at <= limit) {
    const local = localTime(at, zone);
    if (!dayMatches(schedule, local)) at += ((23 - local.hour) * 60 + (60 - local.minute)) * MINUTE_MS;
    else if (!schedule.hours.has(local.hour)) at += (60 - local.minute) * MINUTE_MS;
    else if (!schedule.minutes.has(local.minute)) at += MINUTE_MS;
    else return at;
  }
  return undefined;
}
