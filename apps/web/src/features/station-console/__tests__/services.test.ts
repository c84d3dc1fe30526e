import { describe, expect, it } from 'vitest';
import { hoursToForm } from '../hours';
import {
  formToServices,
  newServiceItem,
  sameServices,
  serviceIssues,
  servicesToForm,
  withBasics,
} from '../services';

const BASIC = ['rest', 'water', 'charging', 'wifi', 'reading'];

describe('5+N services ⇄ API shape', () => {
  it('always sends the five basic services for a 铜心驿站, first and once', () => {
    const items = [newServiceItem('meal_heating'), newServiceItem('water')];
    expect(formToServices(items, 'copper_heart').map((s) => s.code)).toEqual([...BASIC, 'meal_heating']);
  });

  it('leaves the basic services optional for other kinds', () => {
    expect(formToServices([newServiceItem('water')], 'rider_bar')).toEqual([{ code: 'water' }]);
    expect(withBasics([], 'canteen')).toEqual([]);
  });

  it('sends own hours (holiday rule as usual) and a trimmed note only when given', () => {
    const meal = { ...newServiceItem('meal_heating'), ownHours: true, note: '  微波炉 2 台 ' };
    const [out] = formToServices([meal], 'rider_bar');
    expect(out).toEqual({
      code: 'meal_heating',
      hours: {
        alwaysOpen: false,
        weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '11:00', close: '14:00' }],
        holidays: 'as_usual',
      },
      note: '微波炉 2 台',
    });
  });

  it('round-trips stored services, so an unchanged list is not sent again', () => {
    const stored = [
      ...BASIC.map((code) => ({ code, hours: null, note: null })),
      {
        code: 'meal_heating',
        hours: {
          alwaysOpen: false,
          weekly: [{ days: [1, 2, 3, 4, 5], open: '11:00', close: '14:00' }],
          holidays: 'as_usual' as const,
        },
        note: '自备餐盒',
      },
    ];
    const form = servicesToForm(stored);
    expect(form[5]?.ownHours).toBe(true);
    expect(form[0]?.ownHours).toBe(false);
    const a = formToServices(form, 'copper_heart');
    expect(a[5]).toEqual({ code: 'meal_heating', hours: stored[5]?.hours, note: '自备餐盒' });
    expect(sameServices(a, formToServices(servicesToForm(stored), 'copper_heart'))).toBe(true);
    expect(sameServices(a, formToServices(form.slice(0, 5), 'copper_heart'))).toBe(false);
  });

  it('names services whose own hours are incomplete', () => {
    const bad = { ...newServiceItem('lodging'), ownHours: true, hours: { ...hoursToForm(null), weekly: [] } };
    const off = { ...newServiceItem('toilet'), ownHours: false, hours: { ...hoursToForm(null), weekly: [] } };
    expect(serviceIssues([bad, off])).toEqual(['lodging']);
  });
});
