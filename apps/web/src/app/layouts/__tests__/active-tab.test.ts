import { describe, expect, it } from 'vitest';
import { activeTab } from '../tabs';

describe('worker tab bar', () => {
  it.each([
    ['/m', '/m'],
    ['/m/', '/m'],
    ['/m/map', '/m/map'],
    ['/m/stations/0190a', '/m/map'],
    ['/m/stations/0190a/hub', '/m/map'],
    ['/m/checkin/ST-511111-0001', '/m/map'],
    ['/m/services', '/m/services'],
    ['/m/appeals/new', '/m/services'],
    ['/m/parking', '/m/services'],
    ['/m/compounds/new', '/m/services'],
    ['/m/deliveries', '/m/services'],
    ['/m/wish/mine', '/m/services'],
    ['/m/me', '/m/me'],
    ['/m/visits', '/m/me'],
    ['/m/bookings/abc', '/m/me'],
    ['/m/orders', '/m/me'],
    ['/m/my-services', '/m/me'],
    ['/m/mapping', '/m'],
    ['/m/meals', '/m'],
  ])('%s belongs to %s', (path, tab) => {
    expect(activeTab(path)).toBe(tab);
  });
});
