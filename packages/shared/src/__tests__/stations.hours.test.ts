/**
 * Opening hours of a station (POS-01, docs/contract-stations.md "Opening hours"): the rules the server and the
 * console share. The server's `station.hours_invalid` error is tested in apps/server.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayRanges,
  daysText,
  formatTime,
  holidayColumns,
  hourOf,
  hoursIssues,
  hoursText,
  isOpenAt,
  MINUTES_PER_WEEK,
  mergeRanges,
  minuteOfWeek,
  multirangeText,
  normaliseHours,
  openSegments,
  parseMultirange,
  parseTime,
  patternOpenAt,
  shanghaiClock,
  weekRanges,
} from '../stations.hours.ts';
import type { StationHours } from '../stations.ts';

const never = () => false;
const always = () => true;
/** An instant given as Asia/Shanghai local time. */
const at = (local: string) => new Date(`${local}+08:00`);
const h = (x: Partial<StationHours> & Pick<StationHours, 'weekly'>): StationHours =>
  normaliseHours({ alwaysOpen: false, holidays: 'as_usual', ...x });

// 2026-03-02 is a Monday; 2026-03-08 a Sunday.
const MON = '2026-03-02';
const SAT = '2026-03-07';
const SUN = '2026-03-08';
const NEXT_MON = '2026-03-09';

describe('times', () => {
  it('parses HH:MM from 00:00 to 23:59 and nothing else', () => {
    expect(parseTime('00:00')).toBe(0);
    expect(parseTime('08:30')).toBe(510);
    expect(parseTime('23:59')).toBe(1439);
    for (const bad of [
      '24:00',
      '8:00',
      '12:60',
      '12:5',
      '1200',
      '',
      ' 08:00',
      '08:00 ',
      '２０:００',
      null,
      8,
    ])
      expect(parseTime(bad)).toBeNull();
  });

  it('formats every minute of the day back to the same text', () => {
    for (let m = 0; m < 1440; m++) expect(parseTime(formatTime(m))).toBe(m);
  });
});

describe('validation', () => {
  it('accepts a plain week and normalises the days (sorted, unique)', () => {
    const got = normaliseHours({ weekly: [{ days: [5, 1, 3, 1], open: '08:00', close: '22:00' }] });
    expect(got).toEqual({
      alwaysOpen: false,
      weekly: [{ days: [1, 3, 5], open: '08:00', close: '22:00' }],
      holidays: 'as_usual',
    });
  });

  it('needs a span unless open 24 hours', () => {
    expect(hoursIssues({ weekly: [] }).map((i) => i.path)).toEqual(['weekly']);
    expect(hoursIssues({ alwaysOpen: true, weekly: [] })).toEqual([]);
    expect(hoursIssues({})).toHaveLength(1);
  });

  it('names every faulty field', () => {
    const issues = hoursIssues({
      weekly: [
        { days: [0, 8, 1.5, 3], open: '24:00', close: '8:00' },
        { days: [], open: '08:00', close: '09:00' },
      ],
      holidays: { open: '10:00', close: '99:00' },
    });
    expect(issues.map((i) => i.path)).toEqual([
      'weekly.0.days.0',
      'weekly.0.days.1',
      'weekly.0.days.2',
      'weekly.0.open',
      'weekly.0.close',
      'weekly.1.days',
      'holidays.close',
    ]);
  });

  it('refuses an unknown holiday rule', () => {
    // biome-ignore lint/suspicious/noExplicitAny: a value the request schema would not let through, on purpose
    expect(hoursIssues({ alwaysOpen: true, holidays: 'sometimes' as any }).map((i) => i.path)).toEqual([
      'holidays',
    ]);
  });
});

