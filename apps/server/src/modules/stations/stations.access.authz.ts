import {
  type AuthzCase,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import { actorFor } from '../appeals/appeals.seed.ts';
import { createCompoundAccessService } from './stations.access.service.ts';
import { PARKING_POINT, PARKING_REGION } from './stations.parking.authz.ts';

/**
 * Authorisation matrix cases of compound-access notes 小区进门. `in` notes lie in 大佛街道 (市中区),
 * `out` notes in 沙湾镇 (沙湾区). Notes are reported by worker2, so the acting worker (worker1) is
 * never their reporter.
 */

async function freshNote(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const svc = createCompoundAccessService(w.deps, { dailyReportLimit: 1_000_000 });
  const r = await svc.report(actorFor(w.users.worker2!, '李师傅', 'worker', 'worker'), null, {
    compoundName: `矩阵测试小区 ${scope}`,
    regionCode: PARKING_REGION[scope],
    location: { ...PARKING_POINT[scope], crs: 'wgs84' },
    entry: 'call_guard',
    note: '北门门岗登记后可进',
  });
  return r.note.id;
}

const SIGNED_IN = expectRoles(200, { anonymous: 401 });
const reviewers = (ok: number, denied: number) =>
  expectRoles(403, {
    anonymous: 401,
    community_staff: [ok, denied],
    district_admin: [ok, denied],
  });

export const compoundAccessAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/compound-access',
    request: (_w, s) => ({
      url: '/api/v1/compound-access',
      query: { lat: String(PARKING_POINT[s].lat), lng: String(PARKING_POINT[s].lng) },
    }),
    expect: SIGNED_IN,
  },
  {
    route: 'GET /api/v1/me/compound-access',
    request: () => ({ url: '/api/v1/me/compound-access' }),
    expect: SIGNED_IN,
  },
  {
    route: 'POST /api/v1/compound-access',
    request: (_w, s) => ({
      url: '/api/v1/compound-access',
      payload: {
        compoundName: '矩阵测试新小区',
        regionCode: PARKING_REGION[s],
        location: { ...PARKING_POINT[s], crs: 'wgs84' },
        entry: 'park_outside',
        note: '停门外，步行送上楼',
      },
    }),
    expect: expectRoles(403, { anonymous: 401, worker: 201 }),
  },
  {
    route: 'GET /api/v1/compound-access/queue',
    request: () => ({ url: '/api/v1/compound-access/queue' }),
    expect: reviewers(200, 200),
  },
  {
    route: 'POST /api/v1/compound-access/:id/review',
    request: async (w, s) => ({
      url: `/api/v1/compound-access/${await freshNote(w, s)}/review`,
      payload: { decision: 'confirm' },
    }),
    expect: reviewers(200, 404),
  },
];
