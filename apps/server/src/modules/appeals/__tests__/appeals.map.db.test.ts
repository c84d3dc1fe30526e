import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { bboxCondition, cellOf, gridFor, parseBbox } from '../../../platform/geo/bbox.ts';
import { type AppealsMapService, createAppealsMapService } from '../appeals.map.service.ts';
import { appeal } from '../appeals.tables.ts';
import { appealsWorld } from './fixtures.ts';
import { gridCases, HOUR, insertMapCases, isOverdueAt, type MapCase, SWQ, SZQ } from './map-fixtures.ts';

/** Both districts and a margin: everything the fixtures place. */
const ALL = '103.50,29.35,103.90,29.70';

describe.each(testEngines())('appeals map on %s', (engine) => {
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  let svc: AppealsMapService;
  let clustering: AppealsMapService;
  const now = new Date();
  let szq: MapCase[];
  let swq: MapCase[];
  let mine: MapCase[];
  let categories: { parking: string; ebike: string; env: string; fines: string };

  beforeAll(async () => {
    w = await appealsWorld(engine);
    categories = {
      parking: w.categories.get('env.parking')!,
      ebike: w.categories.get('env.ebike_parking')!,
      env: w.categories.get('env')!,
      fines: w.categories.get('policy.weather_fines')!,
    };
    const base = {
      categoryIds: [categories.parking, categories.ebike, categories.fines],
      createdBy: w.users.worker2!,
      reporterUserId: w.users.worker2!,
      now,
    };
    // 市中区: 30 × 20 cases 0.002° apart; 沙湾区: 20 × 20; worker1's own three in 沙湾区.
    szq = gridCases('511102', SZQ, 30, 20, 0.002, base);
    swq = gridCases('511111', SWQ, 20, 20, 0.002, base);
    mine = gridCases('511111-W1', { ...SWQ, lat: SWQ.lat - 0.01 }, 3, 1, 0.002, {
      ...base,
      createdBy: w.users.worker1!,
      reporterUserId: w.users.worker1!,
    });
    const unlocated: MapCase[] = gridCases('511102-NL', SZQ, 5, 1, 0.002, base).map((c) => ({
      ...c,
      lat: null,
      lng: null,
    }));
    await insertMapCases(w.t.database.db, [...szq, ...swq, ...mine, ...unlocated]);
    await w.t.database.exec('analyze appeal');
    svc = createAppealsMapService(w.t.deps, { now: () => now });
    clustering = createAppealsMapService(w.t.deps, { now: () => now, maxPoints: 100 });
  }, 180_000);
  afterAll(async () => w?.t.close());

  const ids = (cs: MapCase[]) => cs.map((c) => c.id!).sort();
  const inBox = (c: MapCase, raw: string) => {
    const b = parseBbox(raw);
    return (
      c.lat !== null &&
      c.lng !== null &&
      c.lat >= b.minLat &&
      c.lat <= b.maxLat &&
      c.lng >= b.minLng &&
      c.lng <= b.maxLng
    );
  };

  it('answers points within the actor’s scope only: each district’s dispatcher sees its own cases', async () => {
    const a = await svc.map(w.actors.dispatcher, { bbox: ALL, zoom: 11, queue: 'all' });
    expect(a.mode).toBe('points');
    expect(a.total).toBe(szq.length);
    expect(a.points.map((p) => p.id).sort()).toEqual(ids(szq));
    expect(a.points.every((p) => p.caseNo.startsWith('SQ-511102-'))).toBe(true);
    const b = await svc.map(w.actors.swqDispatcher, { bbox: ALL, zoom: 11, queue: 'all' });
    expect(b.points.map((p) => p.id).sort()).toEqual(ids([...swq, ...mine]));
    // A worker sees the cases they filed, nothing else.
    const own = await svc.map(w.actors.worker1, { bbox: ALL, zoom: 11, queue: 'all' });
    expect(own.points.map((p) => p.id).sort()).toEqual(ids(mine));
  });

  it('returns the fields of a point, WGS-84 as stored', async () => {
    const a = await svc.map(w.actors.dispatcher, { bbox: ALL, zoom: 11, queue: 'all' });
    const first = szq[0]!;
    const p = a.points.find((x) => x.id === first.id)!;
    expect(p).toEqual({
      id: first.id,
      caseNo: first.caseNo,
      lat: first.lat,
      lng: first.lng,
      state: first.state,
      urgency: 'normal',
      categoryName: '停车难',
      overdue: isOverdueAt(first, now),
    });
  });

  it('keeps exactly the cases inside the box, edges included', async () => {
    // From the 5th to the 15th column and the 3rd to the 8th row of the 市中区 grid.
    const box = `${(SZQ.lng + 4 * 0.002).toFixed(6)},${(SZQ.lat + 2 * 0.002).toFixed(6)},${(SZQ.lng + 14 * 0.002).toFixed(6)},${(SZQ.lat + 7 * 0.002).toFixed(6)}`;
    const a = await svc.map(w.actors.dispatcher, { bbox: box, zoom: 16, queue: 'all' });
    const want = szq.filter((c) => inBox(c, box));
    expect(want).toHaveLength(11 * 6);
    expect(a.points.map((p) => p.id).sort()).toEqual(ids(want));
    const none = await svc.map(w.actors.dispatcher, { bbox: '100,20,100.1,20.1', zoom: 14, queue: 'all' });
    expect(none).toEqual({ mode: 'points', total: 0, points: [], clusters: [], cell: null });
  });

  it('filters by queue, state and category (a parent category takes its children)', async () => {
    const open = await svc.map(w.actors.dispatcher, { bbox: ALL, zoom: 11, queue: 'open' });
    expect(open.points.map((p) => p.id).sort()).toEqual(
      ids(szq.filter((c) => ['submitted', 'accepted', 'handling'].includes(c.state))),
    );
    const closed = await svc.map(w.actors.dispatcher, { bbox: ALL, zoom: 11, queue: 'closed' });
    expect(closed.total).toBe(szq.filter((c) => c.state === 'closed').length);
    const overdue = await svc.map(w.actors.dispatcher, { bbox: ALL, zoom: 11, queue: 'overdue' });
    const late = szq.filter((c) => isOverdueAt(c, now));
    expect(late.length).toBeGreaterThan(0);
    expect(overdue.points.map((p) => p.id).sort()).toEqual(ids(late));
    expect(overdue.points.every((p) => p.overdue)).toBe(true);
    const handling = await svc.map(w.actors.dispatcher, {
      bbox: ALL,
      zoom: 11,
      queue: 'all',
      state: 'handling',
    });
    expect(handling.total).toBe(szq.filter((c) => c.state === 'handling').length);
    const env = await svc.map(w.actors.dispatcher, {
      bbox: ALL,
      zoom: 11,
      queue: 'all',
      categoryId: categories.env,
    });
    expect(env.total).toBe(szq.filter((c) => c.categoryId !== categories.fines).length);
    const one = await svc.map(w.actors.dispatcher, {
      bbox: ALL,
      zoom: 11,
      queue: 'all',
      categoryId: categories.fines,
    });
    expect(one.total).toBe(szq.filter((c) => c.categoryId === categories.fines).length);
  });

  it('switches to grid clusters above the limit: counts per cell as the grid maths says, mean inside the extent', async () => {
    const zoom = 14;
    const a = await clustering.map(w.actors.dispatcher, { bbox: ALL, zoom, queue: 'all' });
    expect(a.mode).toBe('clusters');
    expect(a.points).toEqual([]);
    expect(a.total).toBe(szq.length);
    const grid = gridFor(parseBbox(ALL), zoom);
    expect(a.cell?.lngDeg).toBeCloseTo(grid.lngDeg, 12);
    // Reference: the same cells computed in JavaScript.
    const expected = new Map<string, { n: number; overdue: number }>();
    for (const c of szq) {
      const { gx, gy } = cellOf({ lat: c.lat!, lng: c.lng! }, grid.size);
      const e = expected.get(`${gx}:${gy}`) ?? { n: 0, overdue: 0 };
      e.n++;
      if (isOverdueAt(c, now)) e.overdue++;
      expected.set(`${gx}:${gy}`, e);
    }
    expect(a.clusters).toHaveLength(expected.size);
    const got = new Map<string, { n: number; overdue: number }>();
    for (const k of a.clusters) {
      const [minLng, minLat, maxLng, maxLat] = k.bounds;
      expect(k.lat).toBeGreaterThanOrEqual(minLat - 1e-9);
      expect(k.lat).toBeLessThanOrEqual(maxLat + 1e-9);
      expect(k.lng).toBeGreaterThanOrEqual(minLng - 1e-9);
      expect(k.lng).toBeLessThanOrEqual(maxLng + 1e-9);
      // Every case of a cell lies in that cell: both corners of its extent do.
      expect(cellOf({ lat: minLat, lng: minLng }, grid.size)).toEqual(
        cellOf({ lat: maxLat, lng: maxLng }, grid.size),
      );
      const { gx, gy } = cellOf({ lat: k.lat, lng: k.lng }, grid.size);
      got.set(`${gx}:${gy}`, { n: k.count, overdue: k.overdue });
    }
    expect(got).toEqual(expected);
    // A coarser zoom merges cells; the total stays.
    const coarse = await clustering.map(w.actors.dispatcher, { bbox: ALL, zoom: 11, queue: 'all' });
    expect(coarse.clusters.length).toBeLessThan(a.clusters.length);
    expect(coarse.clusters.reduce((n, k) => n + k.count, 0)).toBe(szq.length);
    // Out of scope never leaks into a cluster count.
    const swqView = await clustering.map(w.actors.swqDispatcher, { bbox: ALL, zoom, queue: 'all' });
    expect(swqView.total).toBe(swq.length + mine.length);
  });

  it('puts a due-soon handling case in due_soon, not in overdue', async () => {
    const soon = await svc.map(w.actors.dispatcher, { bbox: ALL, zoom: 11, queue: 'due_soon' });
    expect(soon.total).toBe(0); // the fixtures' deadlines are 48 h away
    const later = createAppealsMapService(w.t.deps, { now: () => new Date(now.getTime() + 30 * HOUR) });
    const due = await later.map(w.actors.dispatcher, { bbox: ALL, zoom: 11, queue: 'due_soon' });
    expect(due.total).toBe(szq.filter((c) => c.state === 'handling' && c.dueAt! > now).length);
  });

  it('lets the (lat, lng) index serve a small box', async () => {
    const box = '103.76,29.55,103.77,29.56';
    const cond = bboxCondition(appeal.lat, appeal.lng, parseBbox(box));
    const q = w.t.database.db.select({ id: appeal.id }).from(appeal).where(cond).toSQL();
    await w.t.database.exec('set enable_seqscan = off');
    try {
      const text = q.sql.replace(/\$(\d+)/g, (_, n) => String(q.params[Number(n) - 1]));
      const { rows } = await w.t.database.query<{ 'QUERY PLAN': string }>(`explain ${text}`);
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('appeal_lat_lng_idx');
    } finally {
      await w.t.database.exec('reset enable_seqscan');
    }
    const n = (await w.t.database.db.execute(
      sql`select count(*)::int as n from appeal where ${cond}`,
    )) as unknown as { rows: { n: number }[] };
    expect(Number(n.rows[0]!.n)).toBe([...szq, ...swq, ...mine].filter((c) => inBox(c, box)).length);
  });
});
