import type { PaymentPurpose } from '@nuanxin/shared';

/** What a payment event carries: the module owning `refId` reacts to its own purpose. */
export interface PaymentEventPayload {
  paymentId: string;
  stationId: string;
  purpose: PaymentPurpose;
  refId: string;
  amountFen: number;
}

declare module '../../platform/events/events.ts' {
  interface EventMap {
    'payment.paid': PaymentEventPayload;
    'payment.voided': PaymentEventPayload;
  }
}

export const PAYMENT_EVENTS = ['payment.paid', 'payment.voided'] as const;
