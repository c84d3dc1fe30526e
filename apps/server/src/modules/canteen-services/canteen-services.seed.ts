import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { actorFor } from '../appeals/appeals.seed.ts';
import { createStationsService } from '../stations/index.ts';
import { localDate } from './canteen-services.policy.ts';
import { createCanteenServicesService } from './canteen-services.service.ts';

/**
 * Demo 政务代办 and 节假日托幼 at the 沙湾区人民食堂 (kept by swq.keeper): requests in every state,
 * filed by the demo workers and, for a walk-in resident, by the keeper; childcare sessions on the
 * next statutory holidays the calendar knows (weekends when none is within reach — a provisional
 * year has no holidays), with a few children registered. Runs once: it does nothing when the
 * canteen already has requests. The resident and the phones are invented.
 */
export const DEMO_CANTEEN_NAME = '沙湾区人民食堂';

const DAY_MS = 86_400_000;

/** The next `n` days after today that are statutory holidays, else weekends, within ~4 months. */
export function nextChildcareDays(deps: PlatformDeps, from: Date, n: number): string[] {
  const holidays: string[] = [];
  const weekends: string[] = [];
  for (let i = 1; i <= 130; i++) {
    const d = localDate(new Date(from.getTime() + i * DAY_MS));
    let kind: string;
    try {
      kind = deps.calendar.kindOf(d);
    } catch {
      const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
      kind = wd === 0 || wd === 6 ? 'weekend' : 'workday';
    }
    if (kind === 'holiday') holidays.push(d);
    else if (kind === 'weekend') weekends.push(d);
  }
  const picked = holidays.slice(0, n);
  for (const d of weekends) if (picked.length < n && !picked.includes(d)) picked.push(d);
  return picked.sort();
}

export async function seedDemoCanteenServices(
  deps: PlatformDeps,
  orgIds: Record<string, string>,
  userIds: Record<string, string>,
): Promise<{ created: number }> {
  const need = ['swq.admin', 'swq.keeper', 'worker1', 'worker2'];
  if (need.some((k) => !userIds[k]) || !orgIds['swq.station']) return { created: 0 };
  const admin = actorFor(userIds['swq.admin']!, '沙湾区管理员', 'staff', 'district_admin', {
    regionCode: '511111',
  });
  const keeper: Actor = actorFor(userIds['swq.keeper']!, '沙湾区驿站站长', 'staff', 'station_keeper', {
    orgId: orgIds['swq.station']!,
    regionCode: '511111',
  });
  const worker1 = actorFor(userIds.worker1!, '张师傅', 'worker', 'worker');
  const worker2 = actorFor(userIds.worker2!, '李师傅', 'worker', 'worker');

  const stations = createStationsService(deps);
  const found = await stations.list(admin, { q: DEMO_CANTEEN_NAME, page: 1, pageSize: 5 });
  const canteen = found.items.find((s) => s.name === DEMO_CANTEEN_NAME);
  if (!canteen) return { created: 0 };
  const r = (await deps.database.db.execute(
    sql`select count(*)::int as n from proxy_request where station_id = ${canteen.id}`,
  )) as unknown as { rows: { n: number }[] };
  if (Number(r.rows[0]?.n ?? 0) > 0) return { created: 0 };

  const svc = createCanteenServicesService(deps);
  const file = async (who: Actor, body: Parameters<typeof svc.fileProxy>[3]): Promise<string> =>
    (await svc.fileProxy(who, null, canteen.id, body)).request.id;
  const move = (id: string, ...steps: ('take' | 'complete' | 'return')[]) =>
    steps.reduce(
      (p, action) => p.then(() => svc.transition(keeper, null, id, { action }).then(() => undefined)),
      Promise.resolve(),
    );

  await file(worker1, {
    matter: 'social_security_card',
    description: '社保卡丢失，申请补办，方便在医院刷卡',
    documents: ['一寸照片 2 张', '身份证复印件'],
  });
  await move(
    await file(worker2, {
      matter: 'residence_permit',
      description: '办理乐山市居住证，租住在沙湾镇',
      documents: ['租房合同复印件', '身份证复印件'],
    }),
    'take',
  );
  await move(
    await file(keeper, {
      matter: 'medical_insurance',
      description: '帮老人续缴城乡居民医保',
      documents: ['户口本复印件'],
      resident: { name: '王秀英', phone: '13900000099' },
    }),
    'take',
    'complete',
  );
  await move(
    await file(worker1, {
      matter: 'housing_fund',
      description: '查询灵活就业人员公积金缴存办法并代为登记',
      documents: ['身份证复印件', '银行卡复印件'],
    }),
    'take',
    'complete',
    'return',
  );
  const rejected = await file(worker2, {
    matter: 'other',
    description: '代办驾驶证换证',
    documents: [],
  });
  await svc.transition(keeper, null, rejected, {
    action: 'reject',
    reason: '驾驶证换证须本人到车管所办理，已告知办理地点',
  });

  const days = nextChildcareDays(deps, new Date(), 3);
  let sessions = 0;
  for (const [i, date] of days.entries()) {
    const s = await svc.createSession(admin, null, canteen.id, {
      date,
      starts: '08:30',
      ends: '17:30',
      capacity: i === 0 ? 20 : 15,
      ageMin: 3,
      ageMax: 12,
      note: i === 0 ? '假期托管：午餐由人民食堂提供，请自带水杯' : '作业辅导与手工活动',
    });
    sessions++;
    if (i === 0) {
      await svc.register(worker2, null, s.id, {
        childName: '小雨',
        childAge: 7,
        contactPhone: '13900000002',
        allergies: '对花生过敏',
      });
      await svc.register(worker2, null, s.id, {
        childName: '小乐',
        childAge: 5,
        contactPhone: '13900000002',
        allergies: null,
      });
    }
  }
  return { created: 5 + sessions };
}
