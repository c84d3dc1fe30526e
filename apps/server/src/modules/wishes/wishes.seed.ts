import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { emit } from '../../platform/events/events.ts';
import { actorFor } from '../appeals/appeals.seed.ts';
import { createAppealsService } from '../appeals/index.ts';
import { createWishesService, mondayOf } from './wishes.service.ts';

/**
 * Demo wish boxes (沙湾 and 市中 placements; names marked 示例 are invented), about 25 wishes
 * across the five steps, last week's batches and two forums with the appeals they raised.
 * Runs once: does nothing when a box exists.
 */

const BOXES = [
  {
    key: 'dafo',
    name: '大佛街道骑手驿站心愿箱（示例）',
    regionCode: '511102004',
    org: 'szq.dafo.c1',
    location: '大佛街道示例社区党群服务中心门口',
  },
  {
    key: 'tongjiang',
    name: '通江街道外卖站点心愿箱（示例）',
    regionCode: '511102006',
    org: 'szq.tongjiang.c1',
    location: '通江街道美团站点休息区',
  },
  {
    key: 'shawan',
    name: '沙湾镇铜心驿站心愿箱（示例）',
    regionCode: '511111100',
    org: 'swq.station',
    location: '沙湾镇铜心驿站服务台',
  },
  {
    key: 'jianong',
    name: '嘉农镇小哥加油吧心愿箱（示例）',
    regionCode: '511111101',
    org: 'swq.jianong.c1',
    location: '嘉农镇小哥加油吧',
  },
] as const;

type Step = 'collected' | 'classified' | 'tracking' | 'answered';
const WISHES: {
  box: (typeof BOXES)[number]['key'];
  text: string;
  area: string;
  step: Step;
  idea?: boolean;
  lastWeek?: boolean;
}[] = [
  {
    box: 'dafo',
    text: '希望驿站夏天能提供绿豆汤和藿香正气水',
    area: 'care',
    step: 'answered',
    lastWeek: true,
  },
  { box: 'dafo', text: '商圈附近电动车没地方停，经常被贴条', area: 'env', step: 'tracking', lastWeek: true },
  {
    box: 'dafo',
    text: '希望驿站有微波炉，可以热一下自带的饭',
    area: 'env',
    step: 'answered',
    lastWeek: true,
  },
  { box: 'dafo', text: '想参加一次免费体检', area: 'care', step: 'classified', idea: true, lastWeek: true },
  { box: 'dafo', text: '下雨天送餐路滑，希望发放防滑鞋套', area: 'safety', step: 'tracking', lastWeek: true },
  { box: 'dafo', text: '孩子暑假没人带，希望有托管班', area: 'care', step: 'classified', idea: true },
  { box: 'dafo', text: '想了解灵活就业人员怎么交社保', area: 'policy', step: 'collected' },
  { box: 'dafo', text: '希望驿站多放几个充电插座', area: 'env', step: 'collected' },
  {
    box: 'tongjiang',
    text: '小区保安不让进，只能在门口等很久',
    area: 'env',
    step: 'tracking',
    lastWeek: true,
  },
  { box: 'tongjiang', text: '被差评心情很差，想找人聊聊', area: 'mind', step: 'answered', lastWeek: true },
  {
    box: 'tongjiang',
    text: '希望组织骑手篮球赛',
    area: 'care',
    step: 'classified',
    idea: true,
    lastWeek: true,
  },
  {
    box: 'tongjiang',
    text: '平台罚款规则看不懂，希望有人讲解',
    area: 'policy',
    step: 'answered',
    lastWeek: true,
  },
  { box: 'tongjiang', text: '夜里送餐路灯太暗', area: 'safety', step: 'classified' },
  { box: 'tongjiang', text: '希望有个地方能洗把脸', area: 'env', step: 'collected' },
  {
    box: 'shawan',
    text: '货车停车场晚上没人看，担心油被偷',
    area: 'safety',
    step: 'tracking',
    lastWeek: true,
  },
  { box: 'shawan', text: '希望在嘉农大道设一个休息点', area: 'env', step: 'answered', lastWeek: true },
  { box: 'shawan', text: '想学电动车简单维修', area: 'care', step: 'classified', idea: true, lastWeek: true },
  { box: 'shawan', text: '春节回不了家，希望有年夜饭', area: 'care', step: 'answered', lastWeek: true },
  { box: 'shawan', text: '希望给骑手讲讲交通安全', area: 'safety', step: 'classified', idea: true },
  { box: 'shawan', text: '想知道工伤怎么认定', area: 'policy', step: 'collected' },
  {
    box: 'jianong',
    text: '送完单很累，想有个安静地方歇一会',
    area: 'mind',
    step: 'tracking',
    lastWeek: true,
  },
  { box: 'jianong', text: '希望驿站有免费饮用水', area: 'care', step: 'answered', lastWeek: true },
  { box: 'jianong', text: '镇上路口红绿灯时间太短', area: 'safety', step: 'collected', lastWeek: true },
  { box: 'jianong', text: '希望教一下手机报税', area: 'policy', step: 'collected' },
  { box: 'jianong', text: '想参加志愿服务攒积分', area: 'care', step: 'collected' },
];

const FEEDBACK: Record<string, string> = {
  care: '已与社区和志愿者对接，近期在驿站落实，请留意通知。',
  env: '已协调街道和站点，下周起试行，欢迎继续提意见。',
  mind: '心理咨询师每周三下午在驿站坐班，可以来聊聊。',
  policy: '本月座谈会上请人社部门专门讲解，届时通知您。',
  safety: '已转交交警和运营方，正在整改。',
};

