/**
 * Meals 餐食 (HUB-02, CAN-01, CAN-02): enums and their zh-CN / en labels, free of zod so the web
 * app's labels and the server's tables share one list.
 */

export const MEAL_PERIODS = ['breakfast', 'lunch', 'dinner'] as const;
export type MealPeriod = (typeof MEAL_PERIODS)[number];

export const MEAL_ITEM_KINDS = ['set', 'dish', 'staple', 'drink'] as const;
export type MealItemKind = (typeof MEAL_ITEM_KINDS)[number];

export const MEAL_CUSTOMER_CATEGORIES = ['worker', 'resident'] as const;
export type MealCustomerCategory = (typeof MEAL_CUSTOMER_CATEGORIES)[number];

export const MEAL_ORDER_MODES = ['eat_in', 'take_away'] as const;
export type MealOrderMode = (typeof MEAL_ORDER_MODES)[number];

export const MEAL_ORDER_STATUSES = ['placed', 'served', 'collected', 'cancelled'] as const;
export type MealOrderStatus = (typeof MEAL_ORDER_STATUSES)[number];

/** Length of an eat-in seating slot, in minutes. */
export const MEAL_SLOT_MINUTES = 30;
/** Largest party one eat-in order seats, and most portions of one item per order. */
export const MEAL_MAX_PARTY = 20;
export const MEAL_MAX_QUANTITY = 20;

export const MEAL_LABELS_ZH = {
  period: { breakfast: '早餐', lunch: '午餐', dinner: '晚餐' },
  kind: { set: '套餐', dish: '菜品', staple: '主食', drink: '饮品' },
  category: { worker: '新就业群体', resident: '周边居民' },
  mode: { eat_in: '堂食', take_away: '外带' },
  status: { placed: '已下单', served: '已就餐', collected: '已取餐', cancelled: '已取消' },
} as const satisfies MealLabels;

export const MEAL_LABELS_EN = {
  period: { breakfast: 'Breakfast', lunch: 'Lunch', dinner: 'Dinner' },
  kind: { set: 'Set meal', dish: 'Dish', staple: 'Staple', drink: 'Drink' },
  category: { worker: 'Worker', resident: 'Resident' },
  mode: { eat_in: 'Eat in', take_away: 'Take away' },
  status: { placed: 'Placed', served: 'Served', collected: 'Collected', cancelled: 'Cancelled' },
} as const satisfies MealLabels;

export interface MealLabels {
  period: Record<MealPeriod, string>;
  kind: Record<MealItemKind, string>;
  category: Record<MealCustomerCategory, string>;
  mode: Record<MealOrderMode, string>;
  status: Record<MealOrderStatus, string>;
}
