import chineseDays from 'chinese-days';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { DayKind } from './calendar.rules.ts';
import { calendarDay } from './calendar.tables.ts';

// The package is CommonJS: Node's ESM loader sees only its default export.
const { getDayDetail, isHoliday, isInLieu, isWorkday } = chineseDays;

/** Years the seed library has official schedules for. Add a year only after checking its data. */
export const SEED_YEARS = [2025, 2026] as const;
export const SEED_SOURCE = 'chinese-days@1.5.7';

export interface SeedDay {
  date: string;
  kind: DayKind;
  name: string | null;
}

/**
 * Every day of `years` classified from the library, day by day (never through
 * `getWorkdaysInRange(…, false)`, which drops make-up Saturdays). The library's detail name is
 * `English,中文,n` for holiday and make-up days and the weekday name otherwise.
 */
export function libraryDays(years: readonly number[] = SEED_YEARS): SeedDay[] {
  const out: SeedDay[] = [];
  for (const year of years) {
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      const date = d.toISOString().slice(0, 10);
      const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
      const detail = getDayDetail(date);
      const parts = detail.name.split(',');
      const holidayName = parts.length >= 2 ? (parts[1] ?? null) : null;
      const work = isWorkday(date);
      // Cross-check the library's three views of the day; a disagreement is a data bug.
      if (work !== detail.work || work === isHoliday(date) || (isInLieu(date) && work))
        throw new Error(`chinese-days disagrees with itself on ${date}`);
      let kind: DayKind;
      if (work) kind = weekend ? 'adjusted_workday' : 'workday';
      else if (holidayName) kind = 'holiday';
      else if (weekend) kind = 'weekend';
      else throw new Error(`chinese-days: weekday ${date} is off without a holiday name`);
      out.push({ date, kind, name: kind === 'workday' || kind === 'weekend' ? null : holidayName });
    }
  }
  return out;
}

/**
 * Seeds `calendar_day` from the library when the table is empty (first start, new test
 * database). Returns the number of rows written. Safe when several processes start at once.
 * Never overwrites a row, so an administrator's corrections survive.
 */
export async function seedCalendar(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(calendarDay);
  if ((row?.n ?? 0) > 0) return 0;
  const rows = libraryDays().map((d) => ({ ...d, source: SEED_SOURCE, version: 1 }));
  const inserted = await db
    .insert(calendarDay)
    .values(rows)
    .onConflictDoNothing()
    .returning({ date: calendarDay.date });
  return inserted.length;
}
