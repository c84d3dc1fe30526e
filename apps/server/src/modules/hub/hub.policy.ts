import { HUB_MAX_DAYS_AHEAD, HUB_MAX_NIGHTS, type HubBookingStatus } from '@nuanxin/shared';

/**
 * Pure rules of the 暖心之家 hub (docs/hub.md): the stay window, the price, the booking state
 * machine and who may move it. Dates are `YYYY-MM-DD` in Asia/Shanghai.
 */

const DAY_MS = 86_400_000;

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/**
 * Null when a stay of `nights` starting on `from` may be booked on `today`: 1–7 nights, the first
 * night today or within the next 14 days; otherwise what is wrong.
 */
export function stayProblem(from: string, nights: number, today: string): string | null {
  if (!Number.isInteger(nights) || nights < 1 || nights > HUB_MAX_NIGHTS)
    return `A stay is 1 to ${HUB_MAX_NIGHTS} nights`;
  const ahead = daysBetween(today, from);
  if (ahead < 0) return 'The first night cannot be in the past';
  if (ahead > HUB_MAX_DAYS_AHEAD) return `The first night must be within ${HUB_MAX_DAYS_AHEAD} days`;
  return null;
}

export interface Tariff {
  ownBeddingFen: number;
  withoutBeddingFen: number;
  bayFen: number;
}

/** nights × (own bedding → the 1-yuan price, else the configured one) + nights × bay price. */
export function priceOf(t: Tariff, nights: number, ownBedding: boolean, bay: boolean): number {
  return nights * ((ownBedding ? t.ownBeddingFen : t.withoutBeddingFen) + (bay ? t.bayFen : 0));
}

export type BookingAction = 'cancel' | 'checkIn' | 'checkOut' | 'noShow';

const TARGET: Record<BookingAction, HubBookingStatus> = {
  cancel: 'cancelled',
  checkIn: 'checked_in',
  checkOut: 'checked_out',
  noShow: 'no_show',
};

/**
 * The state machine: booked → checked_in (on or after the first night, before the check-out
 * date) → checked_out; booked → cancelled (before check-in) or no_show (from the first night on).
 * Null when the action is not possible.
 */
export function nextStatus(
  b: { status: HubBookingStatus; from: string; to: string },
  action: BookingAction,
  today: string,
): HubBookingStatus | null {
  switch (action) {
    case 'cancel':
      return b.status === 'booked' ? TARGET.cancel : null;
    case 'checkIn':
      return b.status === 'booked' && today >= b.from && today < b.to ? TARGET.checkIn : null;
    case 'checkOut':
      return b.status === 'checked_in' ? TARGET.checkOut : null;
    case 'noShow':
      return b.status === 'booked' && today >= b.from ? TARGET.noShow : null;
  }
}

/** Who may do what: the guest cancels their own; keepers (and managers) run the day. */
export function bookingActions(
  b: { status: HubBookingStatus; from: string; to: string; guestUserId: string },
  who: { userId: string; keep: boolean },
  today: string,
): Record<BookingAction, boolean> {
  const may = (a: BookingAction) => nextStatus(b, a, today) !== null;
  return {
    cancel: may('cancel') && (who.keep || b.guestUserId === who.userId),
    checkIn: who.keep && may('checkIn'),
    checkOut: who.keep && may('checkOut'),
    noShow: who.keep && may('noShow'),
  };
}

/** Whether the stay's nights hold its bed (the EXCLUDE constraints' condition). */
export const isLive = (s: HubBookingStatus): boolean => s === 'booked' || s === 'checked_in';
