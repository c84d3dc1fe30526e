import type { MealItemKind, MealPeriod } from '@nuanxin/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { PlatformDeps } from '../../platform/deps.ts';
import { actorFor } from '../appeals/appeals.seed.ts';
import { createPaymentsService } from '../payments/index.ts';
import { station } from '../stations/stations.tables.ts';
import { addDays, localClock } from './meals.rules.ts';
import { createMealsService } from './meals.service.ts';
import { mealMenu } from './meals.tables.ts';

/**
 * Demo menus of the 沙湾区人民食堂 (CAN-01/02: breakfast, a long lunch that covers the riders' late
 * meal, dinner; Sichuan and Leshan dishes at worker and resident prices) and of the G348 暖心之家's
 * restaurant (HUB-02: the 10-yuan 两荤一素 set at lunch and dinner), for the day of seeding and the
 * next, and a few orders placed through the service. Prices are illustrative. Idempotent: a
 * station that already has menus on those days is left alone.
 */

export const CANTEEN_NAME = '沙湾区人民食堂';
export const WARM_HOME_NAME = '沙湾区G348“暖心之家”';

type Dish = [
  name: string,
  kind: MealItemKind,
  worker: number,
  resident: number,
  portions?: number,
  desc?: string,
];

interface DemoMenu {
  period: MealPeriod;
  opens: string;
  closes: string;
  items: Dish[];
}

const CANTEEN_BREAKFAST: DemoMenu = {
  period: 'breakfast',
  opens: '07:00',
  closes: '09:00',
  items: [
    ['早餐套餐', 'set', 600, 800, undefined, '牛肉豆腐脑＋鲜肉包子＋豆浆'],
    ['乐山牛肉豆腐脑', 'dish', 500, 600],
    ['鲜肉包子（2个）', 'staple', 300, 350],
    ['白粥配泡菜', 'staple', 150, 200],
    ['现磨豆浆', 'drink', 150, 200],
  ],
};

const CANTEEN_DAYS: Record<'today' | 'tomorrow', DemoMenu[]> = {
  today: [
    CANTEEN_BREAKFAST,
    {
      period: 'lunch',
      opens: '11:00',
      closes: '14:00',
      items: [
        ['两荤一素套餐', 'set', 1200, 1500, undefined, '回锅肉、宫保鸡丁、清炒时蔬，米饭管够'],
        ['一荤两素套餐', 'set', 1000, 1200, undefined, '青椒肉丝、麻婆豆腐、炝炒莲白'],
        ['跷脚牛肉汤', 'dish', 1500, 1800, 40],
        ['甜皮鸭（半只）', 'dish', 2500, 2800, 20],
        ['米饭', 'staple', 0, 100],
        ['酸梅汤', 'drink', 300, 300],
      ],
    },
    {
      period: 'dinner',
      opens: '17:00',
      closes: '20:00',
      items: [
        ['两荤一素套餐', 'set', 1200, 1500, undefined, '鱼香肉丝、土豆烧鸡、素炒豆芽，米饭管够'],
        ['担担面', 'staple', 800, 1000],
        ['钵钵鸡（一份）', 'dish', 1200, 1500, 30],
        ['红糖冰粉', 'drink', 300, 400],
      ],
    },
  ],
  tomorrow: [
    CANTEEN_BREAKFAST,
    {
      period: 'lunch',
      opens: '11:00',
      closes: '14:00',
      items: [
        ['两荤一素套餐', 'set', 1200, 1500, undefined, '水煮肉片、土豆烧排骨、蒜蓉空心菜，米饭管够'],
        ['一荤两素套餐', 'set', 1000, 1200, undefined, '蒜苗炒肉、家常豆腐、醋溜土豆丝'],
        ['西坝豆腐', 'dish', 1200, 1500, 30],
        ['米饭', 'staple', 0, 100],
        ['酸梅汤', 'drink', 300, 300],
      ],
    },
    {
      period: 'dinner',
      opens: '17:00',
      closes: '20:00',
      items: [
        ['两荤一素套餐', 'set', 1200, 1500, undefined, '红烧肉、辣子鸡、清炒豌豆尖，米饭管够'],
        ['牛肉面', 'staple', 1000, 1200],
        ['红糖冰粉', 'drink', 300, 400],
      ],
    },
  ],
};

const WARM_HOME_SET = (desc: string): Dish[] => [
  ['10元套餐·两荤一素', 'set', 1000, 1000, undefined, desc],
  ['加一份荤菜', 'dish', 500, 500],
  ['米汤', 'drink', 0, 0],
];

const WARM_HOME_DAYS: Record<'today' | 'tomorrow', DemoMenu[]> = {
  today: [
    {
      period: 'lunch',
      opens: '11:00',
      closes: '14:30',
      items: WARM_HOME_SET('红烧肉、小炒鸡、炒时蔬，米饭管够'),
    },
    {
      period: 'dinner',
      opens: '17:00',
      closes: '21:00',
      items: WARM_HOME_SET('回锅肉、青椒炒蛋、清炒莲白，米饭管够'),
    },
  ],
  tomorrow: [
    {
      period: 'lunch',
      opens: '11:00',
      closes: '14:30',
      items: WARM_HOME_SET('粉蒸肉、番茄炒蛋、炒时蔬，米饭管够'),
    },
    {
      period: 'dinner',
      opens: '17:00',
      closes: '21:00',
      items: WARM_HOME_SET('鱼香肉丝、土豆烧鸡、素炒豆芽，米饭管够'),
    },
  ],
};

