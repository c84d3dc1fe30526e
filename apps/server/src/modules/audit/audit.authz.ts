import { type AuthzCase, expectRoles } from '../../platform/testing/authz.ts';

/** Only the auditor reads the audit log (separation of the three administrators). */
export const auditAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/audit',
    request: () => ({ url: '/api/v1/audit', query: { pageSize: '5' } }),
    expect: expectRoles(403, { anonymous: 401, auditor: 200 }),
  },
];
