import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { newId } from '../../../platform/db/ids.ts';
import { createTestDatabase, type TestDatabase, testEngines } from '../../../platform/db/testing.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { actorHeaders, appWithActors, testActor } from '../../notifications/__tests__/with-actor.ts';
import { auditRoutes } from '../audit.routes.ts';

describe.each(testEngines())('audit search on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const auditorId = newId();
  const adminId = newId();
  const asAuditor = actorHeaders(auditorId, ['auditor']);
  const asAdmin = actorHeaders(adminId, ['security_admin']);
  const admin = testActor(adminId, ['security_admin'], '安全管理员');
  const target = newId();

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    app = await appWithActors(auditRoutes({ database } as unknown as PlatformDeps));
    const meta = { requestId: 'req-seed-0001', ip: '10.0.0.1' };
    await writeAudit(database.db, admin, meta, {
      action: 'users.disable',
      entityType: 'user',
      entityId: target,
      before: { phone: '13800000001', status: 'active' },
      after: { status: 'disabled' },
    });
    await writeAudit(database.db, admin, meta, {
      action: 'users.grant',
      entityType: 'user',
      entityId: target,
    });
    await writeAudit(database.db, admin, meta, {
      action: 'orgs.create',
      entityType: 'org',
      outcome: 'failure',
    });
    await writeAudit(database.db, null, null, {
      action: 'auth.login',
      outcome: 'denied',
      note: '13800000002 wrong',
    });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const search = (query: string, headers = asAuditor) =>
    app.inject({ url: `/api/v1/audit${query}`, headers });

  it('the auditor searches newest first; the search itself is audited', async () => {
    const r = await search('?pageSize=10');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total).toBe(4);
    expect(body.items.map((i: { action: string }) => i.action)).toEqual([
      'auth.login',
      'orgs.create',
      'users.grant',
      'users.disable',
    ]);
    const disable = body.items[3];
    expect(disable).toMatchObject({
      actorId: adminId,
      actorName: '安全管理员',
      actorRole: 'security_admin',
      outcome: 'success',
      entityType: 'user',
      entityId: target,
      requestId: 'req-seed-0001',
      ip: '10.0.0.1',
      summary: { before: { status: 'active' }, after: { status: 'disabled' } },
    });
    expect(JSON.stringify(body)).not.toContain('13800000001');
    expect(JSON.stringify(body)).not.toContain('13800000002');

    // The first search is on record (this one is written after its own read).
    const again = (await search('?action=audit.search')).json();
    expect(again.total).toBe(1);
    expect(again.items[0]).toMatchObject({
      actorId: auditorId,
      action: 'audit.search',
      outcome: 'success',
      summary: { after: { filters: { page: 1, pageSize: 10 }, total: 4 } },
    });
  });

  it('filters by actor, action (exact and prefix), entity, outcome and time', async () => {
    const count = async (q: string) => (await search(q)).json().total;
    expect(await count(`?actorId=${adminId}`)).toBe(3);
    expect(await count('?action=users.grant')).toBe(1);
    expect(await count('?action=users.*')).toBe(2);
    expect(await count(`?entityType=user&entityId=${target}`)).toBe(2);
    expect(await count('?outcome=failure')).toBe(1);
    expect(await count('?outcome=denied&action=auth.login')).toBe(1);
    const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    const past = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
    expect(await count(`?from=${future}`)).toBe(0);
    expect(await count(`?from=${past}&to=${future}&action=users.*`)).toBe(2);
  });

  it('paginates', async () => {
    const p1 = (await search('?action=users.*&page=1&pageSize=1')).json();
    const p2 = (await search('?action=users.*&page=2&pageSize=1')).json();
    expect(p1).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(p1.items[0].action).toBe('users.grant');
    expect(p2.items[0].action).toBe('users.disable');
  });

  it('validates the query', async () => {
    for (const q of [
      '?pageSize=201',
      '?outcome=maybe',
      '?actorId=nope',
      '?from=yesterday',
      `?from=${encodeURIComponent('2026-02-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-01-01T00:00:00+08:00')}`,
    ]) {
      const r = await search(q);
      expect(r.statusCode, q).toBe(400);
      expect(r.json().code).toBe('common.validation');
    }
  });

  it('401 anonymous; 403 for other roles, and the refusal is recorded', async () => {
    expect((await app.inject({ url: '/api/v1/audit' })).statusCode).toBe(401);
    const r = await search('?action=users.*', asAdmin);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('common.forbidden');
    const worker = await search('', actorHeaders(newId(), ['worker']));
    expect(worker.statusCode).toBe(403);
    const denied = (await search('?action=audit.search&outcome=denied')).json();
    expect(denied.total).toBe(2);
    expect(denied.items[1]).toMatchObject({
      actorId: adminId,
      outcome: 'denied',
      summary: { after: { filters: { action: 'users.*' } } },
    });
  });
});
