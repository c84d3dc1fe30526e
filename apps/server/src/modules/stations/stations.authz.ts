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
import { qrToken } from './stations.qr.ts';
import * as repo from './stations.repository.ts';
import { createStationsService } from './stations.service.ts';

/**
 * Authorisation matrix cases for the station routes. `in` targets are 小哥加油吧 in 大佛街道
 * (511102004), run by the community of the acting community staff; `out` targets are 铜心驿站 in
 * 沙湾镇 run by the 沙湾区 station operator and kept by `swq.keeper` (the acting keeper). Each
 * request that changes something gets a fresh target.
 */

const BASIC = ['rest', 'water', 'charging', 'wifi', 'reading'].map((code) => ({ code }));

export function admin(w: AuthzWorld, scope: AuthzScope): Actor {
  return scope === 'in'
    ? actorFor(w.users['szq.admin']!, '市中区管理员', 'staff', 'district_admin', { regionCode: '511102' })
    : actorFor(w.users['swq.admin']!, '沙湾区管理员', 'staff', 'district_admin', { regionCode: '511111' });
}

function body(w: AuthzWorld, scope: AuthzScope) {
  return scope === 'in'
    ? {
        name: '小哥加油吧·矩阵测试',
        kind: 'rider_bar',
        hostType: 'party_centre',
        operatorOrgId: w.orgs['szq.dafo.c1']!,
        regionCode: '511102004',
        address: '乐山市市中区大佛街道矩阵测试点',
        lat: 29.5551,
        lng: 103.7622,
        hours: { alwaysOpen: true },
        services: [{ code: 'water' }],
        capacity: [{ resource: 'seats', total: 8 }],
      }
    : {
        name: '铜心驿站·矩阵测试',
        kind: 'copper_heart',
        hostType: 'supermarket',
        operatorOrgId: w.orgs['swq.station']!,
        regionCode: '511111100',
        address: '乐山市沙湾区沙湾镇矩阵测试点',
        lat: 29.4131,
        lng: 103.5497,
        hours: { alwaysOpen: true },
        services: BASIC,
        capacity: [{ resource: 'seats', total: 8 }],
        keeperIds: [w.users['swq.keeper']!],
      };
}

/** A fresh active station in the scope's district (other modules' cases hang records on it). */
export async function freshStation(w: AuthzWorld, scope: AuthzScope): Promise<repo.StationRow> {
  const svc = createStationsService(w.deps);
  const s = await svc.create(admin(w, scope), null, createStationBody.parse(body(w, scope)));
  return (await repo.getStation(w.deps.database.db, s.id))!;
}

/** One target per scope for the read-only cases, made on first use. */
const shared = new WeakMap<AuthzWorld, Partial<Record<AuthzScope, repo.StationRow>>>();
async function target(w: AuthzWorld, scope: AuthzScope): Promise<repo.StationRow> {
  const m = shared.get(w) ?? {};
  shared.set(w, m);
  m[scope] ??= await freshStation(w, scope);
  return m[scope];
}

/** Managers: district admins and the community staff of 大佛街道 in their own district only. */
const MANAGE = (ok: number): Partial<Record<AuthzRole, AuthzExpectation>> => ({
  anonymous: 401,
  community_staff: [ok, 403],
  district_admin: [ok, 403],
});
/** Keepers of the station (沙湾 targets are kept by the acting keeper) and managers. */
const KEEP = (ok: number): Partial<Record<AuthzRole, AuthzExpectation>> => ({
  ...MANAGE(ok),
  station_keeper: [403, ok],
});
const PUBLIC = expectRoles(200);

let serviceTypeN = 0;

