import { describe, expect, it } from 'vitest';
import {
  buildIndex,
  CLUSTER_MAX_ZOOM,
  clusterSize,
  type DisplayPoint,
  expansionZoom,
  itemsInView,
  safeColor,
} from '../cluster';

/** 10,000 stations on a 100 × 100 grid over Leshan's two districts (~0.3° square). */
const STATIONS: DisplayPoint[] = Array.from({ length: 10_000 }, (_, i) => {
  const lat = 29.4 + Math.floor(i / 100) * 0.003;
  const lng = 103.5 + (i % 100) * 0.003;
  return { point: { id: `s${i}`, lat, lng, label: `驿站 ${i}`, alert: i % 10 === 0 }, lat, lng };
});
const WORLD: [number, number, number, number] = [-180, -85, 180, 85];

describe('client-side clustering', () => {
  const index = buildIndex(STATIONS);

  it('groups 10,000 points into a handful of clusters at city zoom, losing none', () => {
    const items = itemsInView(index, STATIONS, WORLD, 10);
    expect(items.length).toBeLessThan(100);
    const total = items.reduce((n, it) => n + (it.kind === 'cluster' ? it.count : 1), 0);
    expect(total).toBe(10_000);
    const alerts = items.reduce(
      (n, it) => n + (it.kind === 'cluster' ? it.alert : it.item.point.alert ? 1 : 0),
      0,
    );
    expect(alerts).toBe(1_000);
  });

  it('shows single points past the last clustering zoom, only those in view', () => {
    const box: [number, number, number, number] = [103.5, 29.4, 103.51, 29.41];
    const items = itemsInView(index, STATIONS, box, CLUSTER_MAX_ZOOM + 1);
    expect(items.every((it) => it.kind === 'point')).toBe(true);
    const ids = items.map((it) => (it.kind === 'point' ? it.item.point.id : '')).sort();
    const want = STATIONS.filter((s) => s.lng <= 103.51 + 1e-9 && s.lat <= 29.41 + 1e-9).map(
      (s) => s.point.id,
    );
    expect(ids).toEqual(want.sort());
  });

  it('says at which zoom a cluster falls apart', () => {
    const items = itemsInView(index, STATIONS, WORLD, 8);
    const c = items.find((it) => it.kind === 'cluster');
    if (c?.kind !== 'cluster') throw new Error('expected a cluster');
    const z = expansionZoom(index, c.id);
    expect(z).toBeGreaterThan(8);
    expect(z).toBeLessThanOrEqual(CLUSTER_MAX_ZOOM + 1);
  });

  it('keeps a few far-apart points apart at any zoom', () => {
    const few: DisplayPoint[] = [
      { lat: 29.55, lng: 103.76 },
      { lat: 29.41, lng: 103.55 },
    ].map((p, i) => ({ point: { id: String(i), label: String(i), ...p }, ...p }));
    expect(itemsInView(buildIndex(few), few, WORLD, 11).every((it) => it.kind === 'point')).toBe(true);
  });
});

describe('marker helpers', () => {
  it('accepts only #rrggbb colours', () => {
    expect(safeColor('#1677ff')).toBe('#1677ff');
    expect(safeColor('red')).toBe('#d4380d');
    expect(safeColor('#fff" onload="x')).toBe('#d4380d');
    expect(safeColor(undefined, '#000000')).toBe('#000000');
  });

  it('grows cluster markers slowly with the count', () => {
    expect(clusterSize(2)).toBeGreaterThanOrEqual(28);
    expect(clusterSize(100)).toBeGreaterThan(clusterSize(10));
    expect(clusterSize(1_000_000)).toBe(56);
  });
});
