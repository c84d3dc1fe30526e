import { STATION_WEEKDAY_LABELS, type StationLabelLocale } from './stations.labels.ts';
import type { StationHolidayRule, StationHours, StationHoursSpan } from './stations.ts';

/**
 * Opening hours of a station (docs/contract-stations.md "Opening hours"), the one implementation
 * the server (validation, the `open_week` column, "open now", the feed) and the web (the console's
 * editor preview and summary) share. Pure: no clock, no database, and no zod (types only), so a
 * web chunk imports it cheaply as `@nuanxin/shared/stations.hours`. All times are Asia/Shanghai
 * (UTC+8 all year, no daylight saving).
 *
 * The weekly hours become minutes of the week (Monday 00:00 = 0 … Sunday 24:00 = 10080) as a
 * sorted list of disjoint half-open ranges; `multirangeText` writes them as an `int4multirange`
 * literal for the `open_week` column, so "open now" is `open_week @> <minute of week>` in SQL.
 * A span whose `close` ≤ `open` runs past midnight into the next day (`close` = `open`: 24 hours
 * from `open`); past Sunday midnight it wraps to Monday 00:00.
 *
 * On a statutory holiday (asked of the calendar by the caller) the `holidays` rule decides for
 * the whole local day: `as_usual` → the weekly hours, `closed` → closed, `{open, close}` → those
 * minutes of the day (an overnight pair is open from `open` to midnight and from midnight to
 * `close`). {@link isOpenAt} and the SQL of the repository apply the same rule to the same ranges.
 */

export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const OFFSET_MS = 8 * 3_600_000;

/** A half-open range of minutes `[lo, hi)`. */
export type MinuteRange = readonly [number, number];

export interface HoursIssue {
  path: string;
  message: string;
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of `HH:MM`, or null when it is not a valid time. */
export function parseTime(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = TIME_RE.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Loose input, as the request schema lets it through. */
export interface HoursInput {
  alwaysOpen?: boolean | undefined;
  weekly?: readonly { days: readonly number[]; open: string; close: string }[] | undefined;
  holidays?: 'as_usual' | 'closed' | { open: string; close: string } | undefined;
}

/** Everything wrong with `input` (empty when it is valid). */
export function hoursIssues(input: HoursInput): HoursIssue[] {
  const issues: HoursIssue[] = [];
  const weekly = input.weekly ?? [];
  const alwaysOpen = input.alwaysOpen ?? false;
  if (!alwaysOpen && weekly.length === 0)
    issues.push({ path: 'weekly', message: 'At least one span is needed unless alwaysOpen' });
  weekly.forEach((span, i) => {
    if (!Array.isArray(span.days) || span.days.length === 0)
      issues.push({ path: `weekly.${i}.days`, message: 'At least one day' });
    else
      span.days.forEach((d, j) => {
        if (!Number.isInteger(d) || d < 1 || d > 7)
          issues.push({ path: `weekly.${i}.days.${j}`, message: 'A day is 1 (Monday) … 7 (Sunday)' });
      });
    if (parseTime(span.open) === null)
      issues.push({ path: `weekly.${i}.open`, message: 'A time is HH:MM, 00:00–23:59' });
    if (parseTime(span.close) === null)
      issues.push({ path: `weekly.${i}.close`, message: 'A time is HH:MM, 00:00–23:59' });
  });
  const h = input.holidays ?? 'as_usual';
  if (typeof h === 'object') {
    if (parseTime(h.open) === null)
      issues.push({ path: 'holidays.open', message: 'A time is HH:MM, 00:00–23:59' });
    if (parseTime(h.close) === null)
      issues.push({ path: 'holidays.close', message: 'A time is HH:MM, 00:00–23:59' });
  } else if (h !== 'as_usual' && h !== 'closed') {
    issues.push({ path: 'holidays', message: 'as_usual, closed or {open, close}' });
  }
  return issues;
}

/**
 * The normalised hours of valid input (days sorted and unique, spans in input order). Only
 * meaningful when {@link hoursIssues} finds nothing; the server's `parseHours` checks first.
 */
export function normaliseHours(input: HoursInput): StationHours {
  const alwaysOpen = input.alwaysOpen ?? false;
  const weekly: StationHoursSpan[] = (input.weekly ?? []).map((s) => ({
    days: [...new Set(s.days)].sort((a, b) => a - b),
    open: s.open,
    close: s.close,
  }));
  const h = input.holidays ?? 'as_usual';
  const holidays: StationHolidayRule = typeof h === 'object' ? { open: h.open, close: h.close } : h;
  return { alwaysOpen, weekly, holidays };
}

/** Sorts and merges overlapping or touching ranges. */
export function mergeRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  const sorted = ranges.filter(([lo, hi]) => hi > lo).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1]) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** The minutes of the week the weekly hours cover (before any holiday rule). */
export function weekRanges(hours: StationHours): MinuteRange[] {
  if (hours.alwaysOpen) return [[0, MINUTES_PER_WEEK]];
  const ranges: MinuteRange[] = [];
  for (const span of hours.weekly) {
    const open = parseTime(span.open);
    const close = parseTime(span.close);
    // An unfinished form (the console's preview) has no range; the server validated first.
    if (open === null || close === null) continue;
    const length = close > open ? close - open : close + MINUTES_PER_DAY - open;
    for (const day of span.days) {
      const lo = (day - 1) * MINUTES_PER_DAY + open;
      const hi = lo + length;
      if (hi <= MINUTES_PER_WEEK) ranges.push([lo, hi]);
      else ranges.push([lo, MINUTES_PER_WEEK], [0, hi - MINUTES_PER_WEEK]);
    }
  }
  return mergeRanges(ranges);
}

