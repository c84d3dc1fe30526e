import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  bucketsBetween,
  defaultGranularity,
  exactMonth,
  isIsoDate,
  localDate,
  METRIC_DEFINITIONS,
  METRIC_KEYS,
  METRICS_VERSION,
  monthRange,
  rangeDays,
  rangeOf,
  ratio,
  weekStart,
} from '../appeals.metrics.ts';

describe('metric definitions', () => {
  it('defines every metric once, versioned, with numerator, denominator and 参评 rules', () => {
    expect(METRIC_DEFINITIONS.map((d) => d.key).sort()).toEqual([...METRIC_KEYS].sort());
    for (const d of METRIC_DEFINITIONS) {
      expect(d.version).toBeGreaterThanOrEqual(1);
      expect(d.nameZh).toMatch(/率$/);
      expect(d.numerator.length).toBeGreaterThan(5);
      expect(d.denominator.length).toBeGreaterThan(5);
      expect(d.description.length).toBeGreaterThan(10);
    }
    expect(METRIC_DEFINITIONS.map((d) => d.nameZh)).toEqual([
      '及时签收率',
      '按时办结率',
      '响应率',
      '解决率',
      '满意率',
      '重办率',
      '退单率',
      '处理率',
    ]);
    expect(METRICS_VERSION).toBe('v1.1.1.1.1.1.1.1');
  });

  it('rounds ratios to 4 decimals and gives null when nothing is assessed', () => {
    expect(ratio(116, 120)).toBe(0.9667);
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, 3)).toBe(1);
  });
});

describe('periods (Asia/Shanghai)', () => {
  it('maps local dates to UTC ranges and back', () => {
    const r = rangeOf('2026-03-01', '2026-03-31');
    expect(r.start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(r.end.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(localDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(localDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('buckets by day, ISO week (Monday) and month', () => {
    expect(weekStart('2026-03-08')).toBe('2026-03-02'); // Sunday → Monday before
    expect(weekStart('2026-03-02')).toBe('2026-03-02');
    expect(bucketOf('2026-03-18', 'month')).toBe('2026-03-01');
    expect(bucketsBetween('2026-01-30', '2026-03-02', 'month')).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(bucketsBetween('2026-03-04', '2026-03-16', 'week')).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
    ]);
    expect(bucketsBetween('2025-12-31', '2026-01-01', 'day')).toEqual(['2025-12-31', '2026-01-01']);
  });

  it('knows months, range lengths and default granularity', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(exactMonth('2026-03-01', '2026-03-31')).toBe('2026-03');
    expect(exactMonth('2026-03-01', '2026-03-30')).toBeNull();
    expect(rangeDays('2026-01-01', '2026-12-31')).toBe(365);
    expect(defaultGranularity('2026-03-01', '2026-03-31')).toBe('day');
    expect(defaultGranularity('2026-01-01', '2026-05-31')).toBe('week');
    expect(defaultGranularity('2025-01-01', '2026-05-31')).toBe('month');
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
  });
});
