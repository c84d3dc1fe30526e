import crypto from 'node:crypto';
import type { BeneficiaryCategory, DeliveryStatus } from '@nuanxin/shared';
import { permissionsOf } from '@nuanxin/shared';
import { and, eq } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.ts';
import { type Actor, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { shanghaiDate } from '../../platform/calendar/index.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import { createIdentityService } from '../identity/identity.service.ts';
import { appUser } from '../identity/identity.tables.ts';
import { DEMO_PASSWORD } from '../identity/index.ts';
import { station } from '../stations/stations.tables.ts';
import * as repo from './deliveries.repository.ts';
import { shanghaiInstant } from './deliveries.service.ts';
import { beneficiary } from './deliveries.tables.ts';

/**
 * Demo data of home meal delivery (docs/deliveries.md): the 沙湾镇示例社区 community worker
 * `swq.community` (13800000020), seven residents around the 沙湾区人民食堂 (29.4141, 103.5489),
 * the two demo workers opted in as 铜河小哥 volunteers, and today's requests in every state.
 * Idempotent: nothing is added to a community that already has beneficiaries.
 */

export const DEMO_DELIVERY_STAFF = {
  login: 'swq.community',
  name: '沙湾镇社区工作者',
  phone: '13800000020',
  orgKey: 'swq.shawan.c1',
} as const;

const CANTEEN_NAME = '沙湾区人民食堂';

interface DemoBeneficiary {
  name: string;
  phone: string;
  street: string;
  address: string;
  /** Metres north and east of the canteen. */
  north: number;
  east: number;
  category: BeneficiaryCategory;
  needs: string;
  dietNotes: string | null;
  freeMeals: boolean;
}

const BENEFICIARIES: readonly DemoBeneficiary[] = [
  {
    name: '王秀英',
    phone: '13700000101',
    street: '滨河路',
    address: '沙湾镇滨河路 12 号 3 单元 2 楼',
    north: 420,
    east: -310,
    category: 'limited_mobility',
    needs: '腿脚不便，独居，午餐送到门口',
    dietNotes: '少盐',
    freeMeals: false,
  },
  {
    name: '刘德明',
    phone: '13700000102',
    street: '沫若路',
    address: '沙湾镇沫若路 88 号院 5 栋 1 楼',
    north: -380,
    east: 520,
    category: 'in_difficulty',
    needs: '低保户，行动不便',
    dietNotes: '糖尿病，少糖',
    freeMeals: true,
  },
  {
    name: '陈桂兰',
    phone: '13700000103',
    street: '铜河路',
    address: '沙湾镇铜河路 26 号 2 单元 4 楼',
    north: 860,
    east: 240,
    category: 'elderly_party_member',
    needs: '老党员，87 岁',
    dietNotes: '软食',
    freeMeals: false,
  },
  {
    name: '张国华',
    phone: '13700000104',
    street: '福泉路',
    address: '沙湾镇福泉路 7 号',
    north: -950,
    east: -640,
    category: 'limited_mobility',
    needs: '轮椅出行',
    dietNotes: null,
    freeMeals: false,
  },
  {
    name: '李淑芬',
    phone: '13700000105',
    street: '建设路',
    address: '沙湾镇建设路 41 号 1 单元 6 楼（无电梯）',
    north: 1350,
    east: -200,
    category: 'in_difficulty',
    needs: '困难居民，独居',
    dietNotes: '不吃辣',
    freeMeals: true,
  },
  {
    name: '赵永福',
    phone: '13700000106',
    street: '嘉农街',
    address: '沙湾镇嘉农街 15 号',
    north: 210,
    east: 1120,
    category: 'limited_mobility',
    needs: '术后康复期',
    dietNotes: '清淡',
    freeMeals: false,
  },
  {
    name: '黄玉珍',
    phone: '13700000107',
    street: '太平街',
    address: '沙湾镇太平街 3 号 2 楼',
    north: -160,
    east: -980,
    category: 'in_difficulty',
    needs: '困难居民，视力差',
    dietNotes: null,
    freeMeals: true,
  },
];

/** Today's requests: minutes from now to the window start, and the state to leave them in. */
const REQUESTS: readonly {
  who: number;
  startIn: number;
  status: DeliveryStatus;
  rider?: 1 | 2;
  escalated?: boolean;
  /** Filed by the resident in their self-service page. */
  byResident?: boolean;
}[] = [
  { who: 0, startIn: -150, status: 'confirmed', rider: 2 },
  { who: 1, startIn: -90, status: 'delivered', rider: 1 },
  { who: 2, startIn: 30, status: 'claimed', rider: 1 },
  { who: 3, startIn: 45, status: 'requested', escalated: true },
  { who: 4, startIn: 120, status: 'requested' },
  { who: 5, startIn: 180, status: 'requested' },
  { who: 6, startIn: 240, status: 'requested', byResident: true },
];

const DISHES = ['两荤一素套餐（红烧肉、番茄炒蛋、时蔬）', '软米饭、清蒸鱼、冬瓜汤', '一荤两素、杂粮饭'];

function offset(p: { lat: number; lng: number }, north: number, east: number) {
  return {
    lat: p.lat + north / 111_320,
    lng: p.lng + east / (111_320 * Math.cos((p.lat * Math.PI) / 180)),
  };
}

/** HH:MM of an instant in Asia/Shanghai. */
function shanghaiTime(d: Date): string {
  const m = Math.floor((d.getTime() / 60_000 + 8 * 60) % (24 * 60));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A window of 30 minutes starting `minutes` from `now` (rounded to 5), kept within one day. */
function windowAt(now: Date, minutes: number) {
  const start = new Date(Math.round((now.getTime() + minutes * 60_000) / 300_000) * 300_000);
  const date = shanghaiDate(start);
  const windowStart = shanghaiTime(start);
  const end = new Date(start.getTime() + 30 * 60_000);
  const windowEnd = shanghaiDate(end) === date ? shanghaiTime(end) : '23:59';
  return {
    date,
    windowStart: windowStart === '23:59' ? '23:58' : windowStart,
    windowEnd,
  };
}

/** The demo community worker of 沙湾镇示例社区, created (by the security admin) when missing. */
async function ensureStaff(deps: PlatformDeps, orgId: string, securityUserId: string): Promise<string> {
  const [found] = await deps.database.db
    .select({ id: appUser.id })
    .from(appUser)
    .where(eq(appUser.username, DEMO_DELIVERY_STAFF.login));
  if (found) return found.id;
  const security: Actor = {
    userId: securityUserId,
    name: '安全管理员',
    kind: 'staff',
    isPartyMember: false,
    grants: [{ id: 'seed', role: 'security_admin', orgId: null, orgPath: null, regionCode: '511100' }],
    roles: ['security_admin'],
    permissions: new Set(permissionsOf(['security_admin'])),
    sessionId: null,
    tokenId: null,
  };
  const u = await createIdentityService(deps).createStaff(
    security,
    {
      name: DEMO_DELIVERY_STAFF.name,
      phone: DEMO_DELIVERY_STAFF.phone,
      username: DEMO_DELIVERY_STAFF.login,
      password: DEMO_PASSWORD,
      grants: [{ role: 'community_staff', orgId }],
    },
    { requestId: 'seed', ip: '127.0.0.1' },
  );
  return u.id;
}

export async function seedDemoDeliveries(
  deps: PlatformDeps,
  orgIds: Record<string, string>,
  userIds: Record<string, string>,
  now: Date = new Date(),
): Promise<{ created: number; staffUserId: string | null }> {
  const orgId = orgIds[DEMO_DELIVERY_STAFF.orgKey];
  const securityId = userIds.security;
  const [canteen] = await deps.database.db
    .select({ id: station.id, lat: station.lat, lng: station.lng })
    .from(station)
    .where(and(eq(station.name, CANTEEN_NAME), eq(station.status, 'active')));
  if (!orgId || !securityId || !canteen) return { created: 0, staffUserId: null };
  const staffUserId = await ensureStaff(deps, orgId, securityId);
  const riders = { 1: userIds.worker1, 2: userIds.worker2 } as const;
  return inTransaction(deps.database, async ({ tx }) => {
    for (const id of Object.values(riders)) {
      if (!id) continue;
      const v = await repo.getVolunteer(tx, id);
      if (!v) await repo.setVolunteer(tx, id, true, now);
    }
    const [any] = await tx
      .select({ id: beneficiary.id })
      .from(beneficiary)
      .where(eq(beneficiary.communityOrgId, orgId))
      .limit(1);
    if (any) return { created: 0, staffUserId };
    const ids: string[] = [];
    for (const b of BENEFICIARIES) {
      const p = offset({ lat: Number(canteen.lat), lng: Number(canteen.lng) }, b.north, b.east);
      const row = await repo.insertBeneficiary(tx, {
        name: b.name,
        phoneEnc: deps.pii.encrypt(b.phone),
        phoneIndex: deps.pii.blindIndex(b.phone),
        phoneMasked: maskPhone(b.phone),
        address: b.address,
        street: b.street,
        lat: p.lat,
        lng: p.lng,
        communityOrgId: orgId,
        category: b.category,
        needs: b.needs,
        dietNotes: b.dietNotes,
        freeMeals: b.freeMeals,
        createdBy: staffUserId,
        updatedBy: staffUserId,
      });
      ids.push(row.id);
    }
    let n = 0;
    for (const r of REQUESTS) {
      const w = windowAt(now, r.startIn);
      const startsAt = shanghaiInstant(w.date, w.windowStart);
      const endsAt = shanghaiInstant(w.date, w.windowEnd);
      const riderId = r.rider ? (riders[r.rider] ?? null) : null;
      const b = BENEFICIARIES[r.who]!;
      const past = new Date(Math.min(now.getTime(), startsAt.getTime()));
      await repo.insertDelivery(tx, {
        beneficiaryId: ids[r.who]!,
        stationId: canteen.id,
        date: w.date,
        windowStart: w.windowStart,
        windowEnd: w.windowEnd,
        startsAt,
        endsAt,
        dishes: DISHES[n % DISHES.length]!,
        dietNotes: b.dietNotes,
        status: r.status,
        receiptCode: String(crypto.randomInt(0, 10_000)).padStart(4, '0'),
        riderUserId: r.status === 'requested' ? null : riderId,
        claimedAt: r.status === 'requested' ? null : new Date(past.getTime() - 40 * 60_000),
        pickedUpAt:
          r.status === 'delivered' || r.status === 'confirmed'
            ? new Date(past.getTime() - 10 * 60_000)
            : null,
        deliveredAt: r.status === 'delivered' || r.status === 'confirmed' ? past : null,
        confirmedAt: r.status === 'confirmed' ? now : null,
        confirmedBy: r.status === 'confirmed' ? staffUserId : null,
        escalatedAt: r.escalated ? now : null,
        filedBy: r.byResident ? null : staffUserId,
        filedByResident: r.byResident === true,
      });
      n++;
    }
    await writeAudit(tx, SYSTEM_ACTOR, null, {
      action: 'meal_delivery.seed',
      note: `demo: ${ids.length} beneficiaries, ${n} requests`,
    });
    return { created: n, staffUserId };
  });
}
