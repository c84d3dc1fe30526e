import {
  childcareRegistrationSchema,
  childcareSessionSchema,
  childcareSessionsReply,
  myCanteenServicesReply,
  proxyRequestSchema,
  proxyRequestsReply,
} from '@nuanxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CanteenWorld, canteenWorld, dayFrom } from './canteen-services-fixtures.ts';

/** HTTP contract of 政务代办 (CAN-03) and 节假日托幼 (CAN-04): statuses, error codes, masking. */
describe('canteen services HTTP', () => {
  let w: CanteenWorld;
  beforeAll(async () => {
    w = await canteenWorld('pglite');
  }, 120_000);
  afterAll(async () => w?.t.close());

  const proxyUrl = () => `/api/v1/stations/${w.canteenId}/proxy-requests`;
  const proxyBody = (over: Record<string, unknown> = {}) => ({
    matter: 'social_security_card',
    description: '补办社保卡',
    documents: ['一寸照片'],
    ...over,
  });

  it('CAN-03: files 201, repeats 200 on the same Idempotency-Key, 401 signed out', async () => {
    const a = await w.call('worker1', 'POST', proxyUrl(), proxyBody(), { 'idempotency-key': 'http-1' });
    const b = await w.call('worker1', 'POST', proxyUrl(), proxyBody(), { 'idempotency-key': 'http-1' });
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(proxyRequestSchema.parse(a.json()).id).toBe(b.json().id);
    expect((await w.call(null, 'POST', proxyUrl(), proxyBody())).statusCode).toBe(401);
  });

  it('CAN-03: validates the body (common.validation) and refuses ID numbers', async () => {
    for (const bad of [
      proxyBody({ matter: 'passport' }),
      proxyBody({ description: '' }),
      proxyBody({ documents: ['x'.repeat(61)] }),
      proxyBody({ resident: { name: '王秀英', phone: '12345' } }),
    ]) {
      const r = await w.call('swq.keeper', 'POST', proxyUrl(), bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().code).toBe('common.validation');
    }
    const id = await w.call(
      'worker1',
      'POST',
      proxyUrl(),
      proxyBody({ description: '身份证 51110219900101123X' }),
    );
    expect(id.statusCode).toBe(400);
    expect(id.json()).toMatchObject({ code: 'proxy.no_id_numbers', details: { fields: ['description'] } });
    const off = await w.call('worker1', 'POST', `/api/v1/stations/${w.plainId}/proxy-requests`, proxyBody());
    expect(off.statusCode).toBe(409);
    expect(off.json().code).toBe('proxy.not_offered');
  });

  it('CAN-03: another worker gets 404; the keeper moves it; 409 off the table; masked resident phone', async () => {
    const filed = (await w.call('worker1', 'POST', proxyUrl(), proxyBody())).json();
    expect((await w.call('worker2', 'GET', `/api/v1/proxy-requests/${filed.id}`)).statusCode).toBe(404);
    expect((await w.call('worker2', 'GET', `/api/v1/proxy-requests/${filed.id}`)).json().code).toBe(
      'proxy.not_found',
    );
    const move = (login: 'swq.keeper' | 'worker1', action: string, extra: object = {}) =>
      w.call(login, 'POST', `/api/v1/proxy-requests/${filed.id}/transitions`, { action, ...extra });
    expect((await move('worker1', 'take')).statusCode).toBe(403);
    expect((await move('swq.keeper', 'finish')).statusCode).toBe(400);
    const bad = await move('swq.keeper', 'return');
    expect(bad.statusCode).toBe(409);
    expect(bad.json()).toMatchObject({ code: 'proxy.transition_invalid', details: { status: 'received' } });
    expect((await move('swq.keeper', 'reject')).json().code).toBe('proxy.reason_required');
    expect((await move('swq.keeper', 'take')).json().status).toBe('in_progress');
    expect((await move('swq.keeper', 'complete')).json().status).toBe('done');
    const mine = myCanteenServicesReply.parse(
      (await w.call('worker1', 'GET', '/api/v1/me/canteen-services')).json(),
    );
    expect(mine.proxyRequests.find((r) => r.id === filed.id)?.history.map((h) => h.toStatus)).toEqual([
      'received',
      'in_progress',
      'done',
    ]);

    const resident = await w.call(
      'swq.keeper',
      'POST',
      proxyUrl(),
      proxyBody({ matter: 'medical_insurance', resident: { name: '王秀英', phone: '+86 139 1234 5678' } }),
    );
    expect(resident.statusCode).toBe(201);
    expect(resident.body).not.toContain('13912345678');
    expect(resident.json().requester).toEqual({
      kind: 'resident',
      name: '王*英',
      phoneMasked: '139****5678',
    });
    const board = await w.call('swq.keeper', 'GET', `${proxyUrl()}?status=received`);
    expect(board.statusCode).toBe(200);
    const parsed = proxyRequestsReply.parse(board.json());
    expect(parsed.items.every((r) => r.status === 'received')).toBe(true);
    expect(board.body).not.toContain('13912345678');
  });

  it('CAN-04: sessions, registration 201/200, 409 childcare.full, 400 age, masked phones, cancel', async () => {
    const created = await w.call('swq.admin', 'POST', `/api/v1/stations/${w.canteenId}/childcare-sessions`, {
      date: dayFrom(new Date(), 4),
      starts: '09:00',
      ends: '16:00',
      capacity: 1,
      ageMin: 4,
      ageMax: 10,
      note: '寒假托管',
    });
    expect(created.statusCode).toBe(201);
    const s = childcareSessionSchema.parse(created.json());
    expect(
      (
        await w.call(
          'swq.keeper',
          'POST',
          `/api/v1/stations/${w.canteenId}/childcare-sessions`,
          created.json(),
        )
      ).statusCode,
    ).toBe(403);
    const bad = await w.call('swq.admin', 'POST', `/api/v1/stations/${w.canteenId}/childcare-sessions`, {
      date: '2026-13-01',
      starts: '9:00',
      ends: '16:00',
      capacity: 0,
      ageMin: 4,
      ageMax: 10,
    });
    expect(bad.statusCode).toBe(400);

    const regUrl = `/api/v1/childcare-sessions/${s.id}/registrations`;
    const kid = { childName: '小雨', childAge: 6, contactPhone: '139 0000 0001', allergies: '花生' };
    const tooYoung = await w.call('worker1', 'POST', regUrl, { ...kid, childAge: 3 });
    expect(tooYoung.statusCode).toBe(400);
    expect(tooYoung.json()).toMatchObject({
      code: 'childcare.age_out_of_range',
      details: { ageMin: 4, ageMax: 10 },
    });
    expect(
      (await w.call('worker1', 'POST', regUrl, { ...kid, idNumber: '511102199001011234' })).statusCode,
    ).toBe(201);
    const repeat = await w.call('worker1', 'POST', regUrl, kid, { 'idempotency-key': 'reg-1' });
    expect(repeat.statusCode).toBe(409);
    expect(repeat.json().code).toBe('childcare.already_registered');
    const full = await w.call('worker2', 'POST', regUrl, { ...kid, childName: '豆豆' });
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('childcare.full');

    const list = await w.call('swq.keeper', 'GET', regUrl);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('13900000001');
    expect(list.body).not.toContain('511102199001011234');
    const reg = childcareRegistrationSchema.parse(list.json().items[0]);
    expect(reg).toMatchObject({ contactPhoneMasked: '139****0001', allergies: '花生', childName: '小雨' });
    expect((await w.call('worker2', 'GET', regUrl)).statusCode).toBe(403);

    const open = childcareSessionsReply.parse(
      (await w.call('worker2', 'GET', `/api/v1/stations/${w.canteenId}/childcare-sessions`)).json(),
    );
    expect(open.items.find((x) => x.id === s.id)).toMatchObject({ free: 0, registered: 1 });
    expect(open.actions).toEqual({ manage: false, keep: false });
    expect(
      (await w.call('worker2', 'GET', `/api/v1/stations/${w.canteenId}/childcare-sessions?all=true`))
        .statusCode,
    ).toBe(403);

    expect(
      (await w.call('worker2', 'POST', `/api/v1/childcare-registrations/${reg.id}/cancel`)).statusCode,
    ).toBe(404);
    const cancelled = await w.call('worker1', 'POST', `/api/v1/childcare-registrations/${reg.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const notYet = await w.call(
      'swq.keeper',
      'POST',
      `/api/v1/childcare-registrations/${reg.id}/attendance`,
      {
        attended: true,
      },
    );
    expect(notYet.statusCode).toBe(409);

    const edit = await w.call('swq.admin', 'PATCH', `/api/v1/childcare-sessions/${s.id}`, {
      version: s.version,
      capacity: 10,
    });
    expect(edit.statusCode).toBe(200);
    const stale = await w.call('swq.admin', 'PATCH', `/api/v1/childcare-sessions/${s.id}`, {
      version: s.version,
      capacity: 12,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('childcare.conflict');
    expect(
      (await w.call('swq.admin', 'POST', `/api/v1/childcare-sessions/${s.id}/cancel`)).json().status,
    ).toBe('cancelled');
    expect(
      (
        await w.call(
          'worker1',
          'GET',
          '/api/v1/childcare-sessions/00000000-0000-4000-8000-000000000000/registrations',
        )
      ).statusCode,
    ).toBe(403);
  });
});
