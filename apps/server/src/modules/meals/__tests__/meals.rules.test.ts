import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.ts';
import { mayCancelOrder, mayServeOrder, orderCategory } from '../meals.policy.ts';
import {
  handedOverStatus,
  localClock,
  mayMove,
  menuClosedReason,
  orderTimeProblem,
  priceFor,
  slotIsPast,
  slotStarts,
} from '../meals.rules.ts';

/** Pure rules of meals (CAN-01 seats per slot, CAN-02 three meals and customer categories, HUB-02). */

const at = (local: string) => new Date(`${local}+08:00`);
const lunch = { date: '2026-11-20', opens: '11:00', closes: '14:00', published: true };

const actor = (kind: 'worker' | 'staff', perms: string[] = []): Actor =>
  ({
    userId: 'u1',
    name: 'x',
    kind,
    isPartyMember: false,
    grants: [],
    roles: [],
    permissions: new Set(perms),
    sessionId: null,
    tokenId: null,
  }) as unknown as Actor;

describe('meal slots and times', () => {
  it('cuts a period into 30-minute slots; a last short slot counts', () => {
    expect(slotStarts('11:00', '14:00')).toEqual(['11:00', '11:30', '12:00', '12:30', '13:00', '13:30']);
    expect(slotStarts('17:00', '18:15')).toEqual(['17:00', '17:30', '18:00']);
    expect(slotStarts('07:00', '07:00')).toEqual([]);
  });

  it('reads the Asia/Shanghai clock', () => {
    expect(localClock(new Date('2026-11-20T16:30:00Z'))).toEqual({ date: '2026-11-21', minute: 30 });
  });

  it('CAN-02: orders only for published menus today or tomorrow before the period closes', () => {
    expect(menuClosedReason(lunch, at('2026-11-20T09:00'))).toBeNull();
    expect(menuClosedReason(lunch, at('2026-11-19T22:00'))).toBeNull();
    expect(menuClosedReason(lunch, at('2026-11-18T09:00'))).toBe('not_bookable_day');
    expect(menuClosedReason(lunch, at('2026-11-21T09:00'))).toBe('not_bookable_day');
    expect(menuClosedReason(lunch, at('2026-11-20T14:00'))).toBe('period_closed');
    expect(menuClosedReason({ ...lunch, published: false }, at('2026-11-20T09:00'))).toBe('not_published');
  });

  it('a slot is past once its half hour is over; pickup lies within the period and not before now', () => {
    expect(slotIsPast(lunch, '12:00', at('2026-11-20T12:29'))).toBe(false);
    expect(slotIsPast(lunch, '12:00', at('2026-11-20T12:30'))).toBe(true);
    expect(orderTimeProblem(lunch, 'eat_in', '13:30', at('2026-11-20T13:45'))).toBeNull();
    expect(orderTimeProblem(lunch, 'eat_in', '13:15', at('2026-11-20T09:00'))).toBe('slot_invalid');
    expect(orderTimeProblem(lunch, 'take_away', '14:00', at('2026-11-20T09:00'))).toBeNull();
    expect(orderTimeProblem(lunch, 'take_away', '10:59', at('2026-11-20T09:00'))).toBe('pickup_invalid');
    expect(orderTimeProblem(lunch, 'take_away', '12:00', at('2026-11-20T12:01'))).toBe('pickup_invalid');
  });
});

describe('prices, categories and states', () => {
  it('charges the category price', () => {
    const item = { priceWorkerFen: 1200, priceResidentFen: 1500 };
    expect(priceFor(item, 'worker')).toBe(1200);
    expect(priceFor(item, 'resident')).toBe(1500);
  });

  it('workers order as workers; keepers take counter orders (resident by default); others may not', () => {
    const keep = { read: true, manage: false, keep: true };
    const none = { read: false, manage: false, keep: false };
    expect(orderCategory(actor('worker', ['stations.checkin']), none, 'resident')).toBe('worker');
    expect(orderCategory(actor('staff'), keep, undefined)).toBe('resident');
    expect(orderCategory(actor('staff'), keep, 'worker')).toBe('worker');
    expect(orderCategory(actor('staff'), { ...none, read: true }, undefined)).toBeNull();
    expect(orderCategory(actor('worker'), none, undefined)).toBeNull();
  });

  it('a placed order is served (eat-in) or collected (take-away) or cancelled; the rest is final', () => {
    expect(handedOverStatus('eat_in')).toBe('served');
    expect(handedOverStatus('take_away')).toBe('collected');
    expect(mayMove('placed', 'cancelled')).toBe(true);
    expect(mayMove('served', 'cancelled')).toBe(false);
    expect(mayMove('cancelled', 'served')).toBe(false);
    const o = { customerUserId: 'u1', createdBy: 'u1', status: 'placed' as const };
    const none = { read: false, manage: false, keep: false };
    expect(mayCancelOrder(actor('worker'), none, o)).toBe(true);
    expect(mayCancelOrder(actor('worker'), none, { ...o, customerUserId: 'u2', createdBy: 'u2' })).toBe(
      false,
    );
    expect(mayServeOrder(none, o)).toBe(false);
    expect(mayServeOrder({ ...none, keep: true }, o)).toBe(true);
    expect(mayServeOrder({ ...none, keep: true }, { ...o, status: 'served' })).toBe(false);
  });
});
