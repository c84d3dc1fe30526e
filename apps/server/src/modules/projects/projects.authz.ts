import { permissionsOf, type Role } from '@nuanxin/shared';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  type AuthzCase,
  type AuthzExpectation,
  type AuthzRole,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import { createAppealsService } from '../appeals/index.ts';
import { getOrg } from '../orgs/index.ts';
import * as repo from './projects.repository.ts';
import { createProjectsService } from './projects.service.ts';

/**
 * Authorisation matrix cases for the project routes. `in` projects lie in 市中区 with the market
 * regulator (the department handler's unit) as lead unit; `out` projects lie in 沙湾区 with a
 * 沙湾镇 community as lead unit.
 */

function staff(
  userId: string,
  name: string,
  role: Role,
  grant: { orgId?: string; orgPath?: string; regionCode?: string },
): Actor {
  return {
    userId,
    name,
    kind: 'staff',
    isPartyMember: false,
    grants: [
      {
        id: `authz-${role}-${grant.orgId ?? grant.regionCode}`,
        role,
        orgId: grant.orgId ?? null,
        orgPath: grant.orgPath ?? null,
        regionCode: grant.regionCode ?? null,
      },
    ],
    roles: [role],
    permissions: new Set(permissionsOf([role])),
    sessionId: null,
    tokenId: null,
  };
}

async function setting(w: AuthzWorld, scope: AuthzScope) {
  const region = scope === 'in' ? w.regions.in : w.regions.out;
  const unitId = scope === 'in' ? w.orgs['szq.scjg']! : w.orgs['swq.shawan.c1']!;
  const unit = (await getOrg(w.deps.database.db, unitId))!;
  const manager = staff(w.users[scope === 'in' ? 'szq.dispatch' : 'swq.dispatch']!, '派单员', 'dispatcher', {
    regionCode: region,
  });
  const handler = staff(w.users['szq.scjg']!, '经办人', 'department_handler', {
    orgId: unitId,
    orgPath: unit.path,
  });
  const categories = await createAppealsService(w.deps).categories();
  const categoryId = categories.find((c) => c.code === 'env.parking')!.id;
  return { region, unitId, manager, handler, categoryId };
}

/** A fresh open appeal in scope, driven to `handling` when asked. */
async function freshAppeal(w: AuthzWorld, scope: AuthzScope, handling = false): Promise<string> {
  const s = await setting(w, scope);
  const svc = createAppealsService(w.deps);
  const reporter: Actor = { ...staff(w.users.worker2!, '李师傅', 'worker', {}), kind: 'worker', grants: [] };
  const id = await svc.fileQuietly(reporter, {
    type: 'help',
    categoryId: s.categoryId,
    urgency: 'normal',
    description: '矩阵测试：商圈门口电动车没有地方停放',
    regionCode: s.region,
    privacy: 'private',
    anonymous: false,
  });
  if (handling) {
    await svc.perform(s.manager, id, 'dispatch', { unitId: s.unitId });
    await svc.perform(s.handler, id, 'sign');
  }
  return id;
}

type Stage = 'draft' | 'active' | 'resolved' | 'flagged';

/** A fresh project in `stage`, with one linked case and one milestone. */
async function freshProject(
  w: AuthzWorld,
  scope: AuthzScope,
  stage: Stage,
): Promise<{ id: string; appealId: string; milestoneId: string }> {
  const s = await setting(w, scope);
  const svc = createProjectsService(w.deps);
  const appealId = await freshAppeal(w, scope, stage === 'active');
  const p = await svc.create(s.manager, null, {
    title: '矩阵测试项目',
    categoryId: s.categoryId,
    regionCode: s.region,
    leadUnitId: s.unitId,
    coUnitIds: [],
    plan: '',
    level: 'community',
    appealIds: [appealId],
  });
  const withMilestone = await svc.addMilestone(s.manager, null, p.id, { title: '现场踏勘' });
  if (stage === 'flagged') {
    const row = (await repo.getProject(w.deps.database.db, p.id))!;
    await repo.updateProject(w.deps.database.db, p.id, row.version, { crossDepartment: true });
  }
  if (stage === 'active' || stage === 'resolved') await svc.activate(s.manager, null, p.id);
  if (stage === 'resolved') await svc.resolve(s.handler, null, p.id, '已统一办结，感谢反映');
  return { id: p.id, appealId, milestoneId: withMilestone.milestones[0]!.id };
}

/** Roles that manage projects: the 市中区 dispatcher and district admin, the 沙湾区 committee. */
const MANAGERS = {
  anonymous: 401,
  dispatcher: [200, 404],
  district_admin: [200, 404],
  industry_committee_admin: [404, 200],
} as const satisfies Partial<Record<AuthzRole, AuthzExpectation>>;
/** Handlers with projects.* pass the coarse check, then cannot see or may not manage. */
const MANAGE_ONLY = expectRoles(403, MANAGERS);
const MANAGERS_AND_LEAD = expectRoles(403, {
  ...MANAGERS,
  department_handler: [200, 404],
  community_staff: 404,
});
const READERS = expectRoles(403, {
  anonymous: 401,
  dispatcher: 200,
  district_admin: 200,
  industry_committee_admin: 200,
  department_handler: 200,
  community_staff: 200,
});

const url = (id: string, tail = '') => `/api/v1/projects/${id}${tail}`;

