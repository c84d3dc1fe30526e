import {
  MEAL_SLOT_MINUTES,
  type MealCustomerCategory,
  type MealOrderMode,
  type MealOrderStatus,
} from '@nuanxin/shared';

/**
 * Pure rules of meals (docs/meals.md): the Asia/Shanghai clock, the 30-minute seat slots of a
 * period, when a menu takes orders, prices by customer category and the order state machine.
 */

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

export function hhmmOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Local day and minute of the day (Asia/Shanghai; China keeps no daylight saving). */
export function localClock(at: Date): { date: string; minute: number } {
  const local = new Date(at.getTime() + OFFSET_MS);
  return {
    date: local.toISOString().slice(0, 10),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Slot starts of a period: from `opens` every 30 minutes while the slot starts before `closes`. */
export function slotStarts(opens: string, closes: string): string[] {
  const out: string[] = [];
  for (let m = minutesOf(opens); m < minutesOf(closes); m += MEAL_SLOT_MINUTES) out.push(hhmmOf(m));
  return out;
}

export function slotEnd(start: string, closes: string): string {
  return hhmmOf(Math.min(minutesOf(start) + MEAL_SLOT_MINUTES, minutesOf(closes)));
}

export interface MenuWhen {
  date: string;
  opens: string;
  closes: string;
  published: boolean;
}

/** Why a menu takes no order now, or null: published, today or tomorrow, before it closes. */
export function menuClosedReason(
  menu: MenuWhen,
  at: Date,
): null | 'not_published' | 'not_bookable_day' | 'period_closed' {
  if (!menu.published) return 'not_published';
  const now = localClock(at);
  if (menu.date !== now.date && menu.date !== addDays(now.date, 1)) return 'not_bookable_day';
  if (menu.date === now.date && now.minute >= minutesOf(menu.closes)) return 'period_closed';
  return null;
}

/** A slot is over once its 30 minutes have passed (today only). */
export function slotIsPast(menu: MenuWhen, start: string, at: Date): boolean {
  const now = localClock(at);
  if (menu.date < now.date) return true;
  if (menu.date > now.date) return false;
  return now.minute >= Math.min(minutesOf(start) + MEAL_SLOT_MINUTES, minutesOf(menu.closes));
}

/**
 * Checks the slot or pickup time of an order against the menu: the slot must be one of the
 * period's and not over; a pickup time lies within the period and not in the past. Returns the
 * problem, or null.
 */
export function orderTimeProblem(
  menu: MenuWhen,
  mode: MealOrderMode,
  time: string,
  at: Date,
): null | 'slot_invalid' | 'pickup_invalid' {
  if (mode === 'eat_in') {
    if (!slotStarts(menu.opens, menu.closes).includes(time)) return 'slot_invalid';
    return slotIsPast(menu, time, at) ? 'slot_invalid' : null;
  }
  const m = minutesOf(time);
  if (m < minutesOf(menu.opens) || m > minutesOf(menu.closes)) return 'pickup_invalid';
  const now = localClock(at);
  if (menu.date === now.date && m < now.minute) return 'pickup_invalid';
  return null;
}

export function priceFor(
  item: { priceWorkerFen: number; priceResidentFen: number },
  category: MealCustomerCategory,
): number {
  return category === 'worker' ? item.priceWorkerFen : item.priceResidentFen;
}

/** Where a placed order goes when handed over: eat-in is served, take-away collected. */
export function handedOverStatus(mode: MealOrderMode): MealOrderStatus {
  return mode === 'eat_in' ? 'served' : 'collected';
}

/** Only a placed order moves on (served / collected / cancelled); the others are final. */
export function mayMove(from: MealOrderStatus, to: MealOrderStatus): boolean {
  return from === 'placed' && to !== 'placed';
}

/** Seats free in a slot; never negative even if the station's seats were lowered meanwhile. */
export function freeSeats(seats: number, taken: number): number {
  return Math.max(0, seats - taken);
}
