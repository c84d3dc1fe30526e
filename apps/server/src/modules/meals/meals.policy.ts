import type { MealCustomerCategory, MealOrderStatus } from '@nuanxin/shared';
import type { Actor } from '../../platform/auth/actor.ts';

/**
 * Who may do what with meals (docs/meals.md). Pure: the station's access (`read`, `manage`,
 * `keep`) comes from the stations module. Managers and keepers both edit menus: the keepers of a
 * canteen write the day's menu; managers set it up and see the figures.
 */

export interface StationAccess {
  read: boolean;
  manage: boolean;
  keep: boolean;
}

export const mayEditMenus = (a: StationAccess): boolean => a.manage || a.keep;
/** Sees unpublished menus, the orders board and the tallies. */
export const mayReadMeals = (a: StationAccess): boolean => a.read || a.keep || a.manage;
export const mayKeepOrders = (a: StationAccess): boolean => a.keep || a.manage;

/** A worker orders for themself (`stations.checkin`). */
export const isOrderingWorker = (actor: Actor): boolean =>
  actor.kind === 'worker' && actor.permissions.has('stations.checkin');

/**
 * The category an order is charged at, or null when the actor may not order here: a worker is
 * always a worker; a keeper takes counter orders for walk-in customers (residents by default).
 */
export function orderCategory(
  actor: Actor,
  access: StationAccess,
  requested: MealCustomerCategory | undefined,
): MealCustomerCategory | null {
  if (isOrderingWorker(actor)) return 'worker';
  if (actor.kind === 'staff' && mayKeepOrders(access)) return requested ?? 'resident';
  return null;
}

export interface OrderFacts {
  customerUserId: string | null;
  createdBy: string;
  status: MealOrderStatus;
}

export const isOwnOrder = (actor: Actor, o: OrderFacts): boolean =>
  o.customerUserId === actor.userId || (actor.kind === 'worker' && o.createdBy === actor.userId);

export const mayViewOrder = (actor: Actor, a: StationAccess, o: OrderFacts): boolean =>
  isOwnOrder(actor, o) || mayReadMeals(a);

export const mayCancelOrder = (actor: Actor, a: StationAccess, o: OrderFacts): boolean =>
  o.status === 'placed' && (isOwnOrder(actor, o) || mayKeepOrders(a));

export const mayServeOrder = (a: StationAccess, o: OrderFacts): boolean =>
  o.status === 'placed' && mayKeepOrders(a);
