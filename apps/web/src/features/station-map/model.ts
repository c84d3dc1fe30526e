import type { StationFeatureProperties, StationHours } from '@nuanxin/shared';
import {
  STATION_LABELS,
  STATION_WEEKDAY_LABELS,
  type StationKind,
  type StationLabelLocale,
  type StationLiveStatus,
} from '@nuanxin/shared/stations.labels';

/** A feature of `GET /stations.geojson` (the fields the map reads). */
export interface StationFeatureLike {
  geometry: { coordinates: [number, number] | readonly [number, number] };
  properties: StationFeatureProperties;
}

/**
 * Pure helpers of the station map, station page and check-in (docs/contract-stations.md, POS-01…
 * POS-12): distances, "today's hours", "updated x minutes ago", navigation URIs, the filter state
 * kept in the URL, and the check-in URL a poster QR encodes. No React, no clock of their own
 * (callers pass `now`), so they are unit-tested directly.
 */

// ---------------------------------------------------------------------------------------------
// Distances

export interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres between two WGS-84 points. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A distance as a rider reads it: `80 米` (to 10 m), `1.2 公里` (one decimal under 10 km),
 * `12 公里`; English `80 m`, `1.2 km`, `12 km`.
 */
export function formatDistance(meters: number, locale: StationLabelLocale = 'zh-CN'): string {
  const zh = locale === 'zh-CN';
  if (!Number.isFinite(meters) || meters < 0) return '';
  if (meters < 995) {
    const m = Math.max(10, Math.round(meters / 10) * 10);
    return zh ? `${m} 米` : `${m} m`;
  }
  const km = meters / 1000;
  const text = km < 9.95 ? km.toFixed(1) : String(Math.round(km));
  return zh ? `${text} 公里` : `${text} km`;
}

// ---------------------------------------------------------------------------------------------
// Time: Asia/Shanghai is UTC+8 all year (no daylight saving)

const OFFSET_MS = 8 * 3_600_000;

/** Weekday (1 = Monday … 7 = Sunday) and minute of the day of `at` in Asia/Shanghai. */
export function shanghaiClock(at: Date): { weekday: number; minuteOfDay: number; date: string } {
  const local = new Date(at.getTime() + OFFSET_MS);
  const d = local.getUTCDay();
  return {
    weekday: d === 0 ? 7 : d,
    minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes(),
    date: local.toISOString().slice(0, 10),
  };
}

/** `HH:MM` of an instant in Asia/Shanghai. */
export function shanghaiTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + OFFSET_MS);
  return local.toISOString().slice(11, 16);
}

