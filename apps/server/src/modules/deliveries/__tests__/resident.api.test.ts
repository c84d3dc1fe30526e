import {
  deliveriesReply,
  deliverySchema,
  residentDeliveriesReply,
  residentDeliverySchema,
  residentMeReply,
} from '@nuanxin/shared';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../platform/calendar/index.ts';
import { messageOutbox } from '../../../platform/notify/notify.tables.ts';
import { createIdentityService } from '../../identity/identity.service.ts';
import { type DeliveriesWorld, deliveriesWorld } from './fixtures.ts';

/**
 * CAN-05 residents' self-service over HTTP: a registered resident proves the phone with an SMS
 * code, files a meal for themselves, cancels one nobody has taken, confirms receipt; nobody learns
 * from the answers who is registered; the resident session is its own (cookie, CSRF, scope).
 */
describe('CAN-05 residents’ self-service HTTP', () => {
  let w: DeliveriesWorld;
  const staff: Record<string, string> = {};
  const worker: Record<string, string> = {};
  const day = (n: number) => shanghaiDate(new Date(Date.now() + n * 86_400_000));
  /** 陈桂兰, 张国华 and 李淑芬 of the demo register (沙湾镇示例社区). */
  const CHEN = '13700000103';
  const ZHANG = '13700000104';
  const LI = '13700000105';

  beforeAll(async () => {
    w = await deliveriesWorld('pglite');
    const identity = createIdentityService(w.t.deps);
    const s = await identity.startSessionFor(w.users['swq.community']!);
    Object.assign(staff, { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken });
    const r = await identity.startSessionFor(w.users.worker1!);
    Object.assign(worker, { cookie: `nx_session=${r.token}`, 'x-csrf-token': r.csrfToken });
  }, 120_000);
  afterAll(async () => w?.t.close());

  const smsCodes = async (phone: string) =>
    (
      await w.t.database.db
        .select({ params: messageOutbox.params })
        .from(messageOutbox)
        .where(
          and(
            eq(messageOutbox.recipientIndex, w.t.deps.pii.blindIndex(phone)),
            eq(messageOutbox.template, 'resident_otp'),
          ),
        )
        .orderBy(desc(messageOutbox.createdAt))
    ).map((r) => (r.params as { code: string }).code);

  /** Signs in as the resident of `phone`: the cookie and CSRF headers of the session. */
  async function signIn(phone: string): Promise<Record<string, string>> {
    const sent = await w.t.app.inject({ method: 'POST', url: '/api/v1/resident/code', payload: { phone } });
    expect(sent.statusCode).toBe(200);
    const [code] = await smsCodes(phone);
    const r = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/resident/session',
      payload: { phone, code },
    });
    expect(r.statusCode).toBe(200);
    const cookie = r.cookies.find((c) => c.name === 'nx_resident')!;
    return {
      cookie: `nx_resident=${cookie.value}`,
      'x-csrf-token': residentMeReply.parse(r.json()).csrfToken,
    };
  }

  const fileBody = (beneficiaryId: string, over: Record<string, unknown> = {}) => ({
    beneficiaryId,
    stationId: w.canteenId,
    date: day(1),
    windowStart: '11:30',
    windowEnd: '12:00',
    dishes: '软米饭、清蒸鱼',
    ...over,
  });

  it('answers a registered and an unregistered phone alike; only the registered one gets an SMS', async () => {
    const a = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/resident/code',
      payload: { phone: CHEN },
    });
    const b = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/resident/code',
      payload: { phone: '13700009999' },
    });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(a.json()).toEqual(b.json());
    expect(await smsCodes(CHEN)).toHaveLength(1);
    expect(await smsCodes('13700009999')).toHaveLength(0);
    // A second ask within the minute is throttled for both, alike.
    const again = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/resident/code',
      payload: { phone: CHEN },
    });
    const againOther = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/resident/code',
      payload: { phone: '13700009999' },
    });
    expect(again.statusCode).toBe(429);
    expect(againOther.statusCode).toBe(429);
    expect(again.json().code).toBe(againOther.json().code);
    // An unregistered phone cannot sign in with any code; a wrong code is refused; bad input 400.
    const none = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/resident/session',
      payload: { phone: '13700009999', code: '123456' },
    });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('auth.otp_invalid');
    const [code] = await smsCodes(CHEN);
    const wrong = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/resident/session',
      payload: { phone: CHEN, code: code === '000000' ? '000001' : '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.otp_invalid');
    for (const payload of [{ phone: '12345', code: '123456' }, { phone: CHEN, code: '12' }, {}]) {
      const v = await w.t.app.inject({ method: 'POST', url: '/api/v1/resident/session', payload });
      expect(v.statusCode, JSON.stringify(payload)).toBe(400);
      expect(v.json().code).toBe('common.validation');
    }
    // A resident's code never signs anyone in as a worker.
    const asWorker = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/otp/verify',
      payload: { phone: CHEN, code },
    });
    expect(asWorker.statusCode).toBe(401);
    // The right one opens a session: httpOnly, SameSite=Strict, only on the resident routes.
    const ok = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/resident/session',
      payload: { phone: CHEN, code },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'nx_resident')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/resident' });
    const me = residentMeReply.parse(ok.json());
    expect(me.phoneMasked).toBe('137****0103');
    expect(me.residents.map((r) => r.name)).toEqual(['陈桂兰']);
    expect(me.residents[0]!.canteens[0]).toMatchObject({ id: w.canteenId });
    expect(ok.body).not.toContain(CHEN);
  });

  it('files, lists, refuses duplicates and other people’s residents, cancels and confirms', async () => {
    const h = await signIn(ZHANG);
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, headers = h) =>
      w.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const me = residentMeReply.parse((await call('GET', '/api/v1/resident/me')).json());
    const zhang = me.residents[0]!;
    expect(zhang.name).toBe('张国华');

    // No CSRF token: refused, nothing filed.
    const noCsrf = await call('POST', '/api/v1/resident/deliveries', fileBody(zhang.id), {
      cookie: h.cookie!,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('common.csrf');

    const filed = await call('POST', '/api/v1/resident/deliveries', fileBody(zhang.id));
    expect(filed.statusCode).toBe(201);
    const d = residentDeliverySchema.parse(filed.json());
    expect(d).toMatchObject({
      status: 'requested',
      filedByResident: true,
      actions: { cancel: true, confirm: false },
    });
    expect(d.receiptCode).toMatch(/^\d{4}$/);
    expect(d.dietNotes).toBe(zhang.dietNotes);

    // The same window again (overlapping): 409, nothing filed.
    const dup = await call(
      'POST',
      '/api/v1/resident/deliveries',
      fileBody(zhang.id, { windowStart: '11:45', windowEnd: '12:15' }),
    );
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'delivery.duplicate', details: { deliveryId: d.id } });
    // More than 7 days ahead, a window already over, another resident, bad input.
    const far = await call('POST', '/api/v1/resident/deliveries', fileBody(zhang.id, { date: day(9) }));
    expect(far.statusCode).toBe(400);
    expect(far.json().code).toBe('delivery.too_early');
    const past = await call('POST', '/api/v1/resident/deliveries', fileBody(zhang.id, { date: day(-1) }));
    expect(past.json().code).toBe('delivery.window_past');
    const board = deliveriesReply.parse(
      (
        await w.t.app.inject({ method: 'GET', url: '/api/v1/deliveries?pageSize=100', headers: staff })
      ).json(),
    );
    const other = board.items.find((x) => x.beneficiaryId !== zhang.id)!;
    const notMine = await call('POST', '/api/v1/resident/deliveries', fileBody(other.beneficiaryId));
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json().code).toBe('delivery.beneficiary_not_found');
    const bad = await call('POST', '/api/v1/resident/deliveries', fileBody(zhang.id, { windowEnd: '10:00' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('common.validation');

    // The community's board shows it as filed by the resident.
    const after = deliveriesReply.parse(
      (
        await w.t.app.inject({
          method: 'GET',
          url: `/api/v1/deliveries?from=${day(1)}&pageSize=100`,
          headers: staff,
        })
      ).json(),
    );
    expect(after.items.find((x) => x.id === d.id)).toMatchObject({
      filedByResident: true,
      filedByName: null,
    });

    // Someone else's delivery is invisible (404) to cancel or confirm.
    const foreign = await call('POST', `/api/v1/resident/deliveries/${other.id}/cancel`, {});
    expect(foreign.statusCode).toBe(404);

    // Cancel while nobody has taken it.
    const cancelled = await call('POST', `/api/v1/resident/deliveries/${d.id}/cancel`, {});
    expect(cancelled.statusCode).toBe(200);
    expect(residentDeliverySchema.parse(cancelled.json())).toMatchObject({
      status: 'cancelled',
      cancelReason: '居民本人取消',
    });

    // A second request: a rider claims it (the resident can no longer cancel), delivers it with the
    // code, and the resident confirms receipt.
    const second = residentDeliverySchema.parse(
      (
        await call(
          'POST',
          '/api/v1/resident/deliveries',
          fileBody(zhang.id, { windowStart: '17:00', windowEnd: '17:30' }),
        )
      ).json(),
    );
    const claim = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/deliveries/${second.id}/claim`,
      headers: worker,
    });
    expect(claim.statusCode).toBe(200);
    const late = await call('POST', `/api/v1/resident/deliveries/${second.id}/cancel`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('delivery.invalid_transition');
    const early = await call('POST', `/api/v1/resident/deliveries/${second.id}/confirm`);
    expect(early.statusCode).toBe(409);
    const delivered = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/deliveries/${second.id}/deliver`,
      headers: worker,
      payload: { code: second.receiptCode },
    });
    expect(delivered.statusCode).toBe(200);
    const confirmed = await call('POST', `/api/v1/resident/deliveries/${second.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(residentDeliverySchema.parse(confirmed.json())).toMatchObject({ status: 'confirmed' });
    const seen = deliverySchema.parse(
      (
        await w.t.app.inject({
          method: 'GET',
          url: `/api/v1/deliveries?from=${day(1)}&pageSize=100`,
          headers: staff,
        })
      )
        .json()
        .items.find((x: { id: string }) => x.id === second.id),
    );
    expect(seen).toMatchObject({ status: 'confirmed', confirmedByResident: true });

    const list = residentDeliveriesReply.parse((await call('GET', '/api/v1/resident/deliveries')).json());
    expect(list.items.map((x) => x.id)).toEqual(expect.arrayContaining([d.id, second.id]));
    expect(list.items.every((x) => x.beneficiaryId === zhang.id)).toBe(true);
    const mine = list.items.find((x) => x.id === second.id)!;
    expect(mine.riderName).not.toBe(null);
    expect(mine.riderName).toContain('*');
  });

  it('ignores worker and staff sessions and ends with sign-out or when the resident leaves the register', async () => {
    expect(
      (await w.t.app.inject({ method: 'GET', url: '/api/v1/resident/me', headers: staff })).statusCode,
    ).toBe(401);
    const h = await signIn(LI);
    // A worker's session cookie in the same browser changes nothing on the resident routes.
    const both = { cookie: `${h.cookie}; ${worker.cookie}`, 'x-csrf-token': h['x-csrf-token']! };
    const me = await w.t.app.inject({ method: 'GET', url: '/api/v1/resident/me', headers: both });
    expect(me.statusCode).toBe(200);
    const li = residentMeReply.parse(me.json()).residents[0]!;
    const filed = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/resident/deliveries',
      headers: both,
      payload: fileBody(li.id, { date: day(2) }),
    });
    expect(filed.statusCode).toBe(201);
    // Staff take her off the register: the session no longer opens anything.
    const b = (
      await w.t.app.inject({
        method: 'GET',
        url: '/api/v1/deliveries/beneficiaries?q=李淑芬',
        headers: staff,
      })
    ).json().items[0];
    const off = await w.t.app.inject({
      method: 'PATCH',
      url: `/api/v1/deliveries/beneficiaries/${b.id}`,
      headers: staff,
      payload: { version: b.version, status: 'inactive' },
    });
    expect(off.statusCode).toBe(200);
    expect((await w.t.app.inject({ method: 'GET', url: '/api/v1/resident/me', headers: h })).statusCode).toBe(
      401,
    );
    await w.t.app.inject({
      method: 'PATCH',
      url: `/api/v1/deliveries/beneficiaries/${b.id}`,
      headers: staff,
      payload: { version: b.version + 1, status: 'active' },
    });
    expect((await w.t.app.inject({ method: 'GET', url: '/api/v1/resident/me', headers: h })).statusCode).toBe(
      200,
    );
    // Sign-out ends it for good.
    const out = await w.t.app.inject({ method: 'DELETE', url: '/api/v1/resident/session', headers: h });
    expect(out.statusCode).toBe(200);
    expect((await w.t.app.inject({ method: 'GET', url: '/api/v1/resident/me', headers: h })).statusCode).toBe(
      401,
    );
  });
});
