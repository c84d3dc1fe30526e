import { managedParkingZonesReply, parkingZoneSchema, parkingZonesReply } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityService } from '../../identity/identity.service.ts';
import { countRows, DAFO, parkingWorld, SHAWAN } from './parking-fixtures.ts';

describe('parking zones HTTP', () => {
  let w: Awaited<ReturnType<typeof parkingWorld>>;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    w = await parkingWorld('pglite');
    const identity = createIdentityService(w.t.deps);
    for (const login of ['worker1', 'szq.community', 'szq.admin', 'swq.admin', 'szq.dispatch']) {
      const s = await identity.startSessionFor(w.users[login]!);
      headers[login] = { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    }
  }, 120_000);
  afterAll(async () => w?.t.close());

  const body = (over: Record<string, unknown> = {}) => ({
    name: '上河街骑手停放点',
    regionCode: DAFO.region,
    location: { lat: DAFO.lat, lng: DAFO.lng, crs: 'gcj02' },
    near: '上河街',
    capacity: 24,
    ...over,
  });
  const post = (login: string, payload: object) =>
    w.t.app.inject({ method: 'POST', url: '/api/v1/parking-zones', headers: headers[login], payload });
  const list = (query: Record<string, string>) =>
    w.t.app.inject({ method: 'GET', url: '/api/v1/parking-zones', query });

  it('creates a zone in the actor’s township (GCJ-02 in, WGS-84 out), defaulting to planned', async () => {
    const r = await post('szq.community', body());
    expect(r.statusCode).toBe(201);
    const z = parkingZoneSchema.parse(r.json());
    expect(z.status).toBe('planned');
    expect(z.version).toBe(1);
    expect(Math.abs(z.lat - DAFO.lat)).toBeGreaterThan(0.0005); // converted, not stored as typed
  });

  it('validates the body and the query (error envelope)', async () => {
    for (const bad of [
      body({ capacity: -1 }),
      body({ capacity: 1.5 }),
      body({ name: 'x' }),
      body({ regionCode: '5111' }),
      body({ status: 'gone' }),
      body({ location: { lat: 29.5, crs: 'wgs84' } }),
      body({ location: { lat: 29.5, lng: 103.7, crs: 'bd09' } }),
    ]) {
      const r = await post('szq.admin', bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().code).toBe('common.validation');
    }
    const abroad = await post('szq.admin', body({ location: { lat: 35.68, lng: 139.76, crs: 'wgs84' } }));
    expect(abroad.statusCode).toBe(400);
    expect(abroad.json().code).toBe('geo.outside_china');
    // Neither bbox nor point; both; a lone lat; a radius too large; a broken box.
    const queries: Record<string, string>[] = [
      {},
      { bbox: '103.7,29.5,103.8,29.6', lat: '29.5', lng: '103.7' },
      { lat: '29.5' },
    ];
    for (const q of queries) {
      const r = await list(q);
      expect(r.statusCode, JSON.stringify(q)).toBe(400);
      expect(r.json().code).toBe('common.validation');
    }
    expect((await list({ lat: '29.5', lng: '103.7', radius: '20001' })).statusCode).toBe(400);
    const box = await list({ bbox: '103.8,29.5,103.7,29.6' });
    expect(box.statusCode).toBe(400);
    expect(box.json().code).toBe('geo.invalid_bbox');
  });

  it('answers the public map without sign-in, by point and by box', async () => {
    const near = await list({ lat: String(DAFO.lat), lng: String(DAFO.lng), radius: '3000', crs: 'gcj02' });
    expect(near.statusCode).toBe(200);
    const items = parkingZonesReply.parse(near.json()).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((z) => typeof z.distanceMeters === 'number')).toBe(true);
    expect(JSON.stringify(items)).not.toContain('createdBy');
    const box = await list({
      bbox: `${DAFO.lng - 0.02},${DAFO.lat - 0.02},${DAFO.lng + 0.02},${DAFO.lat + 0.02}`,
    });
    expect(parkingZonesReply.parse(box.json()).items.length).toBe(items.length);
  });

  it('keeps 市中区 staff out of 沙湾区 (count-checked) and other roles out altogether', async () => {
    const before = await countRows(w.t.database.db, 'parking_zone');
    const out = body({ regionCode: SHAWAN.region, location: { ...SHAWAN, crs: 'wgs84' } });
    for (const login of ['szq.community', 'szq.admin']) {
      const r = await post(login, out);
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe('common.forbidden');
    }
    for (const login of ['worker1', 'szq.dispatch']) expect((await post(login, body())).statusCode).toBe(403);
    expect(
      (await w.t.app.inject({ method: 'POST', url: '/api/v1/parking-zones', payload: body() })).statusCode,
    ).toBe(401);
    expect(await countRows(w.t.database.db, 'parking_zone')).toBe(before);
    expect((await post('swq.admin', out)).statusCode).toBe(201);
    const swqZones = await countRows(w.t.database.db, 'parking_zone', sql`region_code like '511111%'`);
    const szqList = managedParkingZonesReply.parse(
      (
        await w.t.app.inject({
          method: 'GET',
          url: '/api/v1/parking-zones/managed',
          headers: headers['szq.admin'],
        })
      ).json(),
    );
    expect(szqList.total).toBe((await countRows(w.t.database.db, 'parking_zone')) - swqZones);
    expect(szqList.items.every((z) => z.regionCode.startsWith('511102'))).toBe(true);
  });

  it('edits with the version read: 409 when it moved on, 404 out of scope', async () => {
    const z = parkingZoneSchema.parse(
      (await post('szq.admin', body({ name: '万达广场外卖专属停放区' }))).json(),
    );
    const patch = (login: string, payload: object) =>
      w.t.app.inject({
        method: 'PATCH',
        url: `/api/v1/parking-zones/${z.id}`,
        headers: headers[login],
        payload,
      });
    const ok = await patch('szq.admin', { version: 1, status: 'in_place', capacity: 60 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, status: 'in_place', capacity: 60 });
    const stale = await patch('szq.admin', { version: 1, capacity: 10 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('parking_zone.conflict');
    const other = await patch('swq.admin', { version: 2, capacity: 10 });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('parking_zone.not_found');
    expect((await patch('szq.admin', { version: 2 })).statusCode).toBe(400); // nothing to change
    const missingCase = await patch('szq.admin', { version: 2, appealCaseNo: 'SQ-511102-20990101-0001' });
    expect(missingCase.statusCode).toBe(400);
    expect(missingCase.json().code).toBe('parking_zone.appeal_not_found');
  });
});
