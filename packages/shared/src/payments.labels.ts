/**
 * Payments and operating accounts (HUB-07, CAN-01): enumerations and their labels, without zod,
 * so app shells can import them cheaply (docs/contract-hub-canteen.md).
 */

export const PAYMENT_PURPOSES = ['lodging', 'meal_order', 'service'] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

export const PAYMENT_UNITS = ['night', 'meal', 'item'] as const;
export type PaymentUnit = (typeof PAYMENT_UNITS)[number];

export const PAYMENT_STATUSES = ['pending', 'paid', 'void'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** How a keeper was paid at the counter; `free` for a charge of 0 (subsidised or free meals). */
export const PAYMENT_METHODS = ['counter_cash', 'counter_qr', 'free'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const COUNTER_METHODS = ['counter_cash', 'counter_qr'] as const;
export type CounterMethod = (typeof COUNTER_METHODS)[number];

/** Lines of an operating account besides the payments (HUB-07 streams, CAN-01 funding). */
export const OPERATING_STREAMS = [
  'subsidy',
  'extended_service',
  'charity',
  'social_capital',
  'cost',
  'welfare_cost',
] as const;
export type OperatingStream = (typeof OPERATING_STREAMS)[number];
/** Streams that are money in; the others are money out. */
export const INCOME_STREAMS: readonly OperatingStream[] = [
  'subsidy',
  'extended_service',
  'charity',
  'social_capital',
];

export const PAYMENT_LABELS = {
  purpose: {
    lodging: { zh: '住宿', en: 'Lodging' },
    meal_order: { zh: '餐食', en: 'Meals' },
    service: { zh: '其他服务', en: 'Other services' },
  },
  unit: {
    night: { zh: '晚', en: 'nights' },
    meal: { zh: '份', en: 'meals' },
    item: { zh: '项', en: 'items' },
  },
  status: {
    pending: { zh: '待付款', en: 'To pay' },
    paid: { zh: '已付款', en: 'Paid' },
    void: { zh: '已作废', en: 'Void' },
  },
  method: {
    counter_cash: { zh: '现金', en: 'Cash' },
    counter_qr: { zh: '收款码', en: 'QR code' },
    free: { zh: '免费', en: 'Free' },
  },
  stream: {
    subsidy: { zh: '财政补贴', en: 'Fiscal subsidy' },
    extended_service: { zh: '延伸服务费用', en: 'Extended-service fees' },
    charity: { zh: '慈善助力', en: 'Charity' },
    social_capital: { zh: '社会资本', en: 'Social capital' },
    cost: { zh: '运营成本', en: 'Operating cost' },
    welfare_cost: { zh: '公益让利', en: 'Public-welfare discount' },
  },
} as const;

/** 1234 fen → "12.34"; whole yuan without decimals ("10"). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const y = Math.floor(abs / 100);
  const f = abs % 100;
  return f === 0 ? `${sign}${y}` : `${sign}${y}.${String(f).padStart(2, '0')}`;
}
