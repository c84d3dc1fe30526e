import { describe, expect, it } from 'vitest';
import {
  ageMinutes,
  ageParts,
  allFull,
  capacityLevel,
  capacitySummary,
  freePercent,
  isStale,
  latest,
  orderedCapacity,
  stepAvailable,
} from '../capacity';

const NAMES: Record<string, string> = {
  seats: '座位',
  beds: '床位',
  parking_bays: '车位',
  truck_bays: '货车车位',
  chargers: '充电桩',
};

describe('capacity steps (− / + / 已满)', () => {
  it('moves within 0 … total', () => {
    expect(stepAvailable({ total: 20, available: 12 }, 1)).toBe(13);
    expect(stepAvailable({ total: 20, available: 20 }, 1)).toBe(20);
    expect(stepAvailable({ total: 20, available: 0 }, -1)).toBe(0);
    expect(stepAvailable({ total: 20, available: 12 }, -100)).toBe(0);
  });

  it('never goes above a total that shrank, nor below zero for a zero total', () => {
    expect(stepAvailable({ total: 5, available: 9 }, 0)).toBe(5);
    expect(stepAvailable({ total: 0, available: 0 }, 1)).toBe(0);
  });
});

describe('capacity level and summary', () => {
  it('colours full, low (≤ 20 %) and ok', () => {
    expect(capacityLevel({ total: 20, available: 0 })).toBe('full');
    expect(capacityLevel({ total: 20, available: 4 })).toBe('low');
    expect(capacityLevel({ total: 20, available: 5 })).toBe('ok');
    expect(capacityLevel({ total: 0, available: 0 })).toBe('full');
    expect(freePercent({ total: 30, available: 15 })).toBe(50);
    expect(freePercent({ total: 0, available: 0 })).toBe(0);
  });

  it('orders resources as the catalogue and leaves out what is not offered', () => {
    const c = [
      { resource: 'truck_bays' as const, total: 30, available: 7 },
      { resource: 'chargers' as const, total: 0, available: 0 },
      { resource: 'beds' as const, total: 20, available: 3 },
    ];
    expect(orderedCapacity(c).map((x) => x.resource)).toEqual(['beds', 'truck_bays']);
    expect(capacitySummary(c, (r) => NAMES[r] ?? r)).toBe('床位 3/20 · 货车车位 7/30');
    expect(capacitySummary([], (r) => r)).toBe('');
  });

  it('is all full only when every offered resource is taken', () => {
    expect(allFull([{ resource: 'beds', total: 2, available: 0 }])).toBe(true);
    expect(
      allFull([
        { resource: 'beds', total: 2, available: 0 },
        { resource: 'seats', total: 4, available: 1 },
      ]),
    ).toBe(false);
    expect(allFull([])).toBe(false);
  });
});

describe('age of the last report', () => {
  const now = new Date('2026-03-02T10:00:00+08:00');

  it('takes the latest report and counts whole minutes', () => {
    expect(latest(null, '2026-03-02T09:00:00+08:00', '2026-03-02T09:30:00+08:00', undefined)).toBe(
      '2026-03-02T09:30:00+08:00',
    );
    expect(latest(null, undefined)).toBeNull();
    expect(ageMinutes('2026-03-02T09:30:30+08:00', now)).toBe(29);
    expect(ageMinutes('2026-03-02T10:05:00+08:00', now)).toBe(0);
  });

  it('is stale after two hours, only while open', () => {
    expect(isStale('2026-03-02T07:59:00+08:00', true, now)).toBe(true);
    expect(isStale('2026-03-02T08:00:00+08:00', true, now)).toBe(false);
    expect(isStale('2026-03-01T08:00:00+08:00', false, now)).toBe(false);
    expect(isStale(null, true, now)).toBe(true);
  });

  it('says minutes, hours, days', () => {
    expect(ageParts(0)).toEqual({ unit: 'justNow', count: 0 });
    expect(ageParts(59)).toEqual({ unit: 'minutes', count: 59 });
    expect(ageParts(125)).toEqual({ unit: 'hours', count: 2 });
    expect(ageParts(3 * 1440 + 5)).toEqual({ unit: 'days', count: 3 });
  });
});