/** `M月D日` / `MMM D` of an instant in Asia/Shanghai. */
export function shanghaiDay(iso: string, locale: StationLabelLocale = 'zh-CN'): string {
  const local = new Date(new Date(iso).getTime() + OFFSET_MS);
  const m = local.getUTCMonth() + 1;
  const d = local.getUTCDate();
  if (locale === 'zh-CN') return `${m}月${d}日`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${months[m - 1]} ${d}`;
}

/** How long ago, in whole units, for "x 分钟前更新". `null` when there is no time. */
export type Ago = { unit: 'now' } | { unit: 'minutes' | 'hours' | 'days'; count: number } | null;

export function agoOf(iso: string | null | undefined, now: Date): Ago {
  if (!iso) return null;
  const t = new Date(iso).getTime();
  if (!Number.isFinite(t)) return null;
  const minutes = Math.floor((now.getTime() - t) / 60_000);
  if (minutes < 1) return { unit: 'now' };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}

// ---------------------------------------------------------------------------------------------
// Opening hours: today's line

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (s: string): number => {
  const m = TIME_RE.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
};

export interface DaySpan {
  open: string;
  /** `24:00` for "until midnight". */
  close: string;
  /** The span ends the next day (`close` ≤ `open`). */
  overnight: boolean;
}

/** Today's hours: open all day, closed today, or the spans starting today (in order). */
export type TodayHours = { kind: 'always' } | { kind: 'closed' } | { kind: 'spans'; spans: DaySpan[] };

/**
 * The hours that start on the weekday of `now` (Asia/Shanghai) by the weekly rule. The holiday
 * rule needs the official calendar, which the server applies: `openNow` from the server is the
 * authority on whether a station is open at this moment.
 */
export function todayHours(hours: StationHours, now: Date): TodayHours {
  if (hours.alwaysOpen) return { kind: 'always' };
  const { weekday } = shanghaiClock(now);
  const spans: DaySpan[] = [];
  for (const s of hours.weekly) {
    if (!s.days.includes(weekday)) continue;
    const o = minutesOf(s.open);
    const c = minutesOf(s.close);
    if (o === c && s.open === '00:00') return { kind: 'always' };
    spans.push({
      open: s.open,
      close: s.close === '00:00' ? '24:00' : s.close,
      overnight: (c < o && s.close !== '00:00') || (c === o && s.open !== '00:00'),
    });
  }
  if (spans.length === 0) return { kind: 'closed' };
  spans.sort((a, b) => minutesOf(a.open) - minutesOf(b.open));
  return { kind: 'spans', spans };
}

/** `08:00–22:00、次日…` as one line; `nextDay` is the word before an after-midnight close. */
export function spansText(spans: readonly DaySpan[], nextDay: string, sep: string): string {
  return spans.map((s) => `${s.open}–${s.overnight ? nextDay : ''}${s.close}`).join(sep);
}

const WEEK_WORDS = {
  'zh-CN': {
    always: '24 小时开放',
    daily: '每天',
    through: '至',
    list: '、',
    nextDay: '次日',
    holidaysClosed: '法定节假日休息',
    holidays: '法定节假日',
  },
  en: {
    always: 'Open 24 hours',
    daily: 'Daily',
    through: '–',
    list: ', ',
    nextDay: 'next day ',
    holidaysClosed: 'Closed on public holidays',
    holidays: 'Public holidays',
  },
} as const;

function daysText(days: readonly number[], locale: StationLabelLocale): string {
  const w = WEEK_WORDS[locale];
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return w.daily;
  const runs: number[][] = [];
  for (const d of sorted) {
    const run = runs[runs.length - 1];
    if (run && d === run[run.length - 1]! + 1) run.push(d);
    else runs.push([d]);
  }
  return runs
    .map((r) => {
      const first = weekdayLabel(r[0]!, locale);
      const last = weekdayLabel(r[r.length - 1]!, locale);
      if (r.length === 1) return first;
      if (r.length === 2) return `${first}${w.list}${last}`;
      return `${first}${w.through}${last}`;
    })
    .join(w.list);
}

function spanText(open: string, close: string, locale: StationLabelLocale): string {
  const w = WEEK_WORDS[locale];
  if (open === close) return open === '00:00' ? '00:00–24:00' : `${open}–${w.nextDay}${close}`;
  if (close === '00:00') return `${open}–24:00`;
  return minutesOf(close) < minutesOf(open) ? `${open}–${w.nextDay}${close}` : `${open}–${close}`;
}

/**
 * The week's hours, one line per rule, in the UI language: `周一至周五 08:00–22:00`,
 * `周六、周日 09:00–次日02:00`, `法定节假日休息`.
 */
export function weeklyLines(hours: StationHours, locale: StationLabelLocale = 'zh-CN'): string[] {
  const w = WEEK_WORDS[locale];
  const lines: string[] = [];
  if (hours.alwaysOpen) lines.push(w.always);
  else
    for (const s of hours.weekly)
      lines.push(`${daysText(s.days, locale)} ${spanText(s.open, s.close, locale)}`);
  const h = hours.holidays;
  if (h === 'closed') lines.push(w.holidaysClosed);
  else if (h !== 'as_usual') lines.push(`${w.holidays} ${spanText(h.open, h.close, locale)}`);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Navigation links (contract: built in the web app)

/** 高德 (Amap) URI: opens the Amap app when installed, its web page otherwise. WGS-84 in. */
export function amapUri(p: LatLng & { name: string }): string {
  const name = encodeURIComponent(p.name);
  return `https://uri.amap.com/marker?position=${p.lng},${p.lat}&name=${name}&coordinate=wgs84&callnative=1`;
}

/** `geo:` URI (RFC 5870) for any other map app on the phone. */
export function geoUri(p: LatLng & { name: string }): string {
  const name = encodeURIComponent(p.name).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  return `geo:${p.lat},${p.lng}?q=${p.lat},${p.lng}(${name})`;
}

/** `tel:` link of a station's business phone (digits, `+`, `-` kept; spaces and brackets dropped). */
export function telUri(phone: string): string {
  return `tel:${phone.replace(/[^0-9+-]/g, '')}`;
}

// ---------------------------------------------------------------------------------------------
// Filters: kept in the URL (`?view=list&service=meal_heating&open=1`), so back from a station
// page returns to the same list

export type StationView = 'map' | 'list';

export interface StationFilters {
  view: StationView;
  /** Service codes the station must offer (all of them). */
  services: string[];
  openNow: boolean;
}

const SERVICE_RE = /^[a-z][a-z0-9_]{1,39}$/;
/** The server accepts at most 20 `service` values. */
export const MAX_SERVICE_FILTERS = 20;

export function parseFilters(params: URLSearchParams): StationFilters {
  const services: string[] = [];
  for (const v of params.getAll('service'))
    if (SERVICE_RE.test(v) && !services.includes(v) && services.length < MAX_SERVICE_FILTERS)
      services.push(v);
  return {
    view: params.get('view') === 'list' ? 'list' : 'map',
    services,
    openNow: params.get('open') === '1',
  };
}

export function filtersToParams(f: StationFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.view === 'list') p.set('view', 'list');
  for (const s of f.services) p.append('service', s);
  if (f.openNow) p.set('open', '1');
  return p;
}

export function toggleService(f: StationFilters, code: string): StationFilters {
  const services = f.services.includes(code)
    ? f.services.filter((s) => s !== code)
    : [...f.services, code].slice(0, MAX_SERVICE_FILTERS);
  return { ...f, services };
}

export const hasFilters = (f: StationFilters): boolean => f.services.length > 0 || f.openNow;

