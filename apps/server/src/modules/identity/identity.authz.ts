import type { Db } from '../../platform/db/client.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import {
  type AuthzCase,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import * as repo from './identity.repository.ts';

/**
 * Authorisation cases of the identity module. Targets: a staff account in 市中区 (`in`) or in
 * 沙湾区 (`out`). The acting department_handler, community_staff and merchant are 市中区 users;
 * industry_committee_admin and station_keeper exist only in 沙湾区 (demo table), which their
 * expectations reflect.
 */

const STRONG = 'Tiger-lily-2026';

/** A fresh staff target (dispatcher) in the scope's district, with a second grant to remove. */
async function freshStaff(w: AuthzWorld, scope: AuthzScope, status: 'active' | 'disabled' = 'active') {
  const db = w.deps.database.db as Db;
  const phone = w.uniquePhone();
  const region = scope === 'in' ? w.regions.in : w.regions.out;
  const u = await repo.insertUser(db, {
    name: '测试对象',
    phoneEnc: w.deps.pii.encrypt(phone),
    phoneIndex: w.deps.pii.blindIndex(phone),
    phoneMasked: maskPhone(phone),
    kind: 'staff',
    status,
    passwordHash: null,
  });
  await repo.insertGrant(db, {
    userId: u.id,
    role: 'dispatcher',
    orgId: null,
    regionCode: region,
    createdBy: null,
  });
  const g2 = await repo.insertGrant(db, {
    userId: u.id,
    role: 'station_keeper',
    orgId: null,
    regionCode: region,
    createdBy: null,
  });
  return { id: u.id, grantId: g2 };
}

const userManagers = expectRoles(403, { anonymous: 401, district_admin: [200, 404], security_admin: 200 });

