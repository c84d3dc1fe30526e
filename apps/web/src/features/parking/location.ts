import type { TFunction } from 'i18next';
import { useEffect, useSyncExternalStore } from 'react';
import type { Point } from './api';

/**
 * Where the worker is, for the parking and compound-access pages: asked of the phone once per
 * session (WGS-84, sent as `crs=wgs84`). When the phone refuses, cannot tell or is too slow, the
 * pages use a district centre instead and say so; the worker can pick the other district.
 */

export const LOCATE_TIMEOUT_MS = 8_000;

/** District centres (WGS-84) to fall back on. */
export const DISTRICT_CENTRES = {
  '511102': { lat: 29.5521, lng: 103.7656 },
  '511111': { lat: 29.4125, lng: 103.5494 },
} as const;
export type DistrictCode = keyof typeof DISTRICT_CENTRES;
export const DISTRICT_CODES = Object.keys(DISTRICT_CENTRES) as DistrictCode[];

export type LocateStatus = 'locating' | 'ok' | 'denied' | 'unavailable' | 'timeout';

export interface Here {
  status: LocateStatus;
  /** The phone's fix, when there is one. */
  fix: (Point & { accuracy: number }) | null;
  /** The district whose centre stands in while there is no fix. */
  district: DistrictCode;
}

let state: Here = { status: 'locating', fix: null, district: '511102' };
let asked = false;
const listeners = new Set<() => void>();

function set(patch: Partial<Here>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

/** The district whose centre is nearest a point (a guess for forms; the worker can change it). */
export function nearestDistrict(p: Point): DistrictCode {
  let best: DistrictCode = '511102';
  let bestD = Number.POSITIVE_INFINITY;
  for (const code of DISTRICT_CODES) {
    const c = DISTRICT_CENTRES[code];
    const d = (c.lat - p.lat) ** 2 + ((c.lng - p.lng) * Math.cos((p.lat * Math.PI) / 180)) ** 2;
    if (d < bestD) {
      best = code;
      bestD = d;
    }
  }
  return best;
}

/** Asks the phone for its position; `force` asks again after a failure. */
export function locate(force = false): void {
  if (asked && !force) return;
  asked = true;
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) {
    set({ status: 'unavailable' });
    return;
  }
  set({ status: 'locating' });
  let settled = false;
  const timer = setTimeout(() => {
    if (settled) return;
    settled = true;
    set({ status: 'timeout' });
  }, LOCATE_TIMEOUT_MS);
  navigator.geolocation.getCurrentPosition(
    (p) => {
      clearTimeout(timer);
      settled = true;
      const fix = { lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy };
      set({ status: 'ok', fix, district: nearestDistrict(fix) });
    },
    (err) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      set({
        status:
          err.code === err.PERMISSION_DENIED
            ? 'denied'
            : err.code === err.TIMEOUT
              ? 'timeout'
              : 'unavailable',
      });
    },
    { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS, maximumAge: 60_000 },
  );
}

export function chooseDistrict(district: DistrictCode): void {
  set({ district });
}

/** The worker's position (the fix, or the district centre) and how it was obtained. */
export function useHere(): Here & { point: Point; fallback: boolean } {
  const here = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
  useEffect(() => locate(), []);
  const fallback = here.fix === null;
  return { ...here, point: here.fix ?? DISTRICT_CENTRES[here.district], fallback };
}

/** Amap marker link (opens the 高德 app when installed); coordinates are WGS-84. */
export function amapLink(p: Point, name: string): string {
  return `https://uri.amap.com/marker?position=${p.lng},${p.lat}&name=${encodeURIComponent(name)}&coordinate=wgs84&callnative=1`;
}

/** "120 米" / "1.2 公里" style distance. */
export function formatDistance(m: number, t: TFunction): string {
  return m < 1000
    ? t('parking.m.metres', { n: Math.round(m) })
    : t('parking.m.km', { n: (m / 1000).toFixed(1) });
}
