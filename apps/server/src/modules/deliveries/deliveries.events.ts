/** What a delivery event carries. */
export interface MealDeliveryEventPayload {
  deliveryId: string;
  beneficiaryId: string;
  stationId: string;
  communityOrgId: string;
  date: string;
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    /**
     * A delivery was confirmed received: a volunteer service record for the rider (PTS-05 points
     * later). `riderUserId` is null when community staff carried it themselves; `confirmedBy`
     * is null when the resident confirmed it in their self-service page (`confirmedByResident`).
     */
    'meal_delivery.confirmed': MealDeliveryEventPayload & {
      riderUserId: string | null;
      confirmedBy: string | null;
      confirmedByResident: boolean;
      handledByStaff: boolean;
    };
    /** Nobody claimed it in time: the community's staff are notified. */
    'meal_delivery.escalated': MealDeliveryEventPayload & { windowStart: string; beneficiaryName: string };
  }
}

export const MEAL_DELIVERY_EVENTS = ['meal_delivery.confirmed', 'meal_delivery.escalated'] as const;
