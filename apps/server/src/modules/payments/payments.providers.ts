import type { PaymentMethod } from '@nuanxin/shared';

/**
 * How a charge gets paid. The built-in provider is the counter: the payer pays the keeper in cash
 * or scans the QR code the keeper shows, and the keeper confirms it in the console. An online
 * provider (a bank or wallet) would implement `start` with its own instructions or payment link and
 * confirm through a webhook route of its own; none is built, so `provider` is always `counter`.
 */
export interface PaymentProvider {
  id: string;
  /** Methods a keeper may record for this provider. */
  methods: readonly PaymentMethod[];
  /** What the payer sees for a pending charge (Chinese; the UI shows it as is). */
  instructions(amountFen: number): string;
}

export const counterProvider: PaymentProvider = {
  id: 'counter',
  methods: ['counter_cash', 'counter_qr'],
  instructions: (amountFen) =>
    amountFen === 0 ? '免费，无需付款' : '请到前台付款：现金或扫描店员出示的收款码，店员确认后即完成。',
};

const providers = new Map<string, PaymentProvider>([[counterProvider.id, counterProvider]]);

export function providerOf(id: string): PaymentProvider {
  return providers.get(id) ?? counterProvider;
}
