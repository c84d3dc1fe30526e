import zlib from 'node:zlib';
import type { StationHours, StationKind, StationLiveStatus } from '@nuanxin/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStations } from '../../../cli/generate-stations.ts';
import { auditLog } from '../../../platform/audit/audit.tables.ts';
import type { Db } from '../../../platform/db/client.ts';
import { testEngines } from '../../../platform/db/testing.ts';
import { inTransaction } from '../../../platform/db/tx.ts';
import { outboxEvent } from '../../../platform/events/events.tables.ts';
import { haversineMeters } from '../../../platform/geo/geo.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { createStationFeed } from '../stations.feed.ts';
import {
  holidayColumns,
  hourOf,
  hoursText,
  isOpenAt,
  multirangeText,
  openSegments,
  parseHours,
  shanghaiClock,
  weekRanges,
} from '../stations.hours.ts';
import { PUBLIC_SCOPE, readableStationsSql, stationScopeOf } from '../stations.policy.ts';
import { qrToken } from '../stations.qr.ts';
import * as repo from '../stations.repository.ts';
import {
  DEMO_STATIONS,
  SERVICE_CATALOGUE,
  seedDemoStations,
  seedServiceCatalogue,
} from '../stations.seed.ts';
import { createStationsService } from '../stations.service.ts';
import {
  station,
  stationCapacity,
  stationCodeSeq,
  stationService,
  stationVisit,
} from '../stations.tables.ts';
import { createBody, type StationsWorld, stationsWorld } from './stations-fixtures.ts';

/** A point well away from the demo districts' stations (a hill west of 沙湾), for the geometry tests. */
const PROBE = { lat: 29.32, lng: 103.42 };
const DAILY_8_22 = parseHours({ weekly: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '22:00' }] });

let raw = 0;
/** Inserts a station straight through the repository (geometry and open-now tests). */
async function rawStation(
  db: Db,
  w: StationsWorld,
  o: {
    lat: number;
    lng: number;
    kind?: StationKind;
    hours?: StationHours;
    status?: 'active' | 'paused' | 'closed';
    liveStatus?: StationLiveStatus;
    services?: string[];
    regionCode?: string;
    operator?: string;
  },
): Promise<repo.StationRow> {
  const hours = o.hours ?? DAILY_8_22;
  const h = holidayColumns(hours);
  const region = o.regionCode ?? '511111100';
  const row = await repo.insertStation(db, {
    code: await repo.nextStationCode(db, region.slice(0, 6)),
    name: `探针${++raw}`,
    kind: o.kind ?? 'copper_heart',
    hostType: 'other',
    operatorOrgId: w.orgs[o.operator ?? 'swq.station']!,
    regionCode: region,
    address: '测试',
    lat: o.lat,
    lng: o.lng,
    hours,
    openWeek: multirangeText(weekRanges(hours)),
    holidayMode: h.mode,
    holidayOpen: h.open,
    status: o.status ?? 'active',
    liveStatus: o.liveStatus ?? 'open',
    qrSecret: 'secret',
  });
  await repo.replaceStationServices(
    db,
    row.id,
    (o.services ?? []).map((code) => ({ code, hours: null, note: null })),
  );
  return row;
}

async function count(db: Db, q: ReturnType<typeof sql>): Promise<number> {
  const r = (await db.execute(q)) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0]?.n ?? 0);
}

