import {
  beneficiarySchema,
  deliveriesReply,
  deliverySchema,
  myDeliverySchema,
  offersReply,
} from '@nuanxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../platform/calendar/index.ts';
import { createIdentityService } from '../../identity/identity.service.ts';
import { seedDemoDeliveries } from '../deliveries.seed.ts';
import { CANTEEN, type DeliveriesWorld, deliveriesWorld, offset } from './fixtures.ts';

/** CAN-05 HTTP contract: status codes, error codes, validation, masking, another's record → 404. */
describe('CAN-05 deliveries HTTP', () => {
  let w: DeliveriesWorld;
  const headers: Record<string, Record<string, string>> = {};
  const tomorrow = shanghaiDate(new Date(Date.now() + 86_400_000));

  beforeAll(async () => {
    w = await deliveriesWorld('pglite');
    const identity = createIdentityService(w.t.deps);
    for (const login of ['worker1', 'worker2', 'szq.community', 'swq.community', 'szq.admin']) {
      const s = await identity.startSessionFor(w.users[login]!);
      headers[login] = { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    }
  }, 120_000);
  afterAll(async () => w?.t.close());

  const call = (
    login: string | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: object,
  ) => w.t.app.inject({ method, url, headers: login ? headers[login] : {}, ...(payload ? { payload } : {}) });

  const beneficiaryBody = (over: Record<string, unknown> = {}) => ({
    name: '刘德明',
    phone: '137-0000-0909',
    address: '沙湾镇沫若路 88 号院 5 栋 1 楼',
    street: '沫若路',
    location: { ...offset(CANTEEN, -300, 400), crs: 'wgs84' },
    communityOrgId: w.orgs['swq.shawan.c1'],
    category: 'in_difficulty',
    dietNotes: '少糖',
    freeMeals: true,
    ...over,
  });

  it('registers a beneficiary with the phone masked, and validates the body', async () => {
    const r = await call('swq.community', 'POST', '/api/v1/deliveries/beneficiaries', beneficiaryBody());
    expect(r.statusCode).toBe(201);
    const b = beneficiarySchema.parse(r.json());
    expect(b.phoneMasked).toBe('137****0909');
    expect(r.body).not.toContain('13700000909');
    for (const bad of [
      beneficiaryBody({ phone: '12345' }),
      beneficiaryBody({ name: '' }),
      beneficiaryBody({ category: 'vip' }),
      beneficiaryBody({ location: { lat: 29.4 } }),
      beneficiaryBody({ communityOrgId: 'x' }),
    ]) {
      const v = await call('swq.community', 'POST', '/api/v1/deliveries/beneficiaries', bad);
      expect(v.statusCode, JSON.stringify(bad)).toBe(400);
      expect(v.json().code).toBe('common.validation');
    }
    const other = await call('szq.community', 'POST', '/api/v1/deliveries/beneficiaries', beneficiaryBody());
    expect(other.statusCode).toBe(400);
    expect(other.json().code).toBe('delivery.community_invalid');
    expect((await call('szq.admin', 'GET', '/api/v1/deliveries/beneficiaries')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/v1/deliveries/beneficiaries')).statusCode).toBe(401);
    expect((await call('worker1', 'GET', '/api/v1/deliveries/beneficiaries')).statusCode).toBe(403);
  });

  it('hides a 沙湾区 beneficiary from 市中区 community staff (list, edit, reveal → 404)', async () => {
    const b = beneficiarySchema.parse(
      (
        await call(
          'swq.community',
          'POST',
          '/api/v1/deliveries/beneficiaries',
          beneficiaryBody({ phone: '13700000910' }),
        )
      ).json(),
    );
    const list = (await call('szq.community', 'GET', '/api/v1/deliveries/beneficiaries?pageSize=200')).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(b.id);
    const edit = await call('szq.community', 'PATCH', `/api/v1/deliveries/beneficiaries/${b.id}`, {
      version: 1,
      needs: 'x',
    });
    expect(edit.statusCode).toBe(404);
    expect(edit.json().code).toBe('delivery.beneficiary_not_found');
    const peek = await call('szq.community', 'POST', `/api/v1/deliveries/beneficiaries/${b.id}/reveal`, {
      field: 'phone',
    });
    expect(peek.statusCode).toBe(404);
    const reveal = await call('swq.community', 'POST', `/api/v1/deliveries/beneficiaries/${b.id}/reveal`, {
      field: 'phone',
    });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json()).toEqual({ value: '13700000910' });
    const ok = await call('swq.community', 'PATCH', `/api/v1/deliveries/beneficiaries/${b.id}`, {
      version: 1,
      needs: '轮椅',
    });
    expect(ok.statusCode).toBe(200);
    const stale = await call('swq.community', 'PATCH', `/api/v1/deliveries/beneficiaries/${b.id}`, {
      version: 1,
      needs: '再改',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('delivery.conflict');
  });

  it('runs a request end to end: file → offer → claim → wrong/right code → confirm', async () => {
    const b = beneficiarySchema.parse(
      (
        await call(
          'swq.community',
          'POST',
          '/api/v1/deliveries/beneficiaries',
          beneficiaryBody({ phone: '13700000911' }),
        )
      ).json(),
    );
    const body = {
      beneficiaryId: b.id,
      stationId: w.canteenId,
      date: tomorrow,
      windowStart: '11:30',
      windowEnd: '12:00',
      dishes: '两荤一素',
    };
    const bad = await call('swq.community', 'POST', '/api/v1/deliveries', { ...body, windowEnd: '11:00' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await call('swq.community', 'POST', '/api/v1/deliveries', { ...body, windowStart: '25:00' }))
        .statusCode,
    ).toBe(400);
    const filed = await call('swq.community', 'POST', '/api/v1/deliveries', body);
    expect(filed.statusCode).toBe(201);
    const d = deliverySchema.parse(filed.json());
    expect(d.receiptCode).toMatch(/^\d{4}$/);
    expect(d.dietNotes).toBe('少糖');
    expect((await call('szq.community', 'POST', '/api/v1/deliveries', body)).statusCode).toBe(404);

    await call('worker2', 'PUT', '/api/v1/me/delivery-volunteer', { optedIn: true });
    const offers = offersReply.parse(
      (
        await call('worker2', 'GET', `/api/v1/deliveries/offers?lat=${CANTEEN.lat}&lng=${CANTEEN.lng}`)
      ).json(),
    );
    const offer = offers.items.find((o) => o.id === d.id)!;
    expect(offer.street).toBe('沫若路');
    expect(JSON.stringify(offers)).not.toContain('5 栋');
    expect(JSON.stringify(offers)).not.toContain(d.receiptCode);
    expect((await call('worker2', 'GET', '/api/v1/deliveries/offers?lat=29.4')).statusCode).toBe(400);

    const claim = await call('worker2', 'POST', `/api/v1/deliveries/${d.id}/claim`);
    expect(claim.statusCode).toBe(200);
    const mine = myDeliverySchema.parse(claim.json());
    expect(mine.address).toContain('5 栋');
    expect(claim.body).not.toContain(d.receiptCode);
    expect(claim.body).not.toContain('13700000911');
    await call('worker1', 'PUT', '/api/v1/me/delivery-volunteer', { optedIn: true });
    const second = await call('worker1', 'POST', `/api/v1/deliveries/${d.id}/claim`);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('delivery.already_claimed');
    expect(
      (await call('worker1', 'POST', `/api/v1/deliveries/${d.id}/deliver`, { code: d.receiptCode }))
        .statusCode,
    ).toBe(404);

    expect(
      (await call('worker2', 'POST', `/api/v1/deliveries/${d.id}/deliver`, { code: '12a4' })).statusCode,
    ).toBe(400);
    const wrong = await call('worker2', 'POST', `/api/v1/deliveries/${d.id}/deliver`, {
      code: d.receiptCode === '9999' ? '0000' : '9999',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'delivery.wrong_code', details: { attemptsLeft: 4 } });
    const right = await call('worker2', 'POST', `/api/v1/deliveries/${d.id}/deliver`, {
      code: d.receiptCode,
    });
    expect(right.statusCode).toBe(200);
    expect(right.json().status).toBe('delivered');

    const board = deliveriesReply.parse(
      (await call('swq.community', 'GET', `/api/v1/deliveries?from=${tomorrow}&pageSize=200`)).json(),
    );
    const row = board.items.find((x) => x.id === d.id)!;
    expect(row).toMatchObject({
      status: 'delivered',
      riderName: '李师傅',
      actions: { confirm: true, cancel: false },
    });
    expect((await call('szq.community', 'POST', `/api/v1/deliveries/${d.id}/confirm`)).statusCode).toBe(404);
    const confirmed = await call('swq.community', 'POST', `/api/v1/deliveries/${d.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('confirmed');
    const again = await call('swq.community', 'POST', `/api/v1/deliveries/${d.id}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('delivery.invalid_transition');
    const mineList = (await call('worker2', 'GET', '/api/v1/me/deliveries')).json();
    expect(mineList.items.find((x: { id: string }) => x.id === d.id).status).toBe('confirmed');
  });

  it('seeds the demo once: swq.community signs in and sees the seven residents and today’s requests', async () => {
    const again = await seedDemoDeliveries(w.t.deps, w.orgs, w.users);
    expect(again).toEqual({ created: 0, staffUserId: w.users['swq.community'] });
    const login = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'swq.community', password: 'Nuanxin@2026' },
    });
    expect(login.statusCode).toBe(200);
    const list = (
      await call('swq.community', 'GET', '/api/v1/deliveries/beneficiaries?q=%E7%8E%8B%E7%A7%80%E8%8B%B1')
    ).json();
    expect(list.items[0]).toMatchObject({ name: '王秀英', phoneMasked: '137****0101' });
    const board = deliveriesReply.parse(
      (
        await call(
          'swq.community',
          'GET',
          `/api/v1/deliveries?from=${shanghaiDate(new Date(Date.now() - 86_400_000))}&pageSize=200`,
        )
      ).json(),
    );
    const states = new Set(board.items.map((d) => d.status));
    for (const s of ['requested', 'claimed', 'delivered', 'confirmed'] as const)
      expect(states.has(s)).toBe(true);
    expect(board.items.some((d) => d.escalatedAt !== null)).toBe(true);
  });

  it('answers 404 for unknown ids and keeps staff routes from riders', async () => {
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    const r = await call('worker1', 'POST', `/api/v1/deliveries/${unknown}/claim`);
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('delivery.not_found');
    expect((await call('swq.community', 'POST', `/api/v1/deliveries/${unknown}/confirm`)).statusCode).toBe(
      404,
    );
    expect((await call('swq.community', 'POST', '/api/v1/deliveries/not-a-uuid/confirm')).statusCode).toBe(
      400,
    );
    expect((await call('worker1', 'POST', `/api/v1/deliveries/${unknown}/confirm`)).statusCode).toBe(403);
    expect((await call('swq.community', 'POST', `/api/v1/deliveries/${unknown}/claim`)).statusCode).toBe(403);
    const v = await call('worker1', 'GET', '/api/v1/me/delivery-volunteer');
    expect(v.json().optedIn).toBe(true); // the demo seed opted the demo workers in
  });
});
