import { z } from 'zod';
import {
  MEAL_CUSTOMER_CATEGORIES,
  MEAL_ITEM_KINDS,
  MEAL_MAX_PARTY,
  MEAL_MAX_QUANTITY,
  MEAL_ORDER_MODES,
  MEAL_ORDER_STATUSES,
  MEAL_PERIODS,
} from './meals.labels.ts';
import { paymentSchema } from './payments.ts';

/**
 * Request and reply schemas of meals 餐食: menus per station, day and period, orders with an
 * eat-in seat slot or a take-away pickup time, sales tallies (HUB-02, CAN-01, CAN-02;
 * docs/contract-hub-canteen.md). Money is integer fen (分), dates `YYYY-MM-DD` and times `HH:MM`
 * in Asia/Shanghai.
 */

const fen = z.number().int().min(0).max(10_000_000).describe('Amount in fen (分); 100 fen = 1 yuan');
export const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time')
  .describe('Local time HH:MM (Asia/Shanghai)');
const isoDay = z.iso.date().describe('Day, YYYY-MM-DD (Asia/Shanghai)');

// ---- menus ------------------------------------------------------------------------------------

export const mealItemSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(MEAL_ITEM_KINDS),
  description: z.string().nullable().describe('e.g. 两荤一素'),
  priceWorkerFen: fen,
  priceResidentFen: fen,
  portions: z.number().int().nullable().describe('Limit of portions; null = no limit'),
  portionsLeft: z.number().int().nullable().describe('Portions still to order; null = no limit'),
  sort: z.number().int(),
});
export type MealItemDto = z.infer<typeof mealItemSchema>;

export const mealSlotSchema = z.object({
  start: hhmm,
  end: hhmm,
  seats: z.number().int().nullable().describe('Seats of the station; null = no seat limit'),
  taken: z.number().int().describe('Seats reserved by eat-in orders in this slot'),
  free: z.number().int().nullable().describe('null = no seat limit'),
  past: z.boolean().describe('The slot is over (no more orders)'),
});
export type MealSlotDto = z.infer<typeof mealSlotSchema>;

export const mealMenuSchema = z.object({
  id: z.uuid(),
  stationId: z.uuid(),
  date: isoDay,
  period: z.enum(MEAL_PERIODS),
  opens: hhmm,
  closes: hhmm,
  published: z.boolean(),
  version: z.number().int(),
  items: z.array(mealItemSchema),
  slots: z.array(mealSlotSchema),
  orderable: z.boolean().describe('Published, today or tomorrow and not yet closed'),
});
export type MealMenuDto = z.infer<typeof mealMenuSchema>;

export const stationMealsParams = z.object({ id: z.uuid().describe('Station id') });
export const mealMenuIdParams = z.object({ menuId: z.uuid() });
export const mealOrderIdParams = z.object({ id: z.uuid() });
export const stationMealMenuParams = z.object({
  id: z.uuid().describe('Station id'),
  date: isoDay,
  period: z.enum(MEAL_PERIODS),
});

/** The worker app's view: today's and tomorrow's published menus. */
export const stationMealsReply = z.object({
  station: z.object({
    id: z.uuid(),
    name: z.string(),
    kind: z.string(),
    seats: z.number().int().nullable().describe('Seats (station_capacity `seats`); null = no limit'),
  }),
  today: isoDay,
  myCategory: z.enum(MEAL_CUSTOMER_CATEGORIES).nullable().describe('The price the actor pays'),
  menus: z.array(mealMenuSchema),
});
export type StationMealsReply = z.infer<typeof stationMealsReply>;

export const mealDayQuery = z.object({ date: isoDay.optional().describe('Default: today') });

export const mealDayReply = z.object({
  date: isoDay,
  seats: z.number().int().nullable(),
  menus: z.array(mealMenuSchema),
  actions: z.object({ edit: z.boolean(), keep: z.boolean() }),
});
export type MealDayReply = z.infer<typeof mealDayReply>;

export const mealItemInput = z.object({
  id: z.uuid().optional().describe('An existing item of this menu; absent for a new one'),
  name: z.string().trim().min(1).max(60),
  kind: z.enum(MEAL_ITEM_KINDS).default('dish'),
  description: z.string().trim().max(200).nullish(),
  priceWorkerFen: fen,
  priceResidentFen: fen,
  portions: z.number().int().min(0).max(100_000).nullish().describe('Limit; null = no limit'),
});
export type MealItemInput = z.input<typeof mealItemInput>;

export const putMealMenuBody = z
  .object({
    opens: hhmm,
    closes: hhmm,
    published: z.boolean().default(false),
    version: z.number().int().min(0).default(0).describe('As read; 0 for a new menu'),
    items: z.array(mealItemInput).max(60),
  })
  .refine((b) => b.opens < b.closes, { message: 'closes_before_opens', path: ['closes'] });
