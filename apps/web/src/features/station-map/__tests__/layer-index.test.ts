import type { StationFeatureProperties } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import { createLayerIndex } from '../layer-index';
import type { StationFeatureLike } from '../model';

// The worker map's stations layer (POS-01): filtered, clustered off the main thread, asked per view.

function station(i: number, over: Partial<StationFeatureProperties> = {}): StationFeatureLike {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    geometry: { coordinates: [103.7 + (i % 100) * 0.002, 29.5 + Math.floor(i / 100) * 0.002] },
    properties: {
      id,
      code: `ST-511102-${String(i).padStart(4, '0')}`,
      name: `驿站${i}`,
      kind: 'copper_heart',
      services: i % 2 === 0 ? ['rest', 'water'] : ['rest'],
      openNow: i % 3 !== 0,
      liveStatus: i % 7 === 0 ? 'full' : 'open',
      hoursText: '每天 08:00–22:00',
      capacity: [],
      ...over,
    },
  };
}

const all = Array.from({ length: 2000 }, (_, i) => station(i));
const WORLD: [number, number, number, number] = [-180, -85, 180, 85];
const counted = (v: ReturnType<ReturnType<typeof createLayerIndex>['query']>) =>
  v.points.length + v.clusters.reduce((n, c) => n + c.count, 0);

describe('the stations layer index', () => {
  it('keeps only the stations that pass the filters', () => {
    expect(createLayerIndex(all, { services: [], openNow: false }).total).toBe(2000);
    const water = createLayerIndex(all, { services: ['water'], openNow: false });
    expect(water.total).toBe(1000);
    const open = createLayerIndex(all, { services: ['water'], openNow: true });
    expect(open.total).toBe(all.filter((_, i) => i % 2 === 0 && i % 3 !== 0).length);
  });

  it('clusters at a low zoom and accounts for every station once, with their box and alerts', () => {
    const index = createLayerIndex(all, { services: [], openNow: false });
    const far = index.query(WORLD, 10);
    expect(far.clusters.length).toBeGreaterThan(0);
    expect(far.points.length).toBeLessThan(50);
    expect(counted(far)).toBe(2000);
    // Full and open (red ring) stations are counted in their clusters.
    const alerts = all.filter((s) => s.properties.openNow && s.properties.liveStatus === 'full').length;
    expect(far.clusters.reduce((n, c) => n + c.alert, 0) + far.points.filter((p) => p.alert).length).toBe(
      alerts,
    );
    for (const c of far.clusters) {
      const [w, s, e, n] = c.bounds;
      expect(w).toBeLessThanOrEqual(e);
      expect(s).toBeLessThanOrEqual(n);
      expect(c.lng).toBeGreaterThanOrEqual(w - 1e-9);
      expect(c.lng).toBeLessThanOrEqual(e + 1e-9);
    }
  });

  it('answers single stations with what the marker and popup show, only inside the view', () => {
    const index = createLayerIndex(all, { services: [], openNow: false });
    const view = index.query([103.7, 29.5, 103.705, 29.503], 18);
    expect(view.clusters).toEqual([]);
    expect(view.points.length).toBeGreaterThan(0);
    for (const p of view.points) {
      expect(p.lng).toBeGreaterThanOrEqual(103.7);
      expect(p.lng).toBeLessThanOrEqual(103.705);
      expect(p.props.id).toBe(p.id);
      expect(p.label).toBe(p.props.name);
      // Closed now: grey.
      if (!p.props.openNow) expect(p.color).toBe('#8c8c8c');
    }
  });

  it('clamps a view beyond the world instead of answering nothing', () => {
    const index = createLayerIndex(all, { services: [], openNow: false });
    expect(counted(index.query([-200, -95, 200, 95], 3))).toBe(2000);
  });
});
