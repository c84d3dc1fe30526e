import {
  type AuthzCase,
  type AuthzExpectation,
  type AuthzRole,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import { actorFor } from '../appeals/appeals.seed.ts';
import { createAppealsService } from '../appeals/index.ts';
import { createWishesService } from './wishes.service.ts';

/**
 * Authorisation matrix cases for the wish box and forum routes. `in` targets lie in 大佛街道
 * (市中区, the community worker's area), `out` targets in 沙湾镇 (沙湾区, the transport industry
 * committee's district). Wishes are filed by worker2, so the acting worker (worker1) never sees them.
 */

const READERS = {
  anonymous: 401,
  worker: 200,
  community_staff: 200,
  dispatcher: 200,
  industry_committee_admin: 200,
  district_admin: 200,
} as const satisfies Partial<Record<AuthzRole, AuthzExpectation>>;

/** Handlers in scope: 市中区 staff in, the 沙湾区 committee out. */
const handlers = (ok: number, denied: number) =>
  expectRoles(403, {
    anonymous: 401,
    community_staff: [ok, denied],
    dispatcher: [ok, denied],
    industry_committee_admin: [denied, ok],
    district_admin: [ok, denied],
  });
const forumKeepers = (ok: number, denied: number) =>
  expectRoles(403, {
    anonymous: 401,
    dispatcher: [ok, denied],
    industry_committee_admin: [denied, ok],
    district_admin: [ok, denied],
  });

const REGION = { in: '511102004', out: '511111100' } as const;

function admin(w: AuthzWorld, scope: AuthzScope) {
  return scope === 'in'
    ? actorFor(w.users['szq.admin']!, '市中区管理员', 'staff', 'district_admin', { regionCode: '511102' })
    : actorFor(w.users['swq.admin']!, '沙湾区管理员', 'staff', 'district_admin', { regionCode: '511111' });
}

const boxes = new WeakMap<AuthzWorld, Partial<Record<AuthzScope, string>>>();
async function box(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const cached = boxes.get(w) ?? {};
  if (cached[scope]) return cached[scope]!;
  const b = await createWishesService(w.deps).createBox(admin(w, scope), null, {
    name: `矩阵测试心愿箱 ${scope}`,
    regionCode: REGION[scope],
  });
  cached[scope] = b.id;
  boxes.set(w, cached);
  return b.id;
}

type Stage = 'collected' | 'classified' | 'tracking';
async function freshWish(w: AuthzWorld, scope: AuthzScope, stage: Stage): Promise<string> {
  const svc = createWishesService(w.deps);
  const worker = actorFor(w.users.worker2!, '李师傅', 'worker', 'worker');
  const r = await svc.create(worker, null, {
    boxId: await box(w, scope),
    text: '矩阵测试：希望站点有个微波炉',
    anonymous: false,
  });
  const id = r.wish.id;
  const a = admin(w, scope);
  if (stage !== 'collected') await svc.act(a, null, id, 'classify', { categoryCode: 'care' });
  if (stage === 'tracking') await svc.act(a, null, id, 'assign', { trackerUserId: a.userId });
  return id;
}

async function leafCategory(w: AuthzWorld): Promise<string> {
  const c = (await createAppealsService(w.deps).categories()).find((x) => x.code === 'env.rest');
  if (!c) throw new Error('demo categories missing');
  return c.id;
}

const forums = new WeakMap<AuthzWorld, Partial<Record<AuthzScope, string>>>();
async function forumOf(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const cached = forums.get(w) ?? {};
  if (cached[scope]) return cached[scope]!;
  const f = await createWishesService(w.deps).createForum(admin(w, scope), null, {
    heldOn: '2026-03-05',
    place: '矩阵测试会议室',
    regionCode: scope === 'in' ? '511102' : '511111',
    minutes: '矩阵测试纪要内容',
    attendees: { riders: 5, stationHeads: 2, companyManagement: 1, departments: 3 },
    appeals: [],
  });
  cached[scope] = f.id;
  forums.set(w, cached);
  return f.id;
}

export const wishesAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/wish-boxes',
    request: () => ({ url: '/api/v1/wish-boxes' }),
    expect: expectRoles(403, READERS),
  },
  {
    route: 'GET /api/v1/wish-boxes/:id',
    request: async (w, s) => ({ url: `/api/v1/wish-boxes/${await box(w, s)}` }),
    expect: expectRoles(403, READERS),
  },
  {
    route: 'POST /api/v1/wish-boxes',
    request: (_w, s) => ({
      url: '/api/v1/wish-boxes',
      payload: { name: '矩阵测试新箱', regionCode: REGION[s], location: '站点门口' },
    }),
    expect: handlers(201, 403),
  },
  {
    route: 'GET /api/v1/wish-categories',
    request: () => ({ url: '/api/v1/wish-categories' }),
    expect: expectRoles(403, READERS),
  },
  {
    route: 'POST /api/v1/wishes',
    request: async (w, s) => ({
      url: '/api/v1/wishes',
      payload: { boxId: await box(w, s), text: '矩阵测试：希望有充电柜' },
    }),
    expect: expectRoles(403, { anonymous: 401, worker: 201 }),
  },
  {
    route: 'GET /api/v1/wishes',
    request: () => ({ url: '/api/v1/wishes' }),
    expect: expectRoles(403, READERS),
  },
  {
    route: 'GET /api/v1/wishes/:id',
    request: async (w, s) => ({ url: `/api/v1/wishes/${await freshWish(w, s, 'collected')}` }),
    expect: expectRoles(403, {
      anonymous: 401,
      worker: 404,
      community_staff: [200, 404],
      dispatcher: [200, 404],
      industry_committee_admin: [404, 200],
      district_admin: [200, 404],
    }),
  },
  {
    route: 'GET /api/v1/wishes/:id/trackers',
    request: async (w, s) => ({ url: `/api/v1/wishes/${await freshWish(w, s, 'classified')}/trackers` }),
    expect: handlers(200, 404),
  },
  {
    route: 'POST /api/v1/wishes/:id/classify',
    request: async (w, s) => ({
      url: `/api/v1/wishes/${await freshWish(w, s, 'collected')}/classify`,
      payload: { categoryCode: 'env' },
    }),
    expect: handlers(200, 404),
  },
  {
    route: 'POST /api/v1/wishes/:id/assign',
    request: async (w, s) => ({
      url: `/api/v1/wishes/${await freshWish(w, s, 'classified')}/assign`,
      payload: { trackerUserId: s === 'in' ? w.users['szq.dispatch'] : w.users['swq.dispatch'] },
    }),
    expect: handlers(200, 404),
  },
  {
    route: 'POST /api/v1/wishes/:id/answer',
    request: async (w, s) => ({
      url: `/api/v1/wishes/${await freshWish(w, s, 'tracking')}/answer`,
      payload: { feedback: '已协调站点添置微波炉' },
    }),
    expect: handlers(200, 404),
  },
  {
    route: 'POST /api/v1/wishes/:id/idea',
    request: async (w, s) => ({
      url: `/api/v1/wishes/${await freshWish(w, s, 'classified')}/idea`,
      payload: { activityIdea: true },
    }),
    expect: handlers(200, 404),
  },
  {
    route: 'POST /api/v1/wishes/:id/convert',
    request: async (w, s) => ({
      url: `/api/v1/wishes/${await freshWish(w, s, 'classified')}/convert`,
      payload: {
        type: 'suggestion',
        categoryId: await leafCategory(w),
        description: '矩阵测试：站点缺少休息设施',
      },
    }),
    expect: handlers(200, 404),
  },
  {
    route: 'GET /api/v1/wish-batches',
    request: () => ({ url: '/api/v1/wish-batches' }),
    expect: handlers(200, 200),
  },
  {
    route: 'POST /api/v1/wish-batches',
    request: () => ({ url: '/api/v1/wish-batches', payload: {} }),
    expect: handlers(200, 200),
  },
  {
    route: 'GET /api/v1/forums',
    request: () => ({ url: '/api/v1/forums' }),
    expect: forumKeepers(200, 200),
  },
  {
    route: 'GET /api/v1/forums/:id',
    request: async (w, s) => ({ url: `/api/v1/forums/${await forumOf(w, s)}` }),
    expect: forumKeepers(200, 404),
  },
  {
    route: 'POST /api/v1/forums',
    request: (_w, s) => ({
      url: '/api/v1/forums',
      payload: {
        heldOn: '2026-04-02',
        place: '矩阵测试会议室',
        regionCode: s === 'in' ? '511102' : '511111',
        minutes: '矩阵测试：记录座谈会',
        attendees: { riders: 6, stationHeads: 2, companyManagement: 2, departments: 4 },
      },
    }),
    expect: forumKeepers(201, 403),
  },
  {
    route: 'POST /api/v1/forums/:id/appeals',
    request: async (w, s) => ({
      url: `/api/v1/forums/${await forumOf(w, s)}/appeals`,
      payload: {
        appeals: [
          {
            type: 'suggestion',
            categoryId: await leafCategory(w),
            description: '矩阵测试：座谈会提出的问题',
          },
        ],
      },
    }),
    expect: forumKeepers(200, 404),
  },
];
