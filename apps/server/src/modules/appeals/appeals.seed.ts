import { type AppealType, type CreateAppealInput, permissionsOf, type Role } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { type Actor, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { emit } from '../../platform/events/events.ts';
import { getOrg } from '../orgs/index.ts';
import * as repo from './appeals.repository.ts';
import { createAppealsService } from './appeals.service.ts';

/**
 * Demo appeals (contract "Demo data"): the category tree (APL-10 areas, APL-11 problems), the
 * dispatch catalogue, and ~120 cases in 沙湾区 and ~75 in 市中区 over the past year, each driven
 * through the real service with a moving clock so timelines, deadlines and visits are true.
 * Idempotent: categories are matched by code; cases are filed only when none exist yet.
 */

interface SeedCategory {
  code: string;
  name: string;
  parent?: string;
  radiusMeters?: number;
  /** Dispatch catalogue: demo organisation keys per district. */
  szq?: string;
  swq?: string;
  type: AppealType;
  samples: string[];
}

export const SEED_CATEGORIES: readonly SeedCategory[] = [
  { code: 'env', name: '改善工作环境', type: 'help', samples: [] },
  { code: 'safety', name: '强化安全保障', type: 'help', samples: [] },
  { code: 'mind', name: '加强心理疏导', type: 'help', samples: [] },
  { code: 'care', name: '开展日常关爱', type: 'help', samples: [] },
  { code: 'policy', name: '提供政策援助', type: 'consult', samples: [] },
  {
    code: 'env.ebike_parking',
    name: '电动车停车难',
    parent: 'env',
    szq: 'szq.zhzf',
    swq: 'swq.shawan',
    type: 'help',
    samples: [
      '商圈门口没有电动车停放点，送餐时停车被贴条，希望设置骑手专属停放区。',
      '万达广场周边电动车一停就被拖走，取餐时间太短，请求划定临时停车位。',
      '医院门口禁止电动车停放，送药订单无处停车，希望协调停车区域。',
    ],
  },
  {
    code: 'env.parking',
    name: '停车难',
    parent: 'env',
    szq: 'szq.zhzf',
    swq: 'swq.shawan',
    type: 'suggestion',
    samples: [
      '老城区取餐点附近停车难，建议在巷口设置骑手临时停车点。',
      '夜市周边晚上停车位紧张，配送车辆经常被劝离。',
    ],
  },
  {
    code: 'env.compound_entry',
    name: '小区进门难',
    parent: 'env',
    szq: 'szq.dafo.c1',
    swq: 'swq.shawan.c1',
    type: 'help',
    samples: [
      '某小区不让外卖骑手进门，只能在门口等顾客下楼，超时被投诉。',
      '小区门禁要求登记身份证，每单耽误十分钟，希望推行骑手通行证。',
      '小区保安不让电动车进入，楼栋距离大门太远，送餐经常超时。',
    ],
  },
  {
    code: 'env.rest',
    name: '休憩避暑热饭饮水',
    parent: 'env',
    szq: 'szq.gh',
    swq: 'swq.shawan.c1',
    type: 'suggestion',
    samples: [
      '夏天中午没有地方歇脚喝水，希望附近设置爱心驿站。',
      '冬天午饭只能吃冷的，希望驿站提供微波炉热饭。',
    ],
  },
  {
    code: 'safety.truck_theft',
    name: '货车停车场盗窃（货物、油料、轮胎）',
    parent: 'safety',
    radiusMeters: 500,
    szq: 'szq.ga',
    swq: 'swq.shawan',
    type: 'report',
    samples: [
      '货车停车场夜间油箱被偷油，已经发生多次，希望加强巡逻和监控。',
      '停车场停放的货车轮胎被盗，损失三千余元。',
    ],
  },
  {
    code: 'safety.traffic',
    name: '交通安全隐患',
    parent: 'safety',
    szq: 'szq.ga',
    swq: 'swq.shawan',
    type: 'suggestion',
    samples: [
      '路口红绿灯时间过短，骑手经常来不及通过，存在安全隐患。',
      '道路施工未设置警示标志，夜间骑行容易摔倒。',
    ],
  },
  {
    code: 'mind.counselling',
    name: '心理疏导',
    parent: 'mind',
    szq: 'szq.gh',
    swq: 'swq.jtys',
    type: 'help',
    samples: ['连续被差评，压力很大，希望有人能聊一聊。', '和顾客发生冲突后情绪低落，想寻求心理咨询。'],
  },
  {
    code: 'care.daily',
    name: '生活困难帮扶',
    parent: 'care',
    szq: 'szq.dafo.c1',
    swq: 'swq.shawan.c1',
    type: 'help',
    samples: [
      '家中老人生病住院，生活困难，希望申请临时救助。',
      '孩子入学需要办理手续，不清楚流程，请求帮助。',
    ],
  },
  {
    code: 'care.filing',
    name: '诉求申报难',
    parent: 'care',
    szq: 'szq.dafo.c1',
    swq: 'swq.shawan.c1',
    type: 'consult',
    samples: ['不知道遇到问题该找哪个部门反映，希望有统一的申报渠道。'],
  },
  {
    code: 'policy.weather_fines',
    name: '恶劣天气配送延期罚款',
    parent: 'policy',
    szq: 'szq.scjg',
    swq: 'swq.jtys',
    type: 'complaint',
    samples: [
      '暴雨天配送超时被平台罚款，申诉没有通过，希望帮忙协调。',
      '高温红色预警期间仍按正常时效考核，超时扣款不合理。',
      '大雪天道路结冰，配送延迟被罚五十元，请求减免。',
    ],
  },
  {
    code: 'policy.wages',
    name: '劳动报酬与权益',
    parent: 'policy',
    szq: 'szq.rs',
    swq: 'swq.jtys',
    type: 'complaint',
    samples: ['站点拖欠上月配送费，多次催要无果。', '配送单价被单方面下调，没有提前告知。'],
  },
  {
    code: 'policy.social_insurance',
    name: '社会保险',
    parent: 'policy',
    szq: 'szq.rs',
    swq: 'swq.jtys',
    type: 'consult',
    samples: ['灵活就业人员怎么参加职工养老保险？', '送餐途中受伤，职业伤害保障怎么申请？'],
  },
];

/** Deterministic pseudo-random numbers, so the demo looks the same on every machine. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Upserts the category tree and the dispatch catalogue; returns category ids by code. */
export async function seedAppealCategories(
  db: Db,
  orgIds: Record<string, string>,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  let sort = 0;
  for (const c of SEED_CATEGORIES) {
    sort++;
    const existing = await repo.getCategoryByCode(db, c.code);
    const row =
      existing ??
      (await repo.insertCategory(db, {
        code: c.code,
        name: c.name,
        parentId: c.parent ? (ids.get(c.parent) ?? null) : null,
        radiusMeters: c.radiusMeters ?? 200,
        acceptsPublic: true,
        sort,
      }));
    ids.set(c.code, row.id);
    if (c.szq && orgIds[c.szq]) await repo.upsertDispatchRule(db, row.id, '511102', orgIds[c.szq]!);
    if (c.swq && orgIds[c.swq]) await repo.upsertDispatchRule(db, row.id, '511111', orgIds[c.swq]!);
  }
  return ids;
}

export function actorFor(
  userId: string,
  name: string,
  kind: 'worker' | 'staff',
  role: Role,
  grant: { orgId?: string; orgPath?: string; regionCode?: string } = {},
): Actor {
  return {
    userId,
    name,
    kind,
    isPartyMember: false,
    grants:
      kind === 'staff'
        ? [
            {
              id: `seed-${role}-${grant.orgId ?? grant.regionCode}`,
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

export interface DemoAppealsResult {
  categories: number;
  appealsCreated: number;
}

/**
 * Seeds the demo appeals. `orgIds` are the demo organisation ids by seed key (DEMO_ORGS keys),
 * `userIds` the demo accounts by login.
 */
export async function seedDemoAppeals(
  deps: PlatformDeps,
  orgIds: Record<string, string>,
  userIds: Record<string, string>,
): Promise<DemoAppealsResult> {
  const { database } = deps;
  const categoryIds = await inTransaction(database, ({ tx }) => seedAppealCategories(tx, orgIds));
  const r = (await database.db.execute(sql`select count(*)::int as n from appeal`)) as unknown as {
    rows: { n: number }[];
  };
  if (Number(r.rows[0]?.n ?? 0) > 0) return { categories: categoryIds.size, appealsCreated: 0 };

  const realNow = new Date();
  let clock = realNow;
  // Events go to the outbox as usual, but are left to the dispatcher's next pass instead of a
  // dispatch after every commit: a year of cases is filed in one go.
  const quietDeps: PlatformDeps = {
    ...deps,
    events: {
      ...deps.events,
      publish: (uow, type, payload, actorId) => emit(uow.tx, type, payload, actorId ?? null),
    },
  };
  const service = createAppealsService(quietDeps, { now: () => clock });
  const rand = prng(20_250_601);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  const worker = (login: string, name: string) =>
    userIds[login] ? actorFor(userIds[login]!, name, 'worker', 'worker') : null;
  const workers = [worker('worker1', '张师傅'), worker('worker2', '李师傅')].filter(
    (w): w is Actor => w !== null,
  );
  if (workers.length === 0) return { categories: categoryIds.size, appealsCreated: 0 };

  const dispatchers: Record<'511102' | '511111', Actor> = {
    '511102': actorFor(
      userIds['szq.dispatch'] ?? SYSTEM_ACTOR.userId,
      '市中区派单员',
      'staff',
      'dispatcher',
      {
        regionCode: '511102',
      },
    ),
    '511111': actorFor(
      userIds['swq.dispatch'] ?? SYSTEM_ACTOR.userId,
      '沙湾区派单员',
      'staff',
      'dispatcher',
      {
        regionCode: '511111',
      },
    ),
  };
  const handlerCache = new Map<string, Actor>();
  const handlerFor = async (unitId: string): Promise<Actor> => {
    const cached = handlerCache.get(unitId);
    if (cached) return cached;
    const org = await getOrg(database.db, unitId);
    if (!org) throw new Error(`demo unit ${unitId} missing`);
    const known: Record<string, string | undefined> = {
      [orgIds['szq.scjg'] ?? '-']: userIds['szq.scjg'],
      [orgIds['szq.dafo.c1'] ?? '-']: userIds['szq.community'],
    };
    const a = actorFor(
      known[unitId] ?? SYSTEM_ACTOR.userId,
      `${org.shortName ?? org.name}经办人`,
      'staff',
      org.kind === 'community' ? 'community_staff' : 'department_handler',
      { orgId: org.id, orgPath: org.path },
    );
    handlerCache.set(unitId, a);
    return a;
  };

  const leaves = SEED_CATEGORIES.filter((c) => c.parent);
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  let created = 0;

  /** Moves the clock to the next office moment after `ms`. */
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  const plans: { district: '511102' | '511111'; outcome: 'closed' | 'visited' | 'resolved' | 'open' }[] = [];
  for (let i = 0; i < 120; i++)
    plans.push({
      district: '511111',
      // ≥ 96 % handled (APL-12) also once other demo channels (forums, wishes) add open cases.
      outcome: i < 108 ? 'closed' : i < 114 ? 'visited' : i < 119 ? 'resolved' : 'open',
    });
  for (let i = 0; i < 75; i++)
    plans.push({
      district: '511102',
      outcome: i < 64 ? 'closed' : i < 68 ? 'visited' : i < 70 ? 'resolved' : 'open',
    });

  const centers = {
    '511102': { lat: 29.5521, lng: 103.7656, townships: ['511102004', '511102006', '511102'] },
    '511111': { lat: 29.4131, lng: 103.5494, townships: ['511111100', '511111101', '511111'] },
  } as const;

  for (const [i, plan] of plans.entries()) {
    const cat = pick(leaves);
    const unitKey = plan.district === '511102' ? cat.szq : cat.swq;
    const unitId = unitKey ? orgIds[unitKey] : undefined;
    if (!unitId) continue;
    const center = centers[plan.district];
    // Spread over the past year; open cases are recent.
    const ageDays = plan.outcome === 'open' ? 1 + rand() * 5 : 25 + rand() * 335;
    const start = new Date(realNow.getTime() - ageDays * DAY);
    start.setUTCHours(1 + Math.floor(rand() * 9), Math.floor(rand() * 60), 0, 0); // 09:00–18:00 local
    clock = start;
    const reporter = workers[i % workers.length]!;
    const input: CreateAppealInput = {
      type: cat.type,
      categoryId: categoryIds.get(cat.code)!,
      urgency: rand() < 0.1 ? 'urgent' : 'normal',
      description: pick(cat.samples),
      location: {
        lat: center.lat + (rand() - 0.5) * 0.03,
        lng: center.lng + (rand() - 0.5) * 0.03,
        crs: 'wgs84',
      },
      regionCode: pick(center.townships),
      privacy: rand() < 0.5 ? 'public' : 'private',
      anonymous: false,
    };
    const id = await service.fileQuietly(reporter, input);
    created++;
    const dispatcher = dispatchers[plan.district];
    if (plan.outcome === 'open' && i % 3 === 0) continue; // still 待受理
    advance((0.5 + rand() * 3) * HOUR);
    await service.perform(dispatcher, id, 'accept', { note: '已受理，转派承办单位' });
    advance((0.2 + rand()) * HOUR);
    // A few units return cases that are not theirs; the dispatcher reroutes them.
    if (rand() < 0.08 && cat.swq !== 'swq.jtys' && cat.szq !== 'szq.gh') {
      const wrongKey = plan.district === '511102' ? 'szq.sw' : 'swq.jianong.c1';
      const wrong = orgIds[wrongKey];
      if (wrong && wrong !== unitId) {
        await service.perform(dispatcher, id, 'dispatch', { unitId: wrong });
        advance((0.5 + rand()) * HOUR);
        await service.perform(await handlerFor(wrong), id, 'return', {
          reason: '不属于本单位职责范围',
          notOurDuty: true,
        });
        advance((0.5 + rand()) * HOUR);
        await service.perform(dispatcher, id, 'redispatch', { unitId });
      } else await service.perform(dispatcher, id, 'dispatch', { unitId });
    } else await service.perform(dispatcher, id, 'dispatch', { unitId });
    if (plan.outcome === 'open' && i % 3 === 1) continue; // 待签收
    const handler = await handlerFor(unitId);
    advance((0.3 + rand() * 1.5) * HOUR);
    await service.perform(handler, id, 'sign');
    advance((1 + rand() * 2) * DAY);
    await service.perform(handler, id, 'progress', {
      note: '已现场核实，正在协调相关单位',
      stageFeedback: rand() < 0.5,
    });
    if (plan.outcome === 'open') continue; // 办理中
    if (rand() < 0.05) {
      await service.perform(handler, id, 'extend', { workingDays: 5, reason: '需要协调多个部门，申请延期' });
      advance(4 * HOUR);
      await service.perform(dispatcher, id, 'approveExtension', { approve: true, note: '同意延期' });
    }
    if (rand() < 0.03) await service.perform(dispatcher, id, 'supervise', { message: '请加快办理进度' });
    advance((1 + rand() * 4) * DAY);
    await service.perform(handler, id, 'resolve', { reply: '已协调解决，感谢您的反馈。' });
    if (plan.outcome === 'resolved') continue;
    advance((0.5 + rand() * 2) * DAY);
    // A few reporters are not satisfied: 重办, then satisfied.
    if (rand() < 0.05) {
      await service.perform(reporter, id, 'visit', {
        satisfaction: 'unsatisfied',
        comment: '问题没有根本解决',
      });
      advance((2 + rand() * 3) * DAY);
      await service.perform(handler, id, 'resolve', { reply: '已再次协调，问题已彻底解决。' });
      advance(DAY);
    }
    await service.perform(reporter, id, 'visit', {
      satisfaction: rand() < 0.8 ? 'satisfied' : 'basically_satisfied',
    });
    if (plan.outcome === 'visited') continue;
    advance((0.5 + rand() * 2) * DAY);
    await service.perform(dispatcher, id, 'close');
  }
  deps.events.kick();
  return { categories: categoryIds.size, appealsCreated: created };
}