describe('minutes of the week', () => {
  it('maps a daytime span to one range per day', () => {
    expect(weekRanges(h({ weekly: [{ days: [1, 3], open: '08:00', close: '22:00' }] }))).toEqual([
      [480, 1320],
      [2 * 1440 + 480, 2 * 1440 + 1320],
    ]);
  });

  it('runs an overnight span into the next day', () => {
    expect(weekRanges(h({ weekly: [{ days: [1], open: '22:00', close: '02:00' }] }))).toEqual([[1320, 1560]]);
  });

  it('wraps Sunday night to Monday morning', () => {
    expect(weekRanges(h({ weekly: [{ days: [7], open: '22:00', close: '02:00' }] }))).toEqual([
      [0, 120],
      [6 * 1440 + 1320, MINUTES_PER_WEEK],
    ]);
  });

  it('takes close = open as 24 hours from open, and close 00:00 as midnight', () => {
    expect(weekRanges(h({ weekly: [{ days: [2], open: '08:00', close: '08:00' }] }))).toEqual([
      [1440 + 480, 2 * 1440 + 480],
    ]);
    expect(weekRanges(h({ weekly: [{ days: [2], open: '08:00', close: '00:00' }] }))).toEqual([
      [1440 + 480, 2 * 1440],
    ]);
  });

  it('merges overlapping and touching spans; every day 00:00–00:00 is the whole week', () => {
    expect(
      weekRanges(
        h({
          weekly: [
            { days: [1], open: '08:00', close: '12:00' },
            { days: [1], open: '12:00', close: '18:00' },
            { days: [1], open: '10:00', close: '11:00' },
          ],
        }),
      ),
    ).toEqual([[480, 1080]]);
    expect(
      weekRanges(h({ weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '00:00' }] })),
    ).toEqual([[0, MINUTES_PER_WEEK]]);
    expect(weekRanges(normaliseHours({ alwaysOpen: true }))).toEqual([[0, MINUTES_PER_WEEK]]);
  });

  it('writes the int4multirange literal', () => {
    expect(multirangeText([])).toBe('{}');
    expect(
      multirangeText([
        [0, 120],
        [9960, 10080],
      ]),
    ).toBe('{[0,120),[9960,10080)}');
  });

  it('computes holiday minutes of the day, overnight included', () => {
    expect(dayRanges('09:00', '17:00')).toEqual([[540, 1020]]);
    expect(dayRanges('18:00', '02:00')).toEqual([
      [0, 120],
      [1080, 1440],
    ]);
    expect(dayRanges('06:00', '06:00')).toEqual([[0, 1440]]);
    expect(holidayColumns(h({ weekly: [], alwaysOpen: true, holidays: 'closed' }))).toEqual({
      mode: 'closed',
      open: '{}',
    });
    expect(
      holidayColumns(h({ weekly: [], alwaysOpen: true, holidays: { open: '10:00', close: '18:00' } })),
    ).toEqual({ mode: 'hours', open: '{[600,1080)}' });
  });
});

describe('the Shanghai clock', () => {
  it('reads local date, weekday and minute whatever the UTC date', () => {
    // 16:30 UTC on Sunday 1 March is 00:30 on Monday 2 March in Shanghai.
    expect(shanghaiClock(new Date('2026-03-01T16:30:00Z'))).toEqual({
      date: MON,
      weekday: 1,
      minuteOfDay: 30,
    });
    expect(minuteOfWeek(new Date('2026-03-01T16:30:00Z'))).toBe(30);
    expect(minuteOfWeek(at(`${SUN}T23:59:00`))).toBe(MINUTES_PER_WEEK - 1);
  });

  it('truncates to the hour', () => {
    expect(hourOf(at(`${MON}T08:59:59.999`)).toISOString()).toBe(at(`${MON}T08:00:00`).toISOString());
    expect(hourOf(at(`${MON}T09:00:00`)).toISOString()).toBe(at(`${MON}T09:00:00`).toISOString());
  });
});

