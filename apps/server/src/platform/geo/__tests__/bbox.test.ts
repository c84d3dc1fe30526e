import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.ts';
import {
  cellOf,
  gridFor,
  latOfMercatorY,
  MERCATOR_MAX_LAT,
  mercatorX,
  mercatorY,
  parseBbox,
} from '../bbox.ts';

const LESHAN = { minLng: 103.7, minLat: 29.5, maxLng: 103.83, maxLat: 29.61 };

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof AppError ? err.code : 'not-an-app-error';
  }
}

describe('parseBbox', () => {
  it('reads minLng,minLat,maxLng,maxLat, spaces allowed', () => {
    expect(parseBbox('103.7,29.5,103.83,29.61')).toEqual(LESHAN);
    expect(parseBbox(' 103.7 , 29.5,103.83 ,29.61 ')).toEqual(LESHAN);
    expect(parseBbox('-180,-90,180,90')).toEqual({ minLng: -180, minLat: -90, maxLng: 180, maxLat: 90 });
  });

  it.each([
    ['', '4 numbers'],
    ['103.7,29.5,103.83', '4 numbers'],
    ['103.7,29.5,103.83,29.61,1', '4 numbers'],
    ['103.7,29.5,,29.61', 'numbers'],
    ['a,b,c,d', 'numbers'],
    ['103.7,29.5,Infinity,29.61', 'numbers'],
    ['103.7,29.5,190,29.61', 'longitude'],
    ['103.7,-95,103.83,29.61', 'latitude'],
    ['103.83,29.5,103.7,29.61', 'minLng'],
    ['103.7,29.61,103.83,29.5', 'minLat'],
    ['29.5,103.7,29.61,103.83', 'latitude'], // swapped latitude and longitude
  ])('rejects %j with geo.invalid_bbox (%s)', (raw, word) => {
    expect(codeOf(() => parseBbox(raw))).toBe('geo.invalid_bbox');
    try {
      parseBbox(raw);
    } catch (err) {
      expect((err as Error).message).toContain('minLng,minLat,maxLng,maxLat');
      expect((err as Error).message).toContain(word);
    }
  });
});

describe('Web Mercator', () => {
  it('maps the equator to 0, is odd, and inverts', () => {
    expect(mercatorY(0)).toBeCloseTo(0, 15);
    expect(mercatorX(180)).toBeCloseTo(Math.PI, 12);
    for (const lat of [-60, -29.55, 0.001, 29.55, 45, 80]) {
      expect(mercatorY(-lat)).toBeCloseTo(-mercatorY(lat), 12);
      expect(latOfMercatorY(mercatorY(lat))).toBeCloseTo(lat, 9);
    }
  });

  it('reaches ±π at the edge of the tile world and clamps beyond it', () => {
    expect(mercatorY(MERCATOR_MAX_LAT)).toBeCloseTo(Math.PI, 6);
    expect(mercatorY(89.9)).toBe(mercatorY(MERCATOR_MAX_LAT));
    expect(mercatorY(-90)).toBe(mercatorY(-MERCATOR_MAX_LAT));
  });
});

describe('gridFor', () => {
  it('uses 64-px cells: a quarter of a tile edge, halving with each zoom level', () => {
    const g12 = gridFor(LESHAN, 12);
    const g13 = gridFor(LESHAN, 13);
    // A tile at zoom z spans 360 / 2^z degrees of longitude; a cell a quarter of that.
    expect(g12.lngDeg).toBeCloseTo(360 / 2 ** 12 / 4, 12);
    expect(g13.size).toBeCloseTo(g12.size / 2, 15);
    // Square on screen: at 29.5° N a cell spans cos(29.5°) × as many degrees of latitude.
    expect(g12.latDeg / g12.lngDeg).toBeCloseTo(Math.cos((29.555 * Math.PI) / 180), 3);
  });

  it('counts the cells of the box and never exceeds maxCells', () => {
    const g = gridFor(LESHAN, 12);
    const across = Math.floor((mercatorX(LESHAN.maxLng) - mercatorX(LESHAN.minLng)) / g.size) + 1;
    const down = Math.floor((mercatorY(LESHAN.maxLat) - mercatorY(LESHAN.minLat)) / g.size) + 1;
    expect(g.cells).toBe(across * down);
    // A whole-China box at street zoom: coarsened by doubling until it fits.
    const china = { minLng: 73.4, minLat: 3.5, maxLng: 135.1, maxLat: 53.6 };
    const fine = gridFor(china, 18);
    expect(fine.cells).toBeLessThanOrEqual(4096);
    expect(Math.log2(fine.size / ((2 * Math.PI) / 2 ** 18 / 4)) % 1).toBe(0);
    expect(gridFor(china, 18, { maxCells: 100 }).cells).toBeLessThanOrEqual(100);
    // The whole world at zoom 0: a handful of cells.
    expect(gridFor({ minLng: -180, minLat: -85, maxLng: 180, maxLat: 85 }, 0).cells).toBeLessThanOrEqual(25);
  });

  it('anchors cells at (0, 0): a point keeps its cell whatever box it is seen in', () => {
    const p = { lat: 29.5521, lng: 103.7656 };
    const a = gridFor(LESHAN, 14);
    const moved = gridFor({ ...LESHAN, minLng: 103.6, maxLng: 103.73 }, 14);
    expect(moved.size).toBe(a.size);
    expect(cellOf(p, a.size)).toEqual(cellOf(p, moved.size));
    // Neighbours one cell apart on screen fall in neighbouring cells.
    const c = cellOf(p, a.size);
    const east = cellOf({ lat: p.lat, lng: p.lng + a.lngDeg }, a.size);
    expect(east.gx - c.gx).toBe(1);
    expect(east.gy).toBe(c.gy);
    const south = cellOf({ lat: p.lat - a.latDeg, lng: p.lng }, a.size);
    expect(c.gy - south.gy).toBe(1);
  });
});
