import { createStationBody } from '@nuanxin/shared';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  type AuthzCase,
  type AuthzExpectation,
  type AuthzRole,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import { actorFor } from '../appeals/appeals.seed.ts';
import { createStationsService } from '../stations/index.ts';
import { localDate } from './canteen-services.policy.ts';
import * as repo from './canteen-services.repository.ts';
import { createCanteenServicesService } from './canteen-services.service.ts';

/**
 * Authorisation matrix cases of 政务代办 and 节假日托幼 (CAN-03, CAN-04). `in` targets are a
 * 小哥加油吧 in 大佛街道 run by the acting community staff's community; `out` targets a 铜心驿站 in
 * 沙湾镇 run by the 沙湾区 station operator and kept by `swq.keeper` (the acting keeper). Both offer
 * `proxy_affairs` and `holiday_childcare`. Requests and registrations belong to worker2, never
 * to the acting worker (worker1).
 */

const SERVICES = [{ code: 'proxy_affairs' }, { code: 'holiday_childcare' }];
const BASIC = ['rest', 'water', 'charging', 'wifi', 'reading'].map((code) => ({ code }));

function admin(w: AuthzWorld, scope: AuthzScope): Actor {
  return scope === 'in'
    ? actorFor(w.users['szq.admin']!, '市中区管理员', 'staff', 'district_admin', { regionCode: '511102' })
    : actorFor(w.users['swq.admin']!, '沙湾区管理员', 'staff', 'district_admin', { regionCode: '511111' });
}
const worker2 = (w: AuthzWorld) => actorFor(w.users.worker2!, '李师傅', 'worker', 'worker');

function stationBody(w: AuthzWorld, scope: AuthzScope) {
  return scope === 'in'
    ? {
        name: '小哥加油吧·代办托幼矩阵',
        kind: 'rider_bar',
        hostType: 'party_centre',
        operatorOrgId: w.orgs['szq.dafo.c1']!,
        regionCode: '511102004',
        address: '乐山市市中区大佛街道矩阵测试点',
        lat: 29.5551,
        lng: 103.7622,
        hours: { alwaysOpen: true },
        services: [{ code: 'water' }, ...SERVICES],
      }
    : {
        name: '铜心驿站·代办托幼矩阵',
        kind: 'copper_heart',
        hostType: 'supermarket',
        operatorOrgId: w.orgs['swq.station']!,
        regionCode: '511111100',
        address: '乐山市沙湾区沙湾镇矩阵测试点',
        lat: 29.4131,
        lng: 103.5497,
        hours: { alwaysOpen: true },
        services: [...BASIC, ...SERVICES],
        keeperIds: [w.users['swq.keeper']!],
      };
}

const stationsOf = new WeakMap<AuthzWorld, Partial<Record<AuthzScope, string>>>();
async function station(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const m = stationsOf.get(w) ?? {};
  stationsOf.set(w, m);
  if (!m[scope]) {
    const s = await createStationsService(w.deps).create(
      admin(w, scope),
      null,
      createStationBody.parse(stationBody(w, scope)),
    );
    m[scope] = s.id;
  }
  return m[scope];
}

const svcOf = (w: AuthzWorld) => createCanteenServicesService(w.deps);

async function freshRequest(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const r = await svcOf(w).fileProxy(worker2(w), null, await station(w, scope), {
    matter: 'residence_permit',
    description: '矩阵测试：办理居住证',
    documents: ['租房合同'],
  });
  return r.request.id;
}

function tomorrow(): string {
  return localDate(new Date(Date.now() + 86_400_000));
}

async function freshSession(w: AuthzWorld, scope: AuthzScope) {
  return svcOf(w).createSession(admin(w, scope), null, await station(w, scope), {
    date: tomorrow(),
    starts: '09:00',
    ends: '17:00',
    capacity: 30,
    ageMin: 3,
    ageMax: 12,
    note: '矩阵测试场次',
  });
}

async function freshRegistration(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const s = await freshSession(w, scope);
  const r = await svcOf(w).register(worker2(w), null, s.id, {
    childName: '小雨',
    childAge: 6,
    contactPhone: '13900000002',
  });
  return r.registration.id;
}

/** A registration in a session today that began at midnight: attendance can be marked. */
async function registrationToday(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const db = w.deps.database.db;
  const s = await repo.insertSession(db, {
    stationId: await station(w, scope),
    date: localDate(new Date()),
    starts: '00:00',
    ends: '23:59',
    capacity: 10,
    ageMin: 3,
    ageMax: 12,
    createdBy: w.users['swq.admin']!,
  });
  const r = await repo.insertRegistration(db, {
    sessionId: s.id,
    parentUserId: w.users.worker2!,
    childName: '小乐',
    childAge: 5,
    contactPhoneEnc: w.deps.pii.encrypt('13900000002'),
    contactPhoneMasked: '139****0002',
  });
  return r!.id;
}

/** Managers of the station: district admins and the 大佛街道 community staff in their own district. */
const MANAGE = (ok: number, out = 403): Partial<Record<AuthzRole, AuthzExpectation>> => ({
  anonymous: 401,
  community_staff: [ok, out],
  district_admin: [ok, out],
});
/** Keepers and staff who read the station: the 沙湾 targets are kept by the acting keeper. */
const READ_OR_KEEP = (ok: number, denied: number): Partial<Record<AuthzRole, AuthzExpectation>> => ({
  ...MANAGE(ok, denied),
  station_keeper: [denied, ok],
  // 沙湾区交通运输行业党委 reads the stations of its district.
  industry_committee_admin: [denied, ok],
});
const SIGNED_IN = expectRoles(200, { anonymous: 401 });

