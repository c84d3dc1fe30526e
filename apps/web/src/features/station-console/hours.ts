import type { StationHolidayRule, StationHours } from '@nuanxin/shared';
import { parseTime } from '@nuanxin/shared/stations.hours';

// The rules themselves ("open now", the Shanghai clock, the summary) are the server's, shared.
export { daysText, hoursText, isOpenAt, parseTime, shanghaiClock } from '@nuanxin/shared/stations.hours';

/**
 * Opening hours in the console (docs/contract-stations.md "Opening hours"): the editor's form
 * model, its conversion to and from the API shape, the same validation as the server
 * (`station.hours_invalid`), with form paths and message keys. "Open now" for the preview and the
 * one-line summary are the server's own rules, from `@nuanxin/shared/stations.hours` (re-exported
 * here). Pure: no React, no clock (callers pass the instant). Times are Asia/Shanghai; days 1 = Monday … 7 = Sunday;
 * `close` ≤ `open` means past midnight.
 */

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const WORKDAYS = [1, 2, 3, 4, 5] as const;
export const WEEKEND = [6, 7] as const;

export interface HoursRowForm {
  days: number[];
  /** `HH:MM`, or null while the picker is empty. */
  open: string | null;
  close: string | null;
}

export type HolidayMode = 'as_usual' | 'closed' | 'hours';

/** What the hours editor edits. */
export interface HoursForm {
  alwaysOpen: boolean;
  weekly: HoursRowForm[];
  holidayMode: HolidayMode;
  holidayOpen: string | null;
  holidayClose: string | null;
}

export const DEFAULT_HOURS_FORM: HoursForm = {
  alwaysOpen: false,
  weekly: [{ days: [...WEEKDAYS], open: '08:00', close: '20:00' }],
  holidayMode: 'as_usual',
  holidayOpen: null,
  holidayClose: null,
};

/** The editor's model of stored hours (a fresh default when there are none). */
export function hoursToForm(hours: StationHours | null | undefined): HoursForm {
  if (!hours)
    return {
      ...DEFAULT_HOURS_FORM,
      weekly: DEFAULT_HOURS_FORM.weekly.map((r) => ({ ...r, days: [...r.days] })),
    };
  const h = hours.holidays;
  const weekly = hours.weekly.map((s) => ({ days: [...s.days], open: s.open, close: s.close }));
  return {
    alwaysOpen: hours.alwaysOpen,
    // An always-open station keeps an editable row, should the 24 h switch be turned off.
    weekly:
      weekly.length > 0 || !hours.alwaysOpen
        ? weekly
        : [{ days: [...WEEKDAYS], open: '08:00', close: '20:00' }],
    holidayMode: typeof h === 'object' ? 'hours' : h,
    holidayOpen: typeof h === 'object' ? h.open : null,
    holidayClose: typeof h === 'object' ? h.close : null,
  };
}

/**
 * The API shape of the form (`hours` of POST/PATCH /stations, or of a service). Days are sorted
 * and unique, as the server normalises them; an always-open station sends no weekly rows. Only
 * meaningful when {@link hoursIssues} finds nothing.
 */
export function formToHours(form: HoursForm): StationHours {
  const holidays: StationHolidayRule =
    form.holidayMode === 'hours'
      ? { open: form.holidayOpen ?? '', close: form.holidayClose ?? '' }
      : form.holidayMode;
  return {
    alwaysOpen: form.alwaysOpen,
    weekly: form.alwaysOpen
      ? []
      : form.weekly.map((r) => ({
          days: [...new Set(r.days)].sort((a, b) => a - b),
          open: r.open ?? '',
          close: r.close ?? '',
        })),
    holidays,
  };
}

/** Whether a span runs past midnight into the next day (`close` ≤ `open`). */
export function isOvernight(open: string | null, close: string | null): boolean {
  const o = parseTime(open);
  const c = parseTime(close);
  return o !== null && c !== null && c <= o;
}

/** One problem of the form: where (`weekly.0.days`, `holidays.open`) and which message key. */
export interface HoursIssue {
  path: string;
  key: 'needSpan' | 'needDays' | 'badDay' | 'badTime';
}

/** Everything the server would reject (400 `station.hours_invalid`), with form paths. */
export function hoursIssues(form: HoursForm): HoursIssue[] {
  const issues: HoursIssue[] = [];
  if (!form.alwaysOpen) {
    if (form.weekly.length === 0) issues.push({ path: 'weekly', key: 'needSpan' });
    form.weekly.forEach((r, i) => {
      if (r.days.length === 0) issues.push({ path: `weekly.${i}.days`, key: 'needDays' });
      if (r.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
        issues.push({ path: `weekly.${i}.days`, key: 'badDay' });
      if (parseTime(r.open) === null) issues.push({ path: `weekly.${i}.open`, key: 'badTime' });
      if (parseTime(r.close) === null) issues.push({ path: `weekly.${i}.close`, key: 'badTime' });
    });
  }
  if (form.holidayMode === 'hours') {
    if (parseTime(form.holidayOpen) === null) issues.push({ path: 'holidays.open', key: 'badTime' });
    if (parseTime(form.holidayClose) === null) issues.push({ path: 'holidays.close', key: 'badTime' });
  }
  return issues;
}
