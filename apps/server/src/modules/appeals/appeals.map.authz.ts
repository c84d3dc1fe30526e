import {
  type AuthzCase,
  type AuthzExpectation,
  type AuthzRole,
  expectRoles,
} from '../../platform/testing/authz.ts';

/**
 * Authorisation matrix case of the case map. Whoever reads appeals may ask; the answer is filtered
 * in SQL by the actor's scope (a box outside it is an empty map, not a denial). `in` asks for the
 * box around 市中区, `out` for the box around 沙湾区.
 */
const READERS = {
  anonymous: 401,
  worker: 200,
  community_staff: 200,
  department_handler: 200,
  dispatcher: 200,
  industry_committee_admin: 200,
  district_admin: 200,
} as const satisfies Partial<Record<AuthzRole, AuthzExpectation>>;

export const appealsMapAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/appeals/map',
    request: (_w, scope) => ({
      url: '/api/v1/appeals/map',
      query: {
        bbox: scope === 'in' ? '103.70,29.50,103.83,29.61' : '103.48,29.35,103.62,29.47',
        zoom: '13',
        queue: 'all',
      },
    }),
    expect: expectRoles(403, READERS),
  },
];
