import {
  type AuthzCase,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';

/** Authorisation matrix cases for the regions and organisations routes. */

const orgIn = (w: AuthzWorld, scope: AuthzScope) => {
  const id = scope === 'in' ? w.orgs.szq_org_dept : w.orgs.swq_org_dept;
  if (!id) throw new Error('The authz world lacks the district organisations');
  return id;
};

/** Every staff role that may read the organisation directory. */
const ORG_READERS = {
  anonymous: 401,
  station_keeper: 200,
  community_staff: 200,
  department_handler: 200,
  dispatcher: 200,
  industry_committee_admin: 200,
  district_admin: 200,
  system_admin: 200,
  security_admin: 200,
  auditor: 200,
} as const;

export const orgsAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/regions',
    request: (w, scope) => ({
      url: '/api/v1/regions',
      query: { parentCode: scope === 'in' ? w.regions.in : w.regions.out },
    }),
    // Region names and codes are reference data for everyone signed in.
    expect: expectRoles(200, { anonymous: 401 }),
  },
  {
    route: 'GET /api/v1/orgs',
    request: (w, scope) => ({
      url: '/api/v1/orgs',
      query: { regionCode: scope === 'in' ? w.regions.in : w.regions.out },
    }),
    expect: expectRoles(403, ORG_READERS),
  },
  {
    route: 'GET /api/v1/orgs/:id',
    request: (w, scope) => ({ url: `/api/v1/orgs/${orgIn(w, scope)}` }),
    expect: expectRoles(403, ORG_READERS),
  },
  {
    route: 'POST /api/v1/orgs',
    request: (w, scope) => ({
      url: '/api/v1/orgs',
      payload: {
        name: `矩阵测试支部${w.uniquePhone()}`,
        kind: 'party_branch',
        parentId: orgIn(w, scope),
        regionCode: scope === 'in' ? w.regions.in : w.regions.out,
      },
    }),
    // Only district administrators manage organisations, and only within their own district.
    expect: expectRoles(403, { anonymous: 401, district_admin: [201, 403] }),
  },
];
