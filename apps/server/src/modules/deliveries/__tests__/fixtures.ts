import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db, EngineKind } from '../../../platform/db/client.ts';
import { appealsWorld } from '../../appeals/__tests__/fixtures.ts';
import { actorFor } from '../../appeals/appeals.seed.ts';
import { orgPath } from '../../orgs/index.ts';
import { seedDemoStations } from '../../stations/index.ts';
import { seedDemoDeliveries } from '../deliveries.seed.ts';
import { createDeliveriesService } from '../deliveries.service.ts';

/** 沙湾区人民食堂 (demo station), WGS-84. */
export const CANTEEN = { lat: 29.4141, lng: 103.5489 } as const;

/** A point `north` and `east` metres away from `p`. */
export function offset(p: { lat: number; lng: number }, north: number, east: number) {
  return {
    lat: p.lat + north / 111_320,
    lng: p.lng + east / (111_320 * Math.cos((p.lat * Math.PI) / 180)),
  };
}

/**
 * Demo regions, organisations, people and stations, plus the actors of delivery tests: the
 * community staff of 大佛街道示例社区 (市中区) and of 沙湾镇示例社区 (沙湾区), and two riders.
 * `clock.now` drives the service (and is movable); codes come from `codes` when given.
 */
export async function deliveriesWorld(engine: EngineKind, clock: { now: Date } = { now: new Date() }) {
  const w = await appealsWorld(engine);
  await seedDemoStations(w.t.deps, w.orgs, w.users);
  // The demo community worker of 沙湾镇示例社区 (a real grant, for notices and sessions) and the
  // demo register; the demo requests lie at the real date, away from the tests' clock.
  const seeded = await seedDemoDeliveries(w.t.deps, w.orgs, w.users);
  const users: Record<string, string> = { ...w.users, 'swq.community': seeded.staffUserId! };
  const db = w.t.database.db;
  const staffOf = async (key: string, userId: string): Promise<Actor> => {
    const orgId = w.orgs[key]!;
    return actorFor(userId, '社区工作者', 'staff', 'community_staff', {
      orgId,
      orgPath: (await orgPath(db, orgId))!,
    });
  };
  const actors = {
    ...w.actors,
    szqStaff: await staffOf('szq.dafo.c1', w.users['szq.community']!),
    swqStaff: await staffOf('swq.shawan.c1', seeded.staffUserId!),
    szqAdmin: actorFor(w.users['szq.admin']!, '市中区管理员', 'staff', 'district_admin', {
      regionCode: '511102',
    }),
  };
  const [canteen] = (
    (await db.execute(sql`select id from station where name = '沙湾区人民食堂'`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows;
  let nextCode = 1234;
  const svc = createDeliveriesService(w.t.deps, {
    now: () => clock.now,
    code: () => String(nextCode++ % 10_000).padStart(4, '0'),
  });
  return { ...w, users, actors, svc, clock, canteenId: canteen!.id };
}

export type DeliveriesWorld = Awaited<ReturnType<typeof deliveriesWorld>>;

export async function countRows(db: Db, table: string, where = sql`true`): Promise<number> {
  const r = (await db.execute(
    sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`,
  )) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0]!.n);
}

/** Waits for after-commit event handlers (notifications) to have run. */
export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A beneficiary of `staff`'s community near the canteen, and a request for `date` 11:00–11:30. */
export async function fileOne(
  w: DeliveriesWorld,
  staff: Actor,
  community: string,
  opts: { date: string; windowStart?: string; windowEnd?: string; phone?: string },
) {
  const b = await w.svc.createBeneficiary(staff, null, {
    name: '王秀英',
    phone: opts.phone ?? '13700000101',
    address: '沙湾镇滨河路 12 号 3 单元 2 楼',
    street: '滨河路',
    location: { ...offset(CANTEEN, 400, -300), crs: 'wgs84' },
    communityOrgId: w.orgs[community]!,
    category: 'limited_mobility',
    dietNotes: '少盐',
    freeMeals: false,
  });
  const d = await w.svc.create(staff, null, {
    beneficiaryId: b.id,
    stationId: w.canteenId,
    date: opts.date,
    windowStart: opts.windowStart ?? '11:00',
    windowEnd: opts.windowEnd ?? '11:30',
    dishes: '两荤一素套餐',
  });
  return { b, d };
}
