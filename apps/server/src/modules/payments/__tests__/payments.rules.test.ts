import { PAYMENT_STATUSES } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import {
  monthOf,
  monthRange,
  nextPaymentStatus,
  PAYMENT_ACTIONS,
  PAYMENT_TRANSITIONS,
} from '../payments.rules.ts';

describe('payment state machine (HUB-07)', () => {
  const expected: Record<string, string | null> = {
    'pending/confirm': 'paid',
    'pending/void': 'void',
    'paid/confirm': null,
    'paid/void': null,
    'void/confirm': null,
    'void/void': null,
  };

  it.each(PAYMENT_STATUSES.flatMap((s) => PAYMENT_ACTIONS.map((a) => [s, a] as const)))(
    '%s + %s',
    (status, action) => {
      expect(nextPaymentStatus(status, action)).toBe(expected[`${status}/${action}`]);
    },
  );

  it('lists every status, and paid and void are final', () => {
    expect(Object.keys(PAYMENT_TRANSITIONS).sort()).toEqual([...PAYMENT_STATUSES].sort());
    expect(PAYMENT_TRANSITIONS.paid).toEqual({});
    expect(PAYMENT_TRANSITIONS.void).toEqual({});
  });
});

describe('months in Asia/Shanghai', () => {
  it('bounds a month at local midnight, December rolling into the next year', () => {
    expect(monthRange('2026-12')).toEqual({
      from: new Date('2026-11-30T16:00:00Z'),
      to: new Date('2026-12-31T16:00:00Z'),
    });
    expect(monthRange('2026-02').to.toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('puts 23:30 UTC on the last day of a month into the next local month', () => {
    expect(monthOf(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(monthOf(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
  });
});
