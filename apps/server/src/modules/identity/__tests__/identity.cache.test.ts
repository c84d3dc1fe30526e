import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { libraryDays, workCalendarFromRows } from '../../../platform/calendar/index.ts';
import { type Database, openDatabase } from '../../../platform/db/client.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/db/testing.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { createEventDispatcher } from '../../../platform/events/dispatcher.ts';
import { createJobs } from '../../../platform/jobs/jobs.ts';
import { createLogger } from '../../../platform/log.ts';
import { createPiiCipher } from '../../../platform/pii/crypto.ts';
import { seedDemo } from '../../../seed/demo.ts';
import { AUTH_CHANNEL, type CachedCredential, createAuthCache } from '../identity.cache.ts';
import type { UserRow } from '../identity.repository.ts';
import { createIdentityService } from '../identity.service.ts';

const entry = (userId: string, cachedAt: number): CachedCredential => ({
  user: { id: userId } as UserRow,
  grants: [],
  session: null,
  token: null,
  cachedAt,
});

describe('authentication cache', () => {
  it('expires entries after the TTL', () => {
    const c = createAuthCache({ ttlMs: 1000 });
    c.set('k', entry('u1', Date.now()));
    expect(c.get('k', Date.now())).toBeDefined();
    expect(c.get('k', Date.now() + 1001)).toBeUndefined();
  });

  it('evicts every credential of a user', () => {
    const c = createAuthCache();
    const t = Date.now();
    c.set('a', entry('u1', t));
    c.set('b', entry('u1', t));
    c.set('c', entry('u2', t));
    c.evictUser('u1');
    expect(c.get('a', t)).toBeUndefined();
    expect(c.get('b', t)).toBeUndefined();
    expect(c.get('c', t)).toBeDefined();
  });

  it('refuses rows loaded before the user was evicted or the cache cleared', () => {
    const c = createAuthCache();
    const loadStarted = Date.now() - 5;
    c.evictUser('u1');
    c.set('a', entry('u1', loadStarted));
    expect(c.size).toBe(0);
    c.clear();
    c.set('b', entry('u2', loadStarted));
    expect(c.size).toBe(0);
  });

  it('stays bounded', () => {
    const c = createAuthCache({ max: 100 });
    for (let i = 0; i < 1000; i++) c.set(`k${i}`, entry(`u${i}`, Date.now()));
    expect(c.size).toBeLessThanOrEqual(100);
  });
});

/**
 * Two server processes on one PostgreSQL database: a change committed through one is announced
 * to the other, whose cache evicts the user on that notification.
 */
describe.runIf(process.env.TEST_DATABASE_URL)('authentication cache across processes (postgres)', () => {
  let a: TestDatabase;
  let b: Database;
  const depsOf = (database: Database): PlatformDeps => {
    const log = createLogger('silent');
    return {
      config: loadConfig({ NODE_ENV: 'test', NUANXIN_JOBS: 'off' }),
      database,
      pii: createPiiCipher('test-secret-test-secret-test-secret-0123456789'),
      log,
      events: createEventDispatcher(database, log),
      jobs: createJobs(database, log, { run: false }),
      calendar: workCalendarFromRows(libraryDays()),
    };
  };
  let depsA: PlatformDeps;
  let depsB: PlatformDeps;
  beforeAll(async () => {
    a = await createTestDatabase('postgres');
    b = await openDatabase({ url: a.url!, poolMax: 2 });
    depsA = depsOf(a);
    depsB = depsOf(b);
    await seedDemo(depsA);
  });
  afterAll(async () => {
    for (const d of [depsA, depsB]) {
      await d?.events.stop();
      await d?.jobs.stop();
    }
    await b?.close();
    await a?.destroy();
  });

  it('announces a revocation to the other process on commit', async () => {
    // In one test process both caches share the local eviction path, so listen on B's own
    // connection directly: this is exactly what B's cache subscribes to.
    const heard: string[] = [];
    await b.listen(AUTH_CHANNEL, (p) => heard.push(p));
    const serviceA = createIdentityService(depsA);
    const serviceB = createIdentityService(depsB);
    const users = (await seedDemo(depsA)).userIds;
    const target = users['szq.dispatch']!;
    const { token } = await serviceA.startSessionFor(target);
    expect((await serviceB.authenticate({ cookie: token }))?.actor.userId).toBe(target);
    heard.length = 0;
    const admin = await serviceA.authenticate({
      cookie: (await serviceA.startSessionFor(users['szq.admin']!)).token,
    });
    await serviceA.disableUser(admin!.actor, target, { requestId: 't', ip: '127.0.0.1' });
    for (let i = 0; i < 100 && !heard.includes(target); i++) await new Promise((r) => setTimeout(r, 10));
    expect(heard).toContain(target);
    expect(await serviceB.authenticate({ cookie: token })).toBeNull();
  });

  it('announces nothing for a change that rolls back', async () => {
    const heard: string[] = [];
    await b.listen(AUTH_CHANNEL, (p) => heard.push(p));
    await expect(
      a.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_notify(${AUTH_CHANNEL}, 'rolled-back')`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).not.toContain('rolled-back');
  });
});
