import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/errors.ts';
import { canTransition, GRN_TERMINAL_STATES, GRN_TRANSITIONS, nextState } from '../green-channel.machine.ts';
import { GRN_ACTIONS, GRN_STATES, type GrnAction, type GrnState } from '../green-channel.types.ts';

/** The expected table, written out once more by hand: every (state, action) pair is checked. */
const EXPECTED: Record<GrnState, Partial<Record<GrnAction, GrnState>>> = {
  submitted: { review: 'reviewed', reject: 'rejected' },
  reviewed: { sendNotice: 'notice_sent', reject: 'rejected' },
  notice_sent: { answer: 'answered' },
  answered: { close: 'closed' },
  rejected: {},
  closed: {},
};

describe('green channel state machine', () => {
  const pairs = GRN_STATES.flatMap((s) => GRN_ACTIONS.map((a) => [s, a] as const));

  it.each(pairs)('%s × %s', (state, action) => {
    const to = EXPECTED[state][action];
    expect(canTransition(state, action)).toBe(to !== undefined);
    if (to) expect(nextState(state, action)).toBe(to);
    else {
      try {
        nextState(state, action);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe('green_channel.invalid_transition');
      }
    }
  });

  it('covers every state, and only rejected and closed are terminal', () => {
    expect(Object.keys(GRN_TRANSITIONS).sort()).toEqual([...GRN_STATES].sort());
    expect([...GRN_TERMINAL_STATES].sort()).toEqual(['closed', 'rejected']);
  });

  it('reaches closed from submitted only through the platform’s answer', () => {
    let s: GrnState = 'submitted';
    for (const a of ['review', 'sendNotice', 'answer', 'close'] as const) s = nextState(s, a);
    expect(s).toBe('closed');
    const withoutAnswer = GRN_STATES.filter((st) => st !== 'notice_sent').some(
      (st) => GRN_TRANSITIONS[st].answer !== undefined,
    );
    expect(withoutAnswer).toBe(false);
  });
});
