import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from '../next-path';

describe('return path after the worker signs in', () => {
  it('keeps worker-app deep links with their query', () => {
    expect(safeNextPath('/m/checkin/ST-511111-0003?t=AbC_-1')).toBe('/m/checkin/ST-511111-0003?t=AbC_-1');
    expect(safeNextPath('/m/map?view=list&service=water')).toBe('/m/map?view=list&service=water');
  });

  it('refuses other sites, the console, the sign-in page and odd input', () => {
    for (const bad of [
      null,
      undefined,
      '',
      '/m',
      '/m/login',
      '/m/login?next=/m/map',
      '/admin',
      '//evil.example/m/x',
      'https://evil.example/m/x',
      '/m/../admin',
      '/m\\..\\admin',
      '/m/x\nSet-Cookie',
      `/m/${'a'.repeat(2001)}`,
    ])
      expect(safeNextPath(bad)).toBeNull();
  });

  it('builds the sign-in link', () => {
    expect(loginPathFor('/m', '')).toBe('/m/login');
    expect(loginPathFor('/m/checkin/ST-511111-0003', '?t=abc')).toBe(
      '/m/login?next=%2Fm%2Fcheckin%2FST-511111-0003%3Ft%3Dabc',
    );
  });
});
