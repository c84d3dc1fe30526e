import type { HubBookingStatus } from '@nuanxin/shared';

/** What a booking event carries (docs/hub.md). */
export interface HubBookingEventPayload {
  bookingId: string;
  stationId: string;
  guestUserId: string;
  status: HubBookingStatus;
  from: string;
  to: string;
  bedId: string;
  bayId: string | null;
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    /** A bed (and maybe a bay) was booked. */
    'hub.booking.created': HubBookingEventPayload;
    /** Cancelled, checked in, checked out or marked no-show (`status` is the new one). */
    'hub.booking.changed': HubBookingEventPayload & { previousStatus: HubBookingStatus };
  }
}

export const HUB_EVENTS = ['hub.booking.created', 'hub.booking.changed'] as const;
