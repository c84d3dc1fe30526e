import { sql } from 'drizzle-orm';
import { boolean, check, date, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * The working-day calendar, one row per day. Seeded from a library for the years it knows (see
 * `seed.ts`); an operator imports later years (`nuanxin calendar import`, or the console) and may
 * correct a day. Deadlines are computed from this table only.
 */
export const calendarDay = pgTable(
  'calendar_day',
  {
    /** Local date in Asia/Shanghai. */
    date: date('date', { mode: 'string' }).primaryKey(),
    /** `adjusted_workday` is a make-up working day (调休上班) on a weekend. */
    kind: text('kind', { enum: ['workday', 'holiday', 'adjusted_workday', 'weekend'] }).notNull(),
    /** Holiday name (国庆节) for holidays and make-up days; null otherwise. */
    name: text('name'),
    /** Where the row came from, e.g. `chinese-days@1.5.7` or `admin`. */
    source: text('source').notNull(),
    version: integer('version').notNull().default(1),
    /**
     * A stand-in day, not the official schedule: the demo loads a year past the library's data as
     * plain weekdays and weekends so that deadlines still compute (never in production). Importing
     * the official schedule clears it.
     */
    provisional: boolean('provisional').notNull().default(false),
  },
  (t) => [
    check('calendar_day_kind_check', sql`${t.kind} in ('workday', 'holiday', 'adjusted_workday', 'weekend')`),
  ],
);
