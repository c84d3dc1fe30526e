import { type AuthzCase, expectRoles } from '../testing/authz.ts';

/** The basemap settings are public: everyone, signed in or not, gets them. */
export const mapConfigAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/config/map',
    request: () => ({ url: '/api/v1/config/map' }),
    expect: expectRoles(200),
  },
];
