import {
  type AuthzCase,
  type AuthzExpectation,
  type AuthzRole,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import { actorFor } from '../appeals/appeals.seed.ts';
import { createPaymentsService } from '../payments/index.ts';
import { admin, freshStation } from '../stations/stations.authz.ts';
import { addDays, localClock } from './meals.rules.ts';
import { createMealsService } from './meals.service.ts';

/**
 * Authorisation matrix cases of meals. Targets are fresh stations of the stations cases: `in` a
 * 小哥加油吧 in 大佛街道 (市中区) managed by the acting community staff and district admin, `out` a
 * 铜心驿站 in 沙湾镇 kept by the acting keeper. Each station gets a published lunch for tomorrow.
 */

const tomorrow = () => addDays(localClock(new Date()).date, 1);

async function freshMenu(w: AuthzWorld, scope: AuthzScope) {
  const s = await freshStation(w, scope);
  const menu = await createMealsService(w.deps).putMenu(admin(w, scope), null, s.id, tomorrow(), 'lunch', {
    opens: '11:00',
    closes: '14:00',
    published: true,
    version: 0,
    items: [
      {
        name: '两荤一素套餐',
        kind: 'set',
        priceWorkerFen: 1200,
        priceResidentFen: 1500,
        portions: null,
        description: null,
      },
    ],
  });
  return { stationId: s.id, menuId: menu.id, itemId: menu.items[0]!.id };
}

async function workerOrder(w: AuthzWorld, scope: AuthzScope, paid = false) {
  const m = await freshMenu(w, scope);
  const worker = actorFor(w.actorOf.worker!, '矩阵测试骑手', 'worker', 'worker');
  const { order } = await createMealsService(w.deps).placeOrder(worker, null, m.menuId, {
    mode: 'eat_in',
    slotStart: '12:00',
    partySize: 1,
    lines: [{ itemId: m.itemId, quantity: 1 }],
  });
  if (paid)
    await createPaymentsService(w.deps).confirm(admin(w, scope), null, order.payment!.id, {
      method: 'counter_cash',
    });
  return order.id;
}

/** Console readers of the station: its region's staff and its keepers. */
const READERS = (ok: number): Partial<Record<AuthzRole, AuthzExpectation>> => ({
  anonymous: 401,
  community_staff: [ok, 403],
  district_admin: [ok, 403],
  station_keeper: [403, ok],
  industry_committee_admin: [403, ok],
});
/** Menu editors: managers and keepers. */
const EDITORS = (ok: number): Partial<Record<AuthzRole, AuthzExpectation>> => ({
  anonymous: 401,
  community_staff: [ok, 403],
  district_admin: [ok, 403],
  station_keeper: [403, ok],
});
/** An order of worker1: the worker, and the station's readers (404 for everyone else). */
const ORDER_SEEN = (worker: number, keepers: number, readerOnly: number) =>
  expectRoles(404, {
    anonymous: 401,
    worker,
    community_staff: [keepers, 404],
    district_admin: [keepers, 404],
    station_keeper: [404, keepers],
    industry_committee_admin: [404, readerOnly],
  });

export const mealsAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/stations/:id/meals',
    request: async (w, s) => ({ url: `/api/v1/stations/${(await freshMenu(w, s)).stationId}/meals` }),
    expect: expectRoles(200),
  },
  {
    route: 'GET /api/v1/meal-menus/:menuId/slots',
    request: async (w, s) => ({ url: `/api/v1/meal-menus/${(await freshMenu(w, s)).menuId}/slots` }),
    expect: expectRoles(200),
  },
  {
    route: 'GET /api/v1/stations/:id/meal-menus',
    request: async (w, s) => ({ url: `/api/v1/stations/${(await freshStation(w, s)).id}/meal-menus` }),
    expect: expectRoles(403, READERS(200)),
  },
  {
    route: 'PUT /api/v1/stations/:id/meal-menus/:date/:period',
    request: async (w, s) => ({
      url: `/api/v1/stations/${(await freshStation(w, s)).id}/meal-menus/${tomorrow()}/dinner`,
      payload: {
        opens: '17:00',
        closes: '20:00',
        items: [{ name: '担担面', kind: 'staple', priceWorkerFen: 800, priceResidentFen: 1000 }],
      },
    }),
    expect: expectRoles(403, EDITORS(200)),
  },
  {
    route: 'POST /api/v1/stations/:id/meal-menus/copy',
    request: async (w, s) => ({
      url: `/api/v1/stations/${(await freshMenu(w, s)).stationId}/meal-menus/copy`,
      payload: { from: tomorrow(), to: addDays(tomorrow(), 1) },
    }),
    expect: expectRoles(403, EDITORS(200)),
  },
  {
    route: 'POST /api/v1/meal-menus/:menuId/orders',
    request: async (w, s) => {
      const m = await freshMenu(w, s);
      return {
        url: `/api/v1/meal-menus/${m.menuId}/orders`,
        payload: {
          mode: 'eat_in',
          slotStart: '11:30',
          partySize: 1,
          lines: [{ itemId: m.itemId, quantity: 1 }],
        },
      };
    },
    // Workers order for themselves; the station's keepers and managers take counter orders.
    expect: expectRoles(403, { anonymous: 401, worker: 201, ...EDITORS(201) }),
  },
  {
    route: 'GET /api/v1/me/meal-orders',
    request: () => ({ url: '/api/v1/me/meal-orders' }),
    expect: expectRoles(403, { anonymous: 401, worker: 200 }),
  },
  {
    route: 'GET /api/v1/meal-orders/:id',
    request: async (w, s) => ({ url: `/api/v1/meal-orders/${await workerOrder(w, s)}` }),
    expect: ORDER_SEEN(200, 200, 200),
  },
  {
    route: 'POST /api/v1/meal-orders/:id/cancel',
    request: async (w, s) => ({ url: `/api/v1/meal-orders/${await workerOrder(w, s)}/cancel`, payload: {} }),
    expect: ORDER_SEEN(200, 200, 403),
  },
  {
    route: 'POST /api/v1/meal-orders/:id/serve',
    request: async (w, s) => ({ url: `/api/v1/meal-orders/${await workerOrder(w, s, true)}/serve` }),
    // Staff only: the worker who ordered is refused before the order is looked up.
    expect: ORDER_SEEN(403, 200, 403),
  },
  {
    route: 'GET /api/v1/stations/:id/meal-orders',
    request: async (w, s) => ({ url: `/api/v1/stations/${(await freshMenu(w, s)).stationId}/meal-orders` }),
    expect: expectRoles(403, READERS(200)),
  },
  {
    route: 'GET /api/v1/stations/:id/meal-sales',
    request: async (w, s) => ({ url: `/api/v1/stations/${(await freshStation(w, s)).id}/meal-sales` }),
    expect: expectRoles(403, READERS(200)),
  },
];