/** Whether a station (a map feature or a nearby card) passes the filters. */
export function matchesFilters(
  s: { services: readonly string[]; openNow: boolean },
  f: Pick<StationFilters, 'services' | 'openNow'>,
): boolean {
  if (f.openNow && !s.openNow) return false;
  return f.services.every((code) => s.services.includes(code));
}

/** The query of `GET /stations/nearby` for a centre and the filters. */
export function nearbyQuery(
  center: LatLng,
  f: Pick<StationFilters, 'services' | 'openNow'>,
  opts: { radius: number; limit: number },
): URLSearchParams {
  const p = new URLSearchParams();
  p.set('lat', center.lat.toFixed(6));
  p.set('lng', center.lng.toFixed(6));
  p.set('crs', 'wgs84');
  p.set('radius', String(opts.radius));
  p.set('limit', String(opts.limit));
  for (const s of f.services) p.append('service', s);
  if (f.openNow) p.set('openNow', 'true');
  return p;
}

/** Services offered as filter chips first, in this order; the rest follow the catalogue. */
export const FEATURED_SERVICES = [
  'meal_heating',
  'water',
  'charging',
  'rest',
  'toilet',
  'ebike_charging',
  'wifi',
  'medicine_kit',
  'cooling_warming',
  'set_meal',
  'lodging',
  'truck_parking',
] as const;

/** Catalogue codes ordered for the chips: featured ones first, then by the catalogue's `sort`. */
export function chipOrder<T extends { code: string; sort: number }>(catalogue: readonly T[]): T[] {
  const rank = (code: string) => {
    const i = (FEATURED_SERVICES as readonly string[]).indexOf(code);
    return i === -1 ? FEATURED_SERVICES.length : i;
  };
  return [...catalogue].sort((a, b) => rank(a.code) - rank(b.code) || a.sort - b.sort);
}

// ---------------------------------------------------------------------------------------------
// Marker colours and state

/** One colour per kind, distinguishable on a light basemap; closed stations are drawn grey. */
export const KIND_COLORS: Record<StationKind, string> = {
  warm_home: '#d4380d',
  copper_heart: '#b36b1f',
  rider_bar: '#fa8c16',
  community_centre: '#cf1322',
  canteen: '#389e0d',
  workers_home: '#1677ff',
  youth_home: '#13a8a8',
  kasao: '#c41d7f',
  neighbour_space: '#722ed1',
  charging: '#7c8c03',
};
export const CLOSED_COLOR = '#8c8c8c';

/** How a station is drawn: its kind's colour, grey when closed now, a red ring when full. */
export function markerStyle(s: { kind: StationKind; openNow: boolean; liveStatus: StationLiveStatus }): {
  color: string;
  alert: boolean;
} {
  const closed = !s.openNow || s.liveStatus === 'closed_now';
  return { color: closed ? CLOSED_COLOR : KIND_COLORS[s.kind], alert: !closed && s.liveStatus === 'full' };
}

/** Tag colour of a live status. */
export const LIVE_COLORS: Record<StationLiveStatus, string> = {
  open: '#389e0d',
  busy: '#d48806',
  full: '#cf1322',
  closed_now: '#8c8c8c',
};

/** Map points of the GeoJSON feed that pass the filters (WGS-84, as the map takes them). */
export function featurePoints(
  features: readonly StationFeatureLike[],
  f: Pick<StationFilters, 'services' | 'openNow'>,
  label: (p: StationFeatureLike['properties']) => string = (p) => p.name,
): { id: string; lat: number; lng: number; label: string; color: string; alert: boolean }[] {
  const out: { id: string; lat: number; lng: number; label: string; color: string; alert: boolean }[] = [];
  for (const ft of features) {
    const p = ft.properties;
    if (!matchesFilters(p, f)) continue;
    const [lng, lat] = ft.geometry.coordinates;
    out.push({ id: p.id, lat, lng, label: label(p), ...markerStyle(p) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Check-in URL (what the poster QR encodes: `<public URL>/m/checkin/<code>?t=<token>`)

const CODE_RE = /^ST-\d{6}-\d{4,}$/;
const TOKEN_RE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The station code and token of a scanned check-in URL, or null when the text is something else.
 * The host is not checked: a poster printed under another public address still checks in here.
 */
export function parseCheckinUrl(text: string): { code: string; t: string } | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const m = /^\/m\/checkin\/([^/]+)\/?$/.exec(url.pathname);
  if (!m) return null;
  const code = decodeURIComponent(m[1]!);
  const t = url.searchParams.get('t') ?? '';
  if (!CODE_RE.test(code) || !TOKEN_RE.test(t)) return null;
  return { code, t };
}

export const checkinPath = (c: { code: string; t: string }): string =>
  `/m/checkin/${encodeURIComponent(c.code)}?t=${encodeURIComponent(c.t)}`;

// ---------------------------------------------------------------------------------------------
// Labels

export function kindLabel(kind: StationKind, locale: StationLabelLocale): string {
  return STATION_LABELS[locale].kind[kind];
}

export function weekdayLabel(day: number, locale: StationLabelLocale): string {
  return STATION_WEEKDAY_LABELS[locale][day as 1] ?? '';
}
