/** What changed on a station (`station.updated`). */
export type StationChange = 'created' | 'updated' | 'services' | 'keepers' | 'live' | 'qr_rotated';

export interface StationEventPayload {
  stationId: string;
  code: string;
  regionCode: string;
  operatorOrgId: string;
}

/** Events the stations module emits (past tense), added to the platform EventMap. */
declare module '../../platform/events/events.ts' {
  interface EventMap {
    /** A worker checked in (first time in that hour); points come later. */
    'station.visited': StationEventPayload & { visitId: string; workerUserId: string; at: string };
    /** The record, its services, keepers, live status or capacity, or its QR changed. */
    'station.updated': StationEventPayload & { change: StationChange; version: number };
  }
}

export const STATION_EVENTS = ['station.visited', 'station.updated'] as const;
