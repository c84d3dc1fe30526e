import { permissionsOf, type Role } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { emit } from '../../platform/events/events.ts';
import { getOrg } from '../orgs/index.ts';
import { createGreenChannelService } from './green-channel.service.ts';
import type { GrnOutcome } from './green-channel.types.ts';

/**
 * Demo data for the green channel: a few weather alerts of summer 2026 and eight claims against
 * the 美团 and 饿了么 demo companies in every state, driven through the real service with a moving
 * clock. Runs once (skipped when any claim exists).
 */

export function grnActor(
  userId: string,
  name: string,
  role: Role,
  grant: { orgId?: string; orgPath?: string; regionCode?: string } = {},
): Actor {
  const staff = role !== 'worker';
  return {
    userId,
    name,
    kind: staff ? 'staff' : 'worker',
    isPartyMember: false,
    grants: staff
      ? [
          {
            id: `seed-grn-${role}`,
            role,
            orgId: grant.orgId ?? null,
            orgPath: grant.orgPath ?? null,
            regionCode: grant.regionCode ?? null,
          },
        ]
      : [],
    roles: [role],
    permissions: new Set(permissionsOf([role])),
    sessionId: null,
    tokenId: null,
  };
}

/** Shanghai wall-clock time → instant. */
const cst = (s: string) => new Date(`${s}+08:00`);

interface DemoClaim {
  rider: 'worker1' | 'worker2';
  platform: 'platform.meituan' | 'platform.eleme';
  region: string;
  orderAt: string;
  delay: number;
  fineYuan: number;
  orderNo: string;
  reason: string;
  /** How far it gets. */
  stage: 'submitted' | 'reviewed' | 'rejected' | 'notice_sent' | 'answered' | 'closed';
  answer?: { outcome: GrnOutcome; reducedYuan?: number; reason?: string; afterHours: number };
}

const CLAIMS: readonly DemoClaim[] = [
  {
    rider: 'worker1',
    platform: 'platform.meituan',
    region: '511102004',
    orderAt: '2026-07-15T11:40:00',
    delay: 38,
    fineYuan: 20,
    orderNo: 'MT2607150001873',
    reason: '暴雨橙色预警期间嘉州大道积水严重，绕行导致超时送达，被平台按超时罚款',
    stage: 'closed',
    answer: { outcome: 'waived', afterHours: 20 },
  },
  {
    rider: 'worker2',
    platform: 'platform.meituan',
    region: '511102006',
    orderAt: '2026-07-15T12:15:00',
    delay: 25,
    fineYuan: 15,
    orderNo: 'MT2607150002419',
    reason: '暴雨天通江街道道路积水，电动车无法通行，推车送达超时',
    stage: 'answered',
    answer: {
      outcome: 'reduced',
      reducedYuan: 10,
      reason: '核实后按恶劣天气规则减免部分罚款',
      afterHours: 30,
    },
  },
  {
    rider: 'worker1',
    platform: 'platform.meituan',
    region: '511102004',
    orderAt: '2026-07-15T18:05:00',
    delay: 45,
    fineYuan: 30,
    orderNo: 'MT2607151805009',
    reason: '暴雨橙色预警，商家出餐后道路积水，无法按时送达',
    stage: 'answered',
    answer: { outcome: 'refused', reason: '该订单超时发生在顾客改址之后，与天气无关', afterHours: 52 },
  },
  {
    rider: 'worker2',
    platform: 'platform.eleme',
    region: '511102004',
    orderAt: '2026-07-15T19:30:00',
    delay: 30,
    fineYuan: 12,
    orderNo: 'EL26071519300417',
    reason: '暴雨中送餐，小区门口积水过膝，只能绕行后门',
    stage: 'notice_sent',
  },
  {
    rider: 'worker1',
    platform: 'platform.meituan',
    region: '511102',
    orderAt: '2026-08-06T14:20:00',
    delay: 20,
    fineYuan: 10,
    orderNo: 'MT2608060003301',
    reason: '高温黄色预警，午间中暑不适在驿站休息，送达超时',
    stage: 'reviewed',
  },
  {
    rider: 'worker2',
    platform: 'platform.meituan',
    region: '511111100',
    orderAt: '2026-07-20T09:10:00',
    delay: 60,
    fineYuan: 25,
    orderNo: 'MT2607200000815',
    reason: '沙湾区暴雨红色预警，沙湾镇道路塌方封闭，绕行超时',
    stage: 'submitted',
  },
  {
    rider: 'worker1',
    platform: 'platform.eleme',
    region: '511102004',
    orderAt: '2026-09-02T12:00:00',
    delay: 15,
    fineYuan: 8,
    orderNo: 'EL26090212000033',
    reason: '当天下小雨，路滑骑得慢，超时被罚',
    stage: 'rejected',
  },
  {
    rider: 'worker2',
    platform: 'platform.meituan',
    region: '511102004',
    orderAt: '2026-11-20T18:40:00',
    delay: 22,
    fineYuan: 10,
    orderNo: 'MT2611200004508',
    reason: '大风天气电动车难以骑行，送达超时',
    stage: 'submitted',
  },
];

