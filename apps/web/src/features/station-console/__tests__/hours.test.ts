import type { StationHours } from '@nuanxin/shared';
import * as shared from '@nuanxin/shared/stations.hours';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOURS_FORM,
  formToHours,
  type HoursForm,
  hoursIssues,
  hoursText,
  hoursToForm,
  isOpenAt,
  isOvernight,
} from '../hours';

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

describe('open now and the summary', () => {
  it('are the shared rules of the server (tested in packages/shared), not a copy', () => {
    expect(isOpenAt).toBe(shared.isOpenAt);
    expect(hoursText).toBe(shared.hoursText);
  });
});
