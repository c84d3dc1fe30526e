import type { StationHolidayRule, StationHours } from '@nuanxin/shared';
import { STATION_WEEKDAY_LABELS, type StationLabelLocale } from '@nuanxin/shared/stations.labels';

/**
 * Opening hours in the console (docs/contract-stations.md "Opening hours"): the editor's form
 * model, its conversion to and from the API shape, the same validation as the server
 * (`station.hours_invalid`), "open now" for the preview and a one-line summary. Pure: no React,
 * no clock (callers pass the instant). Times are Asia/Shanghai; days 1 = Monday … 7 = Sunday;
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

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of `HH:MM`, or null when it is not a valid time. */
export function parseTime(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = TIME_RE.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
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

// ---------------------------------------------------------------------------------------------
// Open now (the same rule as the server's stations.hours.ts)

const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const OFFSET_MS = 8 * 3_600_000;

type Range = readonly [number, number];

/** The local (Asia/Shanghai, UTC+8 all year) calendar facts of an instant. */
export function shanghaiClock(at: Date): { date: string; weekday: number; minuteOfDay: number } {
  const local = new Date(at.getTime() + OFFSET_MS);
  const sunday0 = local.getUTCDay();
  return {
    date: local.toISOString().slice(0, 10),
    weekday: sunday0 === 0 ? 7 : sunday0,
    minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

function weekRanges(hours: StationHours): Range[] {
  if (hours.alwaysOpen) return [[0, MINUTES_PER_WEEK]];
  const out: Range[] = [];
  for (const span of hours.weekly) {
    const open = parseTime(span.open);
    const close = parseTime(span.close);
    if (open === null || close === null) continue;
    const length = close > open ? close - open : close + MINUTES_PER_DAY - open;
    for (const day of span.days) {
      const lo = (day - 1) * MINUTES_PER_DAY + open;
      const hi = lo + length;
      if (hi <= MINUTES_PER_WEEK) out.push([lo, hi]);
      else out.push([lo, MINUTES_PER_WEEK], [0, hi - MINUTES_PER_WEEK]);
    }
  }
  return out;
}

function dayRanges(open: string, close: string): Range[] {
  const o = parseTime(open);
  const c = parseTime(close);
  if (o === null || c === null) return [];
  if (c > o) return [[o, c]];
  if (c === o) return [[0, MINUTES_PER_DAY]];
  return [
    [o, MINUTES_PER_DAY],
    [0, c],
  ];
}

const inRanges = (ranges: readonly Range[], m: number) => ranges.some(([lo, hi]) => m >= lo && m < hi);

/**
 * Whether the hours are open at `at`. `isHoliday` is asked about the local date (`YYYY-MM-DD`);
 * the console preview does not know the holiday calendar and passes nothing (the weekly hours).
 */
export function isOpenAt(
  hours: StationHours,
  at: Date,
  isHoliday: (date: string) => boolean = () => false,
): boolean {
  const clock = shanghaiClock(at);
  if (isHoliday(clock.date)) {
    const h = hours.holidays;
    if (h === 'closed') return false;
    if (h !== 'as_usual') return inRanges(dayRanges(h.open, h.close), clock.minuteOfDay);
  }
  return inRanges(weekRanges(hours), (clock.weekday - 1) * MINUTES_PER_DAY + clock.minuteOfDay);
}

// ---------------------------------------------------------------------------------------------
// One-line summary (the same words as the server's hoursText)

const TEXT = {
  'zh-CN': {
    always: '24小时开放',
    daily: '每天',
    through: '至',
    list: '、',
    sep: '；',
    nextDay: '次日',
    allDay: '全天',
    holidaysClosed: '法定节假日休息',
    holidays: '法定节假日',
  },
  en: {
    always: 'Open 24 hours',
    daily: 'Daily',
    through: '–',
    list: ', ',
    sep: '; ',
    nextDay: 'next day ',
    allDay: '24 hours',
    holidaysClosed: 'closed on public holidays',
    holidays: 'public holidays',
  },
} as const;

/** `周一至周五`, `周六、周日`, `每天`. */
export function daysText(days: readonly number[], locale: StationLabelLocale = 'zh-CN'): string {
  const t = TEXT[locale];
  const names = STATION_WEEKDAY_LABELS[locale];
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (sorted.length === 7) return t.daily;
  const runs: number[][] = [];
  for (const d of sorted) {
    const run = runs[runs.length - 1];
    if (run && d === (run[run.length - 1] ?? 0) + 1) run.push(d);
    else runs.push([d]);
  }
  return runs
    .map((r) => {
      const first = names[r[0] as 1];
      const last = names[r[r.length - 1] as 1];
      if (r.length === 1) return first;
      if (r.length === 2) return `${first}${t.list}${last}`;
      return `${first}${t.through}${last}`;
    })
    .join(t.list);
}

function spanText(open: string, close: string, locale: StationLabelLocale): string {
  const t = TEXT[locale];
  if (open === close) return open === '00:00' ? t.allDay : `${open}–${t.nextDay}${close}`;
  if (close === '00:00') return `${open}–24:00`;
  return (parseTime(close) ?? 0) < (parseTime(open) ?? 0)
    ? `${open}–${t.nextDay}${close}`
    : `${open}–${close}`;
}

/** `周一至周五 08:00–22:00；周六、周日 09:00–次日02:00；法定节假日休息`. */
export function hoursText(hours: StationHours, locale: StationLabelLocale = 'zh-CN'): string {
  const t = TEXT[locale];
  const parts: string[] = [];
  if (hours.alwaysOpen) parts.push(t.always);
  else
    for (const s of hours.weekly)
      parts.push(`${daysText(s.days, locale)} ${spanText(s.open, s.close, locale)}`);
  const h = hours.holidays;
  if (h === 'closed') parts.push(t.holidaysClosed);
  else if (h !== 'as_usual') parts.push(`${t.holidays} ${spanText(h.open, h.close, locale)}`);
  return parts.join(t.sep);
}