export interface DemoGreenChannelResult {
  alertsCreated: number;
  claimsCreated: number;
}

export async function seedDemoGreenChannel(
  deps: PlatformDeps,
  orgIds: Record<string, string>,
  userIds: Record<string, string>,
): Promise<DemoGreenChannelResult> {
  const { database } = deps;
  const r = (await database.db.execute(sql`select count(*)::int as n from grn_delay_claim`)) as unknown as {
    rows: { n: number }[];
  };
  if (Number(r.rows[0]?.n ?? 0) > 0) return { alertsCreated: 0, claimsCreated: 0 };
  const scjgId = orgIds['szq.scjg'];
  const meituan = orgIds['platform.meituan'];
  const eleme = orgIds['platform.eleme'];
  const need = ['worker1', 'worker2', 'szq.dispatch', 'swq.dispatch', 'szq.scjg', 'platform'];
  if (!scjgId || !meituan || !eleme || need.some((k) => !userIds[k]))
    return { alertsCreated: 0, claimsCreated: 0 };
  const scjgOrg = await getOrg(database.db, scjgId);

  let clock = new Date();
  const quietDeps: PlatformDeps = {
    ...deps,
    events: {
      ...deps.events,
      publish: (uow, type, payload, actorId) => emit(uow.tx, type, payload, actorId ?? null),
    },
  };
  const svc = createGreenChannelService(quietDeps, { now: () => clock });
  const riders = {
    worker1: grnActor(userIds.worker1!, '张师傅', 'worker'),
    worker2: grnActor(userIds.worker2!, '李师傅', 'worker'),
  };
  const szqDispatch = grnActor(userIds['szq.dispatch']!, '市中区派单员', 'dispatcher', {
    regionCode: '511102',
  });
  const swqDispatch = grnActor(userIds['swq.dispatch']!, '沙湾区派单员', 'dispatcher', {
    regionCode: '511111',
  });
  const officer = grnActor(userIds['szq.scjg']!, '市场监管局经办人', 'department_handler', {
    orgId: scjgId,
    ...(scjgOrg ? { orgPath: scjgOrg.path } : {}),
  });
  // The demo has a liaison login for 美团 only: 饿了么's claims wait for its answer.
  const liaisons: Record<string, Actor> = {
    [meituan]: grnActor(userIds.platform!, '平台联络员', 'platform_liaison', { orgId: meituan }),
  };

  // --- weather alerts
  const alerts = [
    {
      by: szqDispatch,
      at: '2026-07-15T07:30:00',
      input: {
        regionCode: '511102',
        level: 'orange' as const,
        kind: 'rainstorm' as const,
        startsAt: cst('2026-07-15T08:00:00').toISOString(),
        endsAt: cst('2026-07-15T22:00:00').toISOString(),
        source: '乐山市气象台',
        note: '市中区暴雨橙色预警，局地小时雨量可达 60 毫米',
      },
    },
    {
      by: swqDispatch,
      at: '2026-07-20T06:00:00',
      input: {
        regionCode: '511111',
        level: 'red' as const,
        kind: 'rainstorm' as const,
        startsAt: cst('2026-07-20T06:00:00').toISOString(),
        endsAt: cst('2026-07-20T18:00:00').toISOString(),
        source: '乐山市沙湾区气象局',
      },
    },
    {
      by: szqDispatch,
      at: '2026-08-06T10:00:00',
      input: {
        regionCode: '511102',
        level: 'yellow' as const,
        kind: 'heat' as const,
        startsAt: cst('2026-08-06T10:00:00').toISOString(),
        endsAt: cst('2026-08-07T19:00:00').toISOString(),
        source: '乐山市气象台',
        note: '最高气温 37℃ 以上',
      },
    },
  ];
  let rainAlertId: string | null = null;
  for (const a of alerts) {
    clock = cst(a.at);
    const dto = await svc.recordAlert(a.by, null, a.input);
    rainAlertId ??= dto.id;
  }

  // --- claims, in order of the order time
  let n = 0;
  for (const c of CLAIMS) {
    const platformId = c.platform === 'platform.meituan' ? meituan : eleme;
    clock = new Date(cst(c.orderAt).getTime() + 3 * 3_600_000);
    const claim = await svc.fileClaim(riders[c.rider], null, {
      platformOrgId: platformId,
      regionCode: c.region,
      orderNos: [c.orderNo],
      orderAt: cst(c.orderAt).toISOString(),
      delayMinutes: c.delay,
      fineFen: c.fineYuan * 100,
      cause: 'extreme_weather',
      reason: c.reason,
      evidenceNote: '平台罚款截图、当日气象预警截图（骑手口述，照片上传下一版本提供）',
    });
    n++;
    const reviewer = c.region.startsWith('511111') ? swqDispatch : officer;
    if (c.stage === 'submitted') continue;
    clock = new Date(clock.getTime() + 20 * 3_600_000);
    if (c.stage === 'rejected') {
      await svc.act(reviewer, null, claim.id, 'reject', { reason: '当日未发布气象预警，不属于极端天气情形' });
      continue;
    }
    await svc.act(reviewer, null, claim.id, 'review', { note: '已核实当日气象预警与订单时间' });
    if (c.stage === 'reviewed') continue;
    clock = new Date(clock.getTime() + 2 * 3_600_000);
    const due = new Date(clock.getTime() + 3 * 86_400_000);
    await svc.sendNotice(reviewer, null, {
      platformOrgIds: [platformId],
      claimIds: [claim.id],
      facts: `骑手反映 ${c.orderAt.slice(0, 10)} 因${claim.alertsInForce.length ? '气象预警期间' : ''}恶劣天气导致订单 ${c.orderNo} 延误 ${c.delay} 分钟，被罚款 ${c.fineYuan} 元。请贵平台核实，并依据平台规则考虑减免。`,
      requestedAnswerBy: due.toISOString().slice(0, 10),
      ...(claim.alertsInForce[0] ? { alertId: claim.alertsInForce[0].id } : {}),
    });
    const liaison = liaisons[platformId];
    if (c.stage === 'notice_sent' || !c.answer || !liaison) continue;
    clock = new Date(clock.getTime() + c.answer.afterHours * 3_600_000);
    await svc.act(liaison, null, claim.id, 'answer', {
      outcome: c.answer.outcome,
      ...(c.answer.reducedYuan ? { reducedFen: c.answer.reducedYuan * 100 } : {}),
      ...(c.answer.reason ? { reason: c.answer.reason } : {}),
    });
    if (c.stage === 'closed') {
      clock = new Date(clock.getTime() + 4 * 3_600_000);
      await svc.act(riders[c.rider], null, claim.id, 'close', {});
    }
  }

  // --- a district-wide notice before the summer storms
  clock = cst('2026-07-15T07:45:00');
  await svc.sendNotice(officer, null, {
    platformOrgIds: [meituan, eleme],
    claimIds: [],
    regionCode: '511102',
    ...(rainAlertId ? { alertId: rainAlertId } : {}),
    facts:
      '气象部门发布 7 月 15 日市中区暴雨橙色预警。请贵平台在预警期间适当延长配送时限，对因极端天气导致的订单超时不予处罚或予以减免，并提醒骑手注意安全。',
    requestedAnswerBy: '2026-07-15',
  });
  return { alertsCreated: alerts.length, claimsCreated: n };
}
