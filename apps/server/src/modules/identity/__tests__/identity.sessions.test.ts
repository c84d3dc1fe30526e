import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.ts';
import { testEngines } from '../../../platform/db/testing.ts';
import { buildTestApp, type TestApp } from '../../../platform/testing/app.ts';
import { seedDemo } from '../../../seed/demo.ts';
import { authCacheFor, evictLocally } from '../identity.cache.ts';
import { createIdentityService, type IdentityService } from '../identity.service.ts';
import { client } from './http-helpers.ts';

const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex');
const META = { requestId: 'test', ip: '127.0.0.1' };
const MINUTE = 60_000;

describe.each(testEngines())('sessions, tokens and the authentication cache (%s)', (engine) => {
  let t: TestApp;
  let users: Record<string, string>;
  let c: ReturnType<typeof client>;
  /** A service on the same database with a clock the test moves. */
  let clocked: IdentityService;
  let clock: number;
  beforeAll(async () => {
    t = await buildTestApp(engine, { NUANXIN_RATE_LIMIT_MAX: '100000' });
    users = (await seedDemo(t.deps)).userIds;
    c = client(t.app);
    clocked = createIdentityService(t.deps, { now: () => new Date(clock) });
  });
  afterAll(async () => t?.close());

  const cached = async (cookie: string) =>
    (await authCacheFor(t.database)).get(`c:${sha256(cookie)}`, Date.now());
  const column = async (sql: string, id: string) =>
    (await t.database.query<{ v: Date | string | null }>(sql, [id])).rows[0]!.v;
  const lastUsedAt = async (tokenId: string) => {
    const v = await column('select last_used_at as v from api_token where id = $1', tokenId);
    return v === null ? null : new Date(v).getTime();
  };

  async function actorOf(username: string): Promise<Actor> {
    const { token } = await clocked.startSessionFor(users[username]!);
    return (await clocked.authenticate({ cookie: token }))!.actor;
  }

  it('writes a token’s last_used_at at most once a minute', async () => {
    clock = Date.now();
    const owner = await actorOf('szq.admin');
    const { token, item } = await clocked.createToken(owner, { name: 'clocked' }, META);
    expect(await lastUsedAt(item.id)).toBeNull();
    const t0 = clock;
    expect(await clocked.authenticate({ bearer: token })).not.toBeNull();
    expect(await lastUsedAt(item.id)).toBe(t0);
    clock = t0 + 30_000;
    expect(await clocked.authenticate({ bearer: token })).not.toBeNull();
    expect(await lastUsedAt(item.id)).toBe(t0);
    clock = t0 + 61_000;
    expect(await clocked.authenticate({ bearer: token })).not.toBeNull();
    expect(await lastUsedAt(item.id)).toBe(t0 + 61_000);
  });

  it('two bearer requests in a row over HTTP write last_used_at once', async () => {
    const admin = await c.signIn('szq.admin');
    const created = await c.send('POST', '/tokens', admin, { name: 'twice' });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json() as { token: string; item: { id: string } };
    const me = () =>
      t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me()).statusCode).toBe(200);
    const first = await lastUsedAt(item.id);
    expect(first).not.toBeNull();
    // Out of the cache as well: the database condition alone must hold the write back.
    evictLocally(users['szq.admin']!);
    await new Promise((r) => setTimeout(r, 5));
    expect((await me()).statusCode).toBe(200);
    expect(await lastUsedAt(item.id)).toBe(first);
  });

  it('refuses a staff session idle for more than 30 minutes, even from the cache', async () => {
    clock = Date.now();
    const t0 = clock;
    const { token } = await clocked.startSessionFor(users['szq.dispatch']!);
    clock = t0 + 29 * MINUTE;
    expect(await clocked.authenticate({ cookie: token })).not.toBeNull(); // slides last_seen_at
    expect(await cached(token)).toBeDefined();
    clock = t0 + 29 * MINUTE + 30 * MINUTE - 1000;
    expect(await clocked.authenticate({ cookie: token })).not.toBeNull();
    // Idle since t0+58:59 — now 30 minutes and a second later. The entry is still cached.
    clock = t0 + 58 * MINUTE + 59_000 + 30 * MINUTE + 1000;
    expect(await cached(token)).toBeDefined();
    expect(await clocked.authenticate({ cookie: token })).toBeNull();
  });

  it('keeps a worker session through 31 idle minutes', async () => {
    clock = Date.now();
    const { token } = await clocked.startSessionFor(users.worker1!);
    clock += 31 * MINUTE;
    expect(await clocked.authenticate({ cookie: token })).not.toBeNull();
  });

  it('refuses a staff session over HTTP once last_seen_at is 31 minutes old', async () => {
    const s = await c.signIn('swq.admin');
    expect((await c.get('/me', s)).statusCode).toBe(200);
    await t.database.query("update session set last_seen_at = now() - interval '31 minutes' where id = $1", [
      sha256(s.cookie),
    ]);
    // A direct write announces nothing; drop the cached rows as a real change would.
    evictLocally(users['swq.admin']!);
    expect((await c.get('/me', s)).statusCode).toBe(401);
  });

  it('signing out makes the very next request with the cookie 401, cache warm', async () => {
    const s = await c.signIn('auditor');
    expect((await c.get('/me', s)).statusCode).toBe(200);
    expect((await c.get('/me', s)).statusCode).toBe(200);
    expect(await cached(s.cookie)).toBeDefined();
    expect((await c.send('POST', '/auth/logout', s)).statusCode).toBe(200);
    expect((await c.get('/me', s)).statusCode).toBe(401);
    expect((await c.get('/audit', s)).statusCode).toBe(401);
  });

  it('a revoked API token is refused on the very next request, cache warm', async () => {
    const s = await c.signIn('security');
    const { token, item } = (await c.send('POST', '/tokens', s, { name: 'to revoke' })).json() as {
      token: string;
      item: { id: string };
    };
    const me = () =>
      t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me()).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(200);
    expect((await c.send('POST', `/tokens/${item.id}/revoke`, s)).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(401);
  });
});
