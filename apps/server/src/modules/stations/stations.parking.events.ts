import type { ParkingZoneStatus } from '@nuanxin/shared';

/** What a parking-zone event carries (maps and caches refresh on it). */
export interface ParkingZoneEventPayload {
  zoneId: string;
  regionCode: string;
  status: ParkingZoneStatus;
  appealId: string | null;
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    'parking_zone.created': ParkingZoneEventPayload;
    'parking_zone.updated': ParkingZoneEventPayload & { previousStatus: ParkingZoneStatus };
  }
}

export const PARKING_ZONE_EVENTS = ['parking_zone.created', 'parking_zone.updated'] as const;
