import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { auditLog } from '../../audit/audit.tables.ts';
import { SYSTEM_ACTOR } from '../../auth/actor.ts';
import { type Database, openDatabase } from '../../db/client.ts';
import { createTestDatabase, type TestDatabase, testEngines } from '../../db/testing.ts';
import { AppError } from '../../http/errors.ts';
import {
  calendarDaysOf,
  calendarYears,
  importCalendarYear,
  loadProvisionalYears,
  PROVISIONAL_SOURCE,
  parseCalendarImport,
  setCalendarDay,
} from '../calendar.admin.ts';
import { calendarDay } from '../calendar.tables.ts';
import { createWorkCalendar, type WorkCalendar } from '../calendar.ts';
import { seedCalendar } from '../seed.ts';

/** A made-up 2027 schedule in the official shape (test data, not the real notice). */
const CSV_2027 = `date,kind,name
# 元旦
2027-01-01,holiday,元旦
2027-01-02,holiday,元旦
2027-01-03,holiday,元旦
2027-02-06,holiday,春节
2027-02-07,holiday,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-12,holiday,春节
2027-02-13,holiday,春节
2027-02-20,adjusted_workday,春节
`;

const META = { requestId: 'test', ip: '127.0.0.1' };
const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('common.validation');
    return ((err as AppError).details as { problems: { message: string }[] }).problems.map((p) => p.message);
  }
  throw new Error('expected a validation error');
};

describe('parseCalendarImport', () => {
  it('reads CSV (header, comments, quotes) and JSON', () => {
    const csv = parseCalendarImport(`\uFEFF${CSV_2027}"2027-10-01",holiday,"国庆节"\n`, 'csv');
    expect(csv.year).toBe(2027);
    expect(csv.rows).toHaveLength(13);
    expect(csv.rows.at(-1)).toEqual({ date: '2027-10-01', kind: 'holiday', name: '国庆节' });
    const json = parseCalendarImport(
      JSON.stringify([
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-20', kind: 'adjusted_workday' },
      ]),
      'json',
    );
    expect(json.rows).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-20', kind: 'adjusted_workday', name: null },
    ]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf(() =>
      parseCalendarImport(
        [
          '2027-02-30,holiday,x',
          '2027-03-01,workday,x',
          '2027-03-02,adjusted_workday,x',
          '2027-01-01,holiday,元旦',
          '2027-01-01,holiday,元旦',
        ].join('\n'),
        'csv',
      ),
    );
    expect(problems).toEqual([
      '"2027-02-30" is not a date (YYYY-MM-DD)',
      'kind "workday" must be holiday or adjusted_workday: list only holidays and make-up workdays; other days follow from the weekday',
      '2027-03-02 is a weekday: a make-up workday (adjusted_workday) falls on a Saturday or Sunday',
      '2027-01-01 is listed twice (first on line 4)',
    ]);
    expect(
      problemsOf(() => parseCalendarImport('2026-12-31,holiday,x\n2027-01-01,holiday,y', 'csv'))[0],
    ).toMatch(/one year per file/);
    expect(problemsOf(() => parseCalendarImport('date,kind,name\n', 'csv'))).toEqual([
      'the file has no rows',
    ]);
    expect(problemsOf(() => parseCalendarImport('2027-02-20,adjusted_workday,春节', 'csv'))[0]).toMatch(
      /no holiday/,
    );
    expect(() => parseCalendarImport('{"x":1}', 'json')).toThrow(/JSON must be an array/);
  });
});

