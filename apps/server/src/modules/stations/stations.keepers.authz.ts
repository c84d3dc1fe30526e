import { type AuthzCase, expectRoles } from '../../platform/testing/authz.ts';

/** The keeper picker of the station form: managers only (the list is filtered to their reach). */
export const stationKeepersAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/stations/keeper-candidates',
    request: () => ({ url: '/api/v1/stations/keeper-candidates' }),
    expect: expectRoles(403, { anonymous: 401, community_staff: 200, district_admin: 200 }),
  },
];
