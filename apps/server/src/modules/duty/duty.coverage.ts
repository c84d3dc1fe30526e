/**
 * The "no uncovered hour" check of a rota (APL-08): which parts of [from, to) no shift covers.
 * Pure; instants are compared in milliseconds.
 */

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** Uncovered intervals of [from, to), sorted, disjoint and non-empty. Empty shifts count for nothing. */
export function uncoveredIntervals(shifts: readonly Interval[], from: Date, to: Date): Interval[] {
  const lo = from.getTime();
  const hi = to.getTime();
  if (!(hi > lo)) return [];
  const spans = shifts
    .map((s) => [Math.max(s.startsAt.getTime(), lo), Math.min(s.endsAt.getTime(), hi)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const gaps: Interval[] = [];
  let cursor = lo;
  for (const [a, b] of spans) {
    if (a > cursor) gaps.push({ startsAt: new Date(cursor), endsAt: new Date(a) });
    if (b > cursor) cursor = b;
  }
  if (cursor < hi) gaps.push({ startsAt: new Date(cursor), endsAt: new Date(hi) });
  return gaps;
}

export interface RotaShift extends Interval {
  userId: string;
  sortOrder: number;
}

/**
 * Who is on duty at `at`, in escalation order: the people of the shifts covering `at` by their
 * order, then the people of the next shift to start (by order). Each person once.
 */
export function escalationChain(shifts: readonly RotaShift[], at: Date): string[] {
  const t = at.getTime();
  const covering = shifts
    .filter((s) => s.startsAt.getTime() <= t && t < s.endsAt.getTime())
    .sort((a, b) => a.sortOrder - b.sortOrder || a.startsAt.getTime() - b.startsAt.getTime());
  const later = shifts.filter((s) => s.startsAt.getTime() > t);
  const nextStart = Math.min(...later.map((s) => s.startsAt.getTime()));
  const next = later
    .filter((s) => s.startsAt.getTime() === nextStart)
    .sort((a, b) => a.sortOrder - b.sortOrder);
  const out: string[] = [];
  for (const s of [...covering, ...next]) if (!out.includes(s.userId)) out.push(s.userId);
  return out;
}

/** Whether `at` (Asia/Shanghai) lies outside office hours on a working day (or on a day off). */
export function isOffHours(
  at: Date,
  isWorkday: (d: Date) => boolean,
  windows: readonly (readonly [number, number])[],
): boolean {
  if (!isWorkday(at)) return true;
  const minutes = Math.floor(((at.getTime() + 8 * 3_600_000) % 86_400_000) / 60_000);
  return !windows.some(([s, e]) => minutes >= s && minutes < e);
}
