import type { DeliveryStatus } from '@nuanxin/shared';

/**
 * The state machine of a meal delivery (CAN-05), as one pure table:
 *
 *   requested ──claim / assign──▶ claimed ──deliver (code)──▶ delivered ──confirm──▶ confirmed
 *       ▲                           │  │                          ▲
 *       └────────release────────────┘  └──────handle (staff)──────┤
 *   requested ──handle (staff)────────────────────────────────────┘
 *   requested | claimed ──cancel──▶ cancelled
 *
 * `pickup` keeps the state (claimed) and marks the meal collected at the canteen; `release` is
 * only possible before that. `deliver` needs the resident's code and an entry not locked.
 */
export const DELIVERY_ACTIONS = [
  'claim',
  'assign',
  'release',
  'pickup',
  'deliver',
  'handle',
  'confirm',
  'cancel',
] as const;
export type DeliveryAction = (typeof DELIVERY_ACTIONS)[number];

/** What the guards look at besides the state. */
export interface DeliveryContext {
  pickedUp: boolean;
  codeLocked: boolean;
}

interface Rule {
  from: readonly DeliveryStatus[];
  to: DeliveryStatus;
  guard?: (c: DeliveryContext) => boolean;
}

export const DELIVERY_TRANSITIONS: Record<DeliveryAction, Rule> = {
  claim: { from: ['requested'], to: 'claimed' },
  assign: { from: ['requested'], to: 'claimed' },
  release: { from: ['claimed'], to: 'requested', guard: (c) => !c.pickedUp },
  pickup: { from: ['claimed'], to: 'claimed', guard: (c) => !c.pickedUp },
  deliver: { from: ['claimed'], to: 'delivered', guard: (c) => !c.codeLocked },
  handle: { from: ['requested', 'claimed'], to: 'delivered' },
  confirm: { from: ['delivered'], to: 'confirmed' },
  cancel: { from: ['requested', 'claimed'], to: 'cancelled' },
};

export const NO_CONTEXT: DeliveryContext = { pickedUp: false, codeLocked: false };

/** Whether `action` is possible from `state` (the machine only; who may act is the policy's). */
export function canDelivery(
  action: DeliveryAction,
  state: DeliveryStatus,
  ctx: DeliveryContext = NO_CONTEXT,
) {
  const rule = DELIVERY_TRANSITIONS[action];
  return rule.from.includes(state) && (rule.guard?.(ctx) ?? true);
}

/** The state after `action`, or null when it is not possible. */
export function nextDeliveryState(
  action: DeliveryAction,
  state: DeliveryStatus,
  ctx: DeliveryContext = NO_CONTEXT,
): DeliveryStatus | null {
  return canDelivery(action, state, ctx) ? DELIVERY_TRANSITIONS[action].to : null;
}

/** States nothing leaves. */
export const FINAL_DELIVERY_STATES: readonly DeliveryStatus[] = ['confirmed', 'cancelled'];