export async function seedDemoWishes(
  deps: PlatformDeps,
  orgIds: Record<string, string>,
  userIds: Record<string, string>,
): Promise<{ wishes: number }> {
  const r = (await deps.database.db.execute(sql`select count(*)::int as n from wish_box`)) as unknown as {
    rows: { n: number }[];
  };
  if (Number(r.rows[0]?.n ?? 0) > 0) return { wishes: 0 };
  const realNow = new Date();
  let clock = realNow;
  const quietDeps: PlatformDeps = {
    ...deps,
    events: {
      ...deps.events,
      publish: (uow, type, payload, actorId) => emit(uow.tx, type, payload, actorId ?? null),
    },
  };
  const svc = createWishesService(quietDeps, { now: () => clock });
  const szq = actorFor(userIds['szq.admin']!, '市中区管理员', 'staff', 'district_admin', {
    regionCode: '511102',
  });
  const swq = actorFor(userIds['swq.admin']!, '沙湾区管理员', 'staff', 'district_admin', {
    regionCode: '511111',
  });
  const workers: Actor[] = [
    actorFor(userIds.worker1!, '张师傅', 'worker', 'worker'),
    actorFor(userIds.worker2!, '李师傅', 'worker', 'worker'),
  ];
  const boxIds: Record<string, string> = {};
  for (const b of BOXES) {
    const admin = b.regionCode.startsWith('511102') ? szq : swq;
    boxIds[b.key] = (
      await svc.createBox(admin, null, {
        name: b.name,
        regionCode: b.regionCode,
        hostOrgId: orgIds[b.org],
        location: b.location,
      })
    ).id;
  }
  const lastMonday = new Date(`${mondayOf(new Date(realNow.getTime() - 7 * 86_400_000))}T09:00:00+08:00`);
  const thisMonday = new Date(`${mondayOf(realNow)}T08:00:00+08:00`);
  const trackerOf: Record<string, string> = {
    dafo: userIds['szq.community']!,
    tongjiang: userIds['szq.dispatch']!,
    shawan: userIds['swq.dispatch']!,
    jianong: userIds['swq.dispatch']!,
  };
  let n = 0;
  const ids: { id: string; w: (typeof WISHES)[number]; admin: Actor; trackerId: string }[] = [];
  for (const [i, w] of WISHES.entries()) {
    const box = BOXES.find((b) => b.key === w.box)!;
    const inSzq = box.regionCode.startsWith('511102');
    clock = w.lastWeek
      ? new Date(lastMonday.getTime() + (i % 5) * 86_400_000 + i * 3_600_000)
      : new Date(Math.min(realNow.getTime() - 60_000, thisMonday.getTime() + i * 600_000));
    const created = await svc.create(workers[i % 2]!, null, {
      boxId: boxIds[w.box],
      text: w.text,
      anonymous: i % 7 === 3,
    });
    ids.push({
      id: created.wish.id,
      w,
      admin: inSzq ? szq : swq,
      trackerId: trackerOf[w.box]!,
    });
    n++;
  }
  clock = new Date(Math.min(realNow.getTime() - 30_000, thisMonday.getTime() - 90 * 60_000 + 3 * 3_600_000));
  await svc.generateWeekly(mondayOf(lastMonday));
  for (const { id, w, admin, trackerId } of ids) {
    if (w.step === 'collected') continue;
    await svc.act(admin, null, id, 'classify', { categoryCode: w.area });
    if (w.idea) await svc.act(admin, null, id, 'markIdea', { activityIdea: true });
    if (w.step === 'classified') continue;
    await svc.act(admin, null, id, 'assign', { trackerUserId: trackerId });
    if (w.step === 'answered') await svc.act(admin, null, id, 'answer', { feedback: FEEDBACK[w.area]! });
  }
  clock = realNow;
  // Two monthly forums, with the appeals they raised.
  const cats = await createAppealsService(deps).categories();
  const leaf = (code: string) => cats.find((c) => c.code === code)?.id;
  const parking = leaf('env.ebike_parking') ?? leaf('env.parking');
  const entry = leaf('env.compound_entry') ?? parking;
  const rest = leaf('env.rest') ?? parking;
  if (parking && entry && rest) {
    await svc.createForum(szq, null, {
      heldOn: mondayOf(new Date(realNow.getTime() - 28 * 86_400_000)),
      place: '市中区外卖送餐行业党群服务中心',
      hostOrgId: orgIds['szq.xgz'],
      regionCode: '511102',
      minutes:
        '本月座谈会：骑手代表反映商圈停车难、小区进门难、午间无处休息。站点负责人建议设立专属停放区；美团、饿了么管理层表示配合。市场监管、城管、公安等部门到会回应。',
      attendees: { riders: 9, stationHeads: 4, companyManagement: 2, departments: 5 },
      appeals: [
        {
          type: 'help',
          categoryId: parking,
          description: '嘉州长卷商圈电动车无处停放，骑手常被贴条（座谈会收集）',
          urgency: 'normal',
        },
        {
          type: 'help',
          categoryId: entry,
          description: '部分小区物业不让骑手进门，只能在门口久等（座谈会收集）',
          urgency: 'normal',
        },
      ],
    });
    await svc.createForum(swq, null, {
      heldOn: mondayOf(realNow),
      place: '沙湾区交通运输行业党委会议室',
      hostOrgId: orgIds['swq.jtys'],
      regionCode: '511111',
      minutes:
        '本月座谈会：货车司机反映夜间停车场安全；骑手希望嘉农大道增设休息点。交通运输局、公安分局到会。',
      attendees: { riders: 6, stationHeads: 2, companyManagement: 1, departments: 3 },
      appeals: [
        {
          type: 'help',
          categoryId: rest,
          description: '嘉农大道沿线缺少骑手休息点（座谈会收集）',
          urgency: 'normal',
        },
      ],
    });
  }
  return { wishes: n };
}
