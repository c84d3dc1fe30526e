import { isValidPlate, maskPlate, normalisePlate } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import { addDays, bookingActions, nextStatus, priceOf, stayProblem } from '../hub.policy.ts';
import { mapExclusion } from '../hub.service.ts';

/** HUB-01 tariff and stay rules, the booking state machine, HUB-03 plates (china.md masking). */
describe('hub rules', () => {
  const today = '2026-11-29';

  it('allows 1–7 nights starting today or within 14 days', () => {
    expect(stayProblem(today, 1, today)).toBeNull();
    expect(stayProblem(addDays(today, 14), 7, today)).toBeNull();
    expect(stayProblem(addDays(today, 15), 1, today)).toMatch(/14 days/);
    expect(stayProblem(addDays(today, -1), 1, today)).toMatch(/past/);
    expect(stayProblem(today, 0, today)).toMatch(/nights/);
    expect(stayProblem(today, 8, today)).toMatch(/nights/);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('charges 1 yuan a night with own bedding, the configured price without, plus the bay', () => {
    const t = { ownBeddingFen: 100, withoutBeddingFen: 3000, bayFen: 500 };
    expect(priceOf(t, 3, true, false)).toBe(300);
    expect(priceOf(t, 2, false, false)).toBe(6000);
    expect(priceOf(t, 2, true, true)).toBe(1200);
  });

  it('moves booked → checked_in → checked_out, or cancelled / no_show', () => {
    const b = { status: 'booked' as const, from: today, to: addDays(today, 2) };
    expect(nextStatus(b, 'cancel', today)).toBe('cancelled');
    expect(nextStatus(b, 'checkIn', addDays(today, -1))).toBeNull();
    expect(nextStatus(b, 'checkIn', today)).toBe('checked_in');
    expect(nextStatus(b, 'checkIn', addDays(today, 2))).toBeNull();
    expect(nextStatus(b, 'noShow', addDays(today, -1))).toBeNull();
    expect(nextStatus(b, 'noShow', today)).toBe('no_show');
    expect(nextStatus(b, 'checkOut', today)).toBeNull();
    const inHouse = { ...b, status: 'checked_in' as const };
    expect(nextStatus(inHouse, 'checkOut', today)).toBe('checked_out');
    expect(nextStatus(inHouse, 'cancel', today)).toBeNull();
    for (const s of ['checked_out', 'cancelled', 'no_show'] as const)
      for (const a of ['cancel', 'checkIn', 'checkOut', 'noShow'] as const)
        expect(nextStatus({ ...b, status: s }, a, today)).toBeNull();
  });

  it('lets the guest cancel their own, and only keepers run the day', () => {
    const b = { status: 'booked' as const, from: today, to: addDays(today, 1), guestUserId: 'g' };
    expect(bookingActions(b, { userId: 'g', keep: false }, today)).toEqual({
      cancel: true,
      checkIn: false,
      checkOut: false,
      noShow: false,
    });
    expect(bookingActions(b, { userId: 'x', keep: false }, today).cancel).toBe(false);
    expect(bookingActions(b, { userId: 'k', keep: true }, today)).toEqual({
      cancel: true,
      checkIn: true,
      checkOut: false,
      noShow: true,
    });
  });

  it('validates and masks plates, new-energy ones included', () => {
    for (const p of ['川L12345', '川l·12345', '川LD12345', '川L12345D', '川L1234挂', '川A F1234'])
      expect(isValidPlate(p), p).toBe(true);
    for (const p of ['L12345', '川L1234', '川LI2345', '川L123456', '川LX12345', 'AB12345', '川L12345678'])
      expect(isValidPlate(p), p).toBe(false);
    expect(normalisePlate(' 川l·12345 ')).toBe('川L12345');
    expect(maskPlate('川L12345')).toBe('川L·***45');
    expect(maskPlate('川LD12345')).toBe('川L·***45');
  });

  it('maps exclusion violations to 409 codes and leaves other errors alone', () => {
    const wrapped = {
      message: 'query failed',
      cause: { code: '23P01', constraint: 'hub_booking_bay_no_overlap' },
    };
    expect((mapExclusion(wrapped) as { code: string }).code).toBe('hub.bay_taken');
    expect(
      (mapExclusion({ code: '23P01', constraint: 'hub_booking_bed_no_overlap' }) as { code: string }).code,
    ).toBe('hub.bed_taken');
    const other = { code: '23505' };
    expect(mapExclusion(other)).toBe(other);
  });
});
