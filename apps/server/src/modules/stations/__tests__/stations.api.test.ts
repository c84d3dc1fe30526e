import zlib from 'node:zlib';
import {
  STATION_QR_TOKEN_LENGTH,
  stationDetailSchema,
  stationsGeoJsonReply,
  stationsNearbyReply,
} from '@nuanxin/shared';
import { eq, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateStations } from '../../../cli/generate-stations.ts';
import type { Db } from '../../../platform/db/client.ts';
import { testEngines } from '../../../platform/db/testing.ts';
import { toGcj02 } from '../../../platform/geo/geo.ts';
import { hoursText, isOpenAt } from '../stations.hours.ts';
import { qrToken } from '../stations.qr.ts';
import * as repo from '../stations.repository.ts';
import { stationsRoutes } from '../stations.routes.ts';
import { createStationsService, type StationsService } from '../stations.service.ts';
import { station } from '../stations.tables.ts';
import { type StationsWorld, stationBody, stationsWorld } from './stations-fixtures.ts';

async function count(db: Db, q: ReturnType<typeof sql>): Promise<number> {
  const r = (await db.execute(q)) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0]?.n ?? 0);
}

describe.each(testEngines())('stations HTTP on %s', (engine) => {
  let w: StationsWorld;
  let db: Db;
  /** A 沙湾 铜心驿站 kept by swq.keeper, and a 大佛街道 小哥加油吧. */
  let swq: { id: string; code: string; version: number };
  let szq: { id: string; code: string; version: number };

  beforeAll(async () => {
    w = await stationsWorld(engine, { demo: true });
    db = w.t.database.db;
    // Generated stations too: every answer below must stay valid with them.
    await generateStations(db, { count: 300, seed: 5 });
    const a = await w.call('swq.admin', 'POST', '/api/v1/stations', {
      ...stationBody(w, 'swq'),
      keeperIds: [w.users['swq.keeper']],
    });
    expect(a.statusCode, a.body).toBe(201);
    swq = a.json();
    const b = await w.call('szq.community', 'POST', '/api/v1/stations', stationBody(w, 'szq'));
    expect(b.statusCode, b.body).toBe(201);
    szq = b.json();
  }, 240_000);
  afterAll(async () => w?.t.close());

  const tokenOf = async (id: string) => {
    const row = (await repo.getStation(db, id))!;
    return { code: row.code, t: qrToken(row.qrSecret, row.code) };
  };

  describe('public routes (no sign-in)', () => {
    it('nearby: cards sorted by distance, cacheable, no personal data', async () => {
      const r = await w.call(null, 'GET', '/api/v1/stations/nearby?lat=29.4131&lng=103.5497&radius=2000');
      expect(r.statusCode).toBe(200);
      expect(r.headers['cache-control']).toBe('public, max-age=30');
      const body = stationsNearbyReply.parse(r.json());
      expect(body.items[0]?.id).toBe(swq.id);
      expect(body.items[0]?.distanceMeters).toBe(0);
      const ds = body.items.map((i) => i.distanceMeters);
      expect([...ds].sort((x, y) => x - y)).toEqual(ds);
      expect(body.items.every((i) => i.distanceMeters <= 2000)).toBe(true);
      expect(r.body).not.toMatch(/keeper|qrSecret|qr_secret|phone/i);
    });

    it('nearby: sent pre-serialised, valid against its schema, gzip when accepted, exact JSON', async () => {
      const url = '/api/v1/stations/nearby?lat=29.4131&lng=103.5497&radius=20000';
      const plain = await w.call(null, 'GET', url);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(plain.headers['content-encoding']).toBeUndefined();
      const body = stationsNearbyReply.parse(plain.json());
      expect(body.items.length).toBeGreaterThan(5);
      // Nothing the schema does not name (the schema's serialiser used to strip unknown fields).
      expect(plain.json()).toEqual(body);
      const zipped = await w.call(null, 'GET', url, undefined, { 'accept-encoding': 'gzip, br' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toContain('Accept-Encoding');
      expect(zipped.headers['cache-control']).toBe('public, max-age=30');
      expect(zlib.gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    });

    it('nearby: repeatable service filter, kind, limit, and GCJ-02 input', async () => {
      const r = await w.call(
        null,
        'GET',
        '/api/v1/stations/nearby?lat=29.4131&lng=103.5497&radius=5000&service=water&service=meal_heating&limit=3',
      );
      expect(r.statusCode).toBe(200);
      const items = r.json().items as { services: string[] }[];
      expect(items.length).toBeLessThanOrEqual(3);
      expect(items.every((i) => i.services.includes('water') && i.services.includes('meal_heating'))).toBe(
        true,
      );
      const bars = await w.call(
        null,
        'GET',
        '/api/v1/stations/nearby?lat=29.5551&lng=103.7622&kind=rider_bar',
      );
      expect((bars.json().items as { kind: string }[]).every((i) => i.kind === 'rider_bar')).toBe(true);
      // The same place read off a GCJ-02 map (AMap): still the nearest, at about 0 m.
      const g = toGcj02({ lat: 29.4131, lng: 103.5497, crs: 'wgs84' });
      const asGcj = await w.call(
        null,
        'GET',
        `/api/v1/stations/nearby?lat=${g.lat}&lng=${g.lng}&crs=gcj02&radius=500`,
      );
      expect(asGcj.json().items[0].id).toBe(swq.id);
      expect(asGcj.json().items[0].distanceMeters).toBeLessThan(5);
      const asWgs = await w.call(
        null,
        'GET',
        `/api/v1/stations/nearby?lat=${g.lat}&lng=${g.lng}&radius=2000`,
      );
      expect(asWgs.json().items.find((i: { id: string }) => i.id === swq.id)?.distanceMeters).toBeGreaterThan(
        300,
      );
    });

    it('nearby: validation errors', async () => {
      for (const q of [
        'lng=103.5',
        'lat=29.4&lng=103.5&radius=20001',
        'lat=29.4&lng=103.5&radius=0',
        'lat=29.4&lng=103.5&openNow=maybe',
        'lat=29.4&lng=103.5&kind=castle',
        'lat=29.4&lng=103.5&limit=201',
        'lat=29.4&lng=103.5&service=Bad-Code',
        'lat=29.4&lng=103.5&crs=bd09',
      ]) {
        const r = await w.call(null, 'GET', `/api/v1/stations/nearby?${q}`);
        expect(r.statusCode, q).toBe(400);
        expect(r.json().code, q).toBe('common.validation');
      }
      const swapped = await w.call(null, 'GET', '/api/v1/stations/nearby?lat=103.5497&lng=29.4131');
      expect(swapped.statusCode).toBe(400);
      expect(swapped.json().code).toBe('common.validation'); // lat > 90
      const abroad = await w.call(null, 'GET', '/api/v1/stations/nearby?lat=48.85&lng=2.35');
      expect(abroad.statusCode).toBe(400);
      expect(abroad.json().code).toBe('geo.outside_china');
    });

    it('detail: public without actions or keepers; staff in scope see them and the answer is not cached', async () => {
      const pub = await w.call(null, 'GET', `/api/v1/stations/${swq.id}`);
      expect(pub.statusCode).toBe(200);
      expect(pub.headers['cache-control']).toBe('public, max-age=60');
      const d = stationDetailSchema.parse(pub.json());
      expect(d.actions).toBeUndefined();
      expect(d.keepers).toBeUndefined();
      expect(pub.body).not.toContain('qrSecret');
      const staff = await w.call('swq.admin', 'GET', `/api/v1/stations/${swq.id}`);
      expect(staff.headers['cache-control']).toBe('no-store');
      expect(staff.json().actions).toEqual({
        update: true,
        setLive: true,
        poster: true,
        rotateQr: true,
        visits: true,
      });
      expect(staff.json().keepers).toEqual([{ userId: w.users['swq.keeper'], name: '沙湾区驿站站长' }]);
      // Staff of the other district get the public view.
      const other = await w.call('szq.admin', 'GET', `/api/v1/stations/${swq.id}`);
      expect(other.json().actions).toBeUndefined();
      const missing = await w.call(null, 'GET', '/api/v1/stations/01900000-0000-7000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('station.not_found');
      expect((await w.call(null, 'GET', '/api/v1/stations/not-a-uuid')).statusCode).toBe(400);
    });

    it('service types: the enabled catalogue for everybody', async () => {
      const r = await w.call(null, 'GET', '/api/v1/station-service-types');
      expect(r.statusCode).toBe(200);
      const items = r.json().items as { code: string; basic: boolean }[];
      expect(items.slice(0, 5).map((i) => i.code)).toEqual(['rest', 'water', 'charging', 'wifi', 'reading']);
      expect(items.slice(0, 5).every((i) => i.basic)).toBe(true);
    });
  });

  describe('GeoJSON feed', () => {
    it('is a valid FeatureCollection of the active stations, [lng, lat], with an ETag and public caching', async () => {
      const r = await w.call(null, 'GET', '/api/v1/stations.geojson');
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/geo+json; charset=utf-8');
      expect(r.headers['cache-control']).toBe('public, max-age=60');
      expect(r.headers.etag).toMatch(/^"st-[A-Za-z0-9_-]+"$/);
      const fc = stationsGeoJsonReply.parse(r.json());
      const active = await count(db, sql`select count(*)::int as n from station where status = 'active'`);
      expect(fc.features).toHaveLength(active);
      const f = fc.features.find((x) => x.id === swq.id)!;
      const row = (await repo.getStation(db, swq.id))!;
      expect(f.geometry).toEqual({ type: 'Point', coordinates: [row.lng, row.lat] });
      for (const x of fc.features) {
        const [lng, lat] = x.geometry.coordinates;
        expect(lng).toBeGreaterThan(103);
        expect(lng).toBeLessThan(104);
        expect(lat).toBeGreaterThan(29);
        expect(lat).toBeLessThan(30);
        expect(x.properties.id).toBe(x.id);
      }
      expect(f.properties).toMatchObject({
        code: row.code,
        kind: 'copper_heart',
        liveStatus: 'open',
        hoursText: '每天 08:00–22:00',
        capacity: [{ resource: 'seats', total: 10, available: 10 }],
      });
      expect(f.properties.services).toEqual(['rest', 'water', 'charging', 'wifi', 'reading', 'meal_heating']);
    });

    it('has exactly the content of the previous, row-by-row format (POS-01: demo and generated stations)', async () => {
      // The feed is now kept in compressed chunks and rebuilt by buckets: it must still be, byte for
      // byte, the FeatureCollection the first version rendered from every row in code order.
      await w.call('swq.keeper', 'POST', `/api/v1/stations/${swq.id}/live`, { liveStatus: 'busy' });
      const plain = await w.call(null, 'GET', '/api/v1/stations.geojson');
      const zipped = await w.call(null, 'GET', '/api/v1/stations.geojson', undefined, {
        'accept-encoding': 'gzip',
      });
      const at = new Date();
      const r = (await db.execute(sql`
        select s.id, s.code, s.name, s.kind, s.lat, s.lng, s.live_status, s.hours,
               coalesce((select json_agg(x.service_code order by t.sort, x.service_code)
                           from station_service x join station_service_type t on t.code = x.service_code
                          where x.station_id = s.id), '[]'::json) as services,
               coalesce((select json_agg(json_build_object('resource', c.resource, 'total', c.total,
                                                           'available', c.available) order by c.resource)
                           from station_capacity c where c.station_id = s.id), '[]'::json) as capacity
          from station s where s.status = 'active' order by s.code collate "C"`)) as unknown as {
        rows: Record<string, unknown>[];
      };
      const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
      const holiday = (d: string) => w.t.deps.calendar.kindOf(d) === 'holiday';
      const expected = {
        type: 'FeatureCollection',
        features: r.rows.map((x) => {
          const hours = json<Parameters<typeof hoursText>[0]>(x.hours);
          return {
            type: 'Feature',
            id: x.id,
            geometry: { type: 'Point', coordinates: [Number(x.lng), Number(x.lat)] },
            properties: {
              id: x.id,
              code: x.code,
              name: x.name,
              kind: x.kind,
              services: json(x.services),
              openNow: x.live_status !== 'closed_now' && isOpenAt(hours, at, holiday),
              liveStatus: x.live_status,
              hoursText: hoursText(hours),
              capacity: json(x.capacity),
            },
          };
        }),
      };
      expect(expected.features.length).toBeGreaterThan(300);
      expect(plain.body).toBe(JSON.stringify(expected));
      expect(zlib.gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
      await w.call('swq.keeper', 'POST', `/api/v1/stations/${swq.id}/live`, { liveStatus: 'open' });
    });

    it('builds the feed when the server starts listening, not when it is only made ready', async () => {
      const service = createStationsService(w.t.deps);
      const warmed: number[] = [];
      const spy: StationsService = {
        ...service,
        warmFeed: async () => {
          const r = await service.warmFeed();
          warmed.push(r.stations);
          return r;
        },
      };
      const app = Fastify();
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(serializerCompiler);
      await app.register(stationsRoutes(w.t.deps, spy), { prefix: '/api/v1' });
      try {
        await app.ready();
        expect(warmed).toEqual([]);
        await app.listen({ port: 0, host: '127.0.0.1' });
        await vi.waitFor(() => expect(warmed).toHaveLength(1), { timeout: 30_000 });
        expect(warmed[0]).toBeGreaterThan(300);
      } finally {
        await app.close();
      }
    });

    it('sends the same feed gzip-compressed to a client that accepts it', async () => {
      const plain = await w.call(null, 'GET', '/api/v1/stations.geojson');
      const zipped = await w.call(null, 'GET', '/api/v1/stations.geojson', undefined, {
        'accept-encoding': 'br;q=0, gzip, deflate',
      });
      expect(zipped.statusCode).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toContain('Accept-Encoding');
      expect(zipped.headers.etag).toBe(plain.headers.etag);
      expect(zlib.gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
      const noGzip = await w.call(null, 'GET', '/api/v1/stations.geojson', undefined, {
        'accept-encoding': 'gzip;q=0',
      });
      expect(noGzip.headers['content-encoding']).toBeUndefined();
    });

    it('answers 304 to a matching If-None-Match, and 200 again after a change', async () => {
      const first = await w.call(null, 'GET', '/api/v1/stations.geojson');
      const etag = String(first.headers.etag);
      for (const inm of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
        const again = await w.call(null, 'GET', '/api/v1/stations.geojson', undefined, {
          'if-none-match': inm,
        });
        expect(again.statusCode, inm).toBe(304);
        expect(again.body).toBe('');
        expect(again.headers.etag).toBe(etag);
        expect(again.headers['cache-control']).toBe('public, max-age=60');
      }
      expect(
        (await w.call(null, 'GET', '/api/v1/stations.geojson', undefined, { 'if-none-match': '"other"' }))
          .statusCode,
      ).toBe(200);
      const live = await w.call('swq.keeper', 'POST', `/api/v1/stations/${swq.id}/live`, {
        liveStatus: 'busy',
      });
      expect(live.statusCode).toBe(200);
      const after = await w.call(null, 'GET', '/api/v1/stations.geojson', undefined, {
        'if-none-match': etag,
      });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(etag);
      expect(after.json().features.find((f: { id: string }) => f.id === swq.id).properties.liveStatus).toBe(
        'busy',
      );
      await w.call('swq.keeper', 'POST', `/api/v1/stations/${swq.id}/live`, { liveStatus: 'open' });
    });
  });

  describe('console', () => {
    it('creates with 201 and answers the contract’s validation codes', async () => {
      const cases: [object, number, string][] = [
        [{ hours: { weekly: [] } }, 400, 'station.hours_invalid'],
        [{ hours: { weekly: [{ days: [8], open: '8:00', close: '22:00' }] } }, 400, 'station.hours_invalid'],
        [{ services: [{ code: 'water' }] }, 400, 'station.basic_services_required'],
        [{ services: [{ code: 'teleport' }] }, 400, 'station.service_unknown'],
        [{ regionCode: '110101' }, 400, 'station.region_invalid'],
        [{ regionCode: '511111999' }, 400, 'station.region_invalid'],
        [{ operatorOrgId: '01900000-0000-7000-8000-000000000000' }, 400, 'station.operator_not_found'],
        [{ lat: 48.85, lng: 2.35 }, 400, 'geo.outside_china'],
        [{ keeperIds: [w.users.worker1] }, 400, 'station.keeper_invalid'],
        [{ name: 'x' }, 400, 'common.validation'],
        [{ kind: 'castle' }, 400, 'common.validation'],
        [{ capacity: [{ resource: 'seats', total: -1 }] }, 400, 'common.validation'],
      ];
      const before = await count(db, sql`select count(*)::int as n from station`);
      for (const [over, status, code] of cases) {
        const r = await w.call('swq.admin', 'POST', '/api/v1/stations', {
          ...stationBody(w, 'swq'),
          ...over,
        });
        expect(r.statusCode, JSON.stringify(over)).toBe(status);
        expect(r.json().code, JSON.stringify(over)).toBe(code);
      }
      expect(await count(db, sql`select count(*)::int as n from station`)).toBe(before);
      const bad = await w.call('swq.admin', 'POST', '/api/v1/stations', {
        ...stationBody(w, 'swq'),
        hours: { weekly: [{ days: [1], open: '25:00', close: '22:00' }] },
      });
      expect(bad.json().details.issues).toEqual([
        { path: 'hours.weekly.0.open', message: expect.any(String) },
      ]);
      // Without the CSRF token a cookie request is refused.
      const noCsrf = await w.t.app.inject({
        method: 'POST',
        url: '/api/v1/stations',
        payload: stationBody(w, 'swq'),
        headers: { cookie: w.headers['swq.admin'].cookie! },
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json().code).toBe('common.csrf');
    });

    it('a 市中区 admin cannot create or edit 沙湾区 stations; nothing changes (counted)', async () => {
      const stations = await count(db, sql`select count(*)::int as n from station`);
      const audits = await count(
        db,
        sql`select count(*)::int as n from audit_log where entity_type = 'station'`,
      );
      const rowBefore = (await repo.getStation(db, swq.id))!;
      const create = await w.call('szq.admin', 'POST', '/api/v1/stations', stationBody(w, 'swq'));
      expect(create.statusCode).toBe(403);
      const patch = await w.call('szq.admin', 'PATCH', `/api/v1/stations/${swq.id}`, {
        version: rowBefore.version,
        name: '越权改名',
      });
      expect(patch.statusCode).toBe(403);
      expect(patch.json().code).toBe('common.forbidden');
      for (const [method, url, payload] of [
        ['PUT', `/api/v1/stations/${swq.id}/services`, { services: [] }],
        ['PUT', `/api/v1/stations/${swq.id}/keepers`, { userIds: [] }],
        ['POST', `/api/v1/stations/${swq.id}/live`, { liveStatus: 'full' }],
        ['POST', `/api/v1/stations/${swq.id}/rotate-qr`, undefined],
      ] as const) {
        const r = await w.call('szq.admin', method, url, payload);
        expect(r.statusCode, url).toBe(403);
      }
      expect(await count(db, sql`select count(*)::int as n from station`)).toBe(stations);
      expect(
        await count(db, sql`select count(*)::int as n from audit_log where entity_type = 'station'`),
      ).toBe(audits);
      const rowAfter = (await repo.getStation(db, swq.id))!;
      expect(rowAfter).toEqual(rowBefore);
      expect((await repo.listStationServices(db, swq.id)).length).toBe(6);
      expect((await repo.listKeepers(db, swq.id)).length).toBe(1);
      // The list of the 市中区 admin holds no 沙湾区 station.
      const list = await w.call('szq.admin', 'GET', '/api/v1/stations?pageSize=200');
      expect(list.statusCode).toBe(200);
      expect(
        (list.json().items as { regionCode: string }[]).every((s) => s.regionCode.startsWith('511102')),
      ).toBe(true);
      expect(list.json().total).toBe(
        await count(db, sql`select count(*)::int as n from station where region_code like '511102%'`),
      );
    });

    it('edits with the version read; a stale version is 409 station.conflict', async () => {
      const d = (await w.call('swq.admin', 'GET', `/api/v1/stations/${swq.id}`)).json();
      const ok = await w.call('swq.admin', 'PATCH', `/api/v1/stations/${swq.id}`, {
        version: d.version,
        name: '铜心驿站·测试点（改）',
        capacity: [
          { resource: 'seats', total: 12 },
          { resource: 'chargers', total: 4, available: 1 },
        ],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().version).toBe(d.version + 1);
      expect(
        ok.json().capacity.map((c: { resource: string; total: number }) => [c.resource, c.total]),
      ).toEqual([
        ['chargers', 4],
        ['seats', 12],
      ]);
      const stale = await w.call('swq.admin', 'PATCH', `/api/v1/stations/${swq.id}`, {
        version: d.version,
        name: '旧版本',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('station.conflict');
      const half = await w.call('swq.admin', 'PATCH', `/api/v1/stations/${swq.id}`, {
        version: d.version + 1,
        lat: 29.41,
      });
      expect(half.statusCode).toBe(400);
      const noVersion = await w.call('swq.admin', 'PATCH', `/api/v1/stations/${swq.id}`, { name: '无版本' });
      expect(noVersion.statusCode).toBe(400);
      const audit = await db.execute(
        sql`select action from audit_log where entity_id = ${swq.id} and action = 'station.update'`,
      );
      expect((audit as unknown as { rows: unknown[] }).rows).toHaveLength(1);
    });

    it('services: basic five required for 铜心驿站; catalogue additions are usable', async () => {
      const drop = await w.call('swq.admin', 'PUT', `/api/v1/stations/${swq.id}/services`, {
        services: [{ code: 'water' }],
      });
      expect(drop.statusCode).toBe(400);
      expect(drop.json().code).toBe('station.basic_services_required');
      expect(drop.json().details.missing).toEqual(['rest', 'charging', 'wifi', 'reading']);
      const add = await w.call('swq.admin', 'POST', '/api/v1/station-service-types', {
        code: 'umbrella',
        name: '爱心雨伞',
        nameEn: 'Umbrellas',
      });
      expect(add.statusCode).toBe(201);
      expect(add.json()).toMatchObject({ code: 'umbrella', basic: false, enabled: true });
      const dup = await w.call('swq.admin', 'POST', '/api/v1/station-service-types', {
        code: 'umbrella',
        name: 'x',
        nameEn: 'x',
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().code).toBe('station.service_type_exists');
      const set = await w.call('swq.admin', 'PUT', `/api/v1/stations/${swq.id}/services`, {
        services: [
          { code: 'rest' },
          { code: 'water' },
          { code: 'charging' },
          { code: 'wifi' },
          { code: 'reading' },
          { code: 'umbrella', note: '雨天借用' },
        ],
      });
      expect(set.statusCode).toBe(200);
      expect(set.json().services.at(-1)).toMatchObject({
        code: 'umbrella',
        name: '爱心雨伞',
        note: '雨天借用',
      });
      const basicOff = await w.call('sysadmin', 'PATCH', '/api/v1/station-service-types/water', {
        enabled: false,
      });
      expect(basicOff.statusCode).toBe(400);
      expect(basicOff.json().code).toBe('station.basic_services_required');
      const unknown = await w.call('sysadmin', 'PATCH', '/api/v1/station-service-types/teleport', {
        sort: 1,
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('station.service_type_not_found');
      const hidden = await w.call('sysadmin', 'PATCH', '/api/v1/station-service-types/umbrella', {
        enabled: false,
      });
      expect(hidden.json().enabled).toBe(false);
      const pub = await w.call(null, 'GET', '/api/v1/station-service-types');
      expect((pub.json().items as { code: string }[]).some((i) => i.code === 'umbrella')).toBe(false);
      const staffList = await w.call('sysadmin', 'GET', '/api/v1/station-service-types');
      expect((staffList.json().items as { code: string }[]).some((i) => i.code === 'umbrella')).toBe(true);
    });

    it('live status and capacity by the keeper: 0 ≤ available ≤ total; other keepers and workers may not', async () => {
      const r = await w.call('swq.keeper', 'POST', `/api/v1/stations/${swq.id}/live`, {
        liveStatus: 'full',
        capacity: [{ resource: 'seats', available: 0 }],
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().liveStatus).toBe('full');
      expect(r.json().capacity.find((c: { resource: string }) => c.resource === 'seats').available).toBe(0);
      const over = await w.call('swq.keeper', 'POST', `/api/v1/stations/${swq.id}/live`, {
        capacity: [{ resource: 'seats', available: 99 }],
      });
      expect(over.statusCode).toBe(400);
      expect(over.json().code).toBe('station.capacity_invalid');
      const noBeds = await w.call('swq.keeper', 'POST', `/api/v1/stations/${swq.id}/live`, {
        capacity: [{ resource: 'beds', available: 1 }],
      });
      expect(noBeds.json().code).toBe('station.capacity_invalid');
      const empty = await w.call('swq.keeper', 'POST', `/api/v1/stations/${swq.id}/live`, {});
      expect(empty.statusCode).toBe(400);
      // The keeper does not keep the 市中区 station.
      expect(
        (await w.call('swq.keeper', 'POST', `/api/v1/stations/${szq.id}/live`, { liveStatus: 'busy' }))
          .statusCode,
      ).toBe(403);
      expect(
        (await w.call('worker1', 'POST', `/api/v1/stations/${swq.id}/live`, { liveStatus: 'busy' }))
          .statusCode,
      ).toBe(403);
      expect(
        (await w.call(null, 'POST', `/api/v1/stations/${swq.id}/live`, { liveStatus: 'busy' })).statusCode,
      ).toBe(401);
      // 暂停服务: not open now, whatever the hours say.
      const closed = await w.call('swq.keeper', 'POST', `/api/v1/stations/${swq.id}/live`, {
        liveStatus: 'closed_now',
      });
      expect(closed.json().openNow).toBe(false);
      const nearby = await w.call(
        null,
        'GET',
        '/api/v1/stations/nearby?lat=29.4131&lng=103.5497&radius=300&openNow=true',
      );
      expect((nearby.json().items as { id: string }[]).some((i) => i.id === swq.id)).toBe(false);
      await w.call('swq.keeper', 'POST', `/api/v1/stations/${swq.id}/live`, {
        liveStatus: 'open',
        capacity: [{ resource: 'seats', available: 5 }],
      });
    });

    it('keepers must be active staff', async () => {
      const r = await w.call('swq.admin', 'PUT', `/api/v1/stations/${swq.id}/keepers`, {
        userIds: [w.users.worker1],
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toBe('station.keeper_invalid');
      const ok = await w.call('swq.admin', 'PUT', `/api/v1/stations/${swq.id}/keepers`, {
        userIds: [w.users['swq.keeper'], w.users['swq.admin']],
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().keepers).toHaveLength(2);
    });
  });

  describe('poster, QR and check-in', () => {
    it('poster: the check-in URL with a 16-character token; rotating voids the printed one', async () => {
      const p = await w.call('swq.keeper', 'GET', `/api/v1/stations/${swq.id}/poster`);
      expect(p.statusCode).toBe(200);
      const url = new URL(p.json().checkinUrl);
      expect(url.pathname).toBe(`/m/checkin/${swq.code}`);
      const t = url.searchParams.get('t')!;
      expect(t).toHaveLength(STATION_QR_TOKEN_LENGTH);
      expect(p.json().services.filter((s: { basic: boolean }) => s.basic)).toHaveLength(5);
      const rotated = await w.call('swq.admin', 'POST', `/api/v1/stations/${swq.id}/rotate-qr`);
      expect(rotated.statusCode).toBe(200);
      const t2 = new URL(rotated.json().checkinUrl).searchParams.get('t');
      expect(t2).not.toBe(t);
      const old = await w.call('worker1', 'POST', '/api/v1/stations/checkins', { code: swq.code, t });
      expect(old.statusCode).toBe(400);
      expect(old.json().code).toBe('station.qr_invalid');
      const fresh = await w.call('worker1', 'POST', '/api/v1/stations/checkins', { code: swq.code, t: t2 });
      expect(fresh.statusCode).toBe(201);
    });

    it('check-in: 201 the first time in the hour, 200 with the same visit after; one row', async () => {
      const tok = await tokenOf(szq.id);
      const first = await w.call('worker2', 'POST', '/api/v1/stations/checkins', {
        ...tok,
        lat: 29.5552,
        lng: 103.7621,
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({
        created: true,
        visit: { stationId: szq.id, stationCode: szq.code },
      });
      const again = await w.call('worker2', 'POST', '/api/v1/stations/checkins', tok);
      expect(again.statusCode).toBe(200);
      expect(again.json().created).toBe(false);
      expect(again.json().visit.id).toBe(first.json().visit.id);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from station_visit where station_id = ${szq.id} and worker_user_id = ${w.users.worker2!}`,
        ),
      ).toBe(1);
      const mine = await w.call('worker2', 'GET', '/api/v1/me/station-visits');
      expect(mine.statusCode).toBe(200);
      expect(mine.json().items[0]).toMatchObject({ stationId: szq.id, stationName: '小哥加油吧·测试点' });
    });

    it('50 concurrent check-ins: exactly one 201, the rest 200, one row', async () => {
      const s = await w.call(
        'swq.admin',
        'POST',
        '/api/v1/stations',
        stationBody(w, 'swq', { name: '铜心驿站·并发测试' }),
      );
      const tok = await tokenOf(s.json().id);
      const results = await Promise.all(
        Array.from({ length: 50 }, () => w.call('worker1', 'POST', '/api/v1/stations/checkins', tok)),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses.filter((x) => x === 201)).toHaveLength(1);
      expect(statuses.filter((x) => x === 200)).toHaveLength(49);
      expect(new Set(results.map((r) => r.json().visit.id)).size).toBe(1);
      expect(
        await count(db, sql`select count(*)::int as n from station_visit where station_id = ${s.json().id}`),
      ).toBe(1);
    });

    it('check-in errors: wrong token or code, paused station, not a worker, not signed in', async () => {
      const tok = await tokenOf(szq.id);
      for (const body of [
        { ...tok, t: 'AAAAAAAAAAAAAAAA' },
        { ...tok, code: 'ST-511102-9999' },
      ]) {
        const r = await w.call('worker1', 'POST', '/api/v1/stations/checkins', body);
        expect(r.statusCode).toBe(400);
        expect(r.json().code).toBe('station.qr_invalid');
      }
      expect(
        (await w.call('worker1', 'POST', '/api/v1/stations/checkins', { code: 'x', t: 'y' })).json().code,
      ).toBe('common.validation');
      const paused = await w.call(
        'swq.admin',
        'POST',
        '/api/v1/stations',
        stationBody(w, 'swq', { status: 'paused', name: '铜心驿站·暂停' }),
      );
      const pt = await tokenOf(paused.json().id);
      const r = await w.call('worker1', 'POST', '/api/v1/stations/checkins', pt);
      expect(r.statusCode).toBe(409);
      expect(r.json().code).toBe('station.not_open');
      // A paused station is off the public map and its page.
      expect((await w.call(null, 'GET', `/api/v1/stations/${paused.json().id}`)).statusCode).toBe(404);
      expect((await w.call('swq.admin', 'GET', `/api/v1/stations/${paused.json().id}`)).statusCode).toBe(200);
      const feed = await w.call(null, 'GET', '/api/v1/stations.geojson');
      expect((feed.json().features as { id: string }[]).some((f) => f.id === paused.json().id)).toBe(false);
      expect((await w.call('szq.admin', 'POST', '/api/v1/stations/checkins', tok)).statusCode).toBe(403);
      expect((await w.call(null, 'POST', '/api/v1/stations/checkins', tok)).statusCode).toBe(401);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from station_visit where station_id = ${paused.json().id}`,
        ),
      ).toBe(0);
    });

    it('visit figures for staff in scope: visits and distinct workers per day and month', async () => {
      const r = await w.call('szq.community', 'GET', `/api/v1/stations/${szq.id}/visits/summary`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ stationId: szq.id, granularity: 'day', visits: 1, workers: 1 });
      expect(r.json().rows).toHaveLength(1);
      const m = await w.call(
        'szq.community',
        'GET',
        `/api/v1/stations/${szq.id}/visits/summary?granularity=month`,
      );
      expect(m.json().rows[0].period).toMatch(/^\d{4}-\d{2}$/);
      const bad = await w.call(
        'szq.community',
        'GET',
        `/api/v1/stations/${szq.id}/visits/summary?from=2026-05-02&to=2026-05-01`,
      );
      expect(bad.statusCode).toBe(400);
      expect((await w.call('swq.admin', 'GET', `/api/v1/stations/${szq.id}/visits/summary`)).statusCode).toBe(
        403,
      );
    });
  });

  it('demo data: the 暖心之家 is on the public map, open 24 hours', async () => {
    const [warm] = await db.select().from(station).where(eq(station.name, '沙湾区G348“暖心之家”'));
    const d = await w.call(null, 'GET', `/api/v1/stations/${warm!.id}`);
    expect(d.json()).toMatchObject({ kind: 'warm_home', hoursText: '24小时开放', openNow: true });
  });
});
