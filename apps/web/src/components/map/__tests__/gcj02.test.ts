import { describe, expect, it } from 'vitest';
import { fromDisplay, gcj02ToWgs84, outOfChina, toDisplay, wgs84ToGcj02 } from '../gcj02';

/** Reference values from gcoord 1.0.7 (transform WGS84 → GCJ02), [lng, lat]. */
const KNOWN: [string, [number, number], [number, number]][] = [
  ['乐山大佛', [103.7699, 29.5447], [103.77210622954078, 29.54193819094854]],
  ['市中区', [103.7656, 29.5521], [103.76780879257137, 29.54934368975285]],
  ['沙湾区', [103.5494, 29.4131], [103.55138818073041, 29.410150145535052]],
  ['峨眉山市', [103.4844, 29.601], [103.48657221745633, 29.59830765786366]],
  ['北京 天安门', [116.3975, 39.9087], [116.40374357265176, 39.91010349934476]],
  ['乌鲁木齐', [87.6168, 43.8256], [87.61964994946926, 43.82680539311119]],
  ['海口', [110.3312, 20.031], [110.33557083878357, 20.028953747940957]],
  ['哈尔滨', [126.5349, 45.8038], [126.54094071740515, 45.80578177471768]],
];

/** Metres between two nearby points (equirectangular; fine for a few hundred metres). */
function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const k = (Math.PI / 180) * 6_371_008.8;
  const x = (b.lng - a.lng) * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180)) * k;
  const y = (b.lat - a.lat) * k;
  return Math.hypot(x, y);
}

describe('WGS-84 → GCJ-02', () => {
  it.each(KNOWN)('matches the reference at %s', (_name, [lng, lat], [gLng, gLat]) => {
    const g = wgs84ToGcj02({ lat, lng });
    expect(g.lat).toBeCloseTo(gLat, 9);
    expect(g.lng).toBeCloseTo(gLng, 9);
  });

  it('shifts Leshan by about 370 m (design notes: 乐山大佛 ≈ 374 m)', () => {
    const p = { lat: 29.5447, lng: 103.7699 };
    const d = metres(p, wgs84ToGcj02(p));
    expect(d).toBeGreaterThan(350);
    expect(d).toBeLessThan(400);
  });

  it('leaves points outside China, and non-numbers, as they are', () => {
    const tokyo = { lat: 35.6895, lng: 139.6917 };
    expect(outOfChina(tokyo)).toBe(true);
    expect(wgs84ToGcj02(tokyo)).toEqual(tokyo);
    expect(gcj02ToWgs84(tokyo)).toEqual(tokyo);
    expect(wgs84ToGcj02({ lat: Number.NaN, lng: 103 }).lng).toBe(103);
  });
});

describe('GCJ-02 → WGS-84', () => {
  it.each(KNOWN)('inverts the forward transform at %s to under a millimetre', (_name, [lng, lat]) => {
    const back = gcj02ToWgs84(wgs84ToGcj02({ lat, lng }));
    expect(metres(back, { lat, lng })).toBeLessThan(0.001);
  });

  it('round-trips a grid over Leshan', () => {
    for (let i = 0; i <= 10; i++)
      for (let j = 0; j <= 10; j++) {
        const p = { lat: 28.9 + i * 0.1, lng: 103.0 + j * 0.12 };
        expect(metres(gcj02ToWgs84(wgs84ToGcj02(p)), p)).toBeLessThan(0.001);
      }
  });
});

describe('display helpers', () => {
  it('convert only for GCJ-02 tiles', () => {
    const p = { lat: 29.5521, lng: 103.7656 };
    expect(toDisplay(p, 'wgs84')).toEqual(p);
    expect(fromDisplay(p, 'wgs84')).toEqual(p);
    expect(toDisplay(p, 'gcj02')).toEqual(wgs84ToGcj02(p));
    expect(metres(fromDisplay(toDisplay(p, 'gcj02'), 'gcj02'), p)).toBeLessThan(0.001);
  });
});