/** Minutes of the day open under an `{open, close}` pair (overnight: evening and early morning). */
export function dayRanges(open: string, close: string): MinuteRange[] {
  const o = parseTime(open);
  const c = parseTime(close);
  if (o === null || c === null) return [];
  if (c > o) return [[o, c]];
  if (c === o) return [[0, MINUTES_PER_DAY]];
  return mergeRanges([
    [o, MINUTES_PER_DAY],
    [0, c],
  ]);
}

/** The `int4multirange` literal of sorted disjoint ranges: `{[0,600),[1440,2040)}`, `{}` when empty. */
export function multirangeText(ranges: readonly MinuteRange[]): string {
  return `{${ranges.map(([lo, hi]) => `[${lo},${hi})`).join(',')}}`;
}

/** What the `holiday_mode` / `holiday_open` columns hold for a station. */
export function holidayColumns(hours: StationHours): {
  mode: 'as_usual' | 'closed' | 'hours';
  open: string;
} {
  const h = hours.holidays;
  if (h === 'as_usual' || h === 'closed') return { mode: h, open: '{}' };
  return { mode: 'hours', open: multirangeText(dayRanges(h.open, h.close)) };
}

/** The local (Asia/Shanghai) calendar facts of an instant. */
export function shanghaiClock(at: Date): { date: string; weekday: number; minuteOfDay: number } {
  const local = new Date(at.getTime() + OFFSET_MS);
  const sunday0 = local.getUTCDay();
  return {
    date: local.toISOString().slice(0, 10),
    weekday: sunday0 === 0 ? 7 : sunday0,
    minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** Minute of the week (0 = Monday 00:00 Asia/Shanghai) of an instant. */
export function minuteOfWeek(at: Date): number {
  const c = shanghaiClock(at);
  return (c.weekday - 1) * MINUTES_PER_DAY + c.minuteOfDay;
}

/** The start of the hour of `at` (Asia/Shanghai is a whole number of hours from UTC). */
export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
}

export function inRanges(ranges: readonly MinuteRange[], minute: number): boolean {
  return ranges.some(([lo, hi]) => minute >= lo && minute < hi);
}

/**
 * Whether the station is open at `at` by its hours alone. `isHoliday` is asked about the local
 * date (`YYYY-MM-DD`, Asia/Shanghai) of `at`, e.g. `(d) => calendar.kindOf(d) === 'holiday'`;
 * without it (the console's preview, which does not know the calendar) the weekly hours decide.
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
// Human-readable summary

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

/** A one-line summary: `周一至周五 08:00–22:00；周六、周日 09:00–次日02:00；法定节假日休息`. */
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

// ---------------------------------------------------------------------------------------------
// When "open now" can change (the GeoJSON feed's ETag)

/** The ranges of an `int4multirange` text (`{[0,600),[1440,2040)}`; `{}` is none). */
export function parseMultirange(text: string): MinuteRange[] {
  const out: MinuteRange[] = [];
  for (const m of text.matchAll(/([[(])\s*(-?\d*)\s*,\s*(-?\d*)\s*([\])])/g)) {
    // PostgreSQL writes int ranges canonically as [lo,hi); accept the other brackets anyway.
    const lo = Number(m[2]) + (m[1] === '(' ? 1 : 0);
    const hi = Number(m[3]) + (m[4] === ']' ? 1 : 0);
    out.push([lo, hi]);
  }
  return mergeRanges(out);
}

/** What the feed's "open now" depends on for one distinct hours pattern (station columns). */
export interface HoursPattern {
  openWeek: string;
  holidayMode: 'as_usual' | 'closed' | 'hours';
  holidayOpen: string;
}

/** Sorted distinct boundaries (lo and hi) of the ranges. */
function boundaries(rangesList: readonly MinuteRange[][]): number[] {
  const set = new Set<number>();
  for (const ranges of rangesList)
    for (const [lo, hi] of ranges) {
      set.add(lo);
      set.add(hi);
    }
  return [...set].sort((a, b) => a - b);
}

const segment = (bounds: readonly number[], minute: number) => {
  let n = 0;
  while (n < bounds.length && bounds[n]! <= minute) n++;
  return n;
};

/**
 * The opening-hours boundaries of a set of patterns, computed once per data change:
 * `segmentKey(at, isHoliday)` names the stretch of time `at` falls in, such that two instants
 * with the same key have the same stations open (for unchanged data). Minutes of the week on
 * ordinary days; on a holiday also the minutes of the day of the `hours` rules.
 */
export function openSegments(patterns: readonly HoursPattern[]) {
  const week = boundaries(patterns.map((p) => parseMultirange(p.openWeek)));
  const holidayDay = boundaries(
    patterns.filter((p) => p.holidayMode === 'hours').map((p) => parseMultirange(p.holidayOpen)),
  );
  return {
    segmentKey(at: Date, isHoliday: (date: string) => boolean): string {
      const c = shanghaiClock(at);
      const m = (c.weekday - 1) * MINUTES_PER_DAY + c.minuteOfDay;
      return isHoliday(c.date)
        ? `h${segment(week, m)}.${segment(holidayDay, c.minuteOfDay)}`
        : `w${segment(week, m)}`;
    },
  };
}

/** Whether a station of this pattern is open at `at` by its hours (SQL `openNowSql` in JS). */
export function patternOpenAt(p: HoursPattern, at: Date, holiday: boolean): boolean {
  const c = shanghaiClock(at);
  const week = () => inRanges(parseMultirange(p.openWeek), (c.weekday - 1) * MINUTES_PER_DAY + c.minuteOfDay);
  if (!holiday) return week();
  if (p.holidayMode === 'closed') return false;
  if (p.holidayMode === 'hours') return inRanges(parseMultirange(p.holidayOpen), c.minuteOfDay);
  return week();
}
