import type { PaymentStatus } from '@nuanxin/shared';

/**
 * The life of a charge, as a table: a pending charge is paid (a keeper confirms it at the counter)
 * or void (cancelled before paying); paid and void are final. A refund would be a new kind of
 * record, never a change of a paid charge.
 */
export const PAYMENT_ACTIONS = ['confirm', 'void'] as const;
export type PaymentAction = (typeof PAYMENT_ACTIONS)[number];

export const PAYMENT_TRANSITIONS: Readonly<
  Record<PaymentStatus, Partial<Record<PaymentAction, PaymentStatus>>>
> = {
  pending: { confirm: 'paid', void: 'void' },
  paid: {},
  void: {},
};

export function nextPaymentStatus(from: PaymentStatus, action: PaymentAction): PaymentStatus | null {
  return PAYMENT_TRANSITIONS[from][action] ?? null;
}

/** Asia/Shanghai month `YYYY-MM` → the instants [start, end). */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: new Date(`${month}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`) };
}

/** The Asia/Shanghai month of an instant. */
export function monthOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/** Asia/Shanghai day `YYYY-MM-DD` → [its start, the next day's start). */
export function dayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}
