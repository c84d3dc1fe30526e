import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/client.ts';
import { testEngines } from '../../../platform/db/testing.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { localInstant } from '../canteen-services.policy.ts';
import { nextChildcareDays, seedDemoCanteenServices } from '../canteen-services.seed.ts';
import { type CanteenWorld, canteenWorld, count, dayFrom, eventually } from './canteen-services-fixtures.ts';

/** Rejects with the AppError code, or 'ok'. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

describe.each(testEngines())('canteen services on %s', (engine) => {
  let w: CanteenWorld;
  let db: Db;

  beforeAll(async () => {
    w = await canteenWorld(engine);
    db = w.t.database.db;
  }, 240_000);
  afterAll(async () => w?.t.close());

  it('the demo seed fills the canteen once: requests in every state, sessions with children', async () => {
    const users = Object.fromEntries(Object.entries(w.actors).map(([k, a]) => [k, a.userId]));
    const first = await seedDemoCanteenServices(w.t.deps, w.orgs, users);
    expect(first.created).toBeGreaterThan(5);
    const board = await w.cs.proxyBoard(w.actors['swq.keeper'], w.canteenId, { limit: 100 });
    expect(board.counts).toEqual({ received: 1, in_progress: 1, done: 1, returned: 1, rejected: 1 });
    const sessions = await w.cs.sessions(w.actors.worker1, w.canteenId, false);
    expect(sessions.items.length).toBe(3);
    expect(sessions.items.some((x) => x.registered === 2)).toBe(true);
    expect((await seedDemoCanteenServices(w.t.deps, w.orgs, users)).created).toBe(0);
  });

  describe('CAN-03 政务代办', () => {
    it('runs received → in_progress → done → returned with a history of who and when, and notifies on done', async () => {
      const { request: filed } = await w.cs.fileProxy(w.actors.worker1, null, w.canteenId, {
        matter: 'social_security_card',
        description: '补办社保卡',
        documents: ['一寸照片', '身份证复印件'],
      });
      expect(filed).toMatchObject({
        status: 'received',
        mine: true,
        actions: [],
        documents: ['一寸照片', '身份证复印件'],
      });
      expect(filed.history).toHaveLength(1);
      const keeper = w.actors['swq.keeper'];
      const taken = await w.cs.transition(keeper, null, filed.id, { action: 'take' });
      expect(taken).toMatchObject({ status: 'in_progress', handlerName: keeper.name });
      expect(taken.actions.sort()).toEqual(['complete', 'reject']);
      await w.cs.transition(keeper, null, filed.id, { action: 'complete', note: '已办好新卡' });
      const back = await w.cs.transition(keeper, null, filed.id, { action: 'return' });
      expect(back.status).toBe('returned');
      expect(back.actions).toEqual([]);
      expect(back.history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
        [null, 'received'],
        ['received', 'in_progress'],
        ['in_progress', 'done'],
        ['done', 'returned'],
      ]);
      expect(back.history.slice(1).every((h) => h.actorName === keeper.name)).toBe(true);
      expect(back.history[2]!.note).toBe('已办好新卡');
      // The worker sees it with its history, and got one notification when it was done.
      const mine = await w.cs.mine(w.actors.worker1);
      expect(mine.proxyRequests.find((r) => r.id === filed.id)?.history).toHaveLength(4);
      const n = await eventually(
        () =>
          count(
            db,
            sql`select count(*)::int as n from notification where user_id = ${w.actors.worker1.userId} and kind = 'proxy_request.done' and title like '%社保卡办理%'`,
          ),
        (v) => v >= 1,
      );
      expect(n).toBe(1);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from audit_log where entity_id = ${filed.id} and action like 'proxy_request.%'`,
        ),
      ).toBe(4);
    });

    it('refuses moves off the table with 409 proxy.transition_invalid, and a reject without reason', async () => {
      const { request } = await w.cs.fileProxy(w.actors.worker1, null, w.canteenId, {
        matter: 'residence_permit',
        description: '办理居住证',
        documents: [],
      });
      const keeper = w.actors['swq.keeper'];
      expect(await codeOf(w.cs.transition(keeper, null, request.id, { action: 'complete' }))).toBe(
        'proxy.transition_invalid',
      );
      expect(await codeOf(w.cs.transition(keeper, null, request.id, { action: 'reject' }))).toBe(
        'proxy.reason_required',
      );
      const r = await w.cs.transition(keeper, null, request.id, { action: 'reject', reason: '须本人办理' });
      expect(r).toMatchObject({ status: 'rejected', rejectReason: '须本人办理' });
      expect(await codeOf(w.cs.transition(keeper, null, request.id, { action: 'take' }))).toBe(
        'proxy.transition_invalid',
      );
    });

    it('lets only keepers and managers move it; another worker gets 404', async () => {
      const { request } = await w.cs.fileProxy(w.actors.worker1, null, w.canteenId, {
        matter: 'housing_fund',
        description: '公积金登记',
        documents: [],
      });
      expect(await codeOf(w.cs.getProxy(w.actors.worker2, request.id))).toBe('proxy.not_found');
      expect(await codeOf(w.cs.transition(w.actors.worker2, null, request.id, { action: 'take' }))).toBe(
        'proxy.not_found',
      );
      expect(await codeOf(w.cs.transition(w.actors.worker1, null, request.id, { action: 'take' }))).toBe(
        'common.forbidden',
      );
      // 市中区 staff do not reach a 沙湾 station.
      expect(await codeOf(w.cs.getProxy(w.actors['szq.admin'], request.id))).toBe('proxy.not_found');
      expect(await codeOf(w.cs.transition(w.actors['swq.admin'], null, request.id, { action: 'take' }))).toBe(
        'ok',
      );
    });

    it('refuses a station that does not offer proxy_affairs, and ID numbers in the text', async () => {
      expect(
        await codeOf(
          w.cs.fileProxy(w.actors.worker1, null, w.plainId, {
            matter: 'other',
            description: '代办',
            documents: [],
          }),
        ),
      ).toBe('proxy.not_offered');
      expect(
        await codeOf(
          w.cs.fileProxy(w.actors.worker1, null, w.canteenId, {
            matter: 'other',
            description: '身份证号 511102199001011234',
            documents: [],
          }),
        ),
      ).toBe('proxy.no_id_numbers');
    });

    it('a keeper files for a walk-in resident: the phone is stored encrypted and shown masked', async () => {
      const { request } = await w.cs.fileProxy(w.actors['swq.keeper'], null, w.canteenId, {
        matter: 'medical_insurance',
        description: '续缴医保',
        documents: ['户口本复印件'],
        resident: { name: '王秀英', phone: '13912345678' },
      });
      expect(request.requester).toEqual({ kind: 'resident', name: '王*英', phoneMasked: '139****5678' });
      expect(
        await count(
          db,
          sql`select count(*)::int as n from proxy_request where resident_phone_enc like '%13912345678%'`,
        ),
      ).toBe(0);
      expect(
        await count(
          db,
          sql`select count(*)::int as n from audit_log where summary::text like '%13912345678%'`,
        ),
      ).toBe(0);
      // A worker may not file for somebody else.
      expect(
        await codeOf(
          w.cs.fileProxy(w.actors.worker1, null, w.canteenId, {
            matter: 'other',
            description: '代邻居办理',
            documents: [],
            resident: { name: '邻居', phone: '13912345678' },
          }),
        ),
      ).toBe('common.forbidden');
    });

    it('is idempotent on the Idempotency-Key', async () => {
      const body = { matter: 'other' as const, description: '幂等测试', documents: [] };
      const a = await w.cs.fileProxy(w.actors.worker2, null, w.canteenId, body, 'k-1');
      const b = await w.cs.fileProxy(w.actors.worker2, null, w.canteenId, body, 'k-1');
      expect([a.created, b.created]).toEqual([true, false]);
      expect(b.request.id).toBe(a.request.id);
    });

    it('the board lists the station’s requests with counts, for keepers and staff only', async () => {
      const board = await w.cs.proxyBoard(w.actors['swq.keeper'], w.canteenId, { limit: 100 });
      expect(board.items.length).toBeGreaterThan(3);
      expect(Object.values(board.counts).reduce((a, b) => a + b, 0)).toBe(board.items.length);
      expect(await codeOf(w.cs.proxyBoard(w.actors['szq.admin'], w.canteenId, { limit: 10 }))).toBe(
        'common.forbidden',
      );
    });
  });

  describe('CAN-04 节假日托幼', () => {
    const session = (over: Record<string, unknown> = {}) => ({
      date: dayFrom(w.clock.now, 3),
      starts: '08:30',
      ends: '17:30',
      capacity: 20,
      ageMin: 3,
      ageMax: 12,
      note: '假期托管',
      ...over,
    });
    const child = (name: string, age = 6) => ({
      childName: name,
      childAge: age,
      contactPhone: '13900000001',
    });

    it('never exceeds capacity: 100 concurrent attempts for 20 places leave 20', async () => {
      const s = await w.cs.createSession(w.actors['swq.admin'], null, w.canteenId, session());
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, (_, i) => w.cs.register(w.actors.worker1, null, s.id, child(`孩子${i}`))),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const codes = results
        .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        .map((r) => (r.reason as AppError).code);
      expect(ok).toHaveLength(20);
      expect(new Set(codes)).toEqual(new Set(['childcare.full']));
      expect(
        await count(
          db,
          sql`select count(*)::int as n from childcare_registration where session_id = ${s.id} and status = 'registered'`,
        ),
      ).toBe(20);
      const list = await w.cs.sessions(w.actors.worker2, w.canteenId, false);
      expect(list.items.find((x) => x.id === s.id)).toMatchObject({ registered: 20, free: 0 });
    }, 120_000);

    it('checks the age range (400), duplicates (409), and frees a place on cancel', async () => {
      const s = await w.cs.createSession(w.actors['swq.admin'], null, w.canteenId, session({ capacity: 1 }));
      expect(await codeOf(w.cs.register(w.actors.worker1, null, s.id, child('小宝', 2)))).toBe(
        'childcare.age_out_of_range',
      );
      expect(await codeOf(w.cs.register(w.actors.worker1, null, s.id, child('小宝', 13)))).toBe(
        'childcare.age_out_of_range',
      );
      const { registration } = await w.cs.register(w.actors.worker1, null, s.id, child('小宝', 3));
      expect(registration).toMatchObject({
        contactPhoneMasked: '139****0001',
        status: 'registered',
        mine: true,
      });
      expect(registration.actions.cancel).toBe(true);
      expect(await codeOf(w.cs.register(w.actors.worker1, null, s.id, child('小宝', 3)))).toBe(
        'childcare.already_registered',
      );
      expect(await codeOf(w.cs.register(w.actors.worker2, null, s.id, child('豆豆')))).toBe('childcare.full');
      // Another parent cannot cancel it.
      expect(await codeOf(w.cs.cancelRegistration(w.actors.worker2, null, registration.id))).toBe(
        'childcare.registration_not_found',
      );
      expect((await w.cs.cancelRegistration(w.actors.worker1, null, registration.id)).status).toBe(
        'cancelled',
      );
      expect((await w.cs.register(w.actors.worker2, null, s.id, child('豆豆'))).created).toBe(true);
    });

    it('closes registering and cancelling when the session starts; attendance from its day', async () => {
      const real = w.clock.now;
      try {
        const s = await w.cs.createSession(w.actors['swq.admin'], null, w.canteenId, session());
        const { registration } = await w.cs.register(w.actors.worker1, null, s.id, child('安安'));
        expect(await codeOf(w.cs.markAttendance(w.actors['swq.keeper'], null, registration.id, true))).toBe(
          'childcare.not_yet',
        );
        w.clock.now = localInstant(s.date, '08:30');
        expect(await codeOf(w.cs.cancelRegistration(w.actors.worker1, null, registration.id))).toBe(
          'childcare.started',
        );
        expect(await codeOf(w.cs.register(w.actors.worker2, null, s.id, child('乐乐')))).toBe(
          'childcare.started',
        );
        expect(await codeOf(w.cs.markAttendance(w.actors.worker1, null, registration.id, true))).toBe(
          'common.forbidden',
        );
        const marked = await w.cs.markAttendance(w.actors['swq.keeper'], null, registration.id, true);
        expect(marked.status).toBe('attended');
        const regs = await w.cs.registrations(w.actors['swq.keeper'], s.id);
        expect(regs.items).toHaveLength(1);
        expect(regs.items[0]).toMatchObject({ childName: '安安', parentName: w.actors.worker1.name });
        // Started sessions leave the worker's list; the console still sees them.
        expect(
          (await w.cs.sessions(w.actors.worker1, w.canteenId, false)).items.some((x) => x.id === s.id),
        ).toBe(false);
        expect(
          (await w.cs.sessions(w.actors['swq.keeper'], w.canteenId, true)).items.some((x) => x.id === s.id),
        ).toBe(true);
      } finally {
        w.clock.now = real;
      }
    });

    it('manages sessions: managers only, versioned edits, no capacity below the children, cancel notifies', async () => {
      expect(await codeOf(w.cs.createSession(w.actors['swq.keeper'], null, w.canteenId, session()))).toBe(
        'common.forbidden',
      );
      expect(await codeOf(w.cs.createSession(w.actors['swq.admin'], null, w.plainId, session()))).toBe(
        'childcare.not_offered',
      );
      expect(
        await codeOf(
          w.cs.createSession(w.actors['swq.admin'], null, w.canteenId, session({ starts: '18:00' })),
        ),
      ).toBe('childcare.time_invalid');
      expect(
        await codeOf(
          w.cs.createSession(w.actors['swq.admin'], null, w.canteenId, session({ ageMin: 9, ageMax: 4 })),
        ),
      ).toBe('childcare.age_range_invalid');
      expect(
        await codeOf(
          w.cs.createSession(
            w.actors['swq.admin'],
            null,
            w.canteenId,
            session({ date: dayFrom(w.clock.now, -1) }),
          ),
        ),
      ).toBe('childcare.in_past');
      const s = await w.cs.createSession(w.actors['swq.admin'], null, w.canteenId, session());
      await w.cs.register(w.actors.worker2, null, s.id, child('一一'));
      await w.cs.register(w.actors.worker2, null, s.id, child('二二'));
      expect(
        await codeOf(
          w.cs.updateSession(w.actors['swq.admin'], null, s.id, { version: s.version, capacity: 1 }),
        ),
      ).toBe('childcare.capacity_below_registered');
      const edited = await w.cs.updateSession(w.actors['swq.admin'], null, s.id, {
        version: s.version,
        capacity: 2,
      });
      expect(edited).toMatchObject({ capacity: 2, free: 0, version: s.version + 1 });
      expect(
        await codeOf(
          w.cs.updateSession(w.actors['swq.admin'], null, s.id, { version: s.version, capacity: 5 }),
        ),
      ).toBe('childcare.conflict');
      const cancelled = await w.cs.cancelSession(w.actors['swq.admin'], null, s.id);
      expect(cancelled).toMatchObject({ status: 'cancelled', registered: 0 });
      expect(await codeOf(w.cs.register(w.actors.worker1, null, s.id, child('三三')))).toBe(
        'childcare.session_cancelled',
      );
      const n = await eventually(
        () =>
          count(
            db,
            sql`select count(*)::int as n from notification where user_id = ${w.actors.worker2.userId} and kind = 'childcare_session.cancelled'`,
          ),
        (v) => v >= 1,
      );
      expect(n).toBe(1);
    });

    it('tags the session’s day from the calendar', async () => {
      const days = nextChildcareDays(w.t.deps, w.clock.now, 3);
      expect(days).toHaveLength(3);
      for (const d of days) expect(['holiday', 'weekend']).toContain(w.t.deps.calendar.kindOf(d));
      const s = await w.cs.createSession(
        w.actors['swq.admin'],
        null,
        w.canteenId,
        session({ date: days[0] }),
      );
      expect(['holiday', 'weekend']).toContain(s.dayKind);
    });
  });
});
