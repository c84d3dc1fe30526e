import { APPEAL_MAP_MAX_POINTS, appealMapReply } from '@nuanxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityService } from '../../identity/identity.service.ts';
import { appealsWorld } from './fixtures.ts';
import { gridCases, insertMapCases, type MapCase, SWQ, SZQ } from './map-fixtures.ts';

/** Both districts and a margin. */
const ALL = '103.50,29.35,103.90,29.70';

describe('appeals map HTTP', () => {
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  const headers: Record<string, Record<string, string>> = {};
  let szq: MapCase[];
  let swq: MapCase[];

  beforeAll(async () => {
    w = await appealsWorld('pglite');
    const identity = createIdentityService(w.t.deps);
    for (const login of ['worker1', 'szq.dispatch', 'swq.dispatch', 'szq.scjg', 'security']) {
      const s = await identity.startSessionFor(w.users[login]!);
      headers[login] = { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    }
    const base = {
      categoryIds: [w.categories.get('env.parking')!],
      createdBy: w.users.worker2!,
      reporterUserId: w.users.worker2!,
      now: new Date(),
    };
    szq = gridCases('511102', SZQ, 20, 10, 0.002, base);
    swq = gridCases('511111', SWQ, 15, 10, 0.002, base);
    await insertMapCases(w.t.database.db, [...szq, ...swq]);
  }, 180_000);
  afterAll(async () => w?.t.close());

  const get = (login: string | null, query: Record<string, string>) =>
    w.t.app.inject({
      method: 'GET',
      url: '/api/v1/appeals/map',
      query,
      headers: login ? headers[login] : {},
    });

  it('answers the contract shape, with points for a handful of cases', async () => {
    const r = await get('szq.dispatch', { bbox: ALL, zoom: '12', queue: 'all' });
    expect(r.statusCode).toBe(200);
    const body = appealMapReply.parse(r.json());
    expect(body.mode).toBe('points');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('scopes by district: the 市中区 dispatcher gets none of 沙湾区’s cases (count-checked), and back', async () => {
    const a = (await get('szq.dispatch', { bbox: ALL, zoom: '12', queue: 'all' })).json();
    expect(a.total).toBe(szq.length);
    expect(a.points).toHaveLength(szq.length);
    const swqIds = new Set(swq.map((c) => c.id));
    expect(a.points.filter((p: { id: string }) => swqIds.has(p.id))).toEqual([]);
    expect(a.points.every((p: { caseNo: string }) => p.caseNo.startsWith('SQ-511102-'))).toBe(true);
    // A box around 沙湾区 only: empty for the 市中区 dispatcher, not a denial.
    const around = `${SWQ.lng - 0.05},${SWQ.lat - 0.05},${SWQ.lng + 0.1},${SWQ.lat + 0.1}`;
    const empty = await get('szq.dispatch', { bbox: around, zoom: '13', queue: 'all' });
    expect(empty.statusCode).toBe(200);
    expect(empty.json().total).toBe(0);
    const b = (await get('swq.dispatch', { bbox: around, zoom: '13', queue: 'all' })).json();
    expect(b.total).toBe(swq.length);
    // A unit handler sees only cases assigned to their unit (none of these) and a worker only their own.
    expect((await get('szq.scjg', { bbox: ALL, zoom: '12', queue: 'all' })).json().total).toBe(0);
    expect((await get('worker1', { bbox: ALL, zoom: '12', queue: 'all' })).json().total).toBe(0);
  });

  it.each([
    ['three numbers', '103.5,29.3,103.9'],
    ['not numbers', 'west,south,east,north'],
    ['swapped latitude and longitude', '29.35,103.50,29.70,103.90'],
    ['west after east', '103.90,29.35,103.50,29.70'],
    ['longitude beyond 180', '103.5,29.3,181,29.7'],
  ])('refuses a bad bbox (%s) with 400 geo.invalid_bbox', async (_what, bbox) => {
    const r = await get('szq.dispatch', { bbox, zoom: '12' });
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.code).toBe('geo.invalid_bbox');
    expect(body.message).toContain('minLng,minLat,maxLng,maxLat');
    expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message', 'requestId']);
  });

  it('validates the other parameters and guards the route', async () => {
    const noBox = await get('szq.dispatch', { zoom: '12' });
    expect(noBox.statusCode).toBe(400);
    expect(noBox.json().code).toBe('common.validation');
    for (const zoom of ['', '23', '1.5', 'x']) {
      const r = await get('szq.dispatch', { bbox: ALL, zoom });
      expect(r.statusCode, `zoom=${zoom}`).toBe(400);
    }
    expect((await get('szq.dispatch', { bbox: ALL, zoom: '12', queue: 'nope' })).statusCode).toBe(400);
    expect((await get('szq.dispatch', { bbox: ALL, zoom: '12', categoryId: 'x' })).statusCode).toBe(400);
    expect((await get(null, { bbox: ALL, zoom: '12' })).statusCode).toBe(401);
    expect((await get('security', { bbox: ALL, zoom: '12' })).statusCode).toBe(403);
  });

  it(`clusters above ${APPEAL_MAP_MAX_POINTS} cases, still within scope`, async () => {
    const more = gridCases('511102-M', { ...SZQ, lat: SZQ.lat + 0.03 }, 50, 40, 0.001, {
      categoryIds: [w.categories.get('env.parking')!],
      createdBy: w.users.worker2!,
      reporterUserId: w.users.worker2!,
      now: new Date(),
    });
    await insertMapCases(w.t.database.db, more);
    const r = await get('szq.dispatch', { bbox: ALL, zoom: '12', queue: 'all' });
    const body = appealMapReply.parse(r.json());
    expect(body.mode).toBe('clusters');
    expect(body.points).toEqual([]);
    expect(body.total).toBe(szq.length + more.length);
    expect(body.clusters.reduce((n, c) => n + c.count, 0)).toBe(szq.length + more.length);
    expect(body.cell?.lngDeg).toBeCloseTo(360 / 2 ** 12 / 4, 10);
    // 沙湾区's dispatcher is still under the limit: points, none of 市中区's.
    const b = appealMapReply.parse(
      (await get('swq.dispatch', { bbox: ALL, zoom: '12', queue: 'all' })).json(),
    );
    expect(b.mode).toBe('points');
    expect(b.total).toBe(swq.length);
  });
});
