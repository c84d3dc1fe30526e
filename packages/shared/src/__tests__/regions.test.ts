import { describe, expect, it } from 'vitest';
import { regionCovers, unitServesRegion } from '../regions.ts';

describe('regions (APL-03 dispatch reach)', () => {
  it('a scope covers itself and what lies below it', () => {
    expect(regionCovers('511100', '511102001')).toBe(true);
    expect(regionCovers('511102', '511102001')).toBe(true);
    expect(regionCovers('511102', '511111')).toBe(false);
  });

  it.each([
    ['511102', '511102', true], // the district's own bureau
    ['511102', '511102001', true], // … for a case in one of its streets
    ['511102001', '511102', true], // a street's community for a case of its district
    ['511102001', '511102004', true], // another street of the same district
    ['511100', '511102004', false], // a city bureau: the city's own dispatch, not the district's
    ['511102', '511100', false], // no county to serve
    ['511111', '511102', false], // 沙湾区's bureau for a 市中区 case
    ['511111002', '511102001', false],
    ['511102', 'x', false],
  ])('unit %s serves a case in %s: %s', (unit, kase, ok) => {
    expect(unitServesRegion(unit, kase)).toBe(ok);
  });
});
