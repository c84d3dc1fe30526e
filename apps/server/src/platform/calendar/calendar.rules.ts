import { AppError } from '../http/errors.ts';

/**
 * Pure working-day arithmetic over an in-memory calendar (no database). The service in
 * `calendar.ts` loads the `calendar_day` table into a {@link CalendarData} and delegates here.
 *
 * Time zone: every rule is in Asia/Shanghai local time, which has been UTC+8 without daylight
 * saving since 1991, so a fixed offset is exact.
 *
 * Unknown days are never guessed: any date outside the loaded data throws
 * `AppError('calendar.out_of_range')` naming the missing year.
 */

export const DAY_KINDS = ['workday', 'holiday', 'adjusted_workday', 'weekend'] as const;
/** `adjusted_workday` is a make-up working day (调休上班) on a Saturday or Sunday. */
export type DayKind = (typeof DAY_KINDS)[number];

export interface CalendarDayRow {
  /** `YYYY-MM-DD`. */
  date: string;
  kind: DayKind;
  /** A stand-in day (demo only), not the official schedule; see `calendar.tables.ts`. */
  provisional?: boolean;
}

/** The loaded calendar: local day number (days since 1970-01-01 in Asia/Shanghai) → kind. */
export interface CalendarData {
  kinds: Map<number, DayKind>;
  /** Years with at least one loaded day, ascending (for error messages). */
  years: number[];
  /** Day numbers of provisional (stand-in) days. */
  provisional: Set<number>;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** Asia/Shanghai: UTC+8, no daylight saving. */
const OFFSET_MS = 8 * HOUR_MS;

/**
 * Office hours on a working day, as [start, end) minutes after local midnight:
 * 08:30–12:00 and 14:00–17:30 (7 hours a day).
 */
export const OFFICE_WINDOWS: readonly (readonly [number, number])[] = [
  [8 * 60 + 30, 12 * 60],
  [14 * 60, 17 * 60 + 30],
];

export function buildCalendarData(rows: Iterable<CalendarDayRow>): CalendarData {
  const kinds = new Map<number, DayKind>();
  const years = new Set<number>();
  const provisional = new Set<number>();
  for (const r of rows) {
    const day = dayNumberOfIso(r.date);
    kinds.set(day, r.kind);
    if (r.provisional) provisional.add(day);
    years.add(Number(r.date.slice(0, 4)));
  }
  return { kinds, years: [...years].sort((a, b) => a - b), provisional };
}

/** The local (Asia/Shanghai) day number of an instant. */
export function localDayNumber(instant: Date): number {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid date');
  return Math.floor((t + OFFSET_MS) / DAY_MS);
}

/** Day number of a `YYYY-MM-DD` calendar date. */
export function dayNumberOfIso(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const t = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== date)
    throw new RangeError(`Not a calendar date: ${date}`);
  return t / DAY_MS;
}

/** `YYYY-MM-DD` of a day number. */
export function isoOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local `YYYY-MM-DD` (Asia/Shanghai) of an instant. */
export function shanghaiDate(instant: Date): string {
  return isoOfDayNumber(localDayNumber(instant));
}

/** The instant at which local day `day` starts (00:00 Asia/Shanghai). */
function startOfDay(day: number): number {
  return day * DAY_MS - OFFSET_MS;
}

function toDay(date: Date | string): number {
  return typeof date === 'string' ? dayNumberOfIso(date) : localDayNumber(date);
}

export function kindOf(data: CalendarData, date: Date | string): DayKind {
  return kindOfDay(data, toDay(date));
}

function kindOfDay(data: CalendarData, day: number): DayKind {
  const k = data.kinds.get(day);
  if (k) return k;
  const iso = isoOfDayNumber(day);
  const year = iso.slice(0, 4);
  const loaded = data.years.length ? data.years.join(', ') : 'none';
  throw new AppError(
    'calendar.out_of_range',
    `The working-day calendar has no data for ${iso}: load the official holiday schedule for ${year} with \`nuanxin calendar import --file <${year}.csv>\` (or 系统设置 → 工作日历 in the console); loaded years: ${loaded}`,
    { date: iso, year: Number(year), loadedYears: data.years },
  );
}

/**
 * Whether the local day of `date` is a provisional (stand-in) day rather than the official
 * schedule. Throws `calendar.out_of_range` like every other question about an unknown day.
 */
export function isProvisional(data: CalendarData, date: Date | string): boolean {
  const day = toDay(date);
  kindOfDay(data, day);
  return data.provisional.has(day);
}

function isWorkKind(k: DayKind): boolean {
  return k === 'workday' || k === 'adjusted_workday';
}

/** Whether the local day of `date` (or the `YYYY-MM-DD` date) is a working day, 调休 included. */
export function isWorkday(data: CalendarData, date: Date | string): boolean {
  return isWorkKind(kindOf(data, date));
}

