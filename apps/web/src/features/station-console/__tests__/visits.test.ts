import { describe, expect, it } from 'vitest';
import { periodsOf } from '../visits';

describe('visit chart periods', () => {
  it('lists every day, zero days included', () => {
    expect(periodsOf('2026-02-27', '2026-03-02', 'day')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  it('lists every month across a year end', () => {
    expect(periodsOf('2025-11-01', '2026-02-15', 'month')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    // The server's default monthly period: twelve months.
    expect(periodsOf('2025-04-01', '2026-03-31', 'month')).toHaveLength(12);
  });
});
