import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.ts';
import { workCalendarFromRows } from '../calendar.ts';
import { libraryDays } from '../seed.ts';

/** Instants in Asia/Shanghai, written as local time. */
const at = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

const cal = workCalendarFromRows(libraryDays());

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The official schedules (国务院办公厅), written out by hand: independent of the seed library. */
const OFFICIAL: Record<number, { holidays: string[]; makeUp: string[] }> = {
  2025: {
    holidays: [
      '2025-01-01',
      ...range('2025-01-28', '2025-02-04'),
      ...range('2025-04-04', '2025-04-06'),
      ...range('2025-05-01', '2025-05-05'),
      ...range('2025-05-31', '2025-06-02'),
      ...range('2025-10-01', '2025-10-08'),
    ],
    makeUp: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ],
    makeUp: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

describe('calendar data for 2025–2026', () => {
  for (const year of [2025, 2026]) {
    it(`classifies every day of ${year} as the official schedule says`, () => {
      const { holidays, makeUp } = OFFICIAL[year]!;
      const days = range(`${year}-01-01`, `${year}-12-31`);
      for (const d of days) {
        const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
        const expected = holidays.includes(d)
          ? 'holiday'
          : makeUp.includes(d)
            ? 'adjusted_workday'
            : dow === 0 || dow === 6
              ? 'weekend'
              : 'workday';
        expect([d, cal.kindOf(d)]).toEqual([d, expected]);
        expect(cal.isWorkday(d)).toBe(expected === 'workday' || expected === 'adjusted_workday');
      }
    });
  }

  it.each([
    ['2026-01-04', true],
    ['2026-02-14', true],
    ['2026-02-28', true],
    ['2026-05-09', true],
    ['2026-09-20', true],
    ['2026-10-10', true],
    ['2025-10-11', true], // the Saturday getWorkdaysInRange(…, false) drops
    ['2026-01-02', false],
    ['2026-02-23', false],
    ['2026-10-07', false],
    ['2026-09-19', false],
    ['2026-10-11', false],
  ])('%s is a working day: %s', (d, expected) => {
    expect(cal.isWorkday(d)).toBe(expected);
  });

  it('names holidays and make-up days', () => {
    expect(cal.kindOf('2026-10-10')).toBe('adjusted_workday');
    const row = libraryDays([2026]).find((r) => r.date === '2026-10-10');
    expect(row?.name).toBe('国庆节');
    expect(libraryDays([2026]).find((r) => r.date === '2026-02-17')?.name).toBe('春节');
    expect(libraryDays([2026]).find((r) => r.date === '2026-03-02')?.name).toBeNull();
  });

  it('reads a Date by its Asia/Shanghai day', () => {
    // 2026-09-19 16:30Z is Sun 2026-09-20 00:30 in Shanghai (a make-up workday).
    expect(cal.isWorkday(new Date('2026-09-19T16:30:00Z'))).toBe(true);
    expect(cal.isWorkday(new Date('2026-09-19T15:59:59Z'))).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Fri 15:00 + 3: Sat off, Sun 9/20 make-up (1), Mon (2), Tue (3).
    ['2026-09-18T15:00:00', 3, '2026-09-22T23:59:59.999+08:00'],
    // Over 国庆: 10/8 (1), 10/9 (2), Sat 10/10 make-up (3).
    ['2026-09-30T10:00:00', 3, '2026-10-10T23:59:59.999+08:00'],
    ['2026-09-30T10:00:00', 4, '2026-10-12T23:59:59.999+08:00'],
    // Counting starts the next day even from a holiday or late at night.
    ['2026-10-03T23:59:00', 1, '2026-10-08T23:59:59.999+08:00'],
    ['2026-09-17T00:00:00', 1, '2026-09-18T23:59:59.999+08:00'],
    // 春节: 2/13 Fri → Sat 2/14 make-up (1), 2/15–2/23 off, 2/24 (2).
    ['2026-02-13T09:00:00', 2, '2026-02-24T23:59:59.999+08:00'],
    // 15 working days (投诉举报) from the eve of 国庆 2025.
    ['2025-09-30T18:00:00', 15, '2025-10-28T23:59:59.999+08:00'],
    // Across the year end.
    ['2025-12-31T12:00:00', 1, '2026-01-04T23:59:59.999+08:00'],
  ])('%s + %i working days → %s', (from, n, due) => {
    expect(iso(cal.addWorkingDays(at(from), n))).toBe(due);
  });

  it('agrees with the library for 2025 (findWorkday, counted from the next day)', async () => {
    const { findWorkday } = await import('chinese-days');
    for (const d of range('2025-01-01', '2025-12-15')) {
      for (const n of [1, 3, 7]) {
        expect(
          cal
            .addWorkingDays(at(`${d}T12:00:00`), n)
            .toISOString()
            .slice(0, 10),
        ).toBe(findWorkday(n, d));
      }
    }
  });

  it('rejects n < 1 and fractions', () => {
    expect(() => cal.addWorkingDays(at('2026-03-02T09:00:00'), 0)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(at('2026-03-02T09:00:00'), 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingHours', () => {
  it.each([
    ['2026-03-02T09:00:00', 2, '2026-03-02T11:00:00.000+08:00'],
    // Through lunch.
    ['2026-03-02T11:00:00', 2, '2026-03-02T15:00:00.000+08:00'],
    // Ends exactly at closing: stays there.
    ['2026-03-02T08:30:00', 3.5, '2026-03-02T12:00:00.000+08:00'],
    ['2026-03-02T08:30:00', 7, '2026-03-02T17:30:00.000+08:00'],
    // From outside office hours the clock starts at the next opening.
    ['2026-03-02T06:00:00', 1, '2026-03-02T09:30:00.000+08:00'],
    ['2026-03-02T12:30:00', 0.5, '2026-03-02T14:30:00.000+08:00'],
    ['2026-03-02T18:00:00', 1, '2026-03-03T09:30:00.000+08:00'],
    // Fri 16:30 + 2 h: 1 h Friday, then Sun 9/20 (make-up) 08:30 + 1 h.
    ['2026-09-18T16:30:00', 2, '2026-09-20T09:30:00.000+08:00'],
    // Over 国庆 2026: resumes 10/8.
    ['2026-09-30T17:00:00', 1, '2026-10-08T09:00:00.000+08:00'],
    ['2026-03-02T09:00:00', 0, '2026-03-02T09:00:00.000+08:00'],
    // Odd seconds carry through lunch.
    ['2026-03-02T11:59:30.123', 1 / 60, '2026-03-02T14:00:30.123+08:00'],
  ])('%s + %s h → %s', (from, h, due) => {
    expect(iso(cal.addWorkingHours(at(from), h))).toBe(due);
  });

  it('measures office hours between two instants', () => {
    expect(cal.workingHoursBetween(at('2026-03-02T08:00:00'), at('2026-03-02T20:00:00'))).toBe(7);
    expect(cal.workingHoursBetween(at('2026-09-18T16:30:00'), at('2026-09-20T09:30:00'))).toBe(2);
    expect(cal.workingHoursBetween(at('2026-10-01T00:00:00'), at('2026-10-07T23:00:00'))).toBe(0);
    expect(cal.workingHoursBetween(at('2026-03-02T11:00:00'), at('2026-03-02T09:00:00'))).toBe(-2);
  });

  it('counts working days between two instants', () => {
    expect(cal.workingDaysBetween(at('2026-09-18T15:00:00'), at('2026-09-22T08:00:00'))).toBe(3);
    expect(cal.workingDaysBetween(at('2026-09-30T15:00:00'), at('2026-10-07T08:00:00'))).toBe(0);
    expect(cal.workingDaysBetween(at('2026-09-18T09:00:00'), at('2026-09-18T18:00:00'))).toBe(0);
    expect(cal.workingDaysBetween(at('2026-09-22T08:00:00'), at('2026-09-18T15:00:00'))).toBe(-3);
  });
});

describe('properties', () => {
  // Instants from 2025-01-01 to 2026-10-31 (Shanghai), so 20 working days stay inside 2026.
  const instant = fc
    .integer({ min: Date.parse('2024-12-31T16:00:00Z'), max: Date.parse('2026-10-31T15:59:59Z') })
    .map((t) => new Date(t));
  const n = fc.integer({ min: 1, max: 20 });

  it('addWorkingDays lands at the end of a working day, n working days later', () => {
    fc.assert(
      fc.property(instant, n, (from, k) => {
        const due = cal.addWorkingDays(from, k);
        expect(cal.isWorkday(due)).toBe(true);
        expect(iso(due).slice(11)).toBe('23:59:59.999+08:00');
        expect(cal.workingDaysBetween(from, due)).toBe(k);
        expect(due.getTime()).toBeGreaterThan(from.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(instant, n, n, (from, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(cal.addWorkingDays(from, lo).getTime()).toBeLessThan(cal.addWorkingDays(from, hi).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('addWorkingHours is inverse to workingHoursBetween, and lands inside office hours', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 200 * 60 }), (from, minutes) => {
        const h = minutes / 60;
        const due = cal.addWorkingHours(from, h);
        expect(cal.workingHoursBetween(from, due)).toBeCloseTo(h, 6);
        expect(cal.isWorkday(due)).toBe(true);
        // Milliseconds after local midnight: strictly after an opening, at most the closing.
        const ms = (due.getTime() + 8 * 3_600_000) % 86_400_000;
        const min = (h: number, m: number) => (h * 60 + m) * 60_000;
        const inside = (ms > min(8, 30) && ms <= min(12, 0)) || (ms > min(14, 0) && ms <= min(17, 30));
        expect(inside).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('out of range', () => {
  const expectOutOfRange = (f: () => unknown, year: number) => {
    try {
      f();
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.code).toBe('calendar.out_of_range');
      expect(err.status).toBe(500);
      expect(err.message).toContain(String(year));
      expect(err.details).toMatchObject({ year });
    }
  };

  it('never takes an unknown day for a working day', () => {
    expectOutOfRange(() => cal.isWorkday('2027-01-04'), 2027);
    expectOutOfRange(() => cal.isWorkday('2024-12-31'), 2024);
    expectOutOfRange(() => cal.isWorkday(at('2027-01-01T00:00:00')), 2027);
    expectOutOfRange(() => cal.addWorkingDays(at('2026-12-28T10:00:00'), 5), 2027);
    expectOutOfRange(() => cal.addWorkingHours(at('2026-12-31T17:00:00'), 1), 2027);
    expectOutOfRange(
      () => cal.workingDaysBetween(at('2026-12-30T10:00:00'), at('2027-01-05T10:00:00')),
      2027,
    );
    expectOutOfRange(
      () => cal.workingHoursBetween(at('2024-12-30T10:00:00'), at('2025-01-05T10:00:00')),
      2024,
    );
  });

  it('stays in range up to the last loaded day', () => {
    // 2026-12-31 is a Thursday: the last working day of the data.
    expect(iso(cal.addWorkingDays(at('2026-12-30T10:00:00'), 1))).toBe('2026-12-31T23:59:59.999+08:00');
    expect(cal.range()).toEqual({ first: '2025-01-01', last: '2026-12-31' });
  });

  it('an empty calendar refuses everything', () => {
    const empty = workCalendarFromRows([]);
    expect(() => empty.isWorkday('2026-03-02')).toThrow(/loaded years: none/);
    expect(empty.range()).toBeNull();
  });
});
