import { APPEAL_STATES, type AppealState } from '@nuanxin/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AppealTransitionError,
  MACHINE_ACTIONS,
  type MachineAction,
  TERMINAL_STATES,
  transition,
} from '../appeals.machine.ts';

/** The whole table, written out: state → action → next state (guards passing). */
const EXPECTED: Record<AppealState, Partial<Record<MachineAction, AppealState>>> = {
  submitted: {
    accept: 'accepted',
    refuse: 'refused',
    dispatch: 'dispatched',
    markDuplicate: 'duplicate',
    supervise: 'submitted',
  },
  accepted: {
    dispatch: 'dispatched',
    terminate: 'terminated',
    markDuplicate: 'duplicate',
    supervise: 'accepted',
  },
  dispatched: { sign: 'handling', return: 'returned', terminate: 'terminated', supervise: 'dispatched' },
  returned: {
    redispatch: 'dispatched',
    insist: 'dispatched',
    terminate: 'terminated',
    supervise: 'returned',
  },
  handling: {
    progress: 'handling',
    extend: 'handling',
    approveExtension: 'handling',
    resolve: 'resolved',
    terminate: 'terminated',
    supervise: 'handling',
  },
  resolved: { visit: 'visited', noAnswer: 'visited' },
  visited: { close: 'closed' },
  closed: {},
  refused: {},
  terminated: {},
  duplicate: {},
};

/** A context under which every guard passes for the action. */
const passing = (action: MachineAction) =>
  action === 'approveExtension'
    ? { hasPendingExtension: true }
    : action === 'visit'
      ? { satisfaction: 'satisfied' as const }
      : {};

describe('appeals machine', () => {
  const pairs = APPEAL_STATES.flatMap((s) => MACHINE_ACTIONS.map((a) => [s, a] as const));

  it('covers every (state, action) pair', () => {
    expect(pairs).toHaveLength(APPEAL_STATES.length * MACHINE_ACTIONS.length);
  });

  it.each(pairs)('%s × %s', (state, action) => {
    const next = EXPECTED[state][action];
    if (next) expect(transition(state, action, passing(action))).toBe(next);
    else {
      expect(() => transition(state, action, passing(action))).toThrow(AppealTransitionError);
      try {
        transition(state, action, passing(action));
      } catch (e) {
        expect((e as AppealTransitionError).code).toBe('appeal.invalid_transition');
        expect((e as AppealTransitionError).status).toBe(409);
      }
    }
  });

  it('terminal states are exactly closed, refused, terminated and duplicate', () => {
    expect([...TERMINAL_STATES].sort()).toEqual(['closed', 'duplicate', 'refused', 'terminated']);
  });

  it('unsatisfied visit reopens to handling (重办)', () => {
    expect(transition('resolved', 'visit', { satisfaction: 'unsatisfied' })).toBe('handling');
    expect(transition('resolved', 'visit', { satisfaction: 'basically_satisfied' })).toBe('visited');
  });

  it('guards: one pending extension, before the deadline, and a pending one to decide', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AppealTransitionError).code;
      }
      return null;
    };
    expect(code(() => transition('handling', 'extend', { hasPendingExtension: true }))).toBe(
      'appeal.extension_pending',
    );
    expect(code(() => transition('handling', 'extend', { pastDeadline: true }))).toBe('appeal.past_deadline');
    expect(code(() => transition('handling', 'approveExtension', {}))).toBe('appeal.no_extension_pending');
    expect(code(() => transition('resolved', 'visit', {}))).toBe('common.validation');
  });

  it('random action sequences never reach an unknown state; terminal states accept nothing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            action: fc.constantFrom(...MACHINE_ACTIONS),
            pending: fc.boolean(),
            late: fc.boolean(),
            satisfaction: fc.constantFrom('satisfied', 'basically_satisfied', 'unsatisfied', 'no_answer'),
          }),
          { maxLength: 60 },
        ),
        (steps) => {
          let state: AppealState = 'submitted';
          for (const s of steps) {
            const before = state;
            try {
              state = transition(state, s.action, {
                hasPendingExtension: s.pending,
                pastDeadline: s.late,
                satisfaction: s.satisfaction as 'satisfied',
              });
            } catch (e) {
              if (!(e instanceof AppealTransitionError)) throw e;
              expect(state).toBe(before);
            }
            expect(APPEAL_STATES).toContain(state);
            if (TERMINAL_STATES.includes(before)) expect(state).toBe(before);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