export const stationsAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/stations/nearby',
    request: (_w, scope) => ({
      url: '/api/v1/stations/nearby',
      query:
        scope === 'in'
          ? ({ lat: '29.5551', lng: '103.7622' } as Record<string, string>)
          : { lat: '29.4131', lng: '103.5497', openNow: 'true' },
    }),
    expect: PUBLIC,
  },
  {
    route: 'GET /api/v1/stations.geojson',
    request: () => ({ url: '/api/v1/stations.geojson' }),
    expect: PUBLIC,
  },
  {
    route: 'GET /api/v1/stations/:id',
    request: async (w, scope) => ({ url: `/api/v1/stations/${(await target(w, scope)).id}` }),
    expect: PUBLIC,
  },
  {
    route: 'GET /api/v1/station-service-types',
    request: () => ({ url: '/api/v1/station-service-types' }),
    expect: PUBLIC,
  },
  {
    route: 'GET /api/v1/stations',
    request: () => ({ url: '/api/v1/stations' }),
    expect: expectRoles(403, {
      anonymous: 401,
      station_keeper: 200,
      community_staff: 200,
      industry_committee_admin: 200,
      district_admin: 200,
    }),
  },
  {
    route: 'POST /api/v1/stations',
    request: (w, scope) => ({ url: '/api/v1/stations', payload: body(w, scope) }),
    expect: expectRoles(403, MANAGE(201)),
  },
  {
    route: 'PATCH /api/v1/stations/:id',
    request: async (w, scope) => {
      const s = await freshStation(w, scope);
      return { url: `/api/v1/stations/${s.id}`, payload: { version: s.version, name: `${s.name}·改` } };
    },
    expect: expectRoles(403, MANAGE(200)),
  },
  {
    route: 'PUT /api/v1/stations/:id/services',
    request: async (w, scope) => {
      const s = await freshStation(w, scope);
      return {
        url: `/api/v1/stations/${s.id}/services`,
        payload: { services: [...BASIC, { code: 'meal_heating' }] },
      };
    },
    expect: expectRoles(403, MANAGE(200)),
  },
  {
    route: 'PUT /api/v1/stations/:id/photos',
    request: async (w, scope) => ({
      url: `/api/v1/stations/${(await freshStation(w, scope)).id}/photos`,
      payload: { photoIds: [] },
    }),
    expect: expectRoles(403, MANAGE(200)),
  },
  {
    route: 'POST /api/v1/stations/:id/live',
    request: async (w, scope) => {
      const s = await freshStation(w, scope);
      return {
        url: `/api/v1/stations/${s.id}/live`,
        payload: { liveStatus: 'busy', capacity: [{ resource: 'seats', available: 2 }] },
      };
    },
    expect: expectRoles(403, KEEP(200)),
  },
  {
    route: 'PUT /api/v1/stations/:id/keepers',
    request: async (w, scope) => {
      const s = await freshStation(w, scope);
      return { url: `/api/v1/stations/${s.id}/keepers`, payload: { userIds: [w.users['szq.community']!] } };
    },
    expect: expectRoles(403, MANAGE(200)),
  },
  {
    route: 'GET /api/v1/stations/:id/poster',
    request: async (w, scope) => ({ url: `/api/v1/stations/${(await target(w, scope)).id}/poster` }),
    expect: expectRoles(403, KEEP(200)),
  },
  {
    route: 'POST /api/v1/stations/:id/rotate-qr',
    request: async (w, scope) => ({ url: `/api/v1/stations/${(await freshStation(w, scope)).id}/rotate-qr` }),
    expect: expectRoles(403, MANAGE(200)),
  },
  {
    route: 'POST /api/v1/stations/checkins',
    request: async (w, scope) => {
      const s = await freshStation(w, scope);
      return { url: '/api/v1/stations/checkins', payload: { code: s.code, t: qrToken(s.qrSecret, s.code) } };
    },
    expect: expectRoles(403, { anonymous: 401, worker: 201 }),
  },
  {
    route: 'GET /api/v1/stations/:id/visits/summary',
    request: async (w, scope) => ({ url: `/api/v1/stations/${(await target(w, scope)).id}/visits/summary` }),
    expect: expectRoles(403, {
      anonymous: 401,
      community_staff: [200, 403],
      district_admin: [200, 403],
      // Their operator (沙湾区铜心驿站运营中心) runs the 沙湾 targets.
      station_keeper: [403, 200],
      // 沙湾区交通运输行业党委 reads the stations of its district.
      industry_committee_admin: [403, 200],
    }),
  },
  {
    route: 'GET /api/v1/me/station-visits',
    request: () => ({ url: '/api/v1/me/station-visits' }),
    expect: expectRoles(403, { anonymous: 401, worker: 200 }),
  },
  {
    route: 'POST /api/v1/station-service-types',
    request: () => ({
      url: '/api/v1/station-service-types',
      payload: { code: `matrix_${++serviceTypeN}`, name: '矩阵测试服务', nameEn: 'Matrix test service' },
    }),
    expect: expectRoles(403, { anonymous: 401, district_admin: 201, system_admin: 201 }),
  },
  {
    route: 'PATCH /api/v1/station-service-types/:code',
    request: () => ({ url: '/api/v1/station-service-types/toilet', payload: { sort: 90 } }),
    expect: expectRoles(403, { anonymous: 401, district_admin: 200, system_admin: 200 }),
  },
];
