import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { inTransaction } from '../../../platform/db/tx.ts';
import { type StationsWorld, stationsWorld } from '../../stations/__tests__/stations-fixtures.ts';
import { createPaymentsService } from '../payments.service.ts';

describe.each(testEngines())('payments HTTP contract (%s)', (engine) => {
  let w: StationsWorld;
  let hubId: string;

  const pending = async (amountFen = 100) =>
    inTransaction(w.t.database, ({ tx }) =>
      createPaymentsService(w.t.deps).charge(tx, {
        stationId: hubId,
        purpose: 'service',
        refId: crypto.randomUUID(),
        description: '测试收费',
        quantity: 1,
        unit: 'item',
        amountFen,
        payerUserId: w.users.worker1!,
      }),
    );

  beforeAll(async () => {
    w = await stationsWorld(engine, { demo: true });
    const r = await w.t.database.query<{ id: string }>(
      "select id from station where name = '沙湾区G348“暖心之家”'",
    );
    hubId = r.rows[0]!.id;
  }, 180_000);
  afterAll(async () => w?.t.close());

  it('confirms with 200 and answers 409 payment.not_pending the second time', async () => {
    const p = await pending();
    const ok = await w.call('swq.keeper', 'POST', `/api/v1/payments/${p.id}/confirm`, {
      method: 'counter_cash',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: p.id, status: 'paid', method: 'counter_cash', instructions: '' });
    const again = await w.call('swq.keeper', 'POST', `/api/v1/payments/${p.id}/confirm`, {
      method: 'counter_cash',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'payment.not_pending' });
  });

  it('validates: unknown method, bad ids, bad months, amounts, and changes nothing', async () => {
    const p = await pending();
    const bad = await w.call('swq.keeper', 'POST', `/api/v1/payments/${p.id}/confirm`, { method: 'free' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('common.validation');
    expect(
      (await w.call('swq.keeper', 'POST', '/api/v1/payments/not-a-uuid/confirm', { method: 'counter_qr' }))
        .statusCode,
    ).toBe(400);
    const missing = await w.call('swq.keeper', 'POST', `/api/v1/payments/${crypto.randomUUID()}/confirm`, {
      method: 'counter_qr',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('payment.not_found');
    for (const month of ['2026-13', '2026-1', 'november', '']) {
      const r = await w.call('swq.admin', 'GET', `/api/v1/stations/${hubId}/accounts?month=${month}`);
      expect(r.statusCode, month).toBe(400);
    }
    for (const payload of [
      { month: '2026-11', stream: 'subsidy', amountFen: 0 },
      { month: '2026-11', stream: 'subsidy', amountFen: 1.5 },
      { month: '2026-11', stream: 'lottery', amountFen: 100 },
      { month: '2026-11', stream: 'cost', amountFen: 100, note: 'x'.repeat(201) },
    ]) {
      const r = await w.call('swq.admin', 'POST', `/api/v1/stations/${hubId}/accounts/entries`, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const still = await w.call('swq.keeper', 'GET', `/api/v1/stations/${hubId}/payments?status=pending`);
    expect(still.json().items.map((i: { id: string }) => i.id)).toContain(p.id);
  });

  it('lists the station’s charges with paging, filters and the pending sum', async () => {
    await pending(250);
    const r = await w.call(
      'swq.keeper',
      'GET',
      `/api/v1/stations/${hubId}/payments?status=pending&pageSize=1`,
    );
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.items).toHaveLength(1);
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body.pendingFen).toBeGreaterThanOrEqual(350);
    const wrong = await w.call(
      'swq.keeper',
      'GET',
      `/api/v1/stations/${hubId}/payments?from=2026-11-20&to=2026-11-01`,
    );
    expect(wrong.statusCode).toBe(400);
  });

  it('shows the payer their own charges with what to do', async () => {
    const p = await pending(300);
    const r = await w.call('worker1', 'GET', '/api/v1/me/payments');
    expect(r.statusCode).toBe(200);
    const mine = r.json().items.find((i: { id: string }) => i.id === p.id);
    expect(mine).toMatchObject({ status: 'pending', amountFen: 300, stationName: '沙湾区G348“暖心之家”' });
    expect(mine.instructions).toMatch(/现金|收款码/);
    expect((await w.call(null, 'GET', '/api/v1/me/payments')).statusCode).toBe(401);
  });
});
