import type { CompoundEntry, ParkingZoneStatus } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { emit } from '../../platform/events/events.ts';
import { actorFor } from '../appeals/appeals.seed.ts';
import { createAppealsService } from '../appeals/index.ts';
import { createCompoundAccessService } from './stations.access.service.ts';
import { createParkingZonesService } from './stations.parking.service.ts';

/**
 * Demo parking zones 专属停放区 near the business districts of 市中区 and 沙湾区, and compound-access
 * notes 小区进门 (four confirmed, one rejected, one waiting for review next to a confirmed one, so
 * the console shows a duplicate suggestion). Compound names marked 示例 are invented; coordinates
 * are plausible WGS-84 points, not surveyed. Written through the services (audit rows and outbox
 * events included). Idempotent: each half is skipped when its table already has rows.
 */

interface DemoZone {
  name: string;
  near: string;
  regionCode: string;
  lat: number;
  lng: number;
  address: string;
  capacity: number;
  status: ParkingZoneStatus;
  /** Link the first demo 电动车停车难 case of 市中区, when the appeals demo loaded one. */
  linkAppeal?: boolean;
}

export const DEMO_PARKING_ZONES: readonly DemoZone[] = [
  {
    name: '嘉瑞财富商圈外卖专属停放区',
    near: '嘉瑞财富商圈',
    regionCode: '511102004',
    lat: 29.568,
    lng: 103.756,
    address: '市中区嘉瑞财富商圈北侧人行道（示例）',
    capacity: 40,
    status: 'in_place',
    linkAppeal: true,
  },
  {
    name: '上河街骑手停放点',
    near: '上河街',
    regionCode: '511102004',
    lat: 29.559,
    lng: 103.764,
    address: '市中区上河街巷口（示例）',
    capacity: 24,
    status: 'in_place',
  },
  {
    name: '万达广场外卖专属停放区',
    near: '万达广场',
    regionCode: '511102006',
    lat: 29.584,
    lng: 103.747,
    address: '市中区万达广场东门外（示例）',
    capacity: 60,
    status: 'in_place',
  },
  {
    name: '沙湾商业街电动车停放区',
    near: '沙湾商业街',
    regionCode: '511111100',
    lat: 29.4135,
    lng: 103.55,
    address: '沙湾区沙湾镇商业街口（示例）',
    capacity: 30,
    status: 'in_place',
  },
  {
    name: '沙湾区人民医院骑手停放点',
    near: '沙湾区人民医院',
    regionCode: '511111100',
    lat: 29.4152,
    lng: 103.5468,
    address: '沙湾区沙湾镇医院南侧（示例）',
    capacity: 20,
    status: 'planned',
  },
];

interface DemoNote {
  compoundName: string;
  regionCode: string;
  lat: number;
  lng: number;
  entry: CompoundEntry;
  note: string;
  reporter: 'worker1' | 'worker2';
  review?: { decision: 'confirm' | 'reject'; reason?: string };
}

export const DEMO_COMPOUND_NOTES: readonly DemoNote[] = [
  {
    compoundName: '桂花苑小区（示例）',
    regionCode: '511102004',
    lat: 29.5605,
    lng: 103.7652,
    entry: 'may_enter',
    note: '东门可进，电动车停南侧车棚，勿停消防通道',
    reporter: 'worker1',
    review: { decision: 'confirm' },
  },
  {
    compoundName: '嘉瑞花苑（示例）',
    regionCode: '511102004',
    lat: 29.5672,
    lng: 103.7571,
    entry: 'call_guard',
    note: '北门门岗登记后可进；晚上10点后走西侧小门',
    reporter: 'worker2',
    review: { decision: 'confirm', reason: '已与物业核实' },
  },
  {
    compoundName: '滨江名苑（示例）',
    regionCode: '511102006',
    lat: 29.582,
    lng: 103.7495,
    entry: 'park_outside',
    note: '电动车停大门外临时停放点，步行送上楼',
    reporter: 'worker1',
    review: { decision: 'confirm' },
  },
  {
    compoundName: '电厂宿舍小区（示例）',
    regionCode: '511111100',
    lat: 29.4142,
    lng: 103.5486,
    entry: 'gate_code',
    note: '需门禁码，请电话联系顾客下楼开门',
    reporter: 'worker2',
    review: { decision: 'confirm' },
  },
  {
    compoundName: '翠湖小区（示例）',
    regionCode: '511111100',
    lat: 29.412,
    lng: 103.551,
    entry: 'no_entry',
    note: '禁止电动车进入',
    reporter: 'worker1',
    review: { decision: 'reject', reason: '物业已开放东门，骑手可推车进入，请重新核实' },
  },
  {
    compoundName: '桂花苑小区（示例）',
    regionCode: '511102004',
    lat: 29.5611,
    lng: 103.7659,
    entry: 'may_enter',
    note: '南门也能进，电梯在3栋旁边',
    reporter: 'worker2',
  },
];

