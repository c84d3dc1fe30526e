import { useCallback, useEffect, useSyncExternalStore } from 'react';

/**
 * Where the worker is: asked of the phone once per session and shared by every worker page that
 * needs it (the station map and list, a station's distance, the check-in, parking zones,
 * compound notes, delivery offers). The phone reports WGS-84 (GPS), sent to the server as
 * `crs=wgs84`. When the worker refuses, the phone cannot tell, or it takes longer than
 * {@link LOCATE_TIMEOUT_MS}, pages fall back on a district centre and say so; a late answer still
 * moves them to the worker.
 */

export const LOCATE_TIMEOUT_MS = 6_000;

export type LocationStatus = 'idle' | 'locating' | 'ok' | 'denied' | 'timeout' | 'unavailable';

export interface Fix {
  lat: number;
  lng: number;
  accuracy: number;
  /** When the phone answered (ms since the epoch). */
  at: number;
}

/** District centres (WGS-84) to fall back on; 市中区 is also the maps' default centre. */
export const DISTRICT_CENTRES = {
  '511102': { lat: 29.5521, lng: 103.7656 },
  '511111': { lat: 29.4125, lng: 103.5494 },
} as const;
export type DistrictCode = keyof typeof DISTRICT_CENTRES;
export const DISTRICT_CODES = Object.keys(DISTRICT_CENTRES) as DistrictCode[];

export interface WorkerLocation {
  status: LocationStatus;
  position: Fix | null;
  /** The district whose centre stands in while there is no fix (nearest to the last fix). */
  district: DistrictCode;
}

let state: WorkerLocation = { status: 'idle', position: null, district: '511102' };
const listeners = new Set<() => void>();

function set(patch: Partial<WorkerLocation>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The district whose centre is nearest a point (a guess for forms; the worker can change it). */
export function nearestDistrict(p: { lat: number; lng: number }): DistrictCode {
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

/** Asks the phone for its position: once per session, again when `force`. */
export function locate(force = false): void {
  if (state.status === 'locating') return;
  if (!force && state.status !== 'idle') return;
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) {
    set({ status: 'unavailable' });
    return;
  }
  set({ status: 'locating' });
  let settled = false;
  // Our own timer as well: a permission prompt left open does not count against the API timeout.
  const timer = setTimeout(() => {
    if (settled) return;
    settled = true;
    set({ status: 'timeout' });
  }, LOCATE_TIMEOUT_MS);
  navigator.geolocation.getCurrentPosition(
    (p) => {
      clearTimeout(timer);
      settled = true;
      const position = {
        lat: p.coords.latitude,
        lng: p.coords.longitude,
        accuracy: p.coords.accuracy,
        at: Date.now(),
      };
      set({ status: 'ok', position, district: nearestDistrict(position) });
    },
    (err) => {
      clearTimeout(timer);
      if (settled && state.status !== 'locating') return;
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

/** The worker picks the district whose centre stands in for a missing fix. */
export function chooseDistrict(district: DistrictCode): void {
  set({ district });
}

/** The shared position; `auto` asks for it on first use (worker pages do, the public map waits). */
export function useWorkerLocation(auto: boolean) {
  const s = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    if (auto) locate();
  }, [auto]);
  const retry = useCallback(() => locate(true), []);
  return { ...s, retry };
}

/** A position taken in the last few minutes (for the check-in; never asks the phone). */
export function recentPosition(maxAgeMs = 5 * 60_000): { lat: number; lng: number } | null {
  const p = state.position;
  return p && Date.now() - p.at <= maxAgeMs ? { lat: p.lat, lng: p.lng } : null;
}
