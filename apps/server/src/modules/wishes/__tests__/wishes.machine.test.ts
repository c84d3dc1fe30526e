import { describe, expect, it } from 'vitest';
import { canWish, WISH_ACTIONS, WISH_STATES, WISH_TRANSITIONS, wishTransition } from '../wishes.machine.ts';

/** Every (state, action) pair of the table, both ways. */
const EXPECTED: Record<string, Record<string, string | null>> = {
  collected: {
    batch: 'batched',
    classify: 'classified',
    assign: null,
    answer: null,
    convert: null,
    markIdea: null,
  },
  batched: { batch: null, classify: 'classified', assign: null, answer: null, convert: null, markIdea: null },
  classified: {
    batch: null,
    classify: 'classified',
    assign: 'tracking',
    answer: null,
    convert: 'classified',
    markIdea: 'classified',
  },
  tracking: {
    batch: null,
    classify: null,
    assign: 'tracking',
    answer: 'answered',
    convert: 'tracking',
    markIdea: 'tracking',
  },
  answered: {
    batch: null,
    classify: null,
    assign: null,
    answer: null,
    convert: 'answered',
    markIdea: 'answered',
  },
};

describe('wish machine', () => {
  for (const s of WISH_STATES)
    for (const a of WISH_ACTIONS) {
      const to = EXPECTED[s]![a];
      it(`${s} --${a}--> ${to ?? '✗'}`, () => {
        if (to === null) {
          expect(canWish(s, a)).toBe(false);
          expect(() => wishTransition(s, a)).toThrow(
            expect.objectContaining({ code: 'wish.invalid_transition' }),
          );
        } else {
          expect(canWish(s, a)).toBe(true);
          expect(wishTransition(s, a)).toBe(to);
        }
      });
    }

  it('refuses a second conversion', () => {
    for (const s of ['classified', 'tracking', 'answered'] as const) {
      expect(canWish(s, 'convert', { converted: true })).toBe(false);
      expect(() => wishTransition(s, 'convert', { converted: true })).toThrow(
        expect.objectContaining({ code: 'wish.already_converted' }),
      );
    }
  });

  it('has an entry for every state', () => {
    expect(Object.keys(WISH_TRANSITIONS).sort()).toEqual([...WISH_STATES].sort());
  });
});
