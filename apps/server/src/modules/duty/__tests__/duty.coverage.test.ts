import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escalationChain, isOffHours, uncoveredIntervals } from '../duty.coverage.ts';

const H = 3_600_000;
const d = (h: number) => new Date(Date.UTC(2026, 2, 2) + h * H);

describe('uncoveredIntervals', () => {
  it('finds the gaps of a day', () => {
    const gaps = uncoveredIntervals(
      [
        { startsAt: d(0), endsAt: d(8) },
        { startsAt: d(7), endsAt: d(12) },
        { startsAt: d(14), endsAt: d(30) },
      ],
      d(0),
      d(24),
    );
    expect(gaps).toEqual([{ startsAt: d(12), endsAt: d(14) }]);
    expect(uncoveredIntervals([], d(0), d(24))).toEqual([{ startsAt: d(0), endsAt: d(24) }]);
    expect(uncoveredIntervals([{ startsAt: d(-5), endsAt: d(50) }], d(0), d(24))).toEqual([]);
  });

  const shiftArb = fc
    .tuple(fc.integer({ min: -20, max: 200 }), fc.integer({ min: 0, max: 60 }))
    .map(([s, len]) => ({ startsAt: d(s), endsAt: d(s + len) }));

  it('gaps are sorted, disjoint, inside the range and covered by no shift; the rest is covered', () => {
    fc.assert(
      fc.property(
        fc.array(shiftArb, { maxLength: 12 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 120 }),
        (shifts, a, len) => {
          const from = d(a);
          const to = d(a + len);
          const gaps = uncoveredIntervals(shifts, from, to);
          const covered = (t: number) =>
            shifts.some((s) => s.startsAt.getTime() <= t && t < s.endsAt.getTime());
          let prev = from.getTime();
          for (const g of gaps) {
            expect(g.startsAt.getTime()).toBeGreaterThanOrEqual(prev);
            expect(g.endsAt.getTime()).toBeGreaterThan(g.startsAt.getTime());
            expect(g.endsAt.getTime()).toBeLessThanOrEqual(to.getTime());
            prev = g.endsAt.getTime();
          }
          // Integer hours: sample every half hour.
          for (let t = from.getTime() + H / 2; t < to.getTime(); t += H) {
            const inGap = gaps.some((g) => g.startsAt.getTime() <= t && t < g.endsAt.getTime());
            expect(inGap).toBe(!covered(t));
          }
        },
      ),
    );
  });
});

describe('escalationChain', () => {
  it('orders the people on duty, then the next shift', () => {
    const shifts = [
      { userId: 'b', startsAt: d(0), endsAt: d(8), sortOrder: 1 },
      { userId: 'a', startsAt: d(0), endsAt: d(8), sortOrder: 0 },
      { userId: 'c', startsAt: d(8), endsAt: d(16), sortOrder: 0 },
      { userId: 'a', startsAt: d(8), endsAt: d(16), sortOrder: 1 },
      { userId: 'z', startsAt: d(16), endsAt: d(24), sortOrder: 0 },
    ];
    expect(escalationChain(shifts, d(3))).toEqual(['a', 'b', 'c']);
    expect(escalationChain(shifts, d(30))).toEqual([]);
  });
});

describe('isOffHours', () => {
  const weekdays = (x: Date) => ![0, 6].includes(new Date(x.getTime() + 8 * H).getUTCDay());
  const windows = [
    [510, 720],
    [840, 1050],
  ] as const;
  it('office hours on working days only', () => {
    expect(isOffHours(new Date('2026-03-02T02:00:00Z'), weekdays, windows)).toBe(false); // Mon 10:00
    expect(isOffHours(new Date('2026-03-02T04:30:00Z'), weekdays, windows)).toBe(true); // Mon 12:30
    expect(isOffHours(new Date('2026-03-02T09:30:00Z'), weekdays, windows)).toBe(true); // Mon 17:30
    expect(isOffHours(new Date('2026-03-07T02:00:00Z'), weekdays, windows)).toBe(true); // Sat 10:00
  });
});