export type PutMealMenuInput = z.input<typeof putMealMenuBody>;

export const copyMealDayBody = z
  .object({ from: isoDay, to: isoDay })
  .refine((b) => b.from !== b.to, { message: 'same_day', path: ['to'] });
export type CopyMealDayInput = z.infer<typeof copyMealDayBody>;

export const copyMealDayReply = z.object({
  copied: z.array(z.enum(MEAL_PERIODS)),
  skipped: z.array(z.enum(MEAL_PERIODS)).describe('Periods the target day already had'),
});

// ---- orders -----------------------------------------------------------------------------------

export const createMealOrderBody = z
  .object({
    mode: z.enum(MEAL_ORDER_MODES),
    slotStart: hhmm.optional().describe('Eat-in: the 30-minute slot'),
    pickupAt: hhmm.optional().describe('Take-away: within the period'),
    partySize: z.number().int().min(1).max(MEAL_MAX_PARTY).default(1),
    lines: z
      .array(z.object({ itemId: z.uuid(), quantity: z.number().int().min(1).max(MEAL_MAX_QUANTITY) }))
      .min(1)
      .max(30),
    customerCategory: z
      .enum(MEAL_CUSTOMER_CATEGORIES)
      .optional()
      .describe('Counter orders by a keeper only; a worker always orders as worker'),
    customerName: z
      .string()
      .trim()
      .min(1)
      .max(30)
      .optional()
      .describe('Counter orders: how to call the customer'),
  })
  .refine((b) => (b.mode === 'eat_in' ? !!b.slotStart : !!b.pickupAt), {
    message: 'slot_or_pickup_required',
    path: ['slotStart'],
  });
export type CreateMealOrderInput = z.input<typeof createMealOrderBody>;

export const mealOrderLineSchema = z.object({
  itemId: z.uuid(),
  name: z.string(),
  kind: z.enum(MEAL_ITEM_KINDS),
  quantity: z.number().int(),
  unitPriceFen: fen,
});

export const mealOrderSchema = z.object({
  id: z.uuid(),
  number: z.number().int().describe('Counter number within the menu (取餐号)'),
  stationId: z.uuid(),
  stationName: z.string(),
  menuId: z.uuid(),
  date: isoDay,
  period: z.enum(MEAL_PERIODS),
  customerCategory: z.enum(MEAL_CUSTOMER_CATEGORIES),
  customerName: z.string().nullable(),
  mine: z.boolean(),
  mode: z.enum(MEAL_ORDER_MODES),
  slotStart: hhmm.nullable(),
  pickupAt: hhmm.nullable(),
  partySize: z.number().int(),
  status: z.enum(MEAL_ORDER_STATUSES),
  totalFen: fen,
  meals: z.number().int().describe('Portions ordered (the charge quantity)'),
  lines: z.array(mealOrderLineSchema),
  payment: paymentSchema.nullable(),
  createdAt: z.iso.datetime(),
  servedAt: z.iso.datetime().nullable(),
  cancelledAt: z.iso.datetime().nullable(),
  actions: z.object({ cancel: z.boolean(), serve: z.boolean() }),
});
export type MealOrderDto = z.infer<typeof mealOrderSchema>;

export const myMealOrdersReply = z.object({ items: z.array(mealOrderSchema) });

export const cancelMealOrderBody = z.object({ reason: z.string().trim().max(200).optional() });

export const mealBoardQuery = z.object({
  date: isoDay.optional().describe('Default: today'),
  period: z.enum(MEAL_PERIODS).optional(),
});

export const mealBoardReply = z.object({
  date: isoDay,
  seats: z.number().int().nullable(),
  menus: z.array(
    z.object({
      id: z.uuid(),
      period: z.enum(MEAL_PERIODS),
      opens: hhmm,
      closes: hhmm,
      published: z.boolean(),
      slots: z.array(mealSlotSchema),
    }),
  ),
  orders: z.array(mealOrderSchema),
});
export type MealBoardReply = z.infer<typeof mealBoardReply>;

export const mealSalesQuery = z.object({
  from: isoDay.optional().describe('Default: 6 days before `to`'),
  to: isoDay.optional().describe('Default: today'),
});

const tally = z.object({
  orders: z.number().int(),
  setMeals: z.number().int().describe('Set meals 套餐 sold'),
  portions: z.number().int(),
  amountFen: fen,
});

export const mealSalesReply = z.object({
  from: isoDay,
  to: isoDay,
  days: z.array(
    tally.extend({
      date: isoDay,
      byCategory: z.object({ worker: tally, resident: tally }),
    }),
  ),
  total: tally.extend({ byCategory: z.object({ worker: tally, resident: tally }) }),
});
export type MealSalesReply = z.infer<typeof mealSalesReply>;
