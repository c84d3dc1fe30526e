/**
 * The 暖心之家 truck-driver hub (docs/hub.md): enumerations, the plate rule and its mask, as
 * plain code without zod, so a web chunk that only shows a booking does not pull the schemas.
 */

export const HUB_ROOM_STATUSES = ['in_service', 'out_of_service'] as const;
export type HubRoomStatus = (typeof HUB_ROOM_STATUSES)[number];

export const HUB_BOOKING_STATUSES = ['booked', 'checked_in', 'checked_out', 'cancelled', 'no_show'] as const;
export type HubBookingStatus = (typeof HUB_BOOKING_STATUSES)[number];

/** A bed or bay on the bookings board tonight. */
export const HUB_PLACE_STATES = ['free', 'booked', 'occupied', 'out_of_service'] as const;
export type HubPlaceState = (typeof HUB_PLACE_STATES)[number];

/** Nights one booking may span, and how far ahead the first night may lie (days after today). */
export const HUB_MAX_NIGHTS = 7;
export const HUB_MAX_DAYS_AHEAD = 14;
/** Default tariff in fen: 1 yuan with own bedding (HUB-01); the rest is configurable. */
export const HUB_DEFAULT_TARIFF = { ownBeddingFen: 100, withoutBeddingFen: 3000, bayFen: 0 } as const;

/**
 * Mainland vehicle plates: province character, issuing-office letter, then 5 characters (blue and
 * yellow plates, 川L12345, trailers end in 挂) or 6 (new-energy green plates, 川LD12345 / 川L12345D).
 * Letters I and O are never used. Upper case, no separator (the `·` of the printed plate is dropped).
 */
export const PLATE_RE =
  /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z](?:[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂]|[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF])$/;

/** Normalises what a driver typed: trims, drops spaces and the middle dot, upper-cases letters. */
export function normalisePlate(input: string): string {
  return input.replace(/[\s·•.-]/g, '').toUpperCase();
}

export function isValidPlate(input: string): boolean {
  return PLATE_RE.test(normalisePlate(input));
}

/** `川L12345` → `川L·***45` (province and office kept, the last two shown). */
export function maskPlate(plate: string): string {
  const p = normalisePlate(plate);
  if (p.length < 4) return '***';
  return `${p.slice(0, 2)}·***${p.slice(-2)}`;
}

/** `川L12345` → `川L·12345` for display. */
export function formatPlate(plate: string): string {
  const p = normalisePlate(plate);
  return p.length > 2 ? `${p.slice(0, 2)}·${p.slice(2)}` : p;
}