export async function seedDemoMeals(
  deps: PlatformDeps,
  userIds: Record<string, string>,
  opts: { now?: Date } = {},
): Promise<{ menus: number; orders: number }> {
  const db = deps.database.db;
  const at = opts.now ?? new Date();
  const today = localClock(at).date;
  const tomorrow = addDays(today, 1);
  const stations = await db
    .select({ id: station.id, name: station.name })
    .from(station)
    .where(inArray(station.name, [CANTEEN_NAME, WARM_HOME_NAME]));
  const idOf = (name: string) => stations.find((s) => s.name === name)?.id;
  const keeperId = userIds['swq.keeper'];
  if (!keeperId) return { menus: 0, orders: 0 };
  const keeper = actorFor(keeperId, '沙湾区站点管理员', 'staff', 'station_keeper');
  // The menus are written as at 06:00 of the seeding day, so the day's orders can be placed.
  const morning = new Date(`${today}T06:00:00+08:00`);
  const meals = createMealsService(deps, { now: () => morning });
  let menus = 0;
  const created: Record<string, Record<string, string>> = {};
  for (const [name, days] of [
    [CANTEEN_NAME, CANTEEN_DAYS],
    [WARM_HOME_NAME, WARM_HOME_DAYS],
  ] as const) {
    const stationId = idOf(name);
    if (!stationId) continue;
    const had = await db
      .select({ id: mealMenu.id })
      .from(mealMenu)
      .where(and(eq(mealMenu.stationId, stationId), inArray(mealMenu.date, [today, tomorrow])))
      .limit(1);
    if (had.length) continue;
    created[name] = {};
    for (const [date, list] of [
      [today, days.today],
      [tomorrow, days.tomorrow],
    ] as const) {
      for (const m of list) {
        const dto = await meals.putMenu(keeper, null, stationId, date, m.period, {
          opens: m.opens,
          closes: m.closes,
          published: true,
          version: 0,
          items: m.items.map(([n, kind, w, r, portions, description]) => ({
            name: n,
            kind,
            description: description ?? null,
            priceWorkerFen: w,
            priceResidentFen: r,
            portions: portions ?? null,
          })),
        });
        menus++;
        created[name]![`${date === today ? 'today' : 'tomorrow'}.${m.period}`] = dto.id;
      }
    }
  }
  return { menus, orders: await seedOrders(deps, userIds, created, meals, keeper) };
}

async function seedOrders(
  deps: PlatformDeps,
  userIds: Record<string, string>,
  created: Record<string, Record<string, string>>,
  meals: ReturnType<typeof createMealsService>,
  keeper: ReturnType<typeof actorFor>,
): Promise<number> {
  const w1 = userIds.worker1;
  const w2 = userIds.worker2;
  if (!w1 || !w2) return 0;
  const worker1 = actorFor(w1, '张师傅', 'worker', 'worker');
  const worker2 = actorFor(w2, '李师傅', 'worker', 'worker');
  const payments = createPaymentsService(deps);
  let n = 0;
  const stationOf = async (menuId: string) => {
    const [r] = await deps.database.db
      .select({ s: mealMenu.stationId })
      .from(mealMenu)
      .where(eq(mealMenu.id, menuId));
    return r?.s;
  };
  const menuItems = async (menuId: string) => {
    const stationId = (await stationOf(menuId))!;
    const day = await meals.day(keeper, stationId, undefined);
    return day.menus.find((m) => m.id === menuId)?.items ?? [];
  };
  const canteen = created[CANTEEN_NAME];
  if (canteen?.['today.breakfast'] && canteen['today.lunch']) {
    const bf = await menuItems(canteen['today.breakfast']);
    const set = bf.find((i) => i.kind === 'set')!;
    // A resident served at the counter in the morning: paid and served (the tally counts it).
    const r1 = await meals.placeOrder(keeper, null, canteen['today.breakfast'], {
      mode: 'eat_in',
      slotStart: '07:00',
      partySize: 2,
      lines: [{ itemId: set.id, quantity: 2 }],
      customerCategory: 'resident',
      customerName: '王阿姨',
    });
    if (r1.order.payment) {
      await payments.confirm(keeper, null, r1.order.payment.id, { method: 'counter_cash' });
      await meals.serve(keeper, null, r1.order.id);
    }
    n++;
    const lunch = await menuItems(canteen['today.lunch']);
    const lunchSet = lunch.find((i) => i.kind === 'set')!;
    const soup = lunch.find((i) => i.name.includes('跷脚牛肉'))!;
    await meals.placeOrder(worker2, null, canteen['today.lunch'], {
      mode: 'take_away',
      pickupAt: '13:30',
      partySize: 1,
      lines: [{ itemId: lunchSet.id, quantity: 1 }],
    });
    await meals.placeOrder(worker1, null, canteen['today.lunch'], {
      mode: 'eat_in',
      slotStart: '13:30',
      partySize: 1,
      lines: [
        { itemId: lunchSet.id, quantity: 1 },
        { itemId: soup.id, quantity: 1 },
      ],
    });
    n += 2;
  }
  const home = created[WARM_HOME_NAME];
  if (home?.['today.dinner']) {
    const d = await menuItems(home['today.dinner']);
    await meals.placeOrder(worker2, null, home['today.dinner'], {
      mode: 'eat_in',
      slotStart: '18:00',
      partySize: 1,
      lines: [{ itemId: d.find((i) => i.kind === 'set')!.id, quantity: 1 }],
    });
    n++;
  }
  return n;
}