describe('isOpenAt', () => {
  const weekend = h({
    weekly: [
      { days: [1, 2, 3, 4, 5], open: '08:00', close: '22:00' },
      { days: [6, 7], open: '09:00', close: '02:00' },
    ],
  });

  it('opens at the opening minute and closes at the closing minute', () => {
    expect(isOpenAt(weekend, at(`${MON}T07:59:00`), never)).toBe(false);
    expect(isOpenAt(weekend, at(`${MON}T08:00:00`), never)).toBe(true);
    expect(isOpenAt(weekend, at(`${MON}T21:59:59`), never)).toBe(true);
    expect(isOpenAt(weekend, at(`${MON}T22:00:00`), never)).toBe(false);
  });

  it('keeps an overnight span open past midnight, Sunday night into Monday included', () => {
    expect(isOpenAt(weekend, at(`${SAT}T23:30:00`), never)).toBe(true);
    expect(isOpenAt(weekend, at(`${SUN}T01:30:00`), never)).toBe(true);
    expect(isOpenAt(weekend, at(`${SUN}T02:00:00`), never)).toBe(false);
    expect(isOpenAt(weekend, at(`${SUN}T08:59:00`), never)).toBe(false);
    expect(isOpenAt(weekend, at(`${NEXT_MON}T01:59:00`), never)).toBe(true);
    expect(isOpenAt(weekend, at(`${NEXT_MON}T02:00:00`), never)).toBe(false);
    // Friday night is a weekday span: closed after 22:00.
    expect(isOpenAt(weekend, at('2026-03-06T23:00:00'), never)).toBe(false);
  });

  it('applies the holiday rule for the whole local day', () => {
    const closed = { ...weekend, holidays: 'closed' as const };
    const short = { ...weekend, holidays: { open: '10:00', close: '14:00' } };
    const late = { ...weekend, holidays: { open: '18:00', close: '02:00' } };
    const asUsual = { ...weekend, holidays: 'as_usual' as const };
    const noon = at(`${MON}T12:00:00`);
    expect(isOpenAt(closed, noon, always)).toBe(false);
    expect(isOpenAt(short, noon, always)).toBe(true);
    expect(isOpenAt(short, at(`${MON}T09:00:00`), always)).toBe(false);
    expect(isOpenAt(late, at(`${MON}T01:00:00`), always)).toBe(true);
    expect(isOpenAt(late, noon, always)).toBe(false);
    expect(isOpenAt(asUsual, noon, always)).toBe(true);
    // The holiday question is about the local date of the instant.
    const asked: string[] = [];
    isOpenAt(closed, new Date('2026-03-01T16:30:00Z'), (d) => {
      asked.push(d);
      return false;
    });
    expect(asked).toEqual([MON]);
  });

  it('is always open when alwaysOpen, except under a holiday rule that says otherwise', () => {
    const a = normaliseHours({ alwaysOpen: true, holidays: { open: '08:00', close: '20:00' } });
    expect(isOpenAt(a, at(`${SUN}T03:00:00`), never)).toBe(true);
    expect(isOpenAt(a, at(`${SUN}T03:00:00`), always)).toBe(false);
    expect(isOpenAt(a, at(`${SUN}T09:00:00`), always)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties against a reference written differently: spans laid out on the real calendar.

const timeArb = fc.integer({ min: 0, max: 1439 }).map(formatTime);
const spanArb = fc.record({
  days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  open: timeArb,
  close: timeArb,
});
const hoursArb: fc.Arbitrary<StationHours> = fc
  .record({
    alwaysOpen: fc.boolean(),
    weekly: fc.array(spanArb, { minLength: 1, maxLength: 5 }),
    holidays: fc.oneof(
      fc.constant('as_usual' as const),
      fc.constant('closed' as const),
      fc.record({ open: timeArb, close: timeArb }),
    ),
  })
  .map((x) => normaliseHours(x));
/** Instants over two years, to the second. */
const instantArb = fc
  .integer({ min: Date.UTC(2025, 0, 1) / 1000, max: Date.UTC(2027, 0, 1) / 1000 })
  .map((s) => new Date(s * 1000));

/** Open by the spans as calendar intervals starting on this or the previous local day. */
function referenceOpen(hours: StationHours, t: Date): boolean {
  if (hours.alwaysOpen) return true;
  const local = t.getTime() + 8 * 3_600_000; // as if UTC
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
  for (const back of [0, 1]) {
    const start = dayStart - back * 86_400_000;
    const weekday = ((new Date(start).getUTCDay() + 6) % 7) + 1;
    for (const s of hours.weekly) {
      if (!s.days.includes(weekday)) continue;
      const o = parseTime(s.open)!;
      const c = parseTime(s.close)!;
      const len = c > o ? c - o : c + 1440 - o;
      const from = start + o * 60_000;
      if (local >= from && local < from + len * 60_000) return true;
    }
  }
  return false;
}

describe('properties', () => {
  it('isOpenAt on ordinary days equals the calendar reference', () => {
    fc.assert(
      fc.property(hoursArb, instantArb, (hours, t) => {
        expect(isOpenAt(hours, t, never)).toBe(referenceOpen(hours, t));
      }),
      { numRuns: 3000 },
    );
  });

  it('the week ranges are sorted, disjoint, non-touching, inside the week, and hold exactly the open minutes', () => {
    fc.assert(
      fc.property(hoursArb, (hours) => {
        const ranges = weekRanges(hours);
        for (const [i, [lo, hi]] of ranges.entries()) {
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(MINUTES_PER_WEEK);
          expect(hi).toBeGreaterThan(lo);
          if (i > 0) expect(lo).toBeGreaterThan(ranges[i - 1]![1]);
        }
        // Every minute of a reference week (Monday 2026-03-02 00:00 local).
        const monday = at(`${MON}T00:00:00`).getTime();
        const wrong: number[] = [];
        for (let m = 0; m < MINUTES_PER_WEEK; m += 7) {
          const inside = ranges.some(([lo, hi]) => m >= lo && m < hi);
          if (inside !== referenceOpen(hours, new Date(monday + m * 60_000))) wrong.push(m);
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('mergeRanges keeps the covered set and leaves no overlap', () => {
    const rangeArb = fc
      .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 50 }))
      .map(([lo, len]) => [lo, lo + len] as const);
    fc.assert(
      fc.property(fc.array(rangeArb, { maxLength: 12 }), (ranges) => {
        const merged = mergeRanges(ranges);
        for (let m = 0; m < 260; m++) {
          const a = ranges.some(([lo, hi]) => m >= lo && m < hi);
          const b = merged.some(([lo, hi]) => m >= lo && m < hi);
          expect(b).toBe(a);
        }
        for (let i = 1; i < merged.length; i++) expect(merged[i]![0]).toBeGreaterThan(merged[i - 1]![1]);
      }),
    );
  });

  it('on a holiday: as_usual is the week, closed is never, hours are the day ranges', () => {
    fc.assert(
      fc.property(hoursArb, instantArb, (hours, t) => {
        const open = isOpenAt(hours, t, always);
        const rule = hours.holidays;
        if (rule === 'as_usual') expect(open).toBe(isOpenAt(hours, t, never));
        else if (rule === 'closed') expect(open).toBe(false);
        else {
          const m = shanghaiClock(t).minuteOfDay;
          expect(open).toBe(dayRanges(rule.open, rule.close).some(([lo, hi]) => m >= lo && m < hi));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('patternOpenAt (the columns) agrees with isOpenAt (the hours), holidays included', () => {
    fc.assert(
      fc.property(hoursArb, instantArb, fc.boolean(), (hours, t, holiday) => {
        const h = holidayColumns(hours);
        const p = { openWeek: multirangeText(weekRanges(hours)), holidayMode: h.mode, holidayOpen: h.open };
        expect(patternOpenAt(p, t, holiday)).toBe(isOpenAt(hours, t, () => holiday));
      }),
      { numRuns: 2000 },
    );
  });

  it('two instants with the same segment key have the same stations open', () => {
    fc.assert(
      fc.property(
        fc.array(hoursArb, { minLength: 1, maxLength: 6 }),
        instantArb,
        fc.integer({ min: 0, max: 600 }),
        fc.boolean(),
        fc.boolean(),
        (hs, t1, deltaMinutes, h1, h2) => {
          const patterns = hs.map((hours) => {
            const h = holidayColumns(hours);
            return { openWeek: multirangeText(weekRanges(hours)), holidayMode: h.mode, holidayOpen: h.open };
          });
          const seg = openSegments(patterns);
          const t2 = new Date(t1.getTime() + deltaMinutes * 60_000);
          if (seg.segmentKey(t1, () => h1) !== seg.segmentKey(t2, () => h2)) return;
          for (const p of patterns) expect(patternOpenAt(p, t2, h2)).toBe(patternOpenAt(p, t1, h1));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('parses multirange text, brackets and spaces included', () => {
    expect(parseMultirange('{}')).toEqual([]);
    expect(parseMultirange('{[0,120), [9960,10080)}')).toEqual([
      [0, 120],
      [9960, 10080],
    ]);
    expect(parseMultirange('{(0,120]}')).toEqual([[1, 121]]);
  });

  it('normaliseHours is idempotent and hoursText never throws', () => {
    fc.assert(
      fc.property(hoursArb, (hours) => {
        expect(normaliseHours(hours)).toEqual(hours);
        expect(hoursText(hours).length).toBeGreaterThan(0);
        expect(hoursText(hours, 'en').length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('hoursText', () => {
  it('summarises in Chinese and English', () => {
    const x = h({
      weekly: [
        { days: [1, 2, 3, 4, 5], open: '08:00', close: '22:00' },
        { days: [6, 7], open: '09:00', close: '02:00' },
      ],
      holidays: 'closed',
    });
    expect(hoursText(x)).toBe('周一至周五 08:00–22:00；周六、周日 09:00–次日02:00；法定节假日休息');
    expect(hoursText(x, 'en')).toBe(
      'Mon–Fri 08:00–22:00; Sat, Sun 09:00–next day 02:00; closed on public holidays',
    );
    expect(hoursText(normaliseHours({ alwaysOpen: true }))).toBe('24小时开放');
    expect(hoursText(h({ weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '06:30', close: '20:30' }] }))).toBe(
      '每天 06:30–20:30',
    );
    expect(
      hoursText(
        h({
          weekly: [{ days: [1, 3, 5], open: '08:00', close: '00:00' }],
          holidays: { open: '10:00', close: '16:00' },
        }),
      ),
    ).toBe('周一、周三、周五 08:00–24:00；法定节假日 10:00–16:00');
  });
});

// The console's preview and summary (they were a copy in the web app; now these very functions).

const CONTRACT: StationHours = {
  alwaysOpen: false,
  weekly: [
    { days: [1, 2, 3, 4, 5], open: '08:00', close: '22:00' },
    { days: [6, 7], open: '09:00', close: '02:00' },
  ],
  holidays: 'as_usual',
};

describe('open now (Asia/Shanghai)', () => {
  it('reads the local clock at UTC+8', () => {
    // 2026-03-02 is a Monday; 23:30 UTC on Sunday is 07:30 Monday in Shanghai.
    expect(shanghaiClock(new Date('2026-03-01T23:30:00Z'))).toEqual({
      date: '2026-03-02',
      weekday: 1,
      minuteOfDay: 450,
    });
  });

  it('opens and closes on the minute', () => {
    expect(isOpenAt(CONTRACT, at('2026-03-02T07:59:00'))).toBe(false);
    expect(isOpenAt(CONTRACT, at('2026-03-02T08:00:00'))).toBe(true);
    expect(isOpenAt(CONTRACT, at('2026-03-02T21:59:00'))).toBe(true);
    expect(isOpenAt(CONTRACT, at('2026-03-02T22:00:00'))).toBe(false);
  });

  it('runs past midnight and wraps from Sunday night to Monday', () => {
    // Saturday 2026-03-07 09:00 → Sunday 02:00; Sunday 09:00 → Monday 02:00.
    expect(isOpenAt(CONTRACT, at('2026-03-08T01:30:00'))).toBe(true);
    expect(isOpenAt(CONTRACT, at('2026-03-09T01:59:00'))).toBe(true);
    expect(isOpenAt(CONTRACT, at('2026-03-09T02:00:00'))).toBe(false);
    // Friday night is not covered by the weekday row (it closes at 22:00).
    expect(isOpenAt(CONTRACT, at('2026-03-07T01:00:00'))).toBe(false);
  });

  it('is always open when alwaysOpen', () => {
    expect(isOpenAt({ alwaysOpen: true, weekly: [], holidays: 'as_usual' }, at('2026-03-04T03:00:00'))).toBe(
      true,
    );
  });

  it('applies the holiday rule on a statutory holiday', () => {
    const holiday = (d: string) => d === '2026-10-01';
    const day = at('2026-10-01T12:00:00');
    expect(isOpenAt(CONTRACT, day, holiday)).toBe(true);
    expect(isOpenAt({ ...CONTRACT, holidays: 'closed' }, day, holiday)).toBe(false);
    const own: StationHours = { ...CONTRACT, holidays: { open: '10:00', close: '11:00' } };
    expect(isOpenAt(own, day, holiday)).toBe(false);
    expect(isOpenAt(own, at('2026-10-01T10:30:00'), holiday)).toBe(true);
  });
});

describe('summary text', () => {
  it('says it like the server', () => {
    expect(hoursText(CONTRACT)).toBe('周一至周五 08:00–22:00；周六、周日 09:00–次日02:00');
    expect(hoursText({ alwaysOpen: true, weekly: [], holidays: 'closed' })).toBe(
      '24小时开放；法定节假日休息',
    );
    expect(hoursText({ ...CONTRACT, holidays: { open: '10:00', close: '18:00' } }, 'en')).toBe(
      'Mon–Fri 08:00–22:00; Sat, Sun 09:00–next day 02:00; public holidays 10:00–18:00',
    );
  });

  it('groups days into runs', () => {
    expect(daysText([1, 2, 3, 4, 5, 6, 7])).toBe('每天');
    expect(daysText([1, 3, 4, 5, 7])).toBe('周一、周三至周五、周日');
  });
});
