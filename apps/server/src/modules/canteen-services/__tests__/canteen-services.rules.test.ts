import { PROXY_ACTIONS, PROXY_STATUSES, type ProxyAction, type ProxyStatus } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import {
  ageFits,
  containsIdNumber,
  freePlaces,
  isFinalProxyStatus,
  localDate,
  localInstant,
  mayCancelRegistration,
  mayMarkAttendance,
  maySeeProxy,
  nextProxyStatus,
  proxyActionsFor,
  sessionStarted,
} from '../canteen-services.policy.ts';

/**
 * CAN-03: the 政务代办 state machine, every (state, action) pair against a table written out
 * here independently of the implementation; CAN-04: the childcare clock and places.
 */
const EXPECTED: Record<ProxyStatus, Record<ProxyAction, ProxyStatus | null>> = {
  received: { take: 'in_progress', complete: null, return: null, reject: 'rejected' },
  in_progress: { take: null, complete: 'done', return: null, reject: 'rejected' },
  done: { take: null, complete: null, return: 'returned', reject: null },
  returned: { take: null, complete: null, return: null, reject: null },
  rejected: { take: null, complete: null, return: null, reject: null },
};

describe('CAN-03 proxy request transitions', () => {
  for (const from of PROXY_STATUSES)
    for (const action of PROXY_ACTIONS)
      it(`${from} --${action}--> ${EXPECTED[from][action] ?? '(refused)'}`, () => {
        expect(nextProxyStatus(from, action)).toBe(EXPECTED[from][action]);
      });

  it('covers every status and action in the expected table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PROXY_STATUSES].sort());
    for (const s of PROXY_STATUSES)
      expect(Object.keys(EXPECTED[s]).sort()).toEqual([...PROXY_ACTIONS].sort());
  });

  it('returned and rejected are final; the others are not', () => {
    expect(PROXY_STATUSES.filter(isFinalProxyStatus).sort()).toEqual(['rejected', 'returned']);
  });

  it('every status is reachable from received', () => {
    const seen = new Set<ProxyStatus>(['received']);
    const queue: ProxyStatus[] = ['received'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const a of PROXY_ACTIONS) {
        const n = nextProxyStatus(s, a);
        if (n && !seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    expect([...seen].sort()).toEqual([...PROXY_STATUSES].sort());
  });

  it('offers the handler (keep) exactly the table’s moves, and nothing to others', () => {
    const requester = { userId: 'u1', keep: false, read: false };
    const keeper = { userId: 'k1', keep: true, read: true };
    const reader = { userId: 'r1', keep: false, read: true };
    for (const status of PROXY_STATUSES) {
      const facts = { status, requesterUserId: 'u1' };
      const allowed = PROXY_ACTIONS.filter((a) => EXPECTED[status][a] !== null);
      expect(proxyActionsFor(keeper, facts).sort()).toEqual([...allowed].sort());
      expect(proxyActionsFor(requester, facts)).toEqual([]);
      expect(proxyActionsFor(reader, facts)).toEqual([]);
    }
  });

  it('shows a request to its requester and the station’s keepers and readers only', () => {
    const facts = { status: 'received' as const, requesterUserId: 'u1' };
    expect(maySeeProxy({ userId: 'u1', keep: false, read: false }, facts)).toBe(true);
    expect(maySeeProxy({ userId: 'u2', keep: false, read: false }, facts)).toBe(false);
    expect(maySeeProxy({ userId: 'k', keep: true, read: false }, facts)).toBe(true);
    expect(maySeeProxy({ userId: 'r', keep: false, read: true }, facts)).toBe(true);
    // A resident's request has no requester account: nobody matches by id.
    expect(maySeeProxy({ userId: 'u1', keep: false, read: false }, { ...facts, requesterUserId: null })).toBe(
      false,
    );
  });

  it('spots ID numbers in text (18 and 15 characters, full-width digits) but not phones', () => {
    expect(containsIdNumber('身份证 51110219900101123X')).toBe(true);
    expect(containsIdNumber('511102199001011234')).toBe(true);
    expect(containsIdNumber('５１１１０２１９９００１０１１２３４')).toBe(true);
    expect(containsIdNumber('旧证 511102900101123')).toBe(true);
    expect(containsIdNumber('电话 13900000001')).toBe(false);
    expect(containsIdNumber('身份证复印件 2 份')).toBe(false);
    expect(containsIdNumber(null)).toBe(false);
  });
});

describe('CAN-04 childcare clock and places', () => {
  it('reads HH:MM on a local day as Asia/Shanghai', () => {
    expect(localInstant('2026-10-01', '08:30').toISOString()).toBe('2026-10-01T00:30:00.000Z');
    expect(localInstant('2026-10-01', '06:00').toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(localDate(new Date('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
    expect(localDate(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
  });

  const s = { date: '2026-10-02', starts: '08:30', status: 'open' as const };
  const before = new Date('2026-10-02T00:29:59Z'); // 08:29:59 local
  const at = new Date('2026-10-02T00:30:00Z'); // 08:30 local

  it('a session starts at its start time, not before', () => {
    expect(sessionStarted(s, before)).toBe(false);
    expect(sessionStarted(s, at)).toBe(true);
  });

  it('a parent cancels a registered child until the session starts', () => {
    expect(mayCancelRegistration({ status: 'registered' }, s, before)).toBe(true);
    expect(mayCancelRegistration({ status: 'registered' }, s, at)).toBe(false);
    expect(mayCancelRegistration({ status: 'attended' }, s, before)).toBe(false);
    expect(mayCancelRegistration({ status: 'cancelled' }, s, before)).toBe(false);
    expect(mayCancelRegistration({ status: 'registered' }, { ...s, status: 'cancelled' }, before)).toBe(
      false,
    );
  });

  it('attendance is marked from the session’s local day on', () => {
    const dayBefore = new Date('2026-10-01T15:59:00Z'); // 23:59 on 10-01 local
    const sameDay = new Date('2026-10-01T16:00:00Z'); // 00:00 on 10-02 local
    expect(mayMarkAttendance({ status: 'registered' }, s, dayBefore)).toBe(false);
    expect(mayMarkAttendance({ status: 'registered' }, s, sameDay)).toBe(true);
    expect(mayMarkAttendance({ status: 'attended' }, s, new Date('2026-10-05T00:00:00Z'))).toBe(true);
    expect(mayMarkAttendance({ status: 'cancelled' }, s, sameDay)).toBe(false);
    expect(mayMarkAttendance({ status: 'registered' }, { ...s, status: 'cancelled' }, sameDay)).toBe(false);
  });

  it('counts free places and never below zero', () => {
    expect(freePlaces(20, 0)).toBe(20);
    expect(freePlaces(20, 20)).toBe(0);
    expect(freePlaces(20, 23)).toBe(0);
  });

  it('an age fits within the inclusive range', () => {
    const range = { ageMin: 3, ageMax: 12 };
    expect([2, 3, 12, 13].map((a) => ageFits(a, range))).toEqual([false, true, true, false]);
  });
});
