import { eq } from 'drizzle-orm';
import { newId } from '../../platform/db/ids.ts';
import {
  type AuthzCase,
  type AuthzRole,
  type AuthzScope,
  type AuthzWorld,
  expectRoles,
} from '../../platform/testing/authz.ts';
import { dutyAssignment, dutyRota, dutyShift } from './duty.tables.ts';

/**
 * Authorisation cases for the duty rota. `in` is the 市中区 demo rota, `out` the 沙湾区 one. The
 * acting industry committee admin belongs to 沙湾区, so its scopes are the other way round.
 */

async function rotaId(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const region = scope === 'in' ? w.regions.in : w.regions.out;
  const [r] = await w.deps.database.db.select().from(dutyRota).where(eq(dutyRota.regionCode, region));
  if (!r) throw new Error('demo duty rota missing');
  return r.id;
}

const officer = (w: AuthzWorld, scope: AuthzScope) =>
  w.users[scope === 'in' ? 'szq.dispatch' : 'swq.dispatch']!;

let n = 0;
const week = () => {
  n += 1;
  const from = new Date(Date.UTC(2026, 5, 1) + n * 3_600_000);
  return { startsAt: from.toISOString(), endsAt: new Date(from.getTime() + 3_600_000).toISOString() };
};

async function freshShift(w: AuthzWorld, scope: AuthzScope): Promise<string> {
  const t = week();
  const [s] = await w.deps.database.db
    .insert(dutyShift)
    .values({
      rotaId: await rotaId(w, scope),
      userId: officer(w, scope),
      startsAt: new Date(t.startsAt),
      endsAt: new Date(t.endsAt),
    })
    .returning();
  return s!.id;
}

async function freshAssignment(w: AuthzWorld, scope: AuthzScope, userId: string): Promise<string> {
  const at = new Date();
  const [a] = await w.deps.database.db
    .insert(dutyAssignment)
    .values({
      appealId: newId(),
      caseNo: 'SQ-AUTHZ',
      rotaId: await rotaId(w, scope),
      userId,
      arrivedAt: at,
      assignedAt: at,
      ackDueAt: new Date(at.getTime() + 1_800_000),
    })
    .returning();
  return a!.id;
}

const range = { from: '2026-06-01T00:00:00+08:00', to: '2026-06-08T00:00:00+08:00' };

/** duty.read: dispatchers, committee admins and district admins, in their regions. */
const READ = expectRoles(403, {
  anonymous: 401,
  dispatcher: [200, 404],
  district_admin: [200, 404],
  industry_committee_admin: [404, 200],
});
const MANAGE = (ok: number) =>
  expectRoles(403, { anonymous: 401, district_admin: [ok, 404], industry_committee_admin: [404, ok] });

const ACKERS: readonly AuthzRole[] = ['dispatcher', 'industry_committee_admin', 'district_admin'];

export const dutyAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/duty/rotas',
    request: () => ({ url: '/api/v1/duty/rotas' }),
    expect: expectRoles(403, {
      anonymous: 401,
      dispatcher: 200,
      district_admin: 200,
      industry_committee_admin: 200,
    }),
  },
  {
    route: 'POST /api/v1/duty/rotas',
    request: (w, scope) => ({
      url: '/api/v1/duty/rotas',
      payload: {
        orgId: w.orgs[scope === 'in' ? 'szq.lxgw' : 'swq.lxgw'],
        regionCode: scope === 'in' ? w.regions.in : w.regions.out,
        name: `矩阵测试值班表${++n}`,
      },
    }),
    expect: expectRoles(403, {
      anonymous: 401,
      district_admin: [201, 403],
      industry_committee_admin: [403, 201],
    }),
  },
  {
    route: 'GET /api/v1/duty/rotas/:id/shifts',
    request: async (w, scope) => ({
      url: `/api/v1/duty/rotas/${await rotaId(w, scope)}/shifts`,
      query: range,
    }),
    expect: READ,
  },
  {
    route: 'GET /api/v1/duty/rotas/:id/coverage',
    request: async (w, scope) => ({
      url: `/api/v1/duty/rotas/${await rotaId(w, scope)}/coverage`,
      query: range,
    }),
    expect: READ,
  },
  {
    route: 'GET /api/v1/duty/rotas/:id/candidates',
    request: async (w, scope) => ({ url: `/api/v1/duty/rotas/${await rotaId(w, scope)}/candidates` }),
    expect: READ,
  },
  {
    route: 'POST /api/v1/duty/rotas/:id/shifts',
    request: async (w, scope) => ({
      url: `/api/v1/duty/rotas/${await rotaId(w, scope)}/shifts`,
      payload: { userId: officer(w, scope), ...week(), sortOrder: 0 },
    }),
    expect: MANAGE(201),
  },
  {
    route: 'PUT /api/v1/duty/shifts/:id',
    request: async (w, scope) => ({
      url: `/api/v1/duty/shifts/${await freshShift(w, scope)}`,
      payload: { userId: officer(w, scope), ...week(), sortOrder: 1 },
    }),
    expect: MANAGE(200),
  },
  {
    route: 'DELETE /api/v1/duty/shifts/:id',
    request: async (w, scope) => ({ url: `/api/v1/duty/shifts/${await freshShift(w, scope)}` }),
    expect: MANAGE(200),
  },
  {
    route: 'GET /api/v1/duty/assignments/mine',
    request: () => ({ url: '/api/v1/duty/assignments/mine' }),
    expect: expectRoles(403, {
      anonymous: 401,
      dispatcher: 200,
      district_admin: 200,
      industry_committee_admin: 200,
    }),
  },
  {
    route: 'POST /api/v1/duty/assignments/:id/acknowledge',
    name: 'my own assignment',
    request: async (w, scope, role) => {
      const me = role === 'anonymous' ? undefined : w.actorOf[role];
      const id = me && ACKERS.includes(role) ? await freshAssignment(w, scope, me) : newId();
      return { url: `/api/v1/duty/assignments/${id}/acknowledge` };
    },
    expect: expectRoles(403, {
      anonymous: 401,
      dispatcher: 200,
      district_admin: 200,
      industry_committee_admin: 200,
    }),
  },
  {
    route: 'POST /api/v1/duty/assignments/:id/acknowledge',
    name: "another officer's assignment",
    request: async (w, scope) => ({
      url: `/api/v1/duty/assignments/${await freshAssignment(w, scope, w.users['swq.admin']!)}/acknowledge`,
    }),
    expect: expectRoles(403, { anonymous: 401 }),
  },
];
