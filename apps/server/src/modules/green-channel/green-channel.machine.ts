import { AppError } from '../../platform/http/errors.ts';
import { GRN_STATES, type GrnAction, type GrnState } from './green-channel.types.ts';

/**
 * The claim's life as one pure table: submitted → reviewed (or rejected by the officer) →
 * notice_sent → answered (by the platform) → closed. No I/O and no "who": that is the policy.
 */
export const GRN_TRANSITIONS: Readonly<Record<GrnState, Partial<Record<GrnAction, GrnState>>>> = {
  submitted: { review: 'reviewed', reject: 'rejected' },
  reviewed: { sendNotice: 'notice_sent', reject: 'rejected' },
  notice_sent: { answer: 'answered' },
  answered: { close: 'closed' },
  rejected: {},
  closed: {},
};

export const GRN_TERMINAL_STATES: readonly GrnState[] = GRN_STATES.filter(
  (s) => Object.keys(GRN_TRANSITIONS[s]).length === 0,
);

export function canTransition(state: GrnState, action: GrnAction): boolean {
  return GRN_TRANSITIONS[state][action] !== undefined;
}

/** The next state; throws `green_channel.invalid_transition` (409) when not allowed. */
export function nextState(state: GrnState, action: GrnAction): GrnState {
  const to = GRN_TRANSITIONS[state][action];
  if (!to)
    throw new AppError('green_channel.invalid_transition', `Cannot ${action} a claim that is ${state}`, {
      from: state,
      action,
    });
  return to;
}
