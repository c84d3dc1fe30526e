import {
  type AuthzCase,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import { actorFor } from '../appeals/appeals.seed.ts';
import { createParkingZonesService } from './stations.parking.service.ts';

/**
 * Authorisation matrix cases of parking zones 专属停放区. `in` targets lie in 大佛街道 (市中区, the
 * community worker's township), `out` targets in 沙湾镇 (沙湾区). The map list is public.
 */

export const PARKING_REGION = { in: '511102004', out: '511111100' } as const;
export const PARKING_POINT = {
  in: { lat: 29.5605, lng: 103.7652 },
  out: { lat: 29.4131, lng: 103.5494 },
} as const;

export function districtAdmin(w: AuthzWorld, scope: AuthzScope) {
  return scope === 'in'
    ? actorFor(w.users['szq.admin']!, '市中区管理员', 'staff', 'district_admin', { regionCode: '511102' })
    : actorFor(w.users['swq.admin']!, '沙湾区管理员', 'staff', 'district_admin', { regionCode: '511111' });
}

async function freshZone(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const z = await createParkingZonesService(w.deps).create(districtAdmin(w, scope), null, {
    name: `矩阵测试停放区 ${scope}`,
    regionCode: PARKING_REGION[scope],
    location: { ...PARKING_POINT[scope], crs: 'wgs84' },
    capacity: 10,
    status: 'in_place',
  });
  return z.id;
}

/** Zone managers in scope: 市中区 community staff and district admin in, nobody of theirs out. */
const managers = (ok: number, denied: number) =>
  expectRoles(403, {
    anonymous: 401,
    community_staff: [ok, denied],
    district_admin: [ok, denied],
  });

export const parkingZonesAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/parking-zones',
    request: (_w, s) => ({
      url: '/api/v1/parking-zones',
      query: { lat: String(PARKING_POINT[s].lat), lng: String(PARKING_POINT[s].lng), radius: '5000' },
    }),
    expect: expectRoles(200),
  },
  {
    route: 'GET /api/v1/parking-zones/managed',
    request: () => ({ url: '/api/v1/parking-zones/managed' }),
    expect: managers(200, 200),
  },
  {
    route: 'GET /api/v1/parking-zones/regions',
    request: () => ({ url: '/api/v1/parking-zones/regions' }),
    expect: managers(200, 200),
  },
  {
    route: 'POST /api/v1/parking-zones',
    request: (_w, s) => ({
      url: '/api/v1/parking-zones',
      payload: {
        name: '矩阵测试新停放区',
        regionCode: PARKING_REGION[s],
        location: { ...PARKING_POINT[s], crs: 'gcj02' },
        capacity: 12,
      },
    }),
    expect: managers(201, 403),
  },
  {
    route: 'PATCH /api/v1/parking-zones/:id',
    request: async (w, s) => ({
      url: `/api/v1/parking-zones/${await freshZone(w, s)}`,
      payload: { version: 1, capacity: 30, status: 'in_place' },
    }),
    expect: managers(200, 404),
  },
];
