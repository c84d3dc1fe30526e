import chineseDays from 'chinese-days';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngines } from '../../db/testing.ts';
import { calendarDay } from '../calendar.tables.ts';
import { createWorkCalendar } from '../calendar.ts';
import { SEED_SOURCE, seedCalendar } from '../seed.ts';

// The package is CommonJS: Node's ESM loader sees only its default export.
const { getDayDetail, isWorkday } = chineseDays;

describe.each(testEngines())('calendar_day on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('seeds 2025–2026 once, matching the library on every day', async () => {
    expect(await seedCalendar(database.db)).toBe(730);
    expect(await seedCalendar(database.db)).toBe(0);
    const rows = await database.db.select().from(calendarDay).orderBy(asc(calendarDay.date));
    expect(rows).toHaveLength(730);
    expect(rows[0]?.date).toBe('2025-01-01');
    expect(rows.at(-1)?.date).toBe('2026-12-31');
    for (const r of rows) {
      const work = r.kind === 'workday' || r.kind === 'adjusted_workday';
      expect([r.date, work]).toEqual([r.date, isWorkday(r.date)]);
      expect([r.date, work]).toEqual([r.date, getDayDetail(r.date).work]);
      expect(r.source).toBe(SEED_SOURCE);
      expect(r.version).toBe(1);
    }
    const counts = Object.fromEntries(
      (['workday', 'holiday', 'adjusted_workday', 'weekend'] as const).map((k) => [
        k,
        rows.filter((r) => r.kind === k).length,
      ]),
    );
    // 248 working days in each year (make-up days included); 61 holiday days in all.
    expect(counts.workday! + counts.adjusted_workday!).toBe(496);
    expect(counts.adjusted_workday).toBe(11);
    expect(counts.holiday).toBe(61);
  });

  it('rejects an unknown kind', async () => {
    await expect(
      database.query(`insert into calendar_day (date, kind, source) values ('2030-01-01', 'maybe', 'test')`),
    ).rejects.toThrow();
  });

  it('loads the table, and reload() picks up a correction', async () => {
    const cal = await createWorkCalendar(database);
    expect(cal.range()).toEqual({ first: '2025-01-01', last: '2026-12-31' });
    expect(cal.isWorkday('2026-09-20')).toBe(true);
    const from = new Date('2026-09-18T15:00:00+08:00');
    expect(cal.addWorkingDays(from, 3).toISOString()).toBe('2026-09-22T15:59:59.999Z');
    expect(() => cal.isWorkday('2027-01-04')).toThrow(/2027/);

    // An administrator declares Mon 2026-09-21 a holiday.
    await database.db
      .update(calendarDay)
      .set({ kind: 'holiday', name: 'test', source: 'admin', version: 2 })
      .where(eq(calendarDay.date, '2026-09-21'));
    expect(cal.isWorkday('2026-09-21')).toBe(true);
    await cal.reload();
    expect(cal.isWorkday('2026-09-21')).toBe(false);
    expect(cal.addWorkingDays(from, 3).toISOString()).toBe('2026-09-23T15:59:59.999Z');
    // Seeding again never overwrites the correction.
    expect(await seedCalendar(database.db)).toBe(0);
  });
});
