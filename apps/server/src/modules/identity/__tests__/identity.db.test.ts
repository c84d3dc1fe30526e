import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import type { ScopedGrant } from '../../../platform/auth/actor.ts';
import { libraryDays, workCalendarFromRows } from '../../../platform/calendar/index.ts';
import { createTestDatabase, type TestDatabase, testEngines } from '../../../platform/db/testing.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { createEventDispatcher } from '../../../platform/events/dispatcher.ts';
import { createJobs } from '../../../platform/jobs/jobs.ts';
import { createLogger } from '../../../platform/log.ts';
import { createPiiCipher } from '../../../platform/pii/crypto.ts';
import { seedDemo } from '../../../seed/demo.ts';
import { canSeeUser } from '../identity.policy.ts';
import * as repo from '../identity.repository.ts';
import { DEMO_ACCOUNTS } from '../identity.seed.ts';
import { createIdentityService } from '../identity.service.ts';

describe.each(testEngines())('identity repository and service (%s)', (engine) => {
  let database: TestDatabase;
  let deps: PlatformDeps;
  let users: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const log = createLogger('silent');
    deps = {
      config: loadConfig({ NODE_ENV: 'test', NUANXIN_JOBS: 'off' }),
      database,
      pii: createPiiCipher('test-secret-test-secret-test-secret-0123456789'),
      log,
      events: createEventDispatcher(database, log),
      jobs: createJobs(database, log, { run: false }),
      calendar: workCalendarFromRows(libraryDays()),
    };
    users = (await seedDemo(deps)).userIds;
  });
  afterAll(async () => {
    await deps?.events.stop();
    await deps?.jobs.stop();
    await database?.destroy();
  });

  it('the demo seed is idempotent', async () => {
    const again = await seedDemo(deps);
    expect(again.userIds).toEqual(users);
    const n = await database.query<{ n: string | number }>('select count(*) as n from app_user');
    expect(Number(n.rows[0]!.n)).toBe(DEMO_ACCOUNTS.length);
  });

  it('stores phones encrypted, indexed and masked', async () => {
    const u = await repo.findUserById(database.db, users['szq.admin']!);
    expect(u!.phoneEnc).not.toContain('13800000001');
    expect(deps.pii.decrypt(u!.phoneEnc)).toBe('13800000001');
    expect(u!.phoneMasked).toBe('138****0001');
    expect(u!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('the SQL scope filter agrees with the policy for every demo actor and user', async () => {
    const all = await database.db.query.appUser.findMany();
    const grants = await repo.grantsOfUsers(
      database.db,
      all.map((u) => u.id),
    );
    const scoped = (id: string): ScopedGrant[] =>
      grants
        .filter((g) => g.userId === id)
        .map((g) => ({
          id: g.id,
          role: g.role,
          orgId: g.orgId,
          orgPath: g.orgPath,
          regionCode: g.regionCode,
        }));
    for (const a of all) {
      const actor = {
        userId: a.id,
        grants: scoped(a.id).filter((g) =>
          ['district_admin', 'security_admin', 'industry_committee_admin'].includes(g.role),
        ),
      };
      const visible = repo.visibleUsersSql(actor.grants);
      for (const t of all) {
        const target = {
          id: t.id,
          kind: t.kind,
          status: t.status,
          grants: grants
            .filter((g) => g.userId === t.id)
            .map((g) => ({
              role: g.role,
              location: {
                regionCode: g.regionCode,
                org: g.orgPath && g.orgRegionCode ? { path: g.orgPath, regionCode: g.orgRegionCode } : null,
              },
            })),
        };
        expect(
          await repo.userVisible(database.db, t.id, visible),
          `${a.username} → ${t.username ?? t.name}`,
        ).toBe(canSeeUser(actor, target));
      }
    }
  });

  it('a district admin lists no user of the other district (count check)', async () => {
    const service = createIdentityService(deps);
    const szq = await repo.findUserById(database.db, users['szq.admin']!);
    const g = await repo.grantsOfUsers(database.db, [szq!.id]);
    const actor = {
      userId: szq!.id,
      name: szq!.name,
      kind: 'staff' as const,
      isPartyMember: false,
      grants: g.map((x) => ({
        id: x.id,
        role: x.role,
        orgId: x.orgId,
        orgPath: x.orgPath,
        regionCode: x.regionCode,
      })),
      roles: ['district_admin' as const],
      permissions: new Set(['users.list' as const]),
      sessionId: null,
      tokenId: null,
    };
    const page = await service.listUsers(actor, { page: 1, pageSize: 200 });
    const other = [
      'swq.admin',
      'swq.jtys',
      'swq.keeper',
      'security',
      'sysadmin',
      'auditor',
      'platform',
      'worker1',
    ];
    expect(page.items.filter((u) => other.includes(u.username ?? u.name))).toEqual([]);
    expect(page.total).toBe(page.items.length);
    const byPhone = await service.listUsers(actor, { q: '13800000007', page: 1, pageSize: 20 });
    expect(byPhone.items.map((u) => u.username)).toEqual(['szq.scjg']);
  });
});
