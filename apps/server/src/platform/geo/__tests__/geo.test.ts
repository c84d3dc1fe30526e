import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.ts';
import { assertInChina, haversineMeters, isInChina, toBd09, toGcj02, toWgs84 } from '../geo.ts';

/** 乐山大佛 (Leshan Giant Buddha), WGS-84. */
const BUDDHA = { lat: 29.5447, lng: 103.7699 };

describe('coordinate systems', () => {
  it('shifts 乐山大佛 by about 374 m from WGS-84 to GCJ-02 and about 918 m to BD-09', () => {
    const gcj = toGcj02({ ...BUDDHA, crs: 'wgs84' });
    expect(haversineMeters(BUDDHA, gcj)).toBeGreaterThan(364);
    expect(haversineMeters(BUDDHA, gcj)).toBeLessThan(384);
    const bd = toBd09({ ...BUDDHA, crs: 'wgs84' });
    expect(haversineMeters(BUDDHA, bd)).toBeGreaterThan(900);
    expect(haversineMeters(BUDDHA, bd)).toBeLessThan(935);
  });

  it('leaves a point in its own system unchanged', () => {
    expect(toWgs84({ ...BUDDHA, crs: 'wgs84' })).toEqual(BUDDHA);
    expect(toGcj02({ ...BUDDHA, crs: 'gcj02' })).toEqual(BUDDHA);
  });

  const inChina = fc.record({
    lat: fc.double({ min: 18.2, max: 53.5, noNaN: true }),
    lng: fc.double({ min: 73.6, max: 134.7, noNaN: true }),
  });

  it('round-trips WGS-84 → GCJ-02 → WGS-84 within 1 m', () => {
    fc.assert(
      fc.property(inChina, (p) => {
        const back = toWgs84({ ...toGcj02({ ...p, crs: 'wgs84' }), crs: 'gcj02' });
        expect(haversineMeters(p, back)).toBeLessThan(1);
      }),
      { numRuns: 500 },
    );
    const back = toWgs84({ ...toGcj02({ ...BUDDHA, crs: 'wgs84' }), crs: 'gcj02' });
    expect(haversineMeters(BUDDHA, back)).toBeLessThan(1);
  });

  it('round-trips WGS-84 → BD-09 → WGS-84 within 1 m', () => {
    fc.assert(
      fc.property(inChina, (p) => {
        const back = toWgs84({ ...toBd09({ ...p, crs: 'wgs84' }), crs: 'bd09' });
        expect(haversineMeters(p, back)).toBeLessThan(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('plausibly in China', () => {
  it('accepts Leshan, Beijing, Sanya, 曾母暗沙 and Mohe', () => {
    for (const p of [
      BUDDHA,
      { lat: 39.9, lng: 116.4 },
      { lat: 18.25, lng: 109.5 },
      { lat: 3.97, lng: 112.28 },
      { lat: 53.3, lng: 122.5 },
    ])
      expect(isInChina(p)).toBe(true);
  });

  it('refuses a point abroad, 0,0 and swapped coordinates, with a clear error', () => {
    const err = (p: { lat: number; lng: number }) => {
      try {
        assertInChina(p);
      } catch (e) {
        return e as AppError;
      }
      throw new Error('no error');
    };
    expect(err({ lat: 51.5, lng: -0.12 }).code).toBe('geo.outside_china');
    expect(err({ lat: 0, lng: 0 }).status).toBe(400);
    expect(err({ lat: 103.7699, lng: 29.5447 }).message).toMatch(/swapped/);
    expect(err({ lat: Number.NaN, lng: 103 }).code).toBe('common.validation');
    expect(() => toWgs84({ lat: 35.68, lng: 139.69, crs: 'gcj02' })).toThrow(AppError);
  });
});

describe('haversineMeters', () => {
  it('measures known distances', () => {
    expect(haversineMeters(BUDDHA, BUDDHA)).toBe(0);
    // One degree of latitude ≈ 111.2 km.
    expect(haversineMeters({ lat: 29, lng: 103 }, { lat: 30, lng: 103 })).toBeCloseTo(111_195, -1);
    // 乐山 (市中区) to 成都 (天府广场): about 116 km as the crow flies.
    const d = haversineMeters({ lat: 29.552, lng: 103.766 }, { lat: 30.657, lng: 104.066 });
    expect(d).toBeGreaterThan(120_000);
    expect(d).toBeLessThan(130_000);
  });
});
