import { AppError } from '../../platform/http/errors.ts';
import { WISH_STATES, type WishState } from './wishes.tables.ts';

/**
 * A wish's life 日常收集 → 每周汇总 → 分类梳理 → 定员跟踪 → 定期反馈 as one pure table. `batch` is
 * the Monday job's move; staff may classify a wish before its batch (it is still counted in the
 * week's batch). `convert` (to an appeal) and `markIdea` (activity idea) are overlays that keep
 * the state.
 */

export const WISH_ACTIONS = ['batch', 'classify', 'assign', 'answer', 'convert', 'markIdea'] as const;
export type WishAction = (typeof WISH_ACTIONS)[number];
/** Actions a person takes (the batch is the job's). */
export const WISH_USER_ACTIONS = ['classify', 'assign', 'answer', 'convert', 'markIdea'] as const;
export type WishUserAction = (typeof WISH_USER_ACTIONS)[number];

export type WishGuard = 'notConverted';

export interface WishContext {
  converted?: boolean;
}

interface Rule {
  to: WishState;
  guards?: readonly WishGuard[];
}

const convert: Rule = { to: 'classified', guards: ['notConverted'] };
const overlay = (s: WishState): Partial<Record<WishAction, Rule>> => ({
  convert: { ...convert, to: s },
  markIdea: { to: s },
});

export const WISH_TRANSITIONS: Readonly<Record<WishState, Partial<Record<WishAction, Rule>>>> = {
  collected: { batch: { to: 'batched' }, classify: { to: 'classified' } },
  batched: { classify: { to: 'classified' } },
  classified: { classify: { to: 'classified' }, assign: { to: 'tracking' }, ...overlay('classified') },
  tracking: { assign: { to: 'tracking' }, answer: { to: 'answered' }, ...overlay('tracking') },
  answered: overlay('answered'),
};

export { WISH_STATES };

export class WishTransitionError extends AppError {
  constructor(from: WishState, action: WishAction, guard: WishGuard | null) {
    super(
      guard === 'notConverted' ? 'wish.already_converted' : 'wish.invalid_transition',
      guard ? `Cannot ${action} (${guard})` : `Cannot ${action} a wish that is ${from}`,
      { from, action, ...(guard ? { guard } : {}) },
    );
  }
}

const GUARDS: Record<WishGuard, (c: WishContext) => boolean> = {
  notConverted: (c) => !c.converted,
};

export function canWish(state: WishState, action: WishAction, ctx: WishContext = {}): boolean {
  const rule = WISH_TRANSITIONS[state][action];
  return rule !== undefined && (rule.guards ?? []).every((g) => GUARDS[g](ctx));
}

/** The next state; throws {@link WishTransitionError} when not allowed. */
export function wishTransition(state: WishState, action: WishAction, ctx: WishContext = {}): WishState {
  const rule = WISH_TRANSITIONS[state][action];
  if (!rule) throw new WishTransitionError(state, action, null);
  for (const g of rule.guards ?? []) if (!GUARDS[g](ctx)) throw new WishTransitionError(state, action, g);
  return rule.to;
}