describe.each(testEngines())('calendar operations on %s', (engine) => {
  let database: TestDatabase;
  let calendar: WorkCalendar;
  const deps = () => ({ database, calendar, config: loadConfig({ NODE_ENV: 'test' }) });
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await seedCalendar(database.db);
    calendar = await createWorkCalendar(database);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('past the official data: out_of_range telling the operator to import', () => {
    expect(() => calendar.addWorkingDays(new Date('2026-12-20T10:00:00+08:00'), 15)).toThrow(
      /2027.*nuanxin calendar import/,
    );
  });

  it('loads a provisional year for the demo, never over existing rows, never in production', async () => {
    const now = new Date('2026-12-20T10:00:00+08:00');
    await expect(
      loadProvisionalYears(
        { ...deps(), config: loadConfig({ NODE_ENV: 'production', NUANXIN_SECRET: 'x'.repeat(48) }) },
        now,
      ),
    ).rejects.toThrow(/never/);
    expect(await loadProvisionalYears(deps(), now)).toEqual([2027]);
    expect(await loadProvisionalYears(deps(), now)).toEqual([]);
    // Mon 2026-12-21 + 15 working days, 2027-01-01 counted as a plain Friday.
    expect(calendar.addWorkingDays(now, 15).toISOString()).toBe('2027-01-08T15:59:59.999Z');
    expect(calendar.isProvisional('2027-01-04')).toBe(true);
    expect(calendar.isProvisional('2026-12-31')).toBe(false);
    const y = (await calendarYears(database.db)).find((r) => r.year === 2027);
    expect(y).toMatchObject({ days: 365, provisional: true, sources: [PROVISIONAL_SOURCE] });
    expect(y?.counts).toEqual({ workday: 261, holiday: 0, adjusted_workday: 0, weekend: 104 });
  });

  it('imports the official schedule over the provisional year, idempotently and audited', async () => {
    const parsed = parseCalendarImport(CSV_2027, 'csv');
    const first = await importCalendarYear(deps(), SYSTEM_ACTOR, META, parsed, '2027.csv');
    expect(first).toMatchObject({ year: 2027, source: 'import:2027.csv', changed: 365, unchanged: 0 });
    expect(first.counts).toEqual({ workday: 255, holiday: 11, adjusted_workday: 1, weekend: 98 });
    expect(calendar.isProvisional('2027-01-04')).toBe(false);
    expect(calendar.isWorkday('2027-01-01')).toBe(false);
    expect(calendar.isWorkday('2027-02-20')).toBe(true);
    const again = await importCalendarYear(deps(), SYSTEM_ACTOR, META, parsed, '2027.csv');
    expect(again).toMatchObject({ changed: 0, unchanged: 365 });
    const y = (await calendarYears(database.db)).find((r) => r.year === 2027);
    expect(y).toMatchObject({ provisional: false, sources: ['import:2027.csv'] });
    const [row] = await database.db.select().from(calendarDay).where(eq(calendarDay.date, '2027-01-01'));
    expect(row).toMatchObject({ kind: 'holiday', name: '元旦', version: 2, provisional: false });
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, 'calendar.import'));
    expect(audits).toHaveLength(2);
    // A corrected file: 2027-02-13 is no longer a holiday.
    const fixed = parseCalendarImport(CSV_2027.replace('2027-02-13,holiday,春节\n', ''), 'csv');
    const third = await importCalendarYear(deps(), SYSTEM_ACTOR, META, fixed, '2027-v2.csv');
    expect(third.changed).toBe(1);
    expect(calendar.kindOf('2027-02-13')).toBe('weekend');
  });

  it('corrects one day (weekday rules, versions, audit)', async () => {
    const put = (date: string, body: Parameters<typeof setCalendarDay>[4]) =>
      setCalendarDay(deps(), SYSTEM_ACTOR, META, date, body);
    await expect(put('2027-03-06', { kind: 'workday' })).rejects.toThrow(/Saturday or Sunday/);
    await expect(put('2027-03-08', { kind: 'adjusted_workday' })).rejects.toThrow(/weekday/);
    await expect(put('2030-03-08', { kind: 'holiday' })).rejects.toMatchObject({ code: 'common.not_found' });
    // Version 1 provisional, 2 imported.
    const row = await put('2027-03-08', { kind: 'holiday', name: '测试', version: 2 });
    expect(row).toMatchObject({ kind: 'holiday', name: '测试', source: 'admin', version: 3 });
    expect(calendar.isWorkday('2027-03-08')).toBe(false);
    await expect(put('2027-03-08', { kind: 'workday', version: 2 })).rejects.toMatchObject({
      code: 'common.conflict',
    });
    // The same value again changes nothing.
    expect((await put('2027-03-08', { kind: 'holiday', name: '测试' })).version).toBe(3);
    const days = await calendarDaysOf(database.db, 2027);
    expect(days).toHaveLength(365);
    expect(days.find((d) => d.date === '2027-03-08')?.source).toBe('admin');
  });
});

/** Two server processes: a change committed through one reloads the other's calendar. */
describe.runIf(process.env.TEST_DATABASE_URL)('calendar reload across processes (postgres)', () => {
  let a: TestDatabase;
  let b: Database;
  beforeAll(async () => {
    a = await createTestDatabase('postgres');
    await seedCalendar(a.db);
    b = await openDatabase({ url: a.url!, poolMax: 2 });
  });
  afterAll(async () => {
    await b?.close();
    await a?.destroy();
  });

  it('reloads on NOTIFY after commit', async () => {
    const calA = await createWorkCalendar(a);
    const calB = await createWorkCalendar(b);
    expect(() => calB.isWorkday('2027-01-04')).toThrow(/2027/);
    const parsed = parseCalendarImport(CSV_2027, 'csv');
    await importCalendarYear({ database: a, calendar: calA }, SYSTEM_ACTOR, META, parsed, '2027.csv');
    expect(calA.isWorkday('2027-01-04')).toBe(true);
    for (let i = 0; i < 200; i++) {
      try {
        calB.isWorkday('2027-01-04');
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    expect(calB.isWorkday('2027-01-04')).toBe(true);
    expect(calB.isWorkday('2027-01-01')).toBe(false);
  });
});
