import type { AppealAction } from '@nuanxin/shared';
import {
  type AuthzCase,
  type AuthzExpectation,
  type AuthzRole,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import { getOrg } from '../orgs/index.ts';
import * as repo from './appeals.repository.ts';
import { actorFor } from './appeals.seed.ts';
import { createAppealsService } from './appeals.service.ts';

/**
 * Authorisation matrix cases for the appeals routes. `in` targets lie in 市中区 with the market
 * regulator (the department handler's unit) as lead unit; `out` targets lie in 沙湾区 with a
 * 沙湾镇 community as lead unit. Targets are filed by worker2, so the acting worker (worker1) sees
 * them only where the case says so.
 */

/** Who may read at all: the roles with appeals.read. */
const READERS = {
  anonymous: 401,
  worker: 200,
  community_staff: 200,
  department_handler: 200,
  dispatcher: 200,
  industry_committee_admin: 200,
  district_admin: 200,
} as const satisfies Partial<Record<AuthzRole, AuthzExpectation>>;

type Stage =
  | 'submitted'
  | 'accepted'
  | 'dispatched'
  | 'returned'
  | 'handling'
  | 'extending'
  | 'resolved'
  | 'visited';

async function categoryId(w: AuthzWorld): Promise<string> {
  const c = await repo.getCategoryByCode(w.deps.database.db, 'env.parking');
  if (!c) throw new Error('demo categories missing');
  return c.id;
}

/** A fresh case in `stage`, driven through the service (so every target is in a true state). */
async function freshCase(
  w: AuthzWorld,
  scope: AuthzScope,
  stage: Stage,
  opts: { reporter?: string; privacy?: 'public' | 'private' } = {},
): Promise<string> {
  const svc = createAppealsService(w.deps);
  const region = scope === 'in' ? w.regions.in : w.regions.out;
  const unitId = scope === 'in' ? w.orgs['szq.scjg'] : w.orgs['swq.shawan.c1'];
  const reporterId = w.users[opts.reporter ?? 'worker2'];
  if (!unitId || !reporterId) throw new Error('authz world lacks demo units or workers');
  const unit = await getOrg(w.deps.database.db, unitId);
  const reporter = actorFor(reporterId, '师傅', 'worker', 'worker');
  const dispatcher = actorFor(w.users['szq.dispatch']!, '派单员', 'staff', 'dispatcher', {
    regionCode: region,
  });
  const handler = actorFor(w.users['szq.scjg']!, '经办人', 'staff', 'department_handler', {
    orgId: unitId,
    orgPath: unit!.path,
  });
  const id = await svc.fileQuietly(reporter, {
    type: 'help',
    categoryId: await categoryId(w),
    urgency: 'normal',
    description: '矩阵测试：商圈门口没有电动车停放点',
    location: {
      lat: scope === 'in' ? 29.552 : 29.413,
      lng: scope === 'in' ? 103.765 : 103.549,
      crs: 'wgs84',
    },
    regionCode: region,
    privacy: opts.privacy ?? 'private',
    anonymous: false,
  });
  const order: Stage[] = [
    'submitted',
    'accepted',
    'dispatched',
    'returned',
    'handling',
    'extending',
    'resolved',
    'visited',
  ];
  const upTo = order.indexOf(stage);
  if (upTo >= 1) await svc.perform(dispatcher, id, 'accept');
  if (upTo >= 2) await svc.perform(dispatcher, id, 'dispatch', { unitId });
  if (stage === 'returned') {
    await svc.perform(handler, id, 'return', { reason: '不属于本单位职责', notOurDuty: true });
    return id;
  }
  if (upTo >= 4) await svc.perform(handler, id, 'sign');
  if (stage === 'extending') {
    await svc.perform(handler, id, 'extend', { workingDays: 3, reason: '需要协调' });
    return id;
  }
  if (upTo >= 6) await svc.perform(handler, id, 'resolve', { reply: '已解决' });
  if (upTo >= 7) await svc.perform(reporter, id, 'visit', { satisfaction: 'satisfied' });
  return id;
}

/** Dispatcher-only actions: the 市中区 dispatcher in scope, nobody else. */
const DISPATCHER_ONLY = expectRoles(403, { anonymous: 401, dispatcher: [200, 404] });
/** Lead-unit actions: the market regulator's handler on its own cases; community staff cannot see them. */
const LEAD_UNIT_ONLY = expectRoles(403, {
  anonymous: 401,
  department_handler: [200, 404],
  community_staff: 404,
});

interface ActionCase {
  action: AppealAction;
  segment: string;
  stage: Stage;
  body: (w: AuthzWorld, scope: AuthzScope) => Promise<unknown> | unknown;
  expect: Record<AuthzRole, AuthzExpectation>;
  reporter?: string;
}

const ACTION_CASES: readonly ActionCase[] = [
  { action: 'accept', segment: 'accept', stage: 'submitted', body: () => ({}), expect: DISPATCHER_ONLY },
  {
    action: 'refuse',
    segment: 'refuse',
    stage: 'submitted',
    body: () => ({ reason: '不属于受理范围' }),
    expect: DISPATCHER_ONLY,
  },
  {
    action: 'dispatch',
    segment: 'dispatch',
    stage: 'accepted',
    body: (w, s) => ({ unitId: s === 'in' ? w.orgs['szq.scjg'] : w.orgs['swq.shawan.c1'] }),
    expect: DISPATCHER_ONLY,
  },
  { action: 'sign', segment: 'sign', stage: 'dispatched', body: () => ({}), expect: LEAD_UNIT_ONLY },
  {
    action: 'return',
    segment: 'return',
    stage: 'dispatched',
    body: () => ({ reason: '非本单位职责' }),
    expect: LEAD_UNIT_ONLY,
  },
  {
    action: 'redispatch',
    segment: 'redispatch',
    stage: 'returned',
    body: (w, s) => ({ unitId: s === 'in' ? w.orgs['szq.zhzf'] : w.orgs['swq.shawan'] }),
    expect: DISPATCHER_ONLY,
  },
  {
    action: 'insist',
    segment: 'insist',
    stage: 'returned',
    body: () => ({ note: '属于本单位职责' }),
    expect: DISPATCHER_ONLY,
  },
  {
    action: 'progress',
    segment: 'progress',
    stage: 'handling',
    body: () => ({ note: '正在处理' }),
    expect: LEAD_UNIT_ONLY,
  },
  {
    action: 'extend',
    segment: 'extend',
    stage: 'handling',
    body: () => ({ workingDays: 3, reason: '需要协调' }),
    expect: LEAD_UNIT_ONLY,
  },
  {
    action: 'approveExtension',
    segment: 'approveExtension',
    stage: 'extending',
    body: () => ({ approve: true }),
    expect: DISPATCHER_ONLY,
  },
  {
    action: 'resolve',
    segment: 'resolve',
    stage: 'handling',
    body: () => ({ reply: '已解决' }),
    expect: LEAD_UNIT_ONLY,
  },
  {
    action: 'visit',
    segment: 'visit',
    stage: 'resolved',
    reporter: 'worker1',
    body: () => ({ satisfaction: 'satisfied' }),
    // The reporter (worker1) on their own case anywhere; a dispatcher by phone in scope; those
    // who see the case but may not visit get 403.
    expect: expectRoles(403, {
      anonymous: 401,
      worker: 200,
      dispatcher: [200, 404],
      department_handler: [403, 404],
      community_staff: 404,
      industry_committee_admin: [404, 403],
      district_admin: [403, 404],
    }),
  },
  { action: 'close', segment: 'close', stage: 'visited', body: () => ({}), expect: DISPATCHER_ONLY },
  {
    action: 'terminate',
    segment: 'terminate',
    stage: 'handling',
    body: () => ({ reason: '当事人撤回' }),
    expect: DISPATCHER_ONLY,
  },
  {
    action: 'markDuplicate',
    segment: 'duplicate',
    stage: 'submitted',
    body: async (w, s) => ({ targetId: await freshCase(w, s, 'submitted') }),
    expect: DISPATCHER_ONLY,
  },
  {
    action: 'supervise',
    segment: 'supervise',
    stage: 'handling',
    body: () => ({ message: '请加快办理' }),
    expect: expectRoles(403, {
      anonymous: 401,
      dispatcher: [200, 404],
      district_admin: [200, 404],
      industry_committee_admin: [404, 200],
    }),
  },
];

export const appealsAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/appeals',
    request: async (w, scope) => ({
      url: '/api/v1/appeals',
      payload: {
        type: 'help',
        categoryId: await categoryId(w),
        description: '矩阵测试：小区不让骑手进门',
        regionCode: scope === 'in' ? w.regions.in : w.regions.out,
        privacy: 'private',
      },
    }),
    // Workers file for themselves anywhere; staff intake by dispatchers and community staff.
    expect: expectRoles(403, { anonymous: 401, worker: 201, dispatcher: 201, community_staff: 201 }),
  },
  {
    route: 'GET /api/v1/appeals',
    request: (w, scope) => ({
      url: '/api/v1/appeals',
      query: { regionCode: scope === 'in' ? w.regions.in : w.regions.out },
    }),
    // Lists are filtered in SQL; out of scope is an empty page, not a denial.
    expect: expectRoles(403, READERS),
  },
  {
    route: 'GET /api/v1/appeals/queues',
    request: () => ({ url: '/api/v1/appeals/queues' }),
    expect: expectRoles(403, READERS),
  },
  {
    route: 'GET /api/v1/appeals/nearby',
    request: async (w, scope) => ({
      url: '/api/v1/appeals/nearby',
      query: {
        categoryId: await categoryId(w),
        lat: scope === 'in' ? '29.552' : '29.413',
        lng: scope === 'in' ? '103.765' : '103.549',
      },
    }),
    expect: expectRoles(403, READERS),
  },
  {
    route: 'GET /api/v1/appeal-categories',
    request: () => ({ url: '/api/v1/appeal-categories' }),
    expect: expectRoles(403, READERS),
  },
  {
    route: 'GET /api/v1/appeals/:id',
    request: async (w, scope) => ({ url: `/api/v1/appeals/${await freshCase(w, scope, 'dispatched')}` }),
    expect: expectRoles(403, {
      anonymous: 401,
      worker: 404,
      community_staff: 404,
      department_handler: [200, 404],
      dispatcher: [200, 404],
      industry_committee_admin: [404, 200],
      district_admin: [200, 404],
    }),
  },
  {
    route: 'POST /api/v1/appeals/:id/follow',
    request: async (w, scope) => ({
      url: `/api/v1/appeals/${await freshCase(w, scope, 'submitted', { privacy: 'public' })}/follow`,
    }),
    // A public case may be followed by anyone who reads appeals.
    expect: expectRoles(403, READERS),
  },
  ...ACTION_CASES.map(
    (c): AuthzCase => ({
      route: `POST /api/v1/appeals/:id/${c.segment}`,
      request: async (w, scope) => ({
        url: `/api/v1/appeals/${await freshCase(w, scope, c.stage, c.reporter ? { reporter: c.reporter } : {})}/${c.segment}`,
        payload: await c.body(w, scope),
      }),
      expect: c.expect,
    }),
  ),
];
