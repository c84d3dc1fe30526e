import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../platform/db/ids.ts';
import { createTestDatabase, type TestDatabase, testEngines } from '../../../platform/db/testing.ts';
import { inTransaction } from '../../../platform/db/tx.ts';
import type { PlatformDeps } from '../../../platform/deps.ts';
import { createEventDispatcher } from '../../../platform/events/dispatcher.ts';
import { createLogger } from '../../../platform/log.ts';
import { createDevWechatSender } from '../../../platform/notify/senders.ts';
import { createPiiCipher } from '../../../platform/pii/crypto.ts';
import { buildTestApp, type TestApp } from '../../../platform/testing/app.ts';
import { notify } from '../index.ts';
import { notificationsRoutes } from '../notifications.routes.ts';
import { actorHeaders, appWithActors } from './with-actor.ts';

declare module '../../../platform/events/events.ts' {
  interface EventMap {
    'test.greeted': { userId: string };
  }
}

describe.each(testEngines())('notifications on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const alice = newId();
  const bob = newId();
  const asAlice = actorHeaders(alice, ['worker']);
  const asBob = actorHeaders(bob, ['dispatcher']);
  let aliceIds: string[] = [];
  let bobNotice = '';

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const log = createLogger('silent');
    app = await appWithActors(notificationsRoutes({ database, log } as unknown as PlatformDeps));
    aliceIds = [];
    for (let i = 1; i <= 5; i++) {
      await inTransaction(database, async ({ tx }) => {
        aliceIds.push(
          await notify(tx, { userId: alice, kind: 'test.kind', title: `通知 ${i}`, link: `/m/x/${i}` }),
        );
      });
      await new Promise((r) => setTimeout(r, 5));
    }
    await inTransaction(database, async ({ tx }) => {
      bobNotice = await notify(tx, { userId: bob, kind: 'test.kind', title: 'for bob' });
    });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('lists only my own notices, newest first, paginated', async () => {
    const res = await app.inject({ url: '/api/v1/notifications?page=1&pageSize=2', headers: asAlice });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(body.items.map((n: { title: string }) => n.title)).toEqual(['通知 5', '通知 4']);
    const p3 = (
      await app.inject({ url: '/api/v1/notifications?page=3&pageSize=2', headers: asAlice })
    ).json();
    expect(p3.items.map((n: { title: string }) => n.title)).toEqual(['通知 1']);
    expect(p3.items[0]).toMatchObject({ kind: 'test.kind', body: '', link: '/m/x/1', readAt: null });
  });

  it('marks read, counts unread, filters unread only', async () => {
    const count = async () =>
      (await app.inject({ url: '/api/v1/notifications/unread-count', headers: asAlice })).json().count;
    expect(await count()).toBe(5);
    const r = await app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${aliceIds[0]}/read`,
      headers: asAlice,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true });
    // Idempotent.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/notifications/${aliceIds[0]}/read`,
          headers: asAlice,
        })
      ).statusCode,
    ).toBe(200);
    expect(await count()).toBe(4);
    const unread = (
      await app.inject({ url: '/api/v1/notifications?unreadOnly=true', headers: asAlice })
    ).json();
    expect(unread.total).toBe(4);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: asAlice }))
        .statusCode,
    ).toBe(200);
    expect(await count()).toBe(0);
    // Bob's inbox is untouched.
    expect(
      (await app.inject({ url: '/api/v1/notifications/unread-count', headers: asBob })).json().count,
    ).toBe(1);
  });

  it("another user's notice is 404, as is a missing one", async () => {
    const r = await app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${bobNotice}/read`,
      headers: asAlice,
    });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('notification.not_found');
    const missing = await app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${newId()}/read`,
      headers: asAlice,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('validates input', async () => {
    for (const url of [
      '/api/v1/notifications?pageSize=1000',
      '/api/v1/notifications?page=0',
      '/api/v1/notifications?unreadOnly=maybe',
    ]) {
      const r = await app.inject({ url, headers: asAlice });
      expect(r.statusCode, url).toBe(400);
      expect(r.json().code).toBe('common.validation');
    }
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/notifications/not-a-uuid/read',
      headers: asAlice,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('anonymous is 401', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/notifications'],
      ['GET', '/api/v1/notifications/unread-count'],
      ['POST', `/api/v1/notifications/${aliceIds[0]}/read`],
      ['POST', '/api/v1/notifications/read-all'],
    ] as const) {
      const r = await app.inject({ method, url });
      expect(r.statusCode, url).toBe(401);
      expect(r.json().code).toBe('common.unauthenticated');
    }
  });

  it('an event handler notifies once even when the event is delivered twice', async () => {
    const events = createEventDispatcher(database, createLogger('silent'));
    const carol = newId();
    events.on('test.greeted', 'notifications.test_greeting', async (tx, e) => {
      await notify(tx, {
        userId: e.payload.userId,
        kind: 'test.greeted',
        title: '欢迎',
        sourceEventId: e.id,
      });
    });
    await inTransaction(database, async (uow) => {
      await events.publish(uow, 'test.greeted', { userId: carol });
    });
    await events.idle();
    await database.exec('update outbox_event set dispatched_at = null, next_attempt_at = now()');
    await events.dispatchPending();
    const { rows } = await database.query<{ n: number }>(
      'select count(*)::int as n from notification where user_id = $1',
      [carol],
    );
    expect(rows[0]!.n).toBe(1);
    await events.stop();
  });

  it('the development WeChat sender records the message masked', async () => {
    const pii = createPiiCipher('test-secret-test-secret-test-secret-0123456789');
    const sender = createDevWechatSender(pii, { info: () => undefined });
    await inTransaction(database, async ({ tx }) => {
      await sender.send(
        tx,
        'oAbCdEfGhIjKlMnOpQrSt',
        'notice',
        { title: '诉求已答复', body: '请查看' },
        '/m/appeals/1',
      );
    });
    const { rows } = await database.query<Record<string, unknown>>(
      `select channel, recipient_masked, recipient_index, body, params from message_outbox where channel = 'wechat'`,
    );
    expect(rows).toEqual([
      {
        channel: 'wechat',
        recipient_masked: 'oAbC****QrSt',
        recipient_index: pii.blindIndex('oAbCdEfGhIjKlMnOpQrSt'),
        body: '诉求已答复：请查看',
        params: { title: '诉求已答复', body: '请查看', link: '/m/appeals/1' },
      },
    ]);
  });
});

describe('notifications in the whole app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('anonymous is 401 and the operations are in the OpenAPI document', async () => {
    const r = await t.app.inject({ url: '/api/v1/notifications' });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toMatchObject({ code: 'common.unauthenticated' });
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (p) => Object.values(p).map((o) => o.operationId),
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        'notifications.list',
        'notifications.unreadCount',
        'notifications.read',
        'notifications.readAll',
        'audit.search',
      ]),
    );
  });
});
