import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { DEMO_ACCOUNTS } from '../../modules/identity/identity.seed.ts';
import { libraryDays, workCalendarFromRows } from '../../platform/calendar/index.ts';
import { createTestDatabase, type TestDatabase, testEngines } from '../../platform/db/testing.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { createEventDispatcher } from '../../platform/events/dispatcher.ts';
import { createJobs } from '../../platform/jobs/jobs.ts';
import { createLogger } from '../../platform/log.ts';
import { createPiiCipher } from '../../platform/pii/crypto.ts';
import { DEMO_ORGS, demoSignInTable, hasRegions, seedDemo } from '../demo.ts';

describe.each(testEngines())('demo seed on %s', (engine) => {
  let db: TestDatabase;
  let deps: PlatformDeps;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    const log = createLogger('silent');
    deps = {
      config: loadConfig({ NODE_ENV: 'test', NUANXIN_JOBS: 'off', LOG_LEVEL: 'silent' }),
      database: db,
      pii: createPiiCipher('test-secret-test-secret-test-secret-0123456789'),
      log,
      events: createEventDispatcher(db, log),
      jobs: createJobs(db, log, { run: false }),
      calendar: workCalendarFromRows(libraryDays()),
    };
  });
  afterAll(async () => {
    await deps.events.idle();
    await deps.events.stop();
    await deps.jobs.stop();
    await db.destroy();
  });

  const counts = async () => {
    const r = await db.query<{ regions: number; orgs: number; users: number; grants: number }>(
      `select (select count(*)::int from region) as regions, (select count(*)::int from organisation) as orgs,
              (select count(*)::int from app_user) as users, (select count(*)::int from role_grant) as grants`,
    );
    return r.rows[0];
  };

  it('loads regions, organisations and accounts, and changes nothing the second time', async () => {
    expect(await hasRegions(db.db)).toBe(false);
    const first = await seedDemo(deps);
    expect(first.orgsCreated).toBe(DEMO_ORGS.length);
    const after1 = await counts();
    expect(after1?.orgs).toBe(DEMO_ORGS.length);
    expect(after1?.regions).toBeGreaterThan(30);
    expect(after1?.users).toBe(DEMO_ACCOUNTS.length);
    expect(await hasRegions(db.db)).toBe(true);

    const second = await seedDemo(deps);
    expect(second.orgsCreated).toBe(0);
    expect(second.orgIds).toEqual(first.orgIds);
    expect(await counts()).toEqual(after1);
  });

  it('builds the tree the article describes', async () => {
    const r = await db.query<{ name: string; depth: number; parent: string | null }>(
      `select o.name, o.depth, p.name as parent from organisation o left join organisation p on p.id = o.parent_id`,
    );
    const byName = new Map(r.rows.map((x) => [x.name, x]));
    expect(byName.get('市中区外卖送餐行业流动党员党支部')).toMatchObject({
      depth: 2,
      parent: '市中区“小个专”综合党委',
    });
    expect(byName.get('沙湾区网约送餐行业联合党支部')).toMatchObject({
      depth: 2,
      parent: '沙湾区交通运输行业党委',
    });
    expect(byName.get('沙湾区交通运输行业党委')).toMatchObject({
      depth: 1,
      parent: '中共乐山市沙湾区委两新工委',
    });
  });

  it('prints the sign-in table', () => {
    const t = demoSignInTable();
    expect(t).toContain('szq.admin');
    expect(t).toContain('Nuanxin@2026');
  });
});
