import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { LatLng } from './model';

/**
 * The worker's position for the station map, asked of the phone once per session and shared by
 * the map, the list, the station page (distance) and the check-in (where it happened). The
 * phone reports WGS-84 (GPS), sent to the server as `crs=wgs84`. When the worker refuses, the
 * phone cannot tell, or it takes longer than {@link LOCATE_TIMEOUT_MS}, the map opens on a
 * district centre and says so.
 */

export const LOCATE_TIMEOUT_MS = 5_000;

export type LocationStatus = 'idle' | 'locating' | 'ok' | 'denied' | 'timeout' | 'unavailable';

export interface LocationState {
  status: LocationStatus;
  position: (LatLng & { accuracy: number; at: number }) | null;
}

/** District centres (WGS-84) to fall back on. 市中区 is also the map's default centre. */
export const DISTRICTS = {
  szq: { lat: 29.5521, lng: 103.7656 },
  swq: { lat: 29.4125, lng: 103.5494 },
} as const;
export type DistrictKey = keyof typeof DISTRICTS;

let state: LocationState = { status: 'idle', position: null };
const listeners = new Set<() => void>();

function set(next: LocationState): void {
  state = next;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Asks the phone for its position (again, when `force`). */
export function locate(force = false): void {
  if (state.status === 'locating') return;
  if (!force && state.status !== 'idle') return;
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) {
    set({ status: 'unavailable', position: state.position });
    return;
  }
  set({ status: 'locating', position: state.position });
  let settled = false;
  // Our own timer as well: a permission prompt left open does not count against the API timeout.
  const timer = setTimeout(() => {
    if (settled) return;
    settled = true;
    set({ status: 'timeout', position: state.position });
  }, LOCATE_TIMEOUT_MS);
  navigator.geolocation.getCurrentPosition(
    (p) => {
      clearTimeout(timer);
      // A late answer still helps: the map moves to the worker.
      settled = true;
      set({
        status: 'ok',
        position: {
          lat: p.coords.latitude,
          lng: p.coords.longitude,
          accuracy: p.coords.accuracy,
          at: Date.now(),
        },
      });
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
        position: state.position,
      });
    },
    { enableHighAccuracy: false, timeout: LOCATE_TIMEOUT_MS, maximumAge: 60_000 },
  );
}

/** The shared position; `auto` asks for it on first use (the worker map does, the public page waits). */
export function useWorkerLocation(auto: boolean) {
  const s = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    if (auto) locate();
  }, [auto]);
  const retry = useCallback(() => locate(true), []);
  return { ...s, retry };
}

/** A position taken in the last few minutes, for the check-in (never asks the phone). */
export function recentPosition(maxAgeMs = 5 * 60_000): LatLng | null {
  const p = state.position;
  return p && Date.now() - p.at <= maxAgeMs ? { lat: p.lat, lng: p.lng } : null;
}
