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
import { createHubService } from './hub.service.ts';

/**
 * Authorisation cases of the hub routes (docs/hub.md). `in` targets: a hub station in 大佛街道 run
 * by the acting community staff's community; `out`: a 暖心之家 in 沙湾镇 run by the 沙湾 station
 * operator and kept by `swq.keeper`. Each has 10 rooms × 12 beds, a camera and a bay; bookings
 * are made by the acting worker (`worker1`) as needed.
 */

function admin(w: AuthzWorld, scope: AuthzScope): Actor {
  return scope === 'in'
    ? actorFor(w.users['szq.admin']!, '市中区管理员', 'staff', 'district_admin', { regionCode: '511102' })
    : actorFor(w.users['swq.admin']!, '沙湾区管理员', 'staff', 'district_admin', { regionCode: '511111' });
}

interface Target {
  stationId: string;
  roomId: string;
  tvKey: string;
  bedId: string;
  bayId: string;
  cameraId: string;
}

const targets = new WeakMap<AuthzWorld, Partial<Record<AuthzScope, Promise<Target>>>>();

async function makeTarget(w: AuthzWorld, scope: AuthzScope): Promise<Target> {
  const stations = createStationsService(w.deps);
  const hub = createHubService(w.deps);
  const a = admin(w, scope);
  const s = await stations.create(
    a,
    null,
    createStationBody.parse(
      scope === 'in'
        ? {
            name: '暖心之家·矩阵测试（市中）',
            kind: 'warm_home',
            hostType: 'party_centre',
            operatorOrgId: w.orgs['szq.dafo.c1']!,
            regionCode: '511102004',
            address: '乐山市市中区大佛街道矩阵测试点',
            lat: 29.5551,
            lng: 103.7622,
            hours: { alwaysOpen: true },
            services: [{ code: 'lodging' }],
          }
        : {
            name: '暖心之家·矩阵测试（沙湾）',
            kind: 'warm_home',
            hostType: 'party_centre',
            operatorOrgId: w.orgs['swq.station']!,
            regionCode: '511111100',
            address: '乐山市沙湾区沙湾镇矩阵测试点',
            lat: 29.4131,
            lng: 103.5497,
            hours: { alwaysOpen: true },
            services: [{ code: 'lodging' }],
            keeperIds: [w.users['swq.keeper']!],
          },
    ),
  );
  for (let i = 0; i < 10; i++)
    await hub.createRoom(a, null, s.id, {
      code: String(300 + i),
      floor: 3,
      beds: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M'],
    });
  let setup = await hub.createCamera(a, null, s.id, { code: 'C1', name: '矩阵摄像头' });
  const cam = setup.cameras[0]!;
  setup = await hub.updateCamera(a, null, cam.id, {
    version: cam.version,
    snapshotUrl: `${w.deps.config.publicUrl}/api/v1/hub/cameras/${cam.id}/placeholder`,
  });
  setup = await hub.createBay(a, null, s.id, { code: 'P01', cameraId: cam.id });
  const full = await createHubService(w.deps).setup(a, s.id);
  const room = full.rooms[0]!;
  return {
    stationId: s.id,
    roomId: room.id,
    tvKey: room.tvKey!,
    bedId: room.beds[0]!.id,
    bayId: setup.bays[0]!.id,
    cameraId: cam.id,
  };
}

function target(w: AuthzWorld, scope: AuthzScope): Promise<Target> {
  const m = targets.get(w) ?? {};
  targets.set(w, m);
  m[scope] ??= makeTarget(w, scope);
  return m[scope];
}

