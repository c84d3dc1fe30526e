import type { StationHours } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOURS_FORM,
  daysText,
  formToHours,
  type HoursForm,
  hoursIssues,
  hoursText,
  hoursToForm,
  isOpenAt,
  isOvernight,
  shanghaiClock,
} from '../hours';

/** An instant given as Asia/Shanghai local time. */
const at = (local: string) => new Date(`${local}+08:00`);

const CONTRACT: StationHours = {
  alwaysOpen: false,
  weekly: [
    { days: [1, 2, 3, 4, 5], open: '08:00', close: '22:00' },
    { days: [6, 7], open: '09:00', close: '02:00' },
  ],
  holidays: 'as_usual',
};

describe('hours editor ⇄ API shape', () => {
  it('round-trips the contract example', () => {
    expect(formToHours(hoursToForm(CONTRACT))).toEqual(CONTRACT);
  });

  it('round-trips holiday hours and the closed rule', () => {
    const own: StationHours = { ...CONTRACT, holidays: { open: '10:00', close: '18:00' } };
    const f = hoursToForm(own);
    expect(f.holidayMode).toBe('hours');
    expect(f.holidayOpen).toBe('10:00');
    expect(formToHours(f)).toEqual(own);
    const closed: StationHours = { ...CONTRACT, holidays: 'closed' };
    expect(formToHours(hoursToForm(closed))).toEqual(closed);
  });

  it('sorts and de-duplicates days as the server normalises them', () => {
    const f: HoursForm = {
      ...DEFAULT_HOURS_FORM,
      weekly: [{ days: [5, 1, 3, 1], open: '08:00', close: '18:00' }],
    };
    expect(formToHours(f).weekly[0]?.days).toEqual([1, 3, 5]);
  });

  it('sends no weekly rows when open 24 hours, but keeps them in the form', () => {
    const f: HoursForm = { ...DEFAULT_HOURS_FORM, alwaysOpen: true };
    expect(formToHours(f)).toEqual({ alwaysOpen: true, weekly: [], holidays: 'as_usual' });
    const back = hoursToForm({ alwaysOpen: true, weekly: [], holidays: 'as_usual' });
    expect(back.alwaysOpen).toBe(true);
    expect(back.weekly.length).toBe(1);
  });

  it('gives a fresh default for a station without hours (not a shared object)', () => {
    const a = hoursToForm(null);
    a.weekly[0]?.days.pop();
    expect(hoursToForm(undefined).weekly[0]?.days).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('hours validation (as the server: station.hours_invalid)', () => {
  it('accepts the default and the contract example', () => {
    expect(hoursIssues(DEFAULT_HOURS_FORM)).toEqual([]);
    expect(hoursIssues(hoursToForm(CONTRACT))).toEqual([]);
  });

  it('needs a span unless open 24 hours', () => {
    expect(hoursIssues({ ...DEFAULT_HOURS_FORM, weekly: [] })).toEqual([{ path: 'weekly', key: 'needSpan' }]);
    expect(hoursIssues({ ...DEFAULT_HOURS_FORM, weekly: [], alwaysOpen: true })).toEqual([]);
  });

  it('names empty days, missing and malformed times', () => {
    const f: HoursForm = {
      ...DEFAULT_HOURS_FORM,
      weekly: [
        { days: [], open: '08:00', close: null },
        { days: [8], open: '24:00', close: '7:00' },
      ],
    };
    expect(hoursIssues(f)).toEqual([
      { path: 'weekly.0.days', key: 'needDays' },
      { path: 'weekly.0.close', key: 'badTime' },
      { path: 'weekly.1.days', key: 'badDay' },
      { path: 'weekly.1.open', key: 'badTime' },
      { path: 'weekly.1.close', key: 'badTime' },
    ]);
  });

  it('ignores the weekly rows of an always-open station (they are not sent)', () => {
    const f: HoursForm = {
      ...DEFAULT_HOURS_FORM,
      alwaysOpen: true,
      weekly: [{ days: [], open: null, close: null }],
    };
    expect(hoursIssues(f)).toEqual([]);
  });

  it('checks the holiday times only when the rule is own hours', () => {
    expect(hoursIssues({ ...DEFAULT_HOURS_FORM, holidayMode: 'hours' })).toEqual([
      { path: 'holidays.open', key: 'badTime' },
      { path: 'holidays.close', key: 'badTime' },
    ]);
    expect(hoursIssues({ ...DEFAULT_HOURS_FORM, holidayMode: 'closed', holidayOpen: 'x' })).toEqual([]);
  });

  it('knows overnight spans', () => {
    expect(isOvernight('09:00', '02:00')).toBe(true);
    expect(isOvernight('08:00', '08:00')).toBe(true);
    expect(isOvernight('08:00', '22:00')).toBe(false);
    expect(isOvernight(null, '22:00')).toBe(false);
  });
});

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