describe.each(testEngines())('stations on %s', (engine) => {
  let w: StationsWorld;
  let db: Db;
  const clock = { now: new Date('2026-03-04T10:00:00+08:00') }; // a Wednesday, not a holiday

  beforeAll(async () => {
    w = await stationsWorld(engine, { clock });
    db = w.t.database.db;
  }, 240_000);
  afterAll(async () => w?.t.close());

  describe('catalogue', () => {
    it('is seeded at start with the five basic services first, and seeding again changes nothing', async () => {
      const all = await repo.listServiceTypes(db, { includeDisabled: true });
      expect(all.map((t) => t.code)).toEqual(SERVICE_CATALOGUE.map((s) => s.code));
      expect(all.filter((t) => t.basic).map((t) => t.code)).toEqual([
        'rest',
        'water',
        'charging',
        'wifi',
        'reading',
      ]);
      await repo.updateServiceType(db, 'toilet', { name: '公共卫生间' });
      expect(await seedServiceCatalogue(db)).toBe(0);
      expect((await repo.getServiceType(db, 'toilet'))?.name).toBe('公共卫生间');
    });

    it('adds, refuses a duplicate code, disables and lists enabled ones only', async () => {
      expect(
        await repo.insertServiceType(db, { code: 'umbrella', name: '爱心雨伞', nameEn: 'Umbrellas' }),
      ).toMatchObject({
        code: 'umbrella',
        basic: false,
        enabled: true,
      });
      expect(await repo.insertServiceType(db, { code: 'umbrella', name: 'x', nameEn: 'x' })).toBeNull();
      await repo.updateServiceType(db, 'umbrella', { enabled: false });
      const enabled = await repo.listServiceTypes(db, { includeDisabled: false });
      expect(enabled.some((t) => t.code === 'umbrella')).toBe(false);
      expect(await repo.updateServiceType(db, 'no_such', { enabled: false })).toBeNull();
    });
  });

  describe('codes and records', () => {
    it('numbers stations per county', async () => {
      const a = await inTransaction(w.t.database, ({ tx }) => repo.nextStationCode(tx, '511113'));
      const b = await inTransaction(w.t.database, ({ tx }) => repo.nextStationCode(tx, '511113'));
      const c = await inTransaction(w.t.database, ({ tx }) => repo.nextStationCode(tx, '511112'));
      expect([a, b, c]).toEqual(['ST-511113-0001', 'ST-511113-0002', 'ST-511112-0001']);
    });

    it('creates through the service: code, services, capacity, keepers, audit and event in one transaction', async () => {
      const created = await w.svc.create(
        w.actors['swq.admin'],
        null,
        createBody(w, 'swq', { keeperIds: [w.users['swq.keeper']!] }),
      );
      expect(created.code).toMatch(/^ST-511111-\d{4}$/);
      expect(created.services.map((s) => s.code)).toEqual([
        'rest',
        'water',
        'charging',
        'wifi',
        'reading',
        'meal_heating',
      ]);
      expect(created.services.find((s) => s.code === 'meal_heating')?.hoursText).toBe(
        '周一至周五 11:00–14:00',
      );
      expect(created.capacity).toEqual([
        { resource: 'seats', total: 10, available: 10, updatedAt: expect.any(String) },
      ]);
      expect(created.keepers).toEqual([{ userId: w.users['swq.keeper'], name: '沙湾区驿站站长' }]);
      expect(created.actions).toEqual({
        update: true,
        setLive: true,
        poster: true,
        rotateQr: true,
        visits: true,
      });
      expect(created.openNow).toBe(true); // Wednesday 10:00
      const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
      expect(audits.map((a) => a.action)).toEqual(['station.create']);
      const events = await db
        .select()
        .from(outboxEvent)
        .where(sql`${outboxEvent.payload}->>'stationId' = ${created.id}`);
      expect(events.map((e) => e.type)).toEqual(['station.updated']);
      const byCode = await repo.getStationByCode(db, created.code);
      expect(byCode?.id).toBe(created.id);
      expect(byCode?.openWeek).toBe(
        '{[480,1320),[1920,2760),[3360,4200),[4800,5640),[6240,7080),[7680,8520),[9120,9960)}',
      );
      const ctx = await repo.stationContext(db, byCode!);
      expect(ctx.regionName).toBe('沙湾镇');
      expect(ctx.operatorName).toContain('铜心驿站运营中心');
    });

    it('rolls the whole creation back when a later step fails (no half station, no audit)', async () => {
      const before = await count(db, sql`select count(*)::int as n from station`);
      const auditsBefore = await count(
        db,
        sql`select count(*)::int as n from audit_log where action = 'station.create'`,
      );
      await expect(
        // A worker cannot keep a station.
        w.svc.create(w.actors['swq.admin'], null, createBody(w, 'swq', { keeperIds: [w.users.worker1!] })),
      ).rejects.toMatchObject({ code: 'station.keeper_invalid' });
      expect(await count(db, sql`select count(*)::int as n from station`)).toBe(before);
      expect(
        await count(db, sql`select count(*)::int as n from audit_log where action = 'station.create'`),
      ).toBe(auditsBefore);
    });

    it('updates under the optimistic lock: a stale version is 409 station.conflict and changes nothing', async () => {
      const s = await w.svc.create(w.actors['swq.admin'], null, createBody(w, 'swq'));
      const row = (await repo.getStation(db, s.id))!;
      const bumped = await repo.updateStationVersioned(db, s.id, row.version, { name: '铜心驿站·改名' });
      expect(bumped?.version).toBe(row.version + 1);
      expect(await repo.updateStationVersioned(db, s.id, row.version, { name: 'stale' })).toBeNull();
      await expect(
        w.svc.update(w.actors['swq.admin'], null, s.id, { version: row.version, name: '再改', crs: 'wgs84' }),
      ).rejects.toMatchObject({ code: 'station.conflict', status: 409 });
      expect((await repo.getStation(db, s.id))?.name).toBe('铜心驿站·改名');
      const ok = await w.svc.update(w.actors['swq.admin'], null, s.id, {
        version: bumped!.version,
        name: '铜心驿站·再改',
        hours: { alwaysOpen: true, weekly: [], holidays: 'closed' },
        crs: 'wgs84',
      });
      expect(ok.version).toBe(bumped!.version + 1);
      expect(ok.hoursText).toBe('24小时开放；法定节假日休息');
      const after = (await repo.getStation(db, s.id))!;
      expect(after.openWeek).toBe('{[0,10080)}');
      expect(after.holidayMode).toBe('closed');
    });

    it('sets the live status without moving the version', async () => {
      const s = await rawStation(db, w, PROBE);
      await repo.setLiveStatus(db, s.id, 'busy', clock.now, w.users['swq.keeper']!);
      const after = (await repo.getStation(db, s.id))!;
      expect(after.liveStatus).toBe('busy');
      expect(after.liveStatusAt?.toISOString()).toBe(clock.now.toISOString());
      expect(after.version).toBe(s.version);
    });
  });

  describe('services, capacity, keepers', () => {
    it('replaces services in catalogue order', async () => {
      const s = await rawStation(db, w, PROBE);
      await repo.replaceStationServices(db, s.id, [
        { code: 'meal_heating', hours: DAILY_8_22, note: '微波炉两台' },
        { code: 'water', hours: null, note: null },
      ]);
      const list = await repo.listStationServices(db, s.id);
      expect(list.map((x) => [x.code, x.note])).toEqual([
        ['water', null],
        ['meal_heating', '微波炉两台'],
      ]);
      expect(list[1]?.hours).toEqual(DAILY_8_22);
      await repo.replaceStationServices(db, s.id, []);
      expect(await repo.listStationServices(db, s.id)).toEqual([]);
    });

    it('keeps 0 ≤ available ≤ total: totals cap what is free, setting above the total is refused', async () => {
      const s = await rawStation(db, w, PROBE);
      await repo.replaceCapacityTotals(
        db,
        s.id,
        [
          { resource: 'seats', total: 10, available: 4 },
          { resource: 'beds', total: 5 },
        ],
        clock.now,
        null,
      );
      expect((await repo.listCapacity(db, s.id)).map((c) => [c.resource, c.total, c.available])).toEqual([
        ['beds', 5, 5],
        ['seats', 10, 4],
      ]);
      // New totals: seats shrink below what was free; beds go.
      await repo.replaceCapacityTotals(db, s.id, [{ resource: 'seats', total: 3 }], clock.now, null);
      expect((await repo.listCapacity(db, s.id)).map((c) => [c.resource, c.total, c.available])).toEqual([
        ['seats', 3, 3],
      ]);
      expect(
        await repo.setCapacityAvailable(db, s.id, 'seats', 0, clock.now, w.users['swq.keeper']!),
      ).toMatchObject({
        available: 0,
      });
      expect(
        await repo.setCapacityAvailable(db, s.id, 'seats', 4, clock.now, w.users['swq.keeper']!),
      ).toBeNull();
      expect(
        await repo.setCapacityAvailable(db, s.id, 'beds', 1, clock.now, w.users['swq.keeper']!),
      ).toBeNull();
      // The CHECK constraint holds against a direct write too.
      await expect(
        db.update(stationCapacity).set({ available: 9 }).where(eq(stationCapacity.stationId, s.id)),
      ).rejects.toThrow();
      await expect(
        db.update(stationCapacity).set({ available: -1 }).where(eq(stationCapacity.stationId, s.id)),
      ).rejects.toThrow();
    });

    it('replaces keepers, lists them by name and answers isKeeper; only active staff qualify', async () => {
      const s = await rawStation(db, w, PROBE);
      const keeper = w.users['swq.keeper']!;
      const community = w.users['szq.community']!;
      expect(await repo.activeStaffIds(db, [keeper, community, w.users.worker1!])).toEqual(
        expect.arrayContaining([keeper, community]),
      );
      expect(await repo.activeStaffIds(db, [w.users.worker1!])).toEqual([]);
      expect(await repo.activeStaffIds(db, [])).toEqual([]);
      await repo.replaceKeepers(db, s.id, [keeper, community, keeper], null);
      expect((await repo.listKeepers(db, s.id)).map((k) => k.userId).sort()).toEqual(
        [keeper, community].sort(),
      );
      expect(await repo.isKeeper(db, s.id, keeper)).toBe(true);
      await repo.replaceKeepers(db, s.id, [community], null);
      expect(await repo.isKeeper(db, s.id, keeper)).toBe(false);
    });
  });

  describe('visits', () => {
    it('records one visit per worker, station and hour; lists and summarises them', async () => {
      const s = await rawStation(db, w, PROBE);
      const worker = w.users.worker1!;
      const t1 = new Date('2026-03-04T10:05:00+08:00');
      const v = await repo.insertVisit(db, {
        stationId: s.id,
        workerUserId: worker,
        hour: hourOf(t1),
        at: t1,
      });
      expect(v).not.toBeNull();
      const again = await repo.insertVisit(db, {
        stationId: s.id,
        workerUserId: worker,
        hour: hourOf(t1),
        at: new Date(t1.getTime() + 60_000),
      });
      expect(again).toBeNull();
      expect((await repo.getVisitAt(db, s.id, worker, hourOf(t1)))?.id).toBe(v!.id);
      // Another hour, another day (late evening local = next day UTC-wise? no: still the 4th), another worker.
      const t2 = new Date('2026-03-04T23:30:00+08:00');
      const t3 = new Date('2026-03-05T00:10:00+08:00');
      const t4 = new Date('2026-04-01T09:00:00+08:00');
      await repo.insertVisit(db, { stationId: s.id, workerUserId: worker, hour: hourOf(t2), at: t2 });
      await repo.insertVisit(db, {
        stationId: s.id,
        workerUserId: w.users.worker2!,
        hour: hourOf(t3),
        at: t3,
      });
      await repo.insertVisit(db, { stationId: s.id, workerUserId: worker, hour: hourOf(t4), at: t4 });
      const mine = await repo.listVisitsOf(db, worker, 2);
      expect(mine.map((x) => x.at.toISOString())).toEqual([t4.toISOString(), t2.toISOString()]);
      expect(mine[0]?.stationCode).toBe(s.code);
      const from = new Date('2026-03-01T00:00:00+08:00');
      const to = new Date('2026-05-01T00:00:00+08:00');
      const days = await repo.visitsSummary(db, s.id, from, to, 'day');
      expect(days.rows).toEqual([
        { period: '2026-03-04', visits: 2, workers: 1 },
        { period: '2026-03-05', visits: 1, workers: 1 },
        { period: '2026-04-01', visits: 1, workers: 1 },
      ]);
      expect([days.visits, days.workers]).toEqual([4, 2]);
      const months = await repo.visitsSummary(db, s.id, from, to, 'month');
      expect(months.rows).toEqual([
        { period: '2026-03', visits: 3, workers: 2 },
        { period: '2026-04', visits: 1, workers: 1 },
      ]);
    });

    it('50 concurrent check-ins of one worker in one hour leave exactly one row', async () => {
      const s = await w.svc.create(w.actors['swq.admin'], null, createBody(w, 'swq'));
      const row = (await repo.getStation(db, s.id))!;
      const body = { code: row.code, t: qrToken(row.qrSecret, row.code), crs: 'wgs84' as const };
      const results = await Promise.all(
        Array.from({ length: 50 }, () => w.svc.checkin(w.actors.worker2, null, body)),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.visit.id)).size).toBe(1);
      expect(
        await count(db, sql`select count(*)::int as n from station_visit where station_id = ${s.id}`),
      ).toBe(1);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from audit_log where action = 'station.checkin' and entity_id = ${s.id}`,
        ),
      ).toBe(1);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from outbox_event where type = 'station.visited' and payload->>'stationId' = ${s.id}`,
        ),
      ).toBe(1);
    });
  });

  describe('nearby, open now, feed', () => {
    let grid: repo.StationRow[];
    const at = (d: Date, holiday = false): repo.OpenNowAt => {
      const c = shanghaiClock(d);
      return { minuteOfWeek: (c.weekday - 1) * 1440 + c.minuteOfDay, minuteOfDay: c.minuteOfDay, holiday };
    };

    beforeAll(async () => {
      // 15 × 15 stations 0.004° (~400 m) apart around PROBE, with a mix of kinds and services.
      grid = [];
      await inTransaction(w.t.database, async ({ tx }) => {
        for (let i = 0; i < 15; i++)
          for (let j = 0; j < 15; j++) {
            const n = i * 15 + j;
            grid.push(
              await rawStation(tx, w, {
                lat: PROBE.lat - 0.028 + i * 0.004,
                lng: PROBE.lng - 0.028 + j * 0.004,
                kind: n % 3 === 0 ? 'rider_bar' : 'copper_heart',
                services: n % 2 === 0 ? ['water', 'meal_heating'] : ['water'],
                hours:
                  n % 5 === 0
                    ? parseHours({ weekly: [{ days: [6, 7], open: '09:00', close: '17:00' }] })
                    : DAILY_8_22,
                status: n % 17 === 0 ? 'paused' : 'active',
                liveStatus: n % 19 === 0 ? 'closed_now' : 'open',
              }),
            );
          }
      });
      await w.t.database.exec('analyze station');
    });

    const base = (o: Partial<repo.NearbyFilter> = {}): repo.NearbyFilter => ({
      ...PROBE,
      radius: 1500,
      services: [],
      openNow: false,
      limit: 200,
      at: at(clock.now),
      ...o,
    });
    const gridIds = () => new Set(grid.map((g) => g.id));

    it('returns exactly the active stations within the radius, nearest first', async () => {
      for (const radius of [300, 1500, 3000]) {
        const got = (await repo.nearbyStations(db, base({ radius }))).filter((r) => gridIds().has(r.id));
        const want = grid.filter((g) => g.status === 'active' && haversineMeters(PROBE, g) <= radius * 0.995);
        const maybe = new Set(
          grid
            .filter((g) => g.status === 'active' && haversineMeters(PROBE, g) <= radius * 1.005)
            .map((g) => g.id),
        );
        for (const g of want) expect(got.map((r) => r.id)).toContain(g.id);
        for (const r of got) expect(maybe.has(r.id)).toBe(true);
        const ds = got.map((r) => r.distance);
        expect([...ds].sort((a, b) => a - b)).toEqual(ds);
      }
    });

    it('filters by kind, by every requested service, and limits', async () => {
      const bars = await repo.nearbyStations(db, base({ kind: 'rider_bar' }));
      expect(bars.length).toBeGreaterThan(0);
      expect(bars.every((b) => b.kind === 'rider_bar')).toBe(true);
      const heating = await repo.nearbyStations(db, base({ services: ['water', 'meal_heating'] }));
      expect(heating.length).toBeGreaterThan(0);
      expect(heating.every((h) => h.services.includes('meal_heating') && h.services.includes('water'))).toBe(
        true,
      );
      const none = await repo.nearbyStations(db, base({ services: ['meal_heating', 'lodging'] }));
      expect(none).toEqual([]);
      expect(await repo.nearbyStations(db, base({ limit: 3 }))).toHaveLength(3);
    });

    it('answers a wide filtered search nearest first (as the service runs it) like the narrow one', async () => {
      // The grid lies within ~4.2 km of PROBE: its rider bars are the same at 4.5 km and at 8 km.
      const narrow = base({ radius: 4_500, kind: 'rider_bar', services: ['water'] });
      const wide = base({ radius: 8_000, kind: 'rider_bar', services: ['water'] });
      const walk = (f: repo.NearbyFilter) => w.t.database.nearestFirst((d) => repo.nearbyStations(d, f));
      const ids = (rows: repo.NearbyRow[]) => rows.filter((r) => gridIds().has(r.id)).map((r) => r.id);
      const got = ids(await walk(wide));
      expect(got.length).toBeGreaterThan(10);
      expect(got).toEqual(ids(await repo.nearbyStations(db, narrow)));
      expect(got).toEqual(ids(await repo.nearbyStations(db, wide)));
      const limited = await walk({ ...wide, limit: 5 });
      expect(limited.map((r) => r.id)).toEqual((await walk(wide)).slice(0, 5).map((r) => r.id));
    });

    it('open now: weekly hours, the keeper’s 暂停服务, and the holiday rule', async () => {
      const wed10 = at(new Date('2026-03-04T10:00:00+08:00'));
      const open = await repo.nearbyStations(db, base({ openNow: true, at: wed10 }));
      const expected = grid.filter(
        (g, n) =>
          g.status === 'active' &&
          g.liveStatus !== 'closed_now' &&
          n % 5 !== 0 &&
          haversineMeters(PROBE, g) <= 1490,
      );
      for (const g of expected) expect(open.map((r) => r.id)).toContain(g.id);
      expect(open.every((r) => r.openNow && r.liveStatus !== 'closed_now')).toBe(true);
      const night = await repo.nearbyStations(
        db,
        base({ openNow: true, at: at(new Date('2026-03-04T23:00:00+08:00')) }),
      );
      expect(night.filter((r) => gridIds().has(r.id))).toEqual([]);
    });

    it('decides open now in SQL exactly as isOpenAt does, holidays included', async () => {
      const patterns = [
        parseHours({ weekly: [{ days: [6, 7], open: '22:00', close: '03:00' }], holidays: 'closed' }),
        parseHours({
          weekly: [{ days: [1, 3, 5], open: '07:30', close: '07:30' }],
          holidays: { open: '20:00', close: '02:00' },
        }),
        parseHours({ alwaysOpen: true, holidays: { open: '09:00', close: '17:00' } }),
        parseHours({ weekly: [{ days: [7], open: '23:00', close: '01:00' }] }),
        parseHours({
          weekly: [
            { days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' },
            { days: [2], open: '19:00', close: '21:00' },
          ],
        }),
      ];
      const rows = [];
      for (const hours of patterns) rows.push(await rawStation(db, w, { lat: 29.2, lng: 103.3, hours }));
      const instants = Array.from(
        { length: 60 },
        (_, i) => new Date(Date.parse('2026-03-01T00:00:00+08:00') + i * 173 * 60_000 + (i % 7) * 86_400_000),
      );
      for (const t of instants)
        for (const holiday of [false, true]) {
          const a = at(t, holiday);
          for (const r of rows) {
            const sqlOpen = await repo.isOpenNow(db, r.id, a);
            expect(sqlOpen, `${JSON.stringify(r.hours)} at ${t.toISOString()} holiday=${holiday}`).toBe(
              isOpenAt(r.hours, t, () => holiday),
            );
          }
        }
    });

    it('indexes the active stations for the feed; the kept feed re-reads only what changed', async () => {
      const index = await repo.feedBuckets(db);
      const active = await count(db, sql`select count(*)::int as n from station where status = 'active'`);
      // Every active station counted in exactly one bucket (`s<count>:<sum>` of its stations).
      const counted = [...index.buckets.values()]
        .flatMap((t) => t.split('|'))
        .filter((t) => t.startsWith('s'))
        .reduce((n, t) => n + Number(t.slice(1, t.indexOf(':'))), 0);
      expect(counted).toBe(active);
      expect(index.buckets.size).toBeLessThanOrEqual(repo.FEED_BUCKETS);
      expect(index.catalogue.length).toBeGreaterThan(0);
      expect(repo.parseFeedStamp(await repo.feedDataStamp(db))).toEqual(index);
      expect(repo.parseFeedStamp('same')).toBeNull();
      const g = grid.find((x) => x.status === 'active' && x.liveStatus === 'open')!;
      const [row] = await repo.feedRows(db, [g.id]);
      expect(row).toMatchObject({
        id: g.id,
        code: g.code,
        lat: g.lat,
        lng: g.lng,
        services: expect.any(Array),
      });
      expect(await repo.feedRows(db, [])).toEqual([]);

      // Counts the statements the feed runs.
      let statements = 0;
      const counting = new Proxy(db, {
        get(target, prop, receiver) {
          const v = Reflect.get(target, prop, receiver);
          if (prop !== 'execute' || typeof v !== 'function') return v;
          return (...args: unknown[]) => {
            statements++;
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      const feed = createStationFeed({
        db: () => counting,
        now: () => clock.now,
        isHoliday: () => false,
        hoursText: (h) => hoursText(h),
      });
      const stamp = () => repo.feedDataStamp(db);
      let first = await feed.get('"a"', await stamp());
      const features = () =>
        (
          JSON.parse(first.body) as {
            features: {
              id: string;
              geometry: { coordinates: number[] };
              properties: Record<string, unknown>;
            }[];
          }
        ).features;
      expect(features()).toHaveLength(active);
      const f = features().find((x) => x.id === g.id)!;
      expect(f.geometry.coordinates).toEqual([g.lng, g.lat]);
      expect(f.properties).toMatchObject({
        id: g.id,
        code: g.code,
        openNow: true,
        hoursText: '每天 08:00–22:00',
      });
      expect(zlib.gunzipSync(first.gzip).toString('utf8')).toBe(first.body);
      expect(await feed.get('"a"', await stamp())).toBe(first);
      // A keeper's tap on one station: the next build shows it, re-reading that station only.
      await repo.setLiveStatus(db, g.id, 'full', new Date(Date.now() + 500), w.users['swq.keeper']!);
      const changed = await stamp();
      statements = 0;
      first = await feed.get('"b"', changed);
      expect(statements).toBe(1); // one bucket of stations: the data stamp says which
      expect(features().find((x) => x.id === g.id)?.properties.liveStatus).toBe('full');
      expect(feed.size()).toBe(active);
      // A paused station leaves it.
      const row2 = (await repo.getStation(db, g.id))!;
      await repo.updateStationVersioned(db, g.id, row2.version, {
        status: 'paused',
        updatedAt: new Date(Date.now() + 600),
      });
      first = await feed.get('"c"', await stamp());
      expect(features().some((x) => x.id === g.id)).toBe(false);
      expect(feed.size()).toBe(active - 1);
      // Only the clock moved (23:00, closed): no database at all, every 08:00–22:00 station closed.
      const late = createStationFeed({
        db: () => counting,
        now: () => new Date('2026-03-04T23:00:00+08:00'),
        isHoliday: () => false,
        hoursText: (h) => hoursText(h),
      });
      await late.get('"x"', 'same');
      statements = 0;
      const night = await late.get('"y"', 'same');
      expect(statements).toBe(0);
      const nightFeatures = (
        JSON.parse(night.body) as { features: { id: string; properties: { openNow: boolean } }[] }
      ).features;
      expect(
        nightFeatures.filter((x) => grid.some((g2) => g2.id === x.id)).every((x) => !x.properties.openNow),
      ).toBe(true);
      await repo.updateStationVersioned(db, g.id, row2.version + 1, {
        status: 'active',
        liveStatus: 'open',
        updatedAt: new Date(Date.now() + 700),
      });
    });

    it('moves the data stamp with a change, a keeper’s tap, a capacity, a late commit, and only then', async () => {
      const s0 = await repo.feedDataStamp(db);
      expect(await repo.feedDataStamp(db)).toBe(s0);
      const g = grid.find((x) => x.status === 'active' && x.liveStatus === 'open')!;
      await repo.setLiveStatus(db, g.id, 'busy', new Date(Date.now() + 1000), w.users['swq.keeper']!);
      const s1 = await repo.feedDataStamp(db);
      expect(s1).not.toBe(s0);
      await repo.replaceCapacityTotals(
        db,
        g.id,
        [{ resource: 'seats', total: 4 }],
        new Date(Date.now() + 2000),
        null,
      );
      const s2 = await repo.feedDataStamp(db);
      expect(s2).not.toBe(s1);
      const row = (await repo.getStation(db, g.id))!;
      await repo.updateStationVersioned(db, g.id, row.version, {
        name: '探针改名',
        updatedAt: new Date(Date.now() + 3000),
      });
      const s3 = await repo.feedDataStamp(db);
      expect(s3).not.toBe(s2);
      // A change stamped earlier than the latest one (a transaction committing late) still counts.
      await repo.updateStationVersioned(db, g.id, row.version + 1, {
        name: '探针迟到',
        updatedAt: new Date(0),
      });
      expect(await repo.feedDataStamp(db)).not.toBe(s3);
    });

    it('names the stretch of time open-now is constant in from the distinct hours patterns', async () => {
      const patterns = await repo.feedHoursPatterns(db);
      expect(patterns.length).toBeGreaterThanOrEqual(2);
      const seg = openSegments(patterns);
      const key = (local: string, holiday = false) =>
        seg.segmentKey(new Date(`${local}+08:00`), () => holiday);
      expect(key('2026-03-04T10:00:00')).toBe(key('2026-03-04T10:30:00'));
      expect(key('2026-03-04T10:00:00')).not.toBe(key('2026-03-04T23:00:00'));
      expect(key('2026-03-04T10:00:00')).not.toBe(key('2026-03-04T10:00:00', true));
    });

    it('is served by the GiST index on the stored point geo', async () => {
      await generateStations(db, { count: 1500, seed: 3 });
      const q = repo.nearbySql(base({ lat: 29.55, lng: 103.76, radius: 1000 }));
      const r = (await db.execute(sql`explain ${q}`)) as unknown as { rows: { 'QUERY PLAN': string }[] };
      expect(r.rows.map((x) => x['QUERY PLAN']).join('\n')).toContain('station_geo_idx');
    });

    it('walks the index nearest first inside nearestFirst, wide, with or without rare filters', async () => {
      // Outside it the planner may read the whole 20 km box with a bitmap and sort it.
      for (const f of [{}, { kind: 'rider_bar' as const, openNow: true }, { services: ['water'] }]) {
        const q = repo.nearbySql(base({ lat: 29.55, lng: 103.76, radius: 20_000, limit: 50, ...f }));
        const plan = await w.t.database.nearestFirst(async (d) => {
          const r = (await d.execute(sql`explain ${q}`)) as unknown as { rows: { 'QUERY PLAN': string }[] };
          return r.rows.map((x) => x['QUERY PLAN']).join('\n');
        });
        expect(plan).toContain('Index Scan using station_geo_idx');
        expect(plan).toContain('Order By');
        expect(plan).not.toContain('Bitmap');
      }
    });
  });

  describe('scope', () => {
    it('lists only the stations in the actor’s reach: region, operator subtree, or kept', async () => {
      const svc = createStationsService(w.t.deps, { now: () => clock.now });
      const szq = await svc.create(w.actors['szq.admin'], null, createBody(w, 'szq'));
      const swq = await svc.create(w.actors['swq.admin'], null, createBody(w, 'swq'));
      const total = (await svc.list(w.actors['szq.admin'], { page: 1, pageSize: 200, q: '测试点' } as never))
        .items;
      expect(total.every((s) => s.regionCode.startsWith('511102'))).toBe(true);
      expect(total.map((s) => s.id)).toContain(szq.id);
      const swqList = await svc.list(w.actors['swq.admin'], { page: 1, pageSize: 200, q: '测试点' } as never);
      expect(swqList.items.every((s) => s.regionCode.startsWith('511111'))).toBe(true);
      expect(swqList.items.map((s) => s.id)).toContain(swq.id);
      // Community staff: their township (大佛街道), not the rest of 市中区.
      const community = await svc.list(w.actors['szq.community'], {
        page: 1,
        pageSize: 200,
        q: '测试点',
      } as never);
      expect(community.items.map((s) => s.id)).toContain(szq.id);
      expect(community.items.every((s) => s.regionCode === '511102004')).toBe(true);
      // A keeper: the stations their operator runs (沙湾区铜心驿站运营中心), not the whole district.
      const keeper = await svc.list(w.actors['swq.keeper'], { page: 1, pageSize: 200, q: '测试点' } as never);
      expect(keeper.items.map((s) => s.id)).toContain(swq.id);
      expect(keeper.items.every((s) => s.operatorOrgId === w.orgs['swq.station'])).toBe(true);
      // Nobody: nothing.
      expect(
        await count(
          db,
          sql`select count(*)::int as n from station where ${readableStationsSql(PUBLIC_SCOPE, sql`${station.id}`, sql`${station.regionCode}`, sql`${station.operatorOrgId}`)}`,
        ),
      ).toBe(0);
      const scope = stationScopeOf(w.actors['szq.admin'], () => null);
      expect(scope.manageRegions).toEqual(['511102']);
    });

    it('refuses to create or edit outside the reach, and writes nothing', async () => {
      const before = await count(db, sql`select count(*)::int as n from station`);
      await expect(w.svc.create(w.actors['szq.admin'], null, createBody(w, 'swq'))).rejects.toMatchObject({
        code: 'common.forbidden',
      });
      expect(await count(db, sql`select count(*)::int as n from station`)).toBe(before);
      const swq = await w.svc.create(w.actors['swq.admin'], null, createBody(w, 'swq'));
      await expect(
        w.svc.update(w.actors['szq.admin'], null, swq.id, {
          version: swq.version,
          name: '越权',
          crs: 'wgs84',
        }),
      ).rejects.toBeInstanceOf(AppError);
      expect((await repo.getStation(db, swq.id))?.name).toBe(swq.name);
    });
  });

  describe('generator and demo seed', () => {
    it('generates the same stations for the same seed', async () => {
      const digest = async () => {
        const r = (await db.execute(
          sql`select md5(string_agg(s.code || s.name || s.lat || s.lng || s.kind || s.hours::text || s.open_week::text
                  || coalesce((select string_agg(x.service_code, ',' order by x.service_code) from station_service x where x.station_id = s.id), ''),
                  '|' order by s.code)) as d,
                  count(*)::int as n
                from station s where s.name like '%（生成）'`,
        )) as unknown as { rows: { d: string; n: number }[] };
        return r.rows[0]!;
      };
      const wipe = async () => {
        const gen = sql`select id from station where name like '%（生成）'`;
        await db.delete(stationService).where(sql`${stationService.stationId} in (${gen})`);
        await db.delete(stationCapacity).where(sql`${stationCapacity.stationId} in (${gen})`);
        await db.delete(stationVisit).where(sql`${stationVisit.stationId} in (${gen})`);
        await db.delete(station).where(sql`${station.name} like '%（生成）'`);
      };
      const seqs = await db.select().from(stationCodeSeq);
      const restore = async () => {
        for (const q of seqs)
          await db.update(stationCodeSeq).set({ last: q.last }).where(eq(stationCodeSeq.county, q.county));
      };
      await wipe();
      await restore();
      const r = await generateStations(db, { count: 400, seed: 11, batchSize: 150 });
      expect(r.stations).toBe(400);
      const a = await digest();
      expect(a.n).toBe(400);
      await wipe();
      await restore();
      await generateStations(db, { count: 400, seed: 11 });
      expect(await digest()).toEqual(a);
      await wipe();
      await restore();
      await generateStations(db, { count: 400, seed: 12 });
      expect((await digest()).d).not.toBe(a.d);
      // Every generated 铜心驿站 offers the five basic services; availability within totals.
      expect(
        await count(
          db,
          sql`select count(*)::int as n from station s where s.kind = 'copper_heart' and s.name like '%（生成）'
                and (select count(*) from station_service x where x.station_id = s.id
                      and x.service_code in ('rest','water','charging','wifi','reading')) < 5`,
        ),
      ).toBe(0);
      await expect(generateStations(db, { count: 10 })).rejects.toMatchObject({ code: 'common.conflict' });
    });

    it('seeds the demo stations once, quickly, inside the two districts', async () => {
      const t0 = performance.now();
      const first = await seedDemoStations(w.t.deps, w.orgs, w.users);
      const firstMs = performance.now() - t0;
      expect(first.created).toBe(DEMO_STATIONS.length);
      const t1 = performance.now();
      expect(await seedDemoStations(w.t.deps, w.orgs, w.users)).toEqual({ created: 0 });
      const againMs = performance.now() - t1;
      console.log(
        `demo stations on ${engine}: first ${firstMs.toFixed(0)} ms, again ${againMs.toFixed(0)} ms`,
      );
      expect(DEMO_STATIONS.filter((s) => s.kind === 'community_centre')).toHaveLength(49);
      for (const s of DEMO_STATIONS) {
        expect(s.regionCode.startsWith('511102') || s.regionCode.startsWith('511111')).toBe(true);
        const c = s.regionCode.startsWith('511102')
          ? { lat: 29.56, lng: 103.76 }
          : { lat: 29.41, lng: 103.55 };
        expect(haversineMeters(c, s), s.name).toBeLessThan(9_000);
      }
      const warm = (await db.select().from(station).where(eq(station.name, '沙湾区G348“暖心之家”')))[0]!;
      expect(warm.hours.alwaysOpen).toBe(true);
      expect((await repo.listCapacity(db, warm.id)).map((c) => [c.resource, c.total])).toEqual([
        ['beds', 20],
        ['truck_bays', 30],
      ]);
      expect((await repo.listKeepers(db, warm.id)).map((k) => k.userId)).toEqual([w.users['swq.keeper']]);
      const codes = (await repo.listStationServices(db, warm.id)).map((s) => s.code);
      for (const c of [
        'lodging',
        'truck_parking',
        'set_meal',
        'road_rescue',
        'enforcement_desk',
        'legal_aid',
        'rest',
        'water',
        'charging',
        'wifi',
        'reading',
      ])
        expect(codes).toContain(c);
    });
  });
});