/** A fresh booking of the acting worker at the scope's target (tonight unless `ahead`). */
async function booking(w: AuthzWorld, scope: AuthzScope, opts: { ahead?: number; checkIn?: boolean } = {}) {
  const t = await target(w, scope);
  const hub = createHubService(w.deps);
  const worker = actorFor(w.actorOf.worker!, '张师傅', 'worker', 'worker');
  const from = new Date(Date.now() + 8 * 3_600_000 + (opts.ahead ?? 0) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const { booking: b } = await hub.book(worker, null, t.stationId, {
    from,
    nights: 1,
    ownBedding: true,
    bay: false,
  });
  if (opts.checkIn) await hub.checkIn(admin(w, scope), null, b.id);
  return b;
}

/** Console readers of the target: managers of 大佛街道 / 市中区 in, the keeper and the 沙湾 readers out. */
const READ = (ok: number, denied = 403): Partial<Record<AuthzRole, AuthzExpectation>> => ({
  anonymous: 401,
  community_staff: [ok, denied],
  district_admin: [ok, denied],
  station_keeper: [denied, ok],
  industry_committee_admin: [denied, ok],
});
const MANAGE = (ok: number): Partial<Record<AuthzRole, AuthzExpectation>> => ({
  anonymous: 401,
  community_staff: [ok, 403],
  district_admin: [ok, 403],
});
/** Keeper acts on a booking: outside their stations the booking is not theirs to see (404). */
const KEEP_BOOKING = (ok: number): Partial<Record<AuthzRole, AuthzExpectation>> => ({
  anonymous: 401,
  community_staff: [ok, 404],
  district_admin: [ok, 404],
  station_keeper: [404, ok],
});
const WORKER = (ok: number) => expectRoles(403, { anonymous: 401, worker: ok });

let code = 0;

export const hubAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/stations/:id/hub/setup',
    request: async (w, scope) => ({
      url: `/api/v1/stations/${(await target(w, scope)).stationId}/hub/setup`,
    }),
    expect: expectRoles(403, READ(200)),
  },
  {
    route: 'POST /api/v1/stations/:id/hub/rooms',
    request: async (w, scope) => ({
      url: `/api/v1/stations/${(await target(w, scope)).stationId}/hub/rooms`,
      payload: { code: `M${++code}`, beds: ['A'] },
    }),
    expect: expectRoles(403, MANAGE(201)),
  },
  {
    route: 'PATCH /api/v1/hub/rooms/:roomId',
    request: async (w, scope) => {
      const t = await target(w, scope);
      const s = await createHubService(w.deps).setup(admin(w, scope), t.stationId);
      const r = s.rooms.find((x) => x.id === t.roomId)!;
      return { url: `/api/v1/hub/rooms/${t.roomId}`, payload: { version: r.version, name: `矩阵${++code}` } };
    },
    expect: expectRoles(403, MANAGE(200)),
  },
  {
    route: 'PATCH /api/v1/hub/beds/:bedId',
    request: async (w, scope) => ({
      url: `/api/v1/hub/beds/${(await target(w, scope)).bedId}`,
      payload: { status: 'in_service' },
    }),
    expect: expectRoles(403, MANAGE(200)),
  },
  {
    route: 'POST /api/v1/stations/:id/hub/cameras',
    request: async (w, scope) => ({
      url: `/api/v1/stations/${(await target(w, scope)).stationId}/hub/cameras`,
      payload: { code: `CM${++code}`, name: '矩阵新摄像头', streamUrl: 'https://cam.example.org/live.m3u8' },
    }),
    expect: expectRoles(403, MANAGE(201)),
  },
  {
    route: 'PATCH /api/v1/hub/cameras/:cameraId',
    request: async (w, scope) => {
      const t = await target(w, scope);
      const s = await createHubService(w.deps).setup(admin(w, scope), t.stationId);
      const c = s.cameras.find((x) => x.id === t.cameraId)!;
      return {
        url: `/api/v1/hub/cameras/${t.cameraId}`,
        payload: { version: c.version, area: `区域${++code}` },
      };
    },
    expect: expectRoles(403, MANAGE(200)),
  },
  {
    route: 'POST /api/v1/stations/:id/hub/bays',
    request: async (w, scope) => ({
      url: `/api/v1/stations/${(await target(w, scope)).stationId}/hub/bays`,
      payload: { code: `PM${++code}`, lengthM: 17.5 },
    }),
    expect: expectRoles(403, MANAGE(201)),
  },
  {
    route: 'PATCH /api/v1/hub/bays/:bayId',
    request: async (w, scope) => {
      const t = await target(w, scope);
      const s = await createHubService(w.deps).setup(admin(w, scope), t.stationId);
      const b = s.bays.find((x) => x.id === t.bayId)!;
      return { url: `/api/v1/hub/bays/${t.bayId}`, payload: { version: b.version, lengthM: 13 } };
    },
    expect: expectRoles(403, MANAGE(200)),
  },
  {
    route: 'PUT /api/v1/stations/:id/hub/tariff',
    request: async (w, scope) => {
      const t = await target(w, scope);
      const s = await createHubService(w.deps).setup(admin(w, scope), t.stationId);
      return {
        url: `/api/v1/stations/${t.stationId}/hub/tariff`,
        payload: { version: s.tariff.version, ownBeddingFen: 100, withoutBeddingFen: 3000, bayFen: 0 },
      };
    },
    expect: expectRoles(403, MANAGE(200)),
  },
  {
    route: 'GET /api/v1/stations/:id/hub/offer',
    request: async (w, scope) => ({
      url: `/api/v1/stations/${(await target(w, scope)).stationId}/hub/offer`,
    }),
    expect: WORKER(200),
  },
  {
    route: 'POST /api/v1/stations/:id/hub/bookings',
    request: async (w, scope) => ({
      url: `/api/v1/stations/${(await target(w, scope)).stationId}/hub/bookings`,
      payload: {
        from: new Date(Date.now() + 8 * 3_600_000 + 5 * 86_400_000).toISOString().slice(0, 10),
        nights: 1,
        ownBedding: true,
      },
    }),
    expect: WORKER(201),
  },
  {
    route: 'GET /api/v1/me/hub-bookings',
    request: () => ({ url: '/api/v1/me/hub-bookings' }),
    expect: WORKER(200),
  },
  {
    route: 'GET /api/v1/hub/bookings/:bookingId',
    request: async (w, scope) => ({
      url: `/api/v1/hub/bookings/${(await booking(w, scope, { ahead: 6 })).id}`,
    }),
    expect: expectRoles(404, { ...READ(200, 404), worker: 200 }),
  },
  {
    route: 'POST /api/v1/hub/bookings/:bookingId/cancel',
    request: async (w, scope) => ({
      url: `/api/v1/hub/bookings/${(await booking(w, scope, { ahead: 7 })).id}/cancel`,
    }),
    // A console reader who does not keep the station sees the booking but may not cancel it.
    expect: expectRoles(404, { ...KEEP_BOOKING(200), worker: 200, industry_committee_admin: [404, 403] }),
  },
  {
    route: 'POST /api/v1/hub/bookings/:bookingId/check-in',
    request: async (w, scope) => ({ url: `/api/v1/hub/bookings/${(await booking(w, scope)).id}/check-in` }),
    expect: expectRoles(403, KEEP_BOOKING(200)),
  },
  {
    route: 'POST /api/v1/hub/bookings/:bookingId/check-out',
    request: async (w, scope) => ({
      url: `/api/v1/hub/bookings/${(await booking(w, scope, { checkIn: true })).id}/check-out`,
    }),
    expect: expectRoles(403, KEEP_BOOKING(200)),
  },
  {
    route: 'POST /api/v1/hub/bookings/:bookingId/no-show',
    request: async (w, scope) => ({ url: `/api/v1/hub/bookings/${(await booking(w, scope)).id}/no-show` }),
    expect: expectRoles(403, KEEP_BOOKING(200)),
  },
  {
    route: 'GET /api/v1/stations/:id/hub/board',
    request: async (w, scope) => ({
      url: `/api/v1/stations/${(await target(w, scope)).stationId}/hub/board`,
    }),
    expect: expectRoles(403, READ(200)),
  },
  {
    route: 'GET /api/v1/hub/tv/:roomId',
    request: async (w, scope) => {
      const t = await target(w, scope);
      return { url: `/api/v1/hub/tv/${t.roomId}`, query: { k: t.tvKey } };
    },
    expect: expectRoles(200),
  },
  {
    route: 'GET /api/v1/hub/cameras/:cameraId/placeholder',
    request: async (w, scope) => ({
      url: `/api/v1/hub/cameras/${(await target(w, scope)).cameraId}/placeholder`,
    }),
    expect: expectRoles(200),
  },
  {
    route: 'GET /api/v1/hub/cameras/:cameraId/snapshot',
    request: async (w, scope) => ({
      url: `/api/v1/hub/cameras/${(await target(w, scope)).cameraId}/snapshot`,
    }),
    // Station staff see it; the acting worker has no bay under this camera; nobody else learns it exists.
    expect: expectRoles(404, { ...READ(200, 404), anonymous: 404 }),
  },
];
