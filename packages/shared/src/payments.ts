import { z } from 'zod';
import {
  COUNTER_METHODS,
  OPERATING_STREAMS,
  PAYMENT_METHODS,
  PAYMENT_PURPOSES,
  PAYMENT_STATUSES,
  PAYMENT_UNITS,
} from './payments.labels.ts';

/**
 * Request and reply schemas of payments and operating accounts (HUB-07, CAN-01;
 * docs/contract-hub-canteen.md). Money is integer fen (分).
 */

const fen = z.number().int().describe('Amount in fen (分); 100 fen = 1 yuan');
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month')
  .describe('Month, YYYY-MM (Asia/Shanghai)');

export const paymentSchema = z.object({
  id: z.uuid(),
  stationId: z.uuid(),
  stationName: z.string(),
  purpose: z.enum(PAYMENT_PURPOSES),
  refId: z.uuid().describe('The booking, order… the charge is for'),
  description: z.string(),
  quantity: z.number().int(),
  unit: z.enum(PAYMENT_UNITS),
  amountFen: fen,
  status: z.enum(PAYMENT_STATUSES),
  method: z.enum(PAYMENT_METHODS).nullable(),
  paidAt: z.iso.datetime().nullable(),
  voidReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  instructions: z.string().describe('What the payer does, in Chinese (the provider’s text)'),
});
export type PaymentDto = z.infer<typeof paymentSchema>;

export const paymentIdParams = z.object({ id: z.uuid() });

export const stationPaymentsQuery = z.object({
  status: z.enum(PAYMENT_STATUSES).optional(),
  purpose: z.enum(PAYMENT_PURPOSES).optional(),
  from: z.iso.date().optional().describe('Created on or after this day (Asia/Shanghai)'),
  to: z.iso.date().optional().describe('Created on or before this day (Asia/Shanghai)'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type StationPaymentsQuery = z.infer<typeof stationPaymentsQuery>;

export const paymentsReply = z.object({
  items: z.array(paymentSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pendingFen: fen.describe('Sum of the pending charges matching the filter'),
});
export type PaymentsReply = z.infer<typeof paymentsReply>;

export const myPaymentsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const confirmPaymentBody = z.object({
  method: z.enum(COUNTER_METHODS).describe('counter_cash 现金 or counter_qr 收款码'),
});
export type ConfirmPaymentInput = z.infer<typeof confirmPaymentBody>;

export const voidPaymentBody = z.object({
  reason: z.string().trim().min(2).max(200).describe('Why the charge is void'),
});

// ---------------------------------------------------------------------------------------------
// Operating accounts 运营账目 (HUB-07)

export const accountsQuery = z.object({ month });
export type AccountsQuery = z.infer<typeof accountsQuery>;

export const operatingEntrySchema = z.object({
  id: z.uuid(),
  month,
  stream: z.enum(OPERATING_STREAMS),
  amountFen: fen,
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type OperatingEntryDto = z.infer<typeof operatingEntrySchema>;

export const createOperatingEntryBody = z.object({
  month,
  stream: z.enum(OPERATING_STREAMS),
  amountFen: fen.min(1).max(1_000_000_000),
  note: z.string().trim().max(200).optional(),
});
export type CreateOperatingEntryInput = z.infer<typeof createOperatingEntryBody>;

export const operatingEntryParams = z.object({ id: z.uuid(), entryId: z.uuid() });

export const accountsReply = z.object({
  stationId: z.uuid(),
  stationName: z.string(),
  month,
  income: z
    .array(
      z.object({
        purpose: z.enum(PAYMENT_PURPOSES),
        amountFen: fen,
        count: z.number().int().describe('Paid charges'),
        quantity: z.number().int().describe('Nights, meals or items paid for'),
      }),
    )
    .describe('Paid charges of the month by purpose (基础设施有偿服务 and meals)'),
  pendingFen: fen.describe('Charges of the month still to be paid'),
  entries: z.array(operatingEntrySchema),
  totals: z.object({
    paidServicesFen: fen,
    otherIncomeFen: fen.describe('Subsidies, extended-service fees, charity, social capital'),
    costFen: fen.describe('Operating cost and public-welfare discounts'),
    balanceFen: fen.describe('paid services + other income − cost'),
    selfFundedShare: z
      .number()
      .nullable()
      .describe('Paid services ÷ cost (null without cost lines): how far fees carry the station'),
  }),
  actions: z.object({ addEntry: z.boolean() }),
});
export type AccountsReply = z.infer<typeof accountsReply>;
