import type { Role } from '@nuanxin/shared';
import {
  type AuthzCase,
  type AuthzExpectation,
  type AuthzRole,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import { getOrg } from '../orgs/index.ts';
import { grnActor } from './green-channel.seed.ts';
import { createGreenChannelService } from './green-channel.service.ts';

/**
 * Authorisation matrix cases for the green channel. `in` claims lie in 市中区 (大佛街道), `out`
 * claims in 沙湾区 (沙湾镇); both are filed by worker2 against 美团, the demo liaison's platform,
 * so the acting worker (worker1) never sees them and the liaison sees them once noticed.
 */

const READERS = {
  anonymous: 401,
  worker: 200,
  department_handler: 200,
  dispatcher: 200,
  district_admin: 200,
  platform_liaison: 200,
} as const satisfies Partial<Record<AuthzRole, AuthzExpectation>>;

type Stage = 'submitted' | 'reviewed' | 'notice_sent' | 'answered';

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

function need(map: Record<string, string>, key: string): string {
  const v = map[key];
  if (!v) throw new Error(`authz world lacks ${key}`);
  return v;
}

async function officerFor(w: AuthzWorld, scope: AuthzScope) {
  if (scope === 'out')
    return grnActor(need(w.users, 'swq.dispatch'), '沙湾区派单员', 'dispatcher', {
      regionCode: w.regions.out,
    });
  const orgId = need(w.orgs, 'szq.scjg');
  const org = await getOrg(w.deps.database.db, orgId);
  return grnActor(need(w.users, 'szq.scjg'), '市场监管局经办人', 'department_handler', {
    orgId,
    ...(org ? { orgPath: org.path } : {}),
  });
}

/** A fresh claim in `stage`, driven through the service. Returns the claim and notice ids. */
async function freshClaim(
  w: AuthzWorld,
  scope: AuthzScope,
  stage: Stage,
): Promise<{ id: string; noticeId: string | null }> {
  const svc = createGreenChannelService(w.deps);
  const platform = need(w.orgs, 'platform.meituan');
  const rider = grnActor(need(w.users, 'worker2'), '李师傅', 'worker');
  const claim = await svc.fileClaim(rider, null, {
    platformOrgId: platform,
    regionCode: scope === 'in' ? '511102004' : '511111100',
    orderNos: ['MT-AUTHZ-0001'],
    orderAt: new Date(Date.now() - 3_600_000).toISOString(),
    delayMinutes: 30,
    fineFen: 2000,
    cause: 'extreme_weather',
    reason: '矩阵测试：暴雨导致配送超时被罚款',
  });
  if (stage === 'submitted') return { id: claim.id, noticeId: null };
  const officer = await officerFor(w, scope);
  await svc.act(officer, null, claim.id, 'review', {});
  if (stage === 'reviewed') return { id: claim.id, noticeId: null };
  const sent = await svc.sendNotice(officer, null, {
    platformOrgIds: [platform],
    claimIds: [claim.id],
    facts: '矩阵测试：骑手反映暴雨天配送超时被罚款，请核实减免',
    requestedAnswerBy: inAWeek(),
  });
  const noticeId = sent.items[0]?.id ?? null;
  if (stage === 'notice_sent') return { id: claim.id, noticeId };
  const liaison = grnActor(need(w.users, 'platform'), '平台联络员', 'platform_liaison' as Role, {
    orgId: platform,
  });
  await svc.act(liaison, null, claim.id, 'answer', { outcome: 'waived' });
  return { id: claim.id, noticeId };
}

const officerOnly = (ok: number) =>
  expectRoles(403, { anonymous: 401, department_handler: [ok, 404], dispatcher: [ok, 404] });

export const greenChannelAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/green-channel/platforms',
    request: () => ({ url: '/api/v1/green-channel/platforms' }),
    expect: expectRoles(403, READERS),
  },
  {
    route: 'POST /api/v1/green-channel/claims',
    request: (w, scope) => ({
      url: '/api/v1/green-channel/claims',
      payload: {
        platformOrgId: need(w.orgs, 'platform.meituan'),
        regionCode: scope === 'in' ? '511102004' : '511111100',
        orderNos: ['MT-AUTHZ-0002'],
        orderAt: new Date(Date.now() - 7_200_000).toISOString(),
        delayMinutes: 20,
        fineFen: 1000,
        reason: '矩阵测试：暴雨导致配送超时',
      },
    }),
    // Only riders file; they may file for any district.
    expect: expectRoles(403, { anonymous: 401, worker: 201 }),
  },
  {
    route: 'GET /api/v1/green-channel/claims',
    request: () => ({ url: '/api/v1/green-channel/claims' }),
    expect: expectRoles(403, READERS),
  },
  {
    route: 'GET /api/v1/green-channel/claims/:id',
    request: async (w, scope) => ({
      url: `/api/v1/green-channel/claims/${(await freshClaim(w, scope, 'notice_sent')).id}`,
    }),
    expect: expectRoles(403, {
      anonymous: 401,
      worker: 404,
      department_handler: [200, 404],
      dispatcher: [200, 404],
      district_admin: [200, 404],
      platform_liaison: 200,
    }),
  },
  {
    route: 'POST /api/v1/green-channel/claims/:id/review',
    request: async (w, scope) => ({
      url: `/api/v1/green-channel/claims/${(await freshClaim(w, scope, 'submitted')).id}/review`,
      payload: {},
    }),
    expect: officerOnly(200),
  },
  {
    route: 'POST /api/v1/green-channel/claims/:id/reject',
    request: async (w, scope) => ({
      url: `/api/v1/green-channel/claims/${(await freshClaim(w, scope, 'submitted')).id}/reject`,
      payload: { reason: '当日无气象预警' },
    }),
    expect: officerOnly(200),
  },
  {
    route: 'POST /api/v1/green-channel/claims/:id/answer',
    request: async (w, scope) => ({
      url: `/api/v1/green-channel/claims/${(await freshClaim(w, scope, 'notice_sent')).id}/answer`,
      payload: { outcome: 'reduced', reducedFen: 1000 },
    }),
    // Only the platform answers: the government side has no permission for it at all.
    expect: expectRoles(403, { anonymous: 401, platform_liaison: 200 }),
  },
  {
    route: 'POST /api/v1/green-channel/claims/:id/close',
    request: async (w, scope) => ({
      url: `/api/v1/green-channel/claims/${(await freshClaim(w, scope, 'answered')).id}/close`,
      payload: {},
    }),
    expect: expectRoles(403, {
      anonymous: 401,
      worker: 404,
      department_handler: [200, 404],
      dispatcher: [200, 404],
      district_admin: [403, 404],
      platform_liaison: 403,
    }),
  },
  {
    route: 'GET /api/v1/green-channel/notices',
    request: () => ({ url: '/api/v1/green-channel/notices' }),
    expect: expectRoles(403, READERS),
  },
  {
    route: 'GET /api/v1/green-channel/notices/:id',
    request: async (w, scope) => ({
      url: `/api/v1/green-channel/notices/${(await freshClaim(w, scope, 'notice_sent')).noticeId}`,
    }),
    expect: expectRoles(403, {
      anonymous: 401,
      worker: 404,
      department_handler: [200, 404],
      dispatcher: [200, 404],
      district_admin: [200, 404],
      platform_liaison: 200,
    }),
  },
  {
    route: 'POST /api/v1/green-channel/notices',
    request: (w, scope) => ({
      url: '/api/v1/green-channel/notices',
      payload: {
        platformOrgIds: [need(w.orgs, 'platform.meituan')],
        regionCode: scope === 'in' ? w.regions.in : w.regions.out,
        facts: '矩阵测试：明日有暴雨预警，请平台延长配送时限',
        requestedAnswerBy: inAWeek(),
      },
    }),
    expect: expectRoles(403, { anonymous: 401, department_handler: [201, 403], dispatcher: [201, 403] }),
  },
  {
    route: 'GET /api/v1/green-channel/alerts',
    request: () => ({ url: '/api/v1/green-channel/alerts' }),
    expect: expectRoles(403, READERS),
  },
  {
    route: 'POST /api/v1/green-channel/alerts',
    request: (w, scope) => ({
      url: '/api/v1/green-channel/alerts',
      payload: {
        regionCode: scope === 'in' ? w.regions.in : w.regions.out,
        level: 'orange',
        kind: 'rainstorm',
        startsAt: new Date().toISOString(),
        source: '乐山市气象台',
      },
    }),
    expect: expectRoles(403, { anonymous: 401, dispatcher: [201, 403], district_admin: [201, 403] }),
  },
  {
    route: 'GET /api/v1/green-channel/metrics',
    request: () => ({ url: '/api/v1/green-channel/metrics' }),
    expect: expectRoles(403, {
      anonymous: 401,
      department_handler: 200,
      dispatcher: 200,
      district_admin: 200,
      platform_liaison: 200,
    }),
  },
];