export const canteenServicesAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/stations/:id/proxy-requests',
    request: async (w, s) => ({
      url: `/api/v1/stations/${await station(w, s)}/proxy-requests`,
      payload: { matter: 'social_security_card', description: '矩阵测试：补办社保卡', documents: [] },
    }),
    // Staff file only for a resident (body.resident); without one they are refused.
    expect: expectRoles(403, { anonymous: 401, worker: 201 }),
  },
  {
    route: 'POST /api/v1/stations/:id/proxy-requests',
    name: 'for a walk-in resident',
    request: async (w, s) => ({
      url: `/api/v1/stations/${await station(w, s)}/proxy-requests`,
      payload: {
        matter: 'medical_insurance',
        description: '矩阵测试：代居民续缴医保',
        resident: { name: '王秀英', phone: '13900000099' },
      },
    }),
    expect: expectRoles(403, {
      anonymous: 401,
      community_staff: [201, 403],
      district_admin: [201, 403],
      station_keeper: [403, 201],
    }),
  },
  {
    route: 'GET /api/v1/stations/:id/proxy-requests',
    request: async (w, s) => ({ url: `/api/v1/stations/${await station(w, s)}/proxy-requests` }),
    expect: expectRoles(403, READ_OR_KEEP(200, 403)),
  },
  {
    route: 'GET /api/v1/proxy-requests/:id',
    request: async (w, s) => ({ url: `/api/v1/proxy-requests/${await freshRequest(w, s)}` }),
    expect: expectRoles(404, { anonymous: 401, ...READ_OR_KEEP(200, 404) }),
  },
  {
    route: 'POST /api/v1/proxy-requests/:id/transitions',
    request: async (w, s) => ({
      url: `/api/v1/proxy-requests/${await freshRequest(w, s)}/transitions`,
      payload: { action: 'take' },
    }),
    expect: expectRoles(403, {
      ...READ_OR_KEEP(200, 404),
      // Reads the 沙湾 stations but does not keep them.
      industry_committee_admin: [404, 403],
    }),
  },
  {
    route: 'GET /api/v1/me/canteen-services',
    request: () => ({ url: '/api/v1/me/canteen-services' }),
    expect: SIGNED_IN,
  },
  {
    route: 'GET /api/v1/stations/:id/childcare-sessions',
    request: async (w, s) => ({ url: `/api/v1/stations/${await station(w, s)}/childcare-sessions` }),
    expect: SIGNED_IN,
  },
  {
    route: 'POST /api/v1/stations/:id/childcare-sessions',
    request: async (w, s) => ({
      url: `/api/v1/stations/${await station(w, s)}/childcare-sessions`,
      payload: { date: tomorrow(), starts: '09:00', ends: '12:00', capacity: 10, ageMin: 3, ageMax: 10 },
    }),
    expect: expectRoles(403, MANAGE(201)),
  },
  {
    route: 'PATCH /api/v1/childcare-sessions/:id',
    request: async (w, s) => {
      const x = await freshSession(w, s);
      return { url: `/api/v1/childcare-sessions/${x.id}`, payload: { version: x.version, capacity: 25 } };
    },
    expect: expectRoles(403, MANAGE(200)),
  },
  {
    route: 'POST /api/v1/childcare-sessions/:id/cancel',
    request: async (w, s) => ({ url: `/api/v1/childcare-sessions/${(await freshSession(w, s)).id}/cancel` }),
    expect: expectRoles(403, MANAGE(200)),
  },
  {
    route: 'GET /api/v1/childcare-sessions/:id/registrations',
    request: async (w, s) => ({
      url: `/api/v1/childcare-sessions/${(await freshSession(w, s)).id}/registrations`,
    }),
    expect: expectRoles(403, READ_OR_KEEP(200, 403)),
  },
  {
    route: 'POST /api/v1/childcare-sessions/:id/registrations',
    request: async (w, s) => ({
      url: `/api/v1/childcare-sessions/${(await freshSession(w, s)).id}/registrations`,
      payload: { childName: '小明', childAge: 6, contactPhone: '13900000001' },
    }),
    expect: expectRoles(403, { anonymous: 401, worker: 201 }),
  },
  {
    route: 'POST /api/v1/childcare-registrations/:id/cancel',
    request: async (w, s) => ({
      url: `/api/v1/childcare-registrations/${await freshRegistration(w, s)}/cancel`,
    }),
    // Only the parent (worker2) cancels: everyone else, the acting worker too, gets 404.
    expect: expectRoles(404, { anonymous: 401 }),
  },
  {
    route: 'POST /api/v1/childcare-registrations/:id/attendance',
    request: async (w, s) => ({
      url: `/api/v1/childcare-registrations/${await registrationToday(w, s)}/attendance`,
      payload: { attended: true },
    }),
    expect: expectRoles(403, {
      ...READ_OR_KEEP(200, 404),
      industry_committee_admin: [404, 403],
    }),
  },
];
