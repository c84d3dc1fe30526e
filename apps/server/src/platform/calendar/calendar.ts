import type { Database } from '../db/client.ts';
import {
  addWorkingDays,
  addWorkingHours,
  buildCalendarData,
  type CalendarData,
  type CalendarDayRow,
  type DayKind,
  isoOfDayNumber,
  isProvisional,
  isWorkday,
  kindOf,
  workingDaysBetween,
  workingHoursBetween,
} from './calendar.rules.ts';
import { calendarDay } from './calendar.tables.ts';

/**
 * Working days and office hours in Asia/Shanghai, read from the `calendar_day` table (kept in
 * memory; `reload()` after the table changes). Every method throws
 * `AppError('calendar.out_of_range')` for a date the table does not cover: an unknown day is
 * never taken for a working day. See `calendar.rules.ts` for the exact counting rules.
 */
export interface WorkCalendar {
  /** Whether the local day of `date` (or a `YYYY-MM-DD` date) is a working day, 调休 included. */
  isWorkday(date: Date | string): boolean;
  kindOf(date: Date | string): DayKind;
  /**
   * Whether the day is a provisional stand-in (demo only: plain weekdays and weekends for a year
   * whose official schedule is not loaded) rather than the official schedule. Deadlines across
   * such days still compute; the console marks the year.
   */
  isProvisional(date: Date | string): boolean;
  /** End (23:59:59.999 local) of the n-th working day, counting from the day after `from`. */
  addWorkingDays(from: Date, n: number): Date;
  /** `hours` office hours (08:30–12:00, 14:00–17:30 on working days) after `from`. */
  addWorkingHours(from: Date, hours: number): Date;
  /** Working days among the days after `a`'s day up to and including `b`'s day. */
  workingDaysBetween(a: Date, b: Date): number;
  /** Office hours elapsed between `a` and `b`. */
  workingHoursBetween(a: Date, b: Date): number;
  /** First and last loaded dates (`YYYY-MM-DD`), or null when the table is empty. */
  range(): { first: string; last: string } | null;
  /** Re-reads the table (after an administrator's correction or a new year's schedule). */
  reload(): Promise<void>;
}

/** The NOTIFY channel calendar changes are announced on; the payload is the changed year. */
export const CALENDAR_CHANNEL = 'nuanxin_calendar';

/**
 * Loads `calendar_day` and returns the service. Seed the table first (`seedCalendar`). With a
 * database that can LISTEN, the service subscribes to {@link CALENDAR_CHANNEL}: every change
 * (import, a corrected day, a provisional year) is announced with `pg_notify` inside the changing
 * transaction, so every server process reloads once it commits; a dropped listening connection
 * reloads too, since notifications may have been missed.
 */
export async function createWorkCalendar(
  database: Pick<Database, 'db'> & Partial<Pick<Database, 'listen'>>,
): Promise<WorkCalendar> {
  const load = async () =>
    database.db
      .select({ date: calendarDay.date, kind: calendarDay.kind, provisional: calendarDay.provisional })
      .from(calendarDay);
  const calendar = workCalendarFromRows(await load(), load);
  if (database.listen) {
    const reload = () => {
      // A failed reload keeps the previous data; the next change or reconnection retries.
      calendar.reload().catch(() => undefined);
    };
    await database.listen(CALENDAR_CHANNEL, reload, reload);
  }
  return calendar;
}

/**
 * The same service over rows already in memory, without a database (unit tests, hand-built
 * deps: `workCalendarFromRows(libraryDays())`). `reload` re-runs `load` when given.
 */
export function workCalendarFromRows(
  rows: Iterable<CalendarDayRow>,
  load?: () => Promise<Iterable<CalendarDayRow>>,
): WorkCalendar {
  let data: CalendarData = buildCalendarData(rows);
  let chain: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | null = null;
  return {
    isWorkday: (date) => isWorkday(data, date),
    kindOf: (date) => kindOf(data, date),
    isProvisional: (date) => isProvisional(data, date),
    addWorkingDays: (from, n) => addWorkingDays(data, from, n),
    addWorkingHours: (from, hours) => addWorkingHours(data, from, hours),
    workingDaysBetween: (a, b) => workingDaysBetween(data, a, b),
    workingHoursBetween: (a, b) => workingHoursBetween(data, a, b),
    range() {
      if (data.kinds.size === 0) return null;
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const d of data.kinds.keys()) {
        if (d < lo) lo = d;
        if (d > hi) hi = d;
      }
      return { first: isoOfDayNumber(lo), last: isoOfDayNumber(hi) };
    },
    reload() {
      if (!load) return Promise.resolve();
      // Loads run one after another (a NOTIFY and the changing request's own reload may overlap);
      // a call joins a load that has not started yet, since that one will read everything
      // committed before the call, and otherwise queues a new one.
      if (waiting) return waiting;
      const next = chain
        .catch(() => undefined)
        .then(async () => {
          waiting = null;
          data = buildCalendarData(await load());
        });
      waiting = next;
      chain = next;
      return next;
    },
  };
}
