import { createStationBody } from '@nuanxin/shared';
import type { Actor } from '../../platform/auth/actor.ts';
import { shanghaiDate } from '../../platform/calendar/index.ts';
import {
  type AuthzCase,
  type AuthzExpectation,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import { actorFor } from '../appeals/appeals.seed.ts';
import { orgPath } from '../orgs/index.ts';
import { admin } from '../stations/stations.authz.ts';
import { createStationsService } from '../stations/stations.service.ts';
import { createDeliveriesService } from './deliveries.service.ts';

/**
 * Authorisation matrix cases of home meal delivery (CAN-05). `in` targets are residents of 大佛街道
 * 示例社区 (the acting community staff's community, 市中区), `out` targets residents of 沙湾镇示例社区
 * (沙湾区). Both are cooked by one matrix canteen in 沙湾镇 (homes placed next to it). Riders act
 * on any community's requests, so worker cases answer the same in both scopes.
 */

const COMMUNITY = { in: 'szq.dafo.c1', out: 'swq.shawan.c1' } as const;
const HOME = { lat: 29.4151, lng: 103.5499 } as const;

interface Setup {
  canteenId: string;
  staff: Record<AuthzScope, Actor>;
  rider: Actor;
}
const setups = new WeakMap<AuthzWorld, Promise<Setup>>();

/** The matrix canteen, a community-staff actor per scope, worker1 and worker2 opted in. */
function setup(w: AuthzWorld): Promise<Setup> {
  let s = setups.get(w);
  if (!s) {
    s = (async () => {
      const db = w.deps.database.db;
      const station = await createStationsService(w.deps).create(
        admin(w, 'out'),
        null,
        createStationBody.parse({
          name: '人民食堂·送餐矩阵测试',
          kind: 'canteen',
          hostType: 'community',
          operatorOrgId: w.orgs['swq.station']!,
          regionCode: '511111100',
          address: '乐山市沙湾区沙湾镇送餐矩阵测试点',
          lat: 29.4141,
          lng: 103.5489,
          hours: { alwaysOpen: true },
          services: [{ code: 'meals' }, { code: 'meal_delivery' }],
        }),
      );
      const staffOf = async (scope: AuthzScope, userId: string) => {
        const orgId = w.orgs[COMMUNITY[scope]]!;
        return actorFor(userId, '社区工作者', 'staff', 'community_staff', {
          orgId,
          orgPath: (await orgPath(db, orgId))!,
        });
      };
      const rider = actorFor(w.users.worker1!, '张师傅', 'worker', 'worker');
      const svc = createDeliveriesService(w.deps);
      await svc.setVolunteer(rider, null, true);
      await svc.setVolunteer(actorFor(w.users.worker2!, '李师傅', 'worker', 'worker'), null, true);
      return {
        canteenId: station.id,
        staff: {
          in: await staffOf('in', w.users['szq.community']!),
          out: await staffOf('out', w.users['swq.admin']!),
        },
        rider,
      };
    })();
    setups.set(w, s);
  }
  return s;
}

async function freshBeneficiary(w: AuthzWorld, scope: AuthzScope) {
  const { staff } = await setup(w);
  return createDeliveriesService(w.deps).createBeneficiary(staff[scope], null, {
    name: `矩阵测试居民 ${scope}`,
    phone: w.uniquePhone(),
    address: '沙湾镇矩阵测试路 1 号',
    location: { ...HOME, crs: 'wgs84' },
    communityOrgId: w.orgs[COMMUNITY[scope]]!,
    category: 'limited_mobility',
    freeMeals: false,
  });
}

const tomorrow = () => shanghaiDate(new Date(Date.now() + 86_400_000));

/** A fresh request for tomorrow, left `requested`, `claimed` by worker1, or `delivered`. */
async function freshDelivery(
  w: AuthzWorld,
  scope: AuthzScope,
  state: 'requested' | 'claimed' | 'delivered' = 'requested',
) {
  const { staff, canteenId, rider } = await setup(w);
  const svc = createDeliveriesService(w.deps);
  const b = await freshBeneficiary(w, scope);
  const d = await svc.create(staff[scope], null, {
    beneficiaryId: b.id,
    stationId: canteenId,
    date: tomorrow(),
    windowStart: '11:00',
    windowEnd: '11:30',
    dishes: '两荤一素套餐',
  });
  if (state !== 'requested') await svc.claim(rider, null, d.id);
  if (state === 'delivered') await svc.deliver(rider, null, d.id, d.receiptCode);
  return d;
}

/** Community staff of the actor's community: `ok` in scope, `out` for 沙湾区; no one else. */
const staffOnly = (ok: number, out: number) =>
  expectRoles(403, { anonymous: 401, community_staff: [ok, out] });
/** Signed-in workers (riders) only. */
const riderOnly = (ok: AuthzExpectation = 200) => expectRoles(403, { anonymous: 401, worker: ok });

export const deliveriesAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/deliveries/beneficiaries',
    request: () => ({ url: '/api/v1/deliveries/beneficiaries' }),
    expect: staffOnly(200, 200),
  },
  {
    route: 'POST /api/v1/deliveries/beneficiaries',
    request: (w, s) => ({
      url: '/api/v1/deliveries/beneficiaries',
      payload: {
        name: '矩阵新居民',
        phone: w.uniquePhone(),
        address: '沙湾镇矩阵测试路 2 号',
        location: { ...HOME, crs: 'wgs84' },
        communityOrgId: w.orgs[COMMUNITY[s]]!,
        category: 'in_difficulty',
        freeMeals: true,
      },
    }),
    expect: staffOnly(201, 400),
  },
  {
    route: 'PATCH /api/v1/deliveries/beneficiaries/:id',
    request: async (w, s) => ({
      url: `/api/v1/deliveries/beneficiaries/${(await freshBeneficiary(w, s)).id}`,
      payload: { version: 1, needs: '矩阵测试' },
    }),
    expect: staffOnly(200, 404),
  },
  {
    route: 'POST /api/v1/deliveries/beneficiaries/:id/reveal',
    request: async (w, s) => ({
      url: `/api/v1/deliveries/beneficiaries/${(await freshBeneficiary(w, s)).id}/reveal`,
      payload: { field: 'phone' },
    }),
    expect: staffOnly(200, 404),
  },
  {
    route: 'GET /api/v1/deliveries/places',
    request: () => ({ url: '/api/v1/deliveries/places' }),
    expect: staffOnly(200, 200),
  },
  {
    route: 'GET /api/v1/deliveries/riders',
    request: () => ({ url: '/api/v1/deliveries/riders' }),
    expect: staffOnly(200, 200),
  },
  {
    route: 'GET /api/v1/deliveries',
    request: () => ({ url: '/api/v1/deliveries' }),
    expect: staffOnly(200, 200),
  },
  {
    route: 'POST /api/v1/deliveries',
    request: async (w, s) => ({
      url: '/api/v1/deliveries',
      payload: {
        beneficiaryId: (await freshBeneficiary(w, s)).id,
        stationId: (await setup(w)).canteenId,
        date: tomorrow(),
        windowStart: '17:00',
        windowEnd: '17:30',
        dishes: '一荤两素',
      },
    }),
    expect: staffOnly(201, 404),
  },
  {
    route: 'POST /api/v1/deliveries/:id/assign',
    request: async (w, s) => ({
      url: `/api/v1/deliveries/${(await freshDelivery(w, s)).id}/assign`,
      payload: { riderUserId: w.users.worker2! },
    }),
    expect: staffOnly(200, 404),
  },
  {
    route: 'POST /api/v1/deliveries/:id/handle',
    request: async (w, s) => ({ url: `/api/v1/deliveries/${(await freshDelivery(w, s)).id}/handle` }),
    expect: staffOnly(200, 404),
  },
  {
    route: 'POST /api/v1/deliveries/:id/confirm',
    request: async (w, s) => ({
      url: `/api/v1/deliveries/${(await freshDelivery(w, s, 'delivered')).id}/confirm`,
    }),
    expect: staffOnly(200, 404),
  },
  {
    route: 'POST /api/v1/deliveries/:id/cancel',
    request: async (w, s) => ({
      url: `/api/v1/deliveries/${(await freshDelivery(w, s)).id}/cancel`,
      payload: { reason: '居民住院' },
    }),
    expect: staffOnly(200, 404),
  },
  {
    route: 'GET /api/v1/me/delivery-volunteer',
    request: () => ({ url: '/api/v1/me/delivery-volunteer' }),
    expect: riderOnly(),
  },
  {
    route: 'PUT /api/v1/me/delivery-volunteer',
    request: async (w) => {
      await setup(w);
      return { url: '/api/v1/me/delivery-volunteer', payload: { optedIn: true } };
    },
    expect: riderOnly(),
  },
  {
    route: 'GET /api/v1/deliveries/offers',
    request: () => ({ url: '/api/v1/deliveries/offers', query: { lat: '29.4141', lng: '103.5489' } }),
    expect: riderOnly(),
  },
  {
    route: 'GET /api/v1/me/deliveries',
    request: () => ({ url: '/api/v1/me/deliveries' }),
    expect: riderOnly(),
  },
  {
    route: 'POST /api/v1/deliveries/:id/claim',
    request: async (w, s) => ({ url: `/api/v1/deliveries/${(await freshDelivery(w, s)).id}/claim` }),
    expect: riderOnly(),
  },
  {
    route: 'POST /api/v1/deliveries/:id/pickup',
    request: async (w, s) => ({
      url: `/api/v1/deliveries/${(await freshDelivery(w, s, 'claimed')).id}/pickup`,
    }),
    expect: riderOnly(),
  },
  {
    route: 'POST /api/v1/deliveries/:id/release',
    request: async (w, s) => ({
      url: `/api/v1/deliveries/${(await freshDelivery(w, s, 'claimed')).id}/release`,
    }),
    expect: riderOnly(),
  },
  {
    route: 'POST /api/v1/deliveries/:id/deliver',
    request: async (w, s) => {
      const d = await freshDelivery(w, s, 'claimed');
      return { url: `/api/v1/deliveries/${d.id}/deliver`, payload: { code: d.receiptCode } };
    },
    expect: riderOnly(),
  },
  // ---- residents' self-service: its own session; accounts of any role count for nothing there
  {
    route: 'POST /api/v1/resident/code',
    request: (w) => ({ url: '/api/v1/resident/code', payload: { phone: w.uniquePhone() } }),
    expect: expectRoles(200),
  },
  {
    route: 'POST /api/v1/resident/session',
    request: (w) => ({
      url: '/api/v1/resident/session',
      payload: { phone: w.uniquePhone(), code: '000000' },
    }),
    expect: expectRoles(401),
  },
  {
    route: 'GET /api/v1/resident/me',
    request: () => ({ url: '/api/v1/resident/me' }),
    expect: expectRoles(401),
  },
  {
    route: 'DELETE /api/v1/resident/session',
    request: () => ({ url: '/api/v1/resident/session' }),
    expect: expectRoles(401),
  },
  {
    route: 'GET /api/v1/resident/deliveries',
    request: () => ({ url: '/api/v1/resident/deliveries' }),
    expect: expectRoles(401),
  },
  {
    route: 'POST /api/v1/resident/deliveries',
    request: async (w, s) => ({
      url: '/api/v1/resident/deliveries',
      payload: {
        beneficiaryId: (await freshBeneficiary(w, s)).id,
        stationId: (await setup(w)).canteenId,
        date: tomorrow(),
        windowStart: '17:00',
        windowEnd: '17:30',
        dishes: '一荤两素',
      },
    }),
    expect: expectRoles(401),
  },
  {
    route: 'POST /api/v1/resident/deliveries/:id/cancel',
    request: async (w, s) => ({
      url: `/api/v1/resident/deliveries/${(await freshDelivery(w, s)).id}/cancel`,
      payload: {},
    }),
    expect: expectRoles(401),
  },
  {
    route: 'POST /api/v1/resident/deliveries/:id/confirm',
    request: async (w, s) => ({
      url: `/api/v1/resident/deliveries/${(await freshDelivery(w, s, 'delivered')).id}/confirm`,
    }),
    expect: expectRoles(401),
  },
];
