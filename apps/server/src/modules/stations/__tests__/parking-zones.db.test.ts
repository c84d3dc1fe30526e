import type { CreateParkingZoneInput } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { haversineMeters, toWgs84 } from '../../../platform/geo/geo.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { createParkingZonesService, type ParkingZonesService } from '../stations.parking.service.ts';
import { countRows, DAFO, offset, parkingWorld, SHAWAN } from './parking-fixtures.ts';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return null;
};

describe.each(testEngines())('parking zones (%s)', (engine) => {
  let w: Awaited<ReturnType<typeof parkingWorld>>;
  let svc: ParkingZonesService;
  const db = () => w.t.database.db;

  const zone = (over: Partial<CreateParkingZoneInput> = {}): CreateParkingZoneInput => ({
    name: '嘉瑞财富商圈外卖专属停放区',
    regionCode: DAFO.region,
    location: { lat: DAFO.lat, lng: DAFO.lng, crs: 'wgs84' },
    address: '嘉瑞财富商圈北侧',
    near: '嘉瑞财富商圈',
    capacity: 40,
    status: 'in_place',
    ...over,
  });

  beforeAll(async () => {
    w = await parkingWorld(engine);
    svc = createParkingZonesService(w.t.deps);
  }, 120_000);
  afterAll(async () => w?.t.close());

  it('lets community staff add a zone in their township, with its audit row and event in the same commit', async () => {
    const before = await countRows(db(), 'audit_log', sql`action = 'parking_zone.create'`);
    const z = await svc.create(w.actors.community, null, zone({ name: '上河街骑手停放点' }));
    expect(z).toMatchObject({
      name: '上河街骑手停放点',
      regionCode: DAFO.region,
      regionName: '大佛街道',
      status: 'in_place',
      version: 1,
      createdByName: '社区工作者',
      actions: { edit: true },
    });
    expect(await countRows(db(), 'audit_log', sql`action = 'parking_zone.create'`)).toBe(before + 1);
    expect(
      await countRows(
        db(),
        'outbox_event',
        sql`type = 'parking_zone.created' and payload->>'zoneId' = ${z.id}`,
      ),
    ).toBe(1);
  });

  it('refuses a zone outside the actor’s regions and writes nothing (count-checked)', async () => {
    const zones = await countRows(db(), 'parking_zone');
    const audits = await countRows(db(), 'audit_log');
    // 大佛街道 staff in 沙湾镇, and in 通江街道 (same district, another township).
    expect(
      await codeOf(
        svc.create(
          w.actors.community,
          null,
          zone({ regionCode: SHAWAN.region, location: { ...SHAWAN, crs: 'wgs84' } }),
        ),
      ),
    ).toBe('common.forbidden');
    expect(await codeOf(svc.create(w.actors.community, null, zone({ regionCode: '511102006' })))).toBe(
      'common.forbidden',
    );
    expect(await codeOf(svc.create(w.actors.swqAdmin, null, zone()))).toBe('common.forbidden');
    // A city code is no place for a zone, even for someone who covers it.
    expect(await codeOf(svc.create(w.actors.szqAdmin, null, zone({ regionCode: '511102999' })))).toBe(
      'region.not_found',
    );
    expect(await countRows(db(), 'parking_zone')).toBe(zones);
    expect(await countRows(db(), 'audit_log')).toBe(audits);
  });

  it('stores GCJ-02 input as WGS-84', async () => {
    const gcj = { lat: 29.5655, lng: 103.7702 };
    const z = await svc.create(w.actors.szqAdmin, null, zone({ location: { ...gcj, crs: 'gcj02' } }));
    const wgs = toWgs84({ ...gcj, crs: 'gcj02' });
    expect(z.lat).toBeCloseTo(wgs.lat, 6);
    expect(z.lng).toBeCloseTo(wgs.lng, 6);
    // The shift in Leshan is a few hundred metres.
    expect(haversineMeters(gcj, z)).toBeGreaterThan(100);
    expect(
      await codeOf(
        svc.create(w.actors.szqAdmin, null, zone({ location: { lat: 103.76, lng: 29.56, crs: 'wgs84' } })),
      ),
    ).toBe('geo.outside_china');
  });

  it('finds public zones around a point, nearest first, leaving removed ones out', async () => {
    const centre = offset(DAFO, 5000, 0); // away from the zones of the other tests
    const near = await svc.create(
      w.actors.szqAdmin,
      null,
      zone({ name: '近点停放区', location: { ...offset(centre, 100, 0), crs: 'wgs84' } }),
    );
    const mid = await svc.create(
      w.actors.szqAdmin,
      null,
      zone({ name: '中点停放区', status: 'planned', location: { ...offset(centre, 0, 600), crs: 'wgs84' } }),
    );
    const gone = await svc.create(
      w.actors.szqAdmin,
      null,
      zone({ name: '已撤除停放区', status: 'removed', location: { ...offset(centre, 50, 0), crs: 'wgs84' } }),
    );
    await svc.create(
      w.actors.szqAdmin,
      null,
      zone({ name: '远点停放区', location: { ...offset(centre, 2500, 0), crs: 'wgs84' } }),
    );

    const r = await svc.publicList({
      lat: centre.lat,
      lng: centre.lng,
      crs: 'wgs84',
      radius: 1000,
      limit: 100,
    });
    expect(r.items.map((z) => z.id)).toEqual([near.id, mid.id]);
    expect(r.items[0]!.distanceMeters).toBeGreaterThan(90);
    expect(r.items[0]!.distanceMeters).toBeLessThan(110);
    expect(r.items[1]!.status).toBe('planned');
    expect(r.items.some((z) => z.id === gone.id)).toBe(false);

    const wide = await svc.publicList({
      lat: centre.lat,
      lng: centre.lng,
      crs: 'wgs84',
      radius: 3000,
      limit: 100,
    });
    expect(wide.items.map((z) => z.name)).toEqual(['近点停放区', '中点停放区', '远点停放区']);
    const one = await svc.publicList({
      lat: centre.lat,
      lng: centre.lng,
      crs: 'wgs84',
      radius: 3000,
      limit: 1,
    });
    expect(one.items).toHaveLength(1);

    // By box: every public zone inside, no distance.
    const box = `${centre.lng - 0.01},${centre.lat - 0.005},${centre.lng + 0.01},${centre.lat + 0.005}`;
    const inBox = await svc.publicList({ bbox: box, crs: 'wgs84', radius: 3000, limit: 100 });
    expect(inBox.items.map((z) => z.name).sort()).toEqual(['中点停放区', '近点停放区']);
    expect(inBox.items.every((z) => z.distanceMeters === null)).toBe(true);
    expect(await codeOf(svc.publicList({ bbox: '1,2,3', crs: 'wgs84', radius: 1, limit: 1 }))).toBe(
      'geo.invalid_bbox',
    );
  });

  it('serves the radius search from the GiST index', async () => {
    const plan = await w.t.database.query<Record<string, string>>(
      `explain select id from parking_zone
        where earth_box(ll_to_earth(29.56::float8, 103.76::float8), 1000::float8) @> ll_to_earth(lat, lng)`,
    );
    // With a handful of rows the planner may prefer a scan; make it show what the index can do.
    if (!JSON.stringify(plan.rows).includes('parking_zone_geo_idx')) {
      const forced = await w.t.database.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        return (await tx.execute(
          sql`explain select id from parking_zone where earth_box(ll_to_earth(29.56::float8, 103.76::float8), 1000::float8) @> ll_to_earth(lat, lng)`,
        )) as unknown as { rows: Record<string, string>[] };
      });
      expect(JSON.stringify(forced.rows)).toContain('parking_zone_geo_idx');
    }
  });

  it('edits with optimistic concurrency, scoped, audited; a removed zone leaves the public list', async () => {
    const p = offset(DAFO, -4000, 0);
    const z = await svc.create(
      w.actors.community,
      null,
      zone({ name: '待撤除停放区', location: { ...p, crs: 'wgs84' } }),
    );
    const u = await svc.update(w.actors.community, null, z.id, {
      version: 1,
      capacity: 55,
      near: '万达广场',
    });
    expect(u).toMatchObject({ version: 2, capacity: 55, near: '万达广场', updatedByName: '社区工作者' });
    expect(await codeOf(svc.update(w.actors.community, null, z.id, { version: 1, capacity: 1 }))).toBe(
      'parking_zone.conflict',
    );
    // Out of scope: not found for 沙湾区, forbidden to move it there.
    expect(await codeOf(svc.update(w.actors.swqAdmin, null, z.id, { version: 2, capacity: 1 }))).toBe(
      'parking_zone.not_found',
    );
    expect(
      await codeOf(svc.update(w.actors.community, null, z.id, { version: 2, regionCode: SHAWAN.region })),
    ).toBe('common.forbidden');
    const removed = await svc.update(w.actors.szqAdmin, null, z.id, { version: 2, status: 'removed' });
    expect(removed.status).toBe('removed');
    const pub = await svc.publicList({ lat: p.lat, lng: p.lng, crs: 'wgs84', radius: 200, limit: 10 });
    expect(pub.items.some((x) => x.id === z.id)).toBe(false);
    const audit = await w.t.database.query<{
      action: string;
      summary: { before?: { capacity: number }; after?: { capacity: number } };
    }>(`select action, summary from audit_log where entity_id = $1 order by at`, [z.id]);
    expect(audit.rows.map((a) => a.action)).toEqual([
      'parking_zone.create',
      'parking_zone.update',
      'parking_zone.update',
    ]);
    expect(audit.rows[1]!.summary.before?.capacity).toBe(40);
    expect(audit.rows[1]!.summary.after?.capacity).toBe(55);
  });

  it('lists the zones of the actor’s regions only (count-checked), removed included', async () => {
    await svc.create(
      w.actors.swqAdmin,
      null,
      zone({ name: '沙湾商业街停放区', regionCode: SHAWAN.region, location: { ...SHAWAN, crs: 'wgs84' } }),
    );
    const all = await countRows(db(), 'parking_zone');
    const swq = await countRows(db(), 'parking_zone', sql`region_code like '511111%'`);
    const szq = await svc.listManaged(w.actors.szqAdmin, { page: 1, pageSize: 200 });
    expect(szq.total).toBe(all - swq);
    expect(szq.items.every((z) => z.regionCode.startsWith('511102'))).toBe(true);
    const other = await svc.listManaged(w.actors.swqAdmin, { page: 1, pageSize: 200 });
    expect(other.total).toBe(swq);
    const community = await svc.listManaged(w.actors.community, { page: 1, pageSize: 200 });
    expect(community.items.every((z) => z.regionCode === DAFO.region)).toBe(true);
    const found = await svc.listManaged(w.actors.szqAdmin, {
      page: 1,
      pageSize: 20,
      q: '待撤除',
      status: 'removed',
    });
    expect(found.items.map((z) => z.name)).toEqual(['待撤除停放区']);
    // A worker manages nothing.
    expect((await svc.listManaged(w.actors.worker1, { page: 1, pageSize: 20 })).total).toBe(0);
  });

  it('offers the counties and townships the actor may place zones in', async () => {
    const community = await svc.regions(w.actors.community);
    expect(community.items).toEqual([{ code: DAFO.region, name: '大佛街道' }]);
    const szq = await svc.regions(w.actors.szqAdmin);
    expect(szq.items[0]).toEqual({ code: '511102', name: '市中区' });
    expect(szq.items.length).toBeGreaterThan(10);
    expect(szq.items.every((r) => r.code.startsWith('511102'))).toBe(true);
    expect((await svc.regions(w.actors.worker1)).items).toEqual([]);
  });

  it('links the parking-difficulty appeal by case number only when the actor may see it', async () => {
    const { appeal } = await w.svc.create(w.actors.worker1, null, {
      type: 'help',
      categoryId: w.categories.get('env.ebike_parking')!,
      urgency: 'normal',
      description: '商圈门口没有电动车停放点，送餐时停车被贴条',
      regionCode: DAFO.region,
      privacy: 'private',
      anonymous: false,
    });
    const z = await svc.create(
      w.actors.szqAdmin,
      null,
      zone({ name: '诉求对应停放区', appealCaseNo: appeal.caseNo }),
    );
    expect(z.appealId).toBe(appeal.id);
    expect(z.appealCaseNo).toBe(appeal.caseNo);
    const zones = await countRows(db(), 'parking_zone');
    // 沙湾区 cannot see a 市中区 case; an unknown number is no case at all.
    expect(
      await codeOf(
        svc.create(
          w.actors.swqAdmin,
          null,
          zone({
            regionCode: SHAWAN.region,
            location: { ...SHAWAN, crs: 'wgs84' },
            appealCaseNo: appeal.caseNo,
          }),
        ),
      ),
    ).toBe('parking_zone.appeal_not_found');
    expect(
      await codeOf(svc.create(w.actors.szqAdmin, null, zone({ appealCaseNo: 'SQ-511102-20990101-9999' }))),
    ).toBe('parking_zone.appeal_not_found');
    expect(await countRows(db(), 'parking_zone')).toBe(zones);
    const unlinked = await svc.update(w.actors.szqAdmin, null, z.id, { version: 1, appealCaseNo: null });
    expect(unlinked.appealId).toBeNull();
  });

  it('keeps the capacity non-negative in the table itself', async () => {
    await expect(
      w.t.database.query(
        `insert into parking_zone (id, name, region_code, lat, lng, capacity, created_by) values (gen_random_uuid(), 'x', '511102', 29.5, 103.7, -1, $1)`,
        [w.users['szq.admin']],
      ),
    ).rejects.toThrow(/parking_zone_capacity_check/);
  });
});