export const projectsAuthzCases: AuthzCase[] = [
  { route: 'GET /api/v1/projects', request: () => ({ url: '/api/v1/projects' }), expect: READERS },
  {
    route: 'POST /api/v1/projects',
    request: async (w, scope) => {
      const s = await setting(w, scope);
      return {
        url: '/api/v1/projects',
        payload: {
          title: '矩阵测试项目',
          categoryId: s.categoryId,
          regionCode: s.region,
          leadUnitId: s.unitId,
        },
      };
    },
    expect: expectRoles(403, {
      anonymous: 401,
      dispatcher: [201, 403],
      district_admin: [201, 403],
      industry_committee_admin: [403, 201],
    }),
  },
  {
    route: 'GET /api/v1/projects/suggestions',
    request: async (w, scope) => ({
      url: '/api/v1/projects/suggestions',
      query: { appealId: await freshAppeal(w, scope) },
    }),
    expect: MANAGE_ONLY,
  },
  {
    route: 'GET /api/v1/projects/clusters',
    request: (w, scope) => ({
      url: '/api/v1/projects/clusters',
      query: { regionCode: scope === 'in' ? w.regions.in : w.regions.out },
    }),
    // Filtered through the appeals scope: out of scope is an empty answer.
    expect: expectRoles(403, {
      anonymous: 401,
      dispatcher: 200,
      district_admin: 200,
      industry_committee_admin: 200,
    }),
  },
  {
    route: 'GET /api/v1/projects/:id',
    request: async (w, scope) => ({ url: url((await freshProject(w, scope, 'draft')).id) }),
    expect: MANAGERS_AND_LEAD,
  },
  {
    route: 'PATCH /api/v1/projects/:id',
    request: async (w, scope) => ({
      url: url((await freshProject(w, scope, 'draft')).id),
      payload: { plan: '分三步推进' },
    }),
    expect: MANAGE_ONLY,
  },
  {
    route: 'POST /api/v1/projects/:id/activate',
    request: async (w, scope) => ({
      url: url((await freshProject(w, scope, 'draft')).id, '/activate'),
      payload: {},
    }),
    expect: MANAGE_ONLY,
  },
  {
    route: 'POST /api/v1/projects/:id/close',
    request: async (w, scope) => ({
      url: url((await freshProject(w, scope, 'resolved')).id, '/close'),
      payload: {},
    }),
    expect: MANAGE_ONLY,
  },
  {
    route: 'POST /api/v1/projects/:id/cancel',
    request: async (w, scope) => ({
      url: url((await freshProject(w, scope, 'draft')).id, '/cancel'),
      payload: { reason: '并入其他项目' },
    }),
    expect: MANAGE_ONLY,
  },
  {
    route: 'POST /api/v1/projects/:id/escalate',
    request: async (w, scope) => ({
      url: url((await freshProject(w, scope, 'flagged')).id, '/escalate'),
      payload: {},
    }),
    expect: MANAGE_ONLY,
  },
  {
    route: 'POST /api/v1/projects/:id/resolve',
    request: async (w, scope) => ({
      url: url((await freshProject(w, scope, 'active')).id, '/resolve'),
      payload: { reply: '已统一设置专属停放区' },
    }),
    // Only the lead unit's handler resolves (解单); managers lack projects.progress.
    expect: expectRoles(403, { anonymous: 401, department_handler: [200, 404], community_staff: 404 }),
  },
  {
    route: 'POST /api/v1/projects/:id/cases',
    request: async (w, scope) => ({
      url: url((await freshProject(w, scope, 'draft')).id, '/cases'),
      payload: { appealIds: [await freshAppeal(w, scope)] },
    }),
    expect: MANAGE_ONLY,
  },
  {
    route: 'DELETE /api/v1/projects/:id/cases/:appealId',
    request: async (w, scope) => {
      const p = await freshProject(w, scope, 'draft');
      return { url: url(p.id, `/cases/${p.appealId}`) };
    },
    expect: MANAGE_ONLY,
  },
  {
    route: 'POST /api/v1/projects/:id/milestones',
    request: async (w, scope) => ({
      url: url((await freshProject(w, scope, 'draft')).id, '/milestones'),
      payload: { title: '划线设牌', dueDate: '2026-12-31' },
    }),
    expect: MANAGE_ONLY,
  },
  {
    route: 'POST /api/v1/projects/:id/milestones/:milestoneId/complete',
    request: async (w, scope) => {
      const p = await freshProject(w, scope, 'active');
      return { url: url(p.id, `/milestones/${p.milestoneId}/complete`), payload: {} };
    },
    expect: MANAGERS_AND_LEAD,
  },
  {
    route: 'POST /api/v1/projects/:id/progress',
    request: async (w, scope) => ({
      url: url((await freshProject(w, scope, 'active')).id, '/progress'),
      payload: { note: '已完成现场踏勘' },
    }),
    expect: MANAGERS_AND_LEAD,
  },
  {
    route: 'POST /api/v1/projects/:id/actions',
    request: async (w, scope) => ({
      url: url((await freshProject(w, scope, 'active')).id, '/actions'),
      payload: { kind: 'mobilise', targetName: '区综合行政执法局', note: '请协助划线' },
    }),
    expect: MANAGE_ONLY,
  },
];