async function count(deps: PlatformDeps, table: 'parking_zone' | 'compound_access'): Promise<number> {
  const r = (await deps.database.db.execute(
    sql`select count(*)::int as n from ${sql.identifier(table)}`,
  )) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0]?.n ?? 0);
}

/** Seeds the demo zones and notes; returns how many of each it wrote (0 on a second run). */
export async function seedDemoParkingAndAccess(
  deps: PlatformDeps,
  userIds: Record<string, string>,
): Promise<{ zones: number; notes: number }> {
  // Events go to the outbox without an immediate dispatch (the poller delivers them later).
  const quietDeps: PlatformDeps = {
    ...deps,
    events: {
      ...deps.events,
      publish: (uow, type, payload, actorId) => emit(uow.tx, type, payload, actorId ?? null),
    },
  };
  const admins: Record<'511102' | '511111', Actor> = {
    '511102': actorFor(userIds['szq.admin']!, '市中区管理员', 'staff', 'district_admin', {
      regionCode: '511102',
    }),
    '511111': actorFor(userIds['swq.admin']!, '沙湾区管理员', 'staff', 'district_admin', {
      regionCode: '511111',
    }),
  };
  const adminOf = (regionCode: string) => admins[regionCode.startsWith('511111') ? '511111' : '511102'];

  let zones = 0;
  if ((await count(deps, 'parking_zone')) === 0) {
    const svc = createParkingZonesService(quietDeps);
    const caseNo = await demoParkingCase(deps, admins['511102']);
    for (const z of DEMO_PARKING_ZONES) {
      await svc.create(adminOf(z.regionCode), null, {
        name: z.name,
        regionCode: z.regionCode,
        location: { lat: z.lat, lng: z.lng, crs: 'wgs84' },
        address: z.address,
        near: z.near,
        capacity: z.capacity,
        status: z.status,
        appealCaseNo: z.linkAppeal ? caseNo : null,
      });
      zones++;
    }
  }

  let notes = 0;
  if ((await count(deps, 'compound_access')) === 0) {
    const svc = createCompoundAccessService(quietDeps);
    const workers = {
      worker1: actorFor(userIds.worker1!, '张师傅', 'worker', 'worker'),
      worker2: actorFor(userIds.worker2!, '李师傅', 'worker', 'worker'),
    };
    for (const n of DEMO_COMPOUND_NOTES) {
      const { note } = await svc.report(workers[n.reporter], null, {
        compoundName: n.compoundName,
        regionCode: n.regionCode,
        location: { lat: n.lat, lng: n.lng, crs: 'wgs84' },
        entry: n.entry,
        note: n.note,
      });
      if (n.review) await svc.review(adminOf(n.regionCode), null, note.id, n.review);
      notes++;
    }
  }
  return { zones, notes };
}

/** Case number of a 市中区 电动车停车难 case of the appeals demo, if there is one. */
async function demoParkingCase(deps: PlatformDeps, admin: Actor): Promise<string | null> {
  const appeals = createAppealsService(deps);
  const category = (await appeals.categories()).find((c) => c.code === 'env.ebike_parking');
  if (!category) return null;
  const page = await appeals.list(admin, {
    queue: 'all',
    categoryId: category.id,
    regionCode: '511102',
    page: 1,
    pageSize: 1,
  });
  return page.items[0]?.caseNo ?? null;
}
