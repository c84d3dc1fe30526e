import type { Role } from '@nuanxin/shared';
import fp from 'fastify-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityService } from '../modules/identity/identity.service.ts';
import { type ModuleDefinition, modules } from '../modules/index.ts';
import { testEngines } from '../platform/db/testing.ts';
import { buildTestApp, type TestApp } from '../platform/testing/app.ts';
import {
  AUTHZ_ROLES,
  type AuthzResult,
  type AuthzRole,
  type AuthzWorld,
  routeKey,
  runAuthzCase,
} from '../platform/testing/authz.ts';
import { seedDemo } from '../seed/demo.ts';
import { authzCases } from './authz-cases.ts';

/**
 * The authorisation matrix (reliability.md §6 D): every /api/v1 route × every role (and nobody) ×
 * a target inside and outside the actor's district must answer exactly the expected status, and
 * a denial must carry nothing but the error envelope. The test fails when a route has no case.
 */

/** Demo login acting for each role: the 市中区 one where the demo table has one. */
const ACTING_LOGIN: Record<Exclude<AuthzRole, 'anonymous'>, string> = {
  worker: 'worker1',
  station_keeper: 'swq.keeper',
  community_staff: 'szq.community',
  department_handler: 'szq.scjg',
  dispatcher: 'szq.dispatch',
  industry_committee_admin: 'swq.jtys',
  district_admin: 'szq.admin',
  platform_liaison: 'platform',
  merchant: 'merchant',
  system_admin: 'sysadmin',
  security_admin: 'security',
  auditor: 'auditor',
};

/** Collects every route as it is registered (a root-level onRoute hook, loaded before the modules). */
const seen = new Set<string>();
const probe: ModuleDefinition = {
  name: 'authz-probe',
  routes: () =>
    fp(async (root) => {
      root.addHook('onRoute', (r) => {
        const methods = Array.isArray(r.method) ? r.method : [r.method];
        for (const m of methods)
          if (m !== 'HEAD' && r.url.startsWith('/api/v1/')) seen.add(routeKey(m, r.url));
      });
    }),
};

/**
 * The matrix checks policies and HTTP status codes, which do not depend on the engine; the SQL
 * behind every route is tested on both engines by its module. It runs on PostgreSQL when a server
 * is available (CI), where its ~8,000 requests take a quarter of PGlite's time, else on PGlite.
 */
const MATRIX_ENGINE = testEngines().includes('postgres') ? 'postgres' : 'pglite';

describe(`authorisation matrix (${MATRIX_ENGINE})`, () => {
  let t: TestApp;
  let world: AuthzWorld;
  const headers = new Map<AuthzRole, Record<string, string>>();

  beforeAll(async () => {
    modules.unshift(probe);
    try {
      t = await buildTestApp(MATRIX_ENGINE, { NUANXIN_RATE_LIMIT_MAX: '1000000' });
    } finally {
      modules.splice(modules.indexOf(probe), 1);
    }
    const seeded = await seedDemo(t.deps);
    const identity = createIdentityService(t.deps);
    const actorOf: Partial<Record<Role, string>> = {};
    for (const [role, login] of Object.entries(ACTING_LOGIN)) {
      const id = seeded.userIds[login];
      if (!id) throw new Error(`demo user ${login} missing`);
      actorOf[role as Role] = id;
    }
    const newSession = async (role: AuthzRole): Promise<Record<string, string>> => {
      if (role === 'anonymous') return {};
      const s = await identity.startSessionFor(actorOf[role]!);
      return { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    };
    let phoneN = 0;
    world = {
      app: t.app,
      deps: t.deps,
      orgs: seeded.orgIds,
      users: seeded.userIds,
      actorOf,
      regions: { in: '511102', out: '511111', city: '511100' },
      newSession,
      uniquePhone: () => `1570${String(++phoneN).padStart(7, '0')}`,
    };
    for (const role of AUTHZ_ROLES) headers.set(role, await newSession(role));
  });
  afterAll(async () => t?.close());

  it('has a case for every /api/v1 route', () => {
    const covered = new Set(authzCases.map((c) => c.route));
    const missing = [...seen].filter((r) => !covered.has(r)).sort();
    expect(seen.size).toBeGreaterThan(0);
    expect(missing, `routes without an authz case: ${missing.join(', ')}`).toEqual([]);
  });

  it('has no case for a route that does not exist', () => {
    const stale = authzCases.map((c) => c.route).filter((r) => !seen.has(r));
    expect(stale).toEqual([]);
  });

  it.each(authzCases.map((c) => [c.name ? `${c.route} (${c.name})` : c.route, c] as const))(
    '%s',
    async (_label, c) => {
      const failures: AuthzResult[] = await runAuthzCase(
        world,
        { headersFor: (r) => headers.get(r) ?? {} },
        c,
      );
      expect(
        failures.map(
          (f) =>
            `${f.role}/${f.scope}: expected ${f.expected}, got ${f.actual}${f.leaked ? ' (body leaks data)' : ''}`,
        ),
      ).toEqual([]);
    },
  );
});