function isWorkDay(data: CalendarData, day: number): boolean {
  return isWorkKind(kindOfDay(data, day));
}

function assertCount(n: number, what: string): void {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${n}`);
}

/**
 * The deadline `n` working days after `from` (时限 counted in working days, 次日起算).
 *
 * Rule: counting starts on the local day AFTER the local (Asia/Shanghai) day of `from`, whatever
 * the time of day and whether or not that day is itself a working day. Each working day
 * (`workday` or `adjusted_workday`, i.e. 调休上班 Saturdays and Sundays) counts one; holidays
 * and ordinary weekends count nothing. The deadline is the END of the n-th counted working day:
 * 23:59:59.999 Asia/Shanghai (shown as 23:59:59).
 *
 * Examples:
 * - Fri 2026-09-18 15:00 + 3 → Sat 19th weekend; Sun 20th make-up workday (1); Mon 21st (2);
 *   Tue 22nd (3) → 2026-09-22 23:59:59.999 +08:00.
 * - Wed 2026-09-30 10:00 + 3 → 10-01…10-07 国庆 holiday; Thu 10-08 (1); Fri 10-09 (2);
 *   Sat 10-10 make-up workday (3) → 2026-10-10 23:59:59.999 +08:00.
 *
 * `n` must be a whole number ≥ 1. Throws `calendar.out_of_range` when the count walks past the
 * loaded data.
 */
export function addWorkingDays(data: CalendarData, from: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number ≥ 1, got ${n}`);
  let day = localDayNumber(from);
  let left = n;
  while (left > 0) {
    day += 1;
    if (isWorkDay(data, day)) left -= 1;
  }
  return new Date(startOfDay(day + 1) - 1);
}

/**
 * The instant `hours` office hours after `from`.
 *
 * Office hours are 08:30–12:00 and 14:00–17:30 Asia/Shanghai on working days (7 h a day). The
 * clock runs only inside those windows: from outside office hours (night, lunch, a holiday) it
 * starts at the next opening. When the time runs out exactly at a closing time the result is
 * that closing time (12:00 or 17:30), not the next opening. `hours` may be fractional
 * (precision 1 ms); `0` returns `from` unchanged.
 *
 * Example: Fri 2026-09-18 16:30 + 2 h → 1 h on Friday, then Sun 2026-09-20 (make-up workday)
 * 08:30 + 1 h → 2026-09-20 09:30 +08:00.
 */
export function addWorkingHours(data: CalendarData, from: Date, hours: number): Date {
  assertCount(hours, 'hours');
  let left = Math.round(hours * HOUR_MS);
  if (left === 0) return new Date(from.getTime());
  let t = from.getTime();
  let day = localDayNumber(from);
  for (;;) {
    if (isWorkDay(data, day)) {
      const base = startOfDay(day);
      for (const [s, e] of OFFICE_WINDOWS) {
        const ws = base + s * MINUTE_MS;
        const we = base + e * MINUTE_MS;
        if (t >= we) continue;
        const start = Math.max(t, ws);
        const avail = we - start;
        if (left <= avail) return new Date(start + left);
        left -= avail;
        t = we;
      }
    }
    day += 1;
    t = startOfDay(day);
  }
}

/**
 * Working days from `a` to `b`: the working days among the local days after `a`'s day up to and
 * including `b`'s day, so `workingDaysBetween(x, addWorkingDays(x, n)) === n`. Same day → 0;
 * negative when `b` is before `a`.
 */
export function workingDaysBetween(data: CalendarData, a: Date, b: Date): number {
  const da = localDayNumber(a);
  const db = localDayNumber(b);
  if (db < da) return -workingDaysBetween(data, b, a);
  let count = 0;
  for (let d = da + 1; d <= db; d++) if (isWorkDay(data, d)) count += 1;
  return count;
}

/**
 * Office hours (see {@link addWorkingHours}) elapsed between `a` and `b`, fractional; negative
 * when `b` is before `a`. `workingHoursBetween(x, addWorkingHours(x, h)) ≈ h` (to the ms).
 */
export function workingHoursBetween(data: CalendarData, a: Date, b: Date): number {
  const ta = a.getTime();
  const tb = b.getTime();
  if (!Number.isFinite(ta) || !Number.isFinite(tb)) throw new RangeError('Invalid date');
  if (tb < ta) return -workingHoursBetween(data, b, a);
  let ms = 0;
  const last = localDayNumber(b);
  for (let day = localDayNumber(a); day <= last; day++) {
    if (!isWorkDay(data, day)) continue;
    const base = startOfDay(day);
    for (const [s, e] of OFFICE_WINDOWS) {
      const lo = Math.max(ta, base + s * MINUTE_MS);
      const hi = Math.min(tb, base + e * MINUTE_MS);
      if (hi > lo) ms += hi - lo;
    }
  }
  return ms / HOUR_MS;
}
