import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/errors.ts';
import { parseHours } from '../stations.hours.ts';

// The opening-hours rules are tested with their implementation in packages/shared
// (src/__tests__/stations.hours.test.ts); here what the server adds: the 400 error.

describe('parseHours', () => {
  it('accepts a plain week and normalises the days (sorted, unique)', () => {
    const got = parseHours({ weekly: [{ days: [5, 1, 3, 1], open: '08:00', close: '22:00' }] });
    expect(got).toEqual({
      alwaysOpen: false,
      weekly: [{ days: [1, 3, 5], open: '08:00', close: '22:00' }],
      holidays: 'as_usual',
    });
  });

  it('throws station.hours_invalid (400) with the paths under the given prefix', () => {
    try {
      parseHours({ weekly: [{ days: [9], open: '08:00', close: '09:00' }] }, 'services.2.hours');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('station.hours_invalid');
      expect(e.status).toBe(400);
      expect(e.details).toEqual({
        issues: [{ path: 'services.2.hours.weekly.0.days.0', message: expect.any(String) }],
      });
    }
  });
});
