import {
  type AuthzCase,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import * as catalogue from './appeals.catalogue.repository.ts';
import { getCategoryByCode } from './appeals.repository.ts';

/**
 * Authorisation cases of the category tree and the dispatch catalogue. The tree is one for the
 * city: both catalogue managers (the 市中区 district admin, the city-wide system administrator)
 * edit it whatever the scope. Rules belong to a region: `in` targets lie in 市中区, `out` targets
 * in 沙湾区, which only the system administrator covers.
 */

let n = 0;

async function areaId(w: AuthzWorld, code: string): Promise<string> {
  const c = await getCategoryByCode(w.deps.database.db, code);
  if (!c) throw new Error('demo categories missing');
  return c.id;
}

/** A category nobody uses yet, below 改善工作环境. */
async function freshCategory(w: AuthzWorld): Promise<string> {
  n += 1;
  const row = await catalogue.insertCategory(w.deps.database.db, {
    parentId: await areaId(w, 'env'),
    code: `authz.c${n}_${Date.now() % 100000}`,
    name: `矩阵测试分类${n}`,
    sort: 1000 + n,
  });
  if (!row) throw new Error('could not create a test category');
  return row.id;
}

const regionOf = (w: AuthzWorld, scope: AuthzScope) => (scope === 'in' ? w.regions.in : w.regions.out);
const unitOf = (w: AuthzWorld, scope: AuthzScope) => w.orgs[scope === 'in' ? 'szq.scjg' : 'swq.scjg']!;

async function freshRule(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const row = await catalogue.insertRule(w.deps.database.db, {
    categoryId: await freshCategory(w),
    regionCode: regionOf(w, scope),
    unitId: unitOf(w, scope),
  });
  if (!row) throw new Error('could not create a test rule');
  return row.id;
}

/** Catalogue managers, for routes where the scope does not matter (the city-wide tree). */
const MANAGERS = (ok: number) => expectRoles(403, { anonymous: 401, district_admin: ok, system_admin: ok });
/** Region-scoped rule routes: the district admin in 市中区 only, the system administrator in both. */
const IN_REGION = (ok: number, outside: number) =>
  expectRoles(403, { anonymous: 401, district_admin: [ok, outside], system_admin: ok });

export const appealsCatalogueAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/appeal-catalogue/categories',
    request: () => ({ url: '/api/v1/appeal-catalogue/categories' }),
    expect: MANAGERS(200),
  },
  {
    route: 'POST /api/v1/appeal-catalogue/categories',
    request: async (w) => {
      n += 1;
      return {
        url: '/api/v1/appeal-catalogue/categories',
        payload: {
          parentId: await areaId(w, 'care'),
          code: `authz.new${n}_${Date.now() % 100000}`,
          name: `矩阵新增分类${n}`,
        },
      };
    },
    expect: MANAGERS(201),
  },
  {
    route: 'POST /api/v1/appeal-catalogue/categories/reorder',
    request: async (w) => {
      const parentId = await areaId(w, 'mind');
      const kids = await catalogue.childrenOf(w.deps.database.db, parentId);
      return {
        url: '/api/v1/appeal-catalogue/categories/reorder',
        payload: { parentId, ids: kids.map((k) => k.id) },
      };
    },
    expect: MANAGERS(200),
  },
  {
    route: 'PATCH /api/v1/appeal-catalogue/categories/:id',
    request: async (w) => {
      n += 1;
      return {
        url: `/api/v1/appeal-catalogue/categories/${await freshCategory(w)}`,
        payload: { name: `矩阵改名${n}`, radiusMeters: 300 },
      };
    },
    expect: MANAGERS(200),
  },
  {
    route: 'POST /api/v1/appeal-catalogue/categories/:id/disable',
    request: async (w) => ({
      url: `/api/v1/appeal-catalogue/categories/${await freshCategory(w)}/disable`,
      payload: {},
    }),
    expect: MANAGERS(200),
  },
  {
    route: 'POST /api/v1/appeal-catalogue/categories/:id/enable',
    request: async (w) => ({
      url: `/api/v1/appeal-catalogue/categories/${await freshCategory(w)}/enable`,
      payload: {},
    }),
    expect: MANAGERS(200),
  },
  {
    route: 'DELETE /api/v1/appeal-catalogue/categories/:id',
    request: async (w) => ({ url: `/api/v1/appeal-catalogue/categories/${await freshCategory(w)}` }),
    expect: MANAGERS(200),
  },
  {
    route: 'GET /api/v1/appeal-catalogue/regions',
    request: () => ({ url: '/api/v1/appeal-catalogue/regions' }),
    expect: MANAGERS(200),
  },
  {
    route: 'GET /api/v1/appeal-catalogue/rules',
    // A region outside the actor's is filtered away in SQL: an empty list, not an error.
    request: (w, scope) => ({
      url: '/api/v1/appeal-catalogue/rules',
      query: { regionCode: regionOf(w, scope) },
    }),
    expect: MANAGERS(200),
  },
  {
    route: 'POST /api/v1/appeal-catalogue/rules',
    request: async (w, scope) => ({
      url: '/api/v1/appeal-catalogue/rules',
      payload: {
        categoryId: await freshCategory(w),
        regionCode: regionOf(w, scope),
        unitId: unitOf(w, scope),
      },
    }),
    expect: IN_REGION(201, 403),
  },
  {
    route: 'PATCH /api/v1/appeal-catalogue/rules/:id',
    request: async (w, scope) => ({
      url: `/api/v1/appeal-catalogue/rules/${await freshRule(w, scope)}`,
      payload: { unitId: w.orgs[scope === 'in' ? 'szq.zhzf' : 'swq.shawan']! },
    }),
    expect: IN_REGION(200, 404),
  },
  {
    route: 'DELETE /api/v1/appeal-catalogue/rules/:id',
    request: async (w, scope) => ({ url: `/api/v1/appeal-catalogue/rules/${await freshRule(w, scope)}` }),
    expect: IN_REGION(200, 404),
  },
  {
    route: 'GET /api/v1/appeal-catalogue/gaps',
    request: (w, scope) => ({
      url: '/api/v1/appeal-catalogue/gaps',
      query: { regionCode: regionOf(w, scope) },
    }),
    expect: IN_REGION(200, 403),
  },
  {
    route: 'GET /api/v1/appeal-catalogue/proposal',
    request: async (w, scope) => ({
      url: '/api/v1/appeal-catalogue/proposal',
      query: { categoryId: await areaId(w, 'env.parking'), regionCode: regionOf(w, scope) },
    }),
    // Reference data for intake and dispatch: every dispatcher, whichever region.
    expect: expectRoles(403, { anonymous: 401, dispatcher: 200 }),
  },
];