export const identityAuthzCases: AuthzCase[] = [
  // ---- sign-in: open to everyone; the answers below are for wrong credentials
  {
    route: 'POST /api/v1/auth/otp',
    request: (w) => ({ url: '/api/v1/auth/otp', payload: { phone: w.uniquePhone() } }),
    expect: expectRoles(200),
  },
  {
    route: 'POST /api/v1/auth/otp/verify',
    request: (w) => ({ url: '/api/v1/auth/otp/verify', payload: { phone: w.uniquePhone(), code: '000000' } }),
    expect: expectRoles(401),
  },
  {
    route: 'POST /api/v1/auth/login',
    request: () => ({
      url: '/api/v1/auth/login',
      payload: { login: 'nobody.at.all', password: 'wrong-password-1' },
    }),
    expect: expectRoles(401),
  },
  {
    route: 'POST /api/v1/auth/logout',
    request: async (w, _s, role) => ({ url: '/api/v1/auth/logout', headers: await w.newSession(role) }),
    expect: expectRoles(200),
  },
  // ---- me
  {
    route: 'GET /api/v1/me',
    request: () => ({ url: '/api/v1/me' }),
    expect: expectRoles(200, { anonymous: 401 }),
  },
  {
    route: 'PATCH /api/v1/me',
    request: () => ({ url: '/api/v1/me', payload: { name: '改名' } }),
    expect: expectRoles(200, { anonymous: 401 }),
  },
  {
    route: 'POST /api/v1/me/password',
    name: 'wrong current password',
    request: () => ({
      url: '/api/v1/me/password',
      payload: { currentPassword: 'not-it-at-all', newPassword: STRONG },
    }),
    expect: expectRoles(401, { worker: 403 }),
  },
  {
    route: 'POST /api/v1/me/totp/setup',
    request: () => ({ url: '/api/v1/me/totp/setup' }),
    expect: expectRoles(200, { anonymous: 401, worker: 403 }),
  },
  {
    route: 'POST /api/v1/me/totp/enable',
    name: 'wrong code (after setup)',
    request: () => ({ url: '/api/v1/me/totp/enable', payload: { code: '000000' } }),
    expect: expectRoles(401, { worker: 403 }),
  },
  // ---- users
  {
    route: 'GET /api/v1/users',
    request: () => ({ url: '/api/v1/users' }),
    expect: expectRoles(403, {
      anonymous: 401,
      district_admin: 200,
      security_admin: 200,
      industry_committee_admin: 200,
    }),
  },
  {
    route: 'POST /api/v1/users',
    request: (w, scope) => ({
      url: '/api/v1/users',
      payload: {
        name: '新同事',
        phone: w.uniquePhone(),
        password: STRONG,
        grants: [{ role: 'dispatcher', regionCode: scope === 'in' ? w.regions.in : w.regions.out }],
      },
    }),
    expect: expectRoles(403, { anonymous: 401, district_admin: [201, 403], security_admin: 201 }),
  },
  {
    route: 'GET /api/v1/users/:id',
    request: async (w, scope) => ({ url: `/api/v1/users/${(await freshStaff(w, scope)).id}` }),
    expect: expectRoles(403, {
      anonymous: 401,
      district_admin: [200, 404],
      security_admin: 200,
      industry_committee_admin: 404,
    }),
  },
  {
    route: 'POST /api/v1/users/:id/disable',
    request: async (w, scope) => ({ url: `/api/v1/users/${(await freshStaff(w, scope)).id}/disable` }),
    expect: userManagers,
  },
  {
    route: 'POST /api/v1/users/:id/enable',
    request: async (w, scope) => ({
      url: `/api/v1/users/${(await freshStaff(w, scope, 'disabled')).id}/enable`,
    }),
    expect: userManagers,
  },
  {
    route: 'POST /api/v1/users/:id/reset-password',
    request: async (w, scope) => ({
      url: `/api/v1/users/${(await freshStaff(w, scope)).id}/reset-password`,
      payload: { newPassword: STRONG },
    }),
    expect: userManagers,
  },
  {
    route: 'POST /api/v1/users/:id/grants',
    request: async (w, scope) => ({
      url: `/api/v1/users/${(await freshStaff(w, scope)).id}/grants`,
      payload: { role: 'community_staff', regionCode: scope === 'in' ? w.regions.in : w.regions.out },
    }),
    expect: userManagers,
  },
  {
    route: 'DELETE /api/v1/users/:id/grants/:grantId',
    request: async (w, scope) => {
      const t = await freshStaff(w, scope);
      return { url: `/api/v1/users/${t.id}/grants/${t.grantId}` };
    },
    expect: userManagers,
  },
  {
    route: 'POST /api/v1/users/:id/reveal',
    request: async (w, scope) => ({
      url: `/api/v1/users/${(await freshStaff(w, scope)).id}/reveal`,
      payload: { field: 'phone' },
    }),
    expect: expectRoles(403, {
      anonymous: 401,
      district_admin: [200, 404],
      industry_committee_admin: 404,
      security_admin: 403,
    }),
  },
  // ---- tokens
  {
    route: 'GET /api/v1/tokens',
    request: () => ({ url: '/api/v1/tokens' }),
    expect: expectRoles(403, {
      anonymous: 401,
      worker: 200,
      district_admin: 200,
      platform_liaison: 200,
      security_admin: 200,
    }),
  },
  {
    route: 'POST /api/v1/tokens',
    request: () => ({ url: '/api/v1/tokens', payload: { name: 'matrix' } }),
    expect: expectRoles(403, {
      anonymous: 401,
      worker: 201,
      district_admin: 201,
      platform_liaison: 201,
      security_admin: 201,
    }),
  },
  {
    route: 'POST /api/v1/tokens/:id/revoke',
    name: "someone else's token",
    request: async (w, scope) => {
      const t = await freshStaff(w, scope);
      const row = await repo.insertToken(w.deps.database.db as Db, {
        userId: t.id,
        name: 'target',
        tokenHash: `matrix-${t.id}`,
        prefix: 'nx_matrix',
      });
      return { url: `/api/v1/tokens/${row.id}/revoke` };
    },
    expect: expectRoles(403, {
      anonymous: 401,
      worker: 404,
      platform_liaison: 404,
      district_admin: [200, 404],
      security_admin: 200,
    }),
  },
];
