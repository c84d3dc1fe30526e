import type { TFunction } from 'i18next';
import {
  DISTRICT_CENTRES,
  type DistrictCode,
  type LocationStatus,
  useWorkerLocation,
} from '../../lib/worker-location';
import type { Point } from './api';

/**
 * Where the worker is, for the parking, compound-access and delivery pages: the shared worker
 * location (lib/worker-location.ts). Without a fix the pages use a district centre and say so;
 * the worker can pick the other district.
 */

export {
  chooseDistrict,
  DISTRICT_CENTRES,
  DISTRICT_CODES,
  type DistrictCode,
  LOCATE_TIMEOUT_MS,
  locate,
  nearestDistrict,
} from '../../lib/worker-location';

export type LocateStatus = Exclude<LocationStatus, 'idle'>;

export interface Here {
  status: LocateStatus;
  /** The phone's fix, when there is one. */
  fix: (Point & { accuracy: number }) | null;
  /** The district whose centre stands in while there is no fix. */
  district: DistrictCode;
}

/** The worker's position (the fix, or the district centre) and how it was obtained. */
export function useHere(): Here & { point: Point; fallback: boolean } {
  const loc = useWorkerLocation(true);
  const fix = loc.position
    ? { lat: loc.position.lat, lng: loc.position.lng, accuracy: loc.position.accuracy }
    : null;
  return {
    status: loc.status === 'idle' ? 'locating' : loc.status,
    fix,
    district: loc.district,
    point: fix ?? DISTRICT_CENTRES[loc.district],
    fallback: fix === null,
  };
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
