import { STATION_RESOURCES, type StationResource } from '@nuanxin/shared/stations.labels';

/**
 * Capacity arithmetic of the console (POS-04 live capacity): the − / + steps and 已满 of the
 * capacity board, the colour of a figure, the summary of a station's resources and how old the
 * last report is. Pure: callers pass the clock.
 */

export interface CapacityLike {
  resource: StationResource;
  total: number;
  available: number;
}

/** `available` moved by `delta`, kept within 0 … total. */
export function stepAvailable(c: Pick<CapacityLike, 'total' | 'available'>, delta: number): number {
  return clamp(c.available + delta, 0, Math.max(0, c.total));
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(n)));
}

export type CapacityLevel = 'full' | 'low' | 'ok';

/** Full: nothing free; low: a fifth or less free (at least one); ok otherwise. */
export function capacityLevel(c: Pick<CapacityLike, 'total' | 'available'>): CapacityLevel {
  if (c.total <= 0 || c.available <= 0) return 'full';
  if (c.available / c.total <= 0.2) return 'low';
  return 'ok';
}

export const LEVEL_COLOR: Record<CapacityLevel, string> = {
  full: '#cf1322',
  low: '#d46b08',
  ok: '#389e0d',
};

/** Percentage free, 0–100 (0 when nothing is offered). */
export function freePercent(c: Pick<CapacityLike, 'total' | 'available'>): number {
  if (c.total <= 0) return 0;
  return Math.round((Math.max(0, Math.min(c.available, c.total)) / c.total) * 100);
}

/** Resources in the catalogue order (座位, 床位, 车位, 货车车位, 充电桩), those with a total only. */
export function orderedCapacity<T extends CapacityLike>(capacity: readonly T[]): T[] {
  const rank = (r: StationResource) => STATION_RESOURCES.indexOf(r);
  return capacity.filter((c) => c.total > 0).sort((a, b) => rank(a.resource) - rank(b.resource));
}

/** `座位 12/20 · 床位 3/8`; empty when the station offers none. */
export function capacitySummary(
  capacity: readonly CapacityLike[],
  label: (r: StationResource) => string,
  sep = ' · ',
): string {
  return orderedCapacity(capacity)
    .map((c) => `${label(c.resource)} ${c.available}/${c.total}`)
    .join(sep);
}

/** Whether every resource the station offers is taken. */
export function allFull(capacity: readonly CapacityLike[]): boolean {
  const offered = orderedCapacity(capacity);
  return offered.length > 0 && offered.every((c) => c.available <= 0);
}

// ---------------------------------------------------------------------------------------------
// Age of the last report

/** A report older than this, while the station is open, is stale (the board warns). */
export const STALE_AFTER_MS = 2 * 3_600_000;

/** The latest of the given ISO instants (null when none is given). */
export function latest(...instants: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  let bestMs = Number.NEGATIVE_INFINITY;
  for (const s of instants) {
    if (!s) continue;
    const ms = Date.parse(s);
    if (Number.isFinite(ms) && ms > bestMs) {
      best = s;
      bestMs = ms;
    }
  }
  return best;
}

/** Whole minutes since `at` (never negative: a clock a little ahead counts as now). */
export function ageMinutes(at: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / 60_000));
}

/** Stale: open now and last reported more than two hours ago (or never). */
export function isStale(at: string | null, openNow: boolean, now: Date): boolean {
  if (!openNow) return false;
  if (!at) return true;
  return now.getTime() - Date.parse(at) > STALE_AFTER_MS;
}

export type AgeUnit = 'justNow' | 'minutes' | 'hours' | 'days';

/** How to say the age: under a minute, minutes, hours (from 60 min), days (from 48 h). */
export function ageParts(minutes: number): { unit: AgeUnit; count: number } {
  if (minutes < 1) return { unit: 'justNow', count: 0 };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  if (minutes < 48 * 60) return { unit: 'hours', count: Math.floor(minutes / 60) };
  return { unit: 'days', count: Math.floor(minutes / 1440) };
}
