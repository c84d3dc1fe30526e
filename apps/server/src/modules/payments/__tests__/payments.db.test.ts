import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { inTransaction } from '../../../platform/db/tx.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { type StationsWorld, stationsWorld } from '../../stations/__tests__/stations-fixtures.ts';
import { type ChargeInput, createPaymentsService, type PaymentsService } from '../payments.service.ts';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return null;
};

describe.each(testEngines())('payments and operating accounts (%s)', (engine) => {
  let w: StationsWorld;
  let svc: PaymentsService;
  const clock = { now: new Date('2026-11-20T04:00:00Z') };
  let hubId: string;
  let szqStationId: string;

  const charge = (over: Partial<ChargeInput> = {}) =>
    inTransaction(w.t.database, ({ tx }) =>
      svc.charge(tx, {
        stationId: hubId,
        purpose: 'lodging',
        refId: crypto.randomUUID(),
        description: '住宿 2 晚（自带被褥）',
        quantity: 2,
        unit: 'night',
        amountFen: 200,
        payerUserId: w.users.worker1!,
        ...over,
      }),
    );

  beforeAll(async () => {
    w = await stationsWorld(engine, { demo: true });
    svc = createPaymentsService(w.t.deps, { now: () => clock.now });
    const rows = await w.t.database.query<{ id: string; region_code: string }>(
      "select id, region_code from station where name = '沙湾区G348“暖心之家”'",
    );
    hubId = rows.rows[0]!.id;
    const szq = await w.t.database.query<{ id: string }>(
      "select id from station where region_code like '511102%' and status = 'active' limit 1",
    );
    szqStationId = szq.rows[0]!.id;
  }, 180_000);
  afterAll(async () => w?.t.close());

  it('records a pending charge with the counter instructions, once per booking (HUB-01)', async () => {
    const refId = crypto.randomUUID();
    const a = await charge({ refId });
    expect(a).toMatchObject({ status: 'pending', amountFen: 200, method: null, quantity: 2, unit: 'night' });
    expect(a.instructions).toContain('前台');
    const again = await charge({ refId, amountFen: 999 });
    expect(again.id).toBe(a.id);
    expect(again.amountFen).toBe(200);
  });

  it('settles a free charge at once (free meals for residents in difficulty)', async () => {
    const p = await charge({ purpose: 'meal_order', unit: 'meal', quantity: 1, amountFen: 0 });
    expect(p).toMatchObject({ status: 'paid', method: 'free', instructions: '' });
  });

  it('refuses negative or fractional amounts, and the database refuses them too', async () => {
    expect(await codeOf(charge({ amountFen: -1 }))).toBe('common.validation');
    expect(await codeOf(charge({ amountFen: 1.5 }))).toBe('common.validation');
    await expect(
      w.t.database.query(
        `insert into payment (id, station_id, purpose, ref_id, description, quantity, unit, amount_fen, status)
         values (gen_random_uuid(), $1, 'service', gen_random_uuid(), 'x', 1, 'item', -5, 'pending')`,
        [hubId],
      ),
    ).rejects.toThrow();
    // Paid without a method breaks the state check.
    await expect(
      w.t.database.query(
        `insert into payment (id, station_id, purpose, ref_id, description, quantity, unit, amount_fen, status)
         values (gen_random_uuid(), $1, 'service', gen_random_uuid(), 'x', 1, 'item', 5, 'paid')`,
        [hubId],
      ),
    ).rejects.toThrow();
  });

  it('lets the keeper confirm a counter payment once, with an audit row and a payment.paid event', async () => {
    const p = await charge();
    const paid = await svc.confirm(w.actors['swq.keeper'], null, p.id, { method: 'counter_qr' });
    expect(paid).toMatchObject({ status: 'paid', method: 'counter_qr', paidAt: clock.now.toISOString() });
    expect(await codeOf(svc.confirm(w.actors['swq.keeper'], null, p.id, { method: 'counter_cash' }))).toBe(
      'payment.not_pending',
    );
    const audit = await w.t.database.query(
      "select 1 from audit_log where action = 'payment.confirm' and entity_id = $1",
      [p.id],
    );
    expect(audit.rows).toHaveLength(1);
    const events = await w.t.database.query(
      "select 1 from outbox_event where type = 'payment.paid' and payload->>'paymentId' = $1",
      [p.id],
    );
    expect(events.rows).toHaveLength(1);
  });

  it('hides a charge from outsiders (404) and lets the payer see but not settle it (403)', async () => {
    const p = await charge();
    expect(await codeOf(svc.confirm(w.actors['szq.community'], null, p.id, { method: 'counter_cash' }))).toBe(
      'payment.not_found',
    );
    expect(await codeOf(svc.confirm(w.actors.worker2, null, p.id, { method: 'counter_cash' }))).toBe(
      'payment.not_found',
    );
    expect(await codeOf(svc.confirm(w.actors.worker1, null, p.id, { method: 'counter_cash' }))).toBe(
      'common.forbidden',
    );
    const mine = await svc.mine(w.actors.worker1, 100);
    expect(mine.items.map((i) => i.id)).toContain(p.id);
    expect((await svc.mine(w.actors.worker2, 100)).items.map((i) => i.id)).not.toContain(p.id);
  });

  it('voids a pending charge when the booking is cancelled, and never a paid one', async () => {
    const refId = crypto.randomUUID();
    await charge({ refId });
    await inTransaction(w.t.database, ({ tx }) =>
      svc.voidFor(tx, 'lodging', refId, w.users.worker1!, '预订已取消'),
    );
    const m = await svc.forRefs(w.t.database.db, 'lodging', [refId]);
    expect(m.get(refId)).toMatchObject({ status: 'void', voidReason: '预订已取消' });

    const paidRef = crypto.randomUUID();
    const p = await charge({ refId: paidRef });
    await svc.confirm(w.actors['swq.keeper'], null, p.id, { method: 'counter_cash' });
    await inTransaction(w.t.database, ({ tx }) => svc.voidFor(tx, 'lodging', paidRef, w.users.worker1!, 'x'));
    expect((await svc.forRefs(w.t.database.db, 'lodging', [paidRef])).get(paidRef)?.status).toBe('paid');
    // Only managers void by hand; a keeper may not.
    const q = await charge();
    expect(await codeOf(svc.voidPayment(w.actors['swq.keeper'], null, q.id, '录错了'))).toBe(
      'common.forbidden',
    );
    expect((await svc.voidPayment(w.actors['swq.admin'], null, q.id, '录错了')).status).toBe('void');
  });

  it('sums the month’s account: paid income by purpose, pending, manual lines and the balance (HUB-07)', async () => {
    const month = '2026-11';
    const before = await svc.accounts(w.actors['swq.admin'], hubId, month);
    const p1 = await charge({ amountFen: 300, quantity: 3 });
    await svc.confirm(w.actors['swq.keeper'], null, p1.id, { method: 'counter_cash' });
    const p2 = await charge({ purpose: 'meal_order', unit: 'meal', quantity: 2, amountFen: 2000 });
    await svc.confirm(w.actors['swq.keeper'], null, p2.id, { method: 'counter_qr' });
    await charge({ amountFen: 100, quantity: 1 }); // still pending
    await svc.addEntry(w.actors['swq.admin'], null, hubId, { month, stream: 'subsidy', amountFen: 50_000 });
    await svc.addEntry(w.actors['swq.admin'], null, hubId, {
      month,
      stream: 'cost',
      amountFen: 20_000,
      note: '水电',
    });
    const a = await svc.accounts(w.actors['swq.admin'], hubId, month);
    const lodging = (x: typeof a) =>
      x.income.find((i) => i.purpose === 'lodging') ?? { amountFen: 0, quantity: 0, count: 0 };
    expect(lodging(a).amountFen - lodging(before).amountFen).toBe(300);
    expect(lodging(a).quantity - lodging(before).quantity).toBe(3);
    expect(a.pendingFen - before.pendingFen).toBe(100);
    expect(a.totals.otherIncomeFen - before.totals.otherIncomeFen).toBe(50_000);
    expect(a.totals.costFen - before.totals.costFen).toBe(20_000);
    expect(a.totals.balanceFen).toBe(a.totals.paidServicesFen + a.totals.otherIncomeFen - a.totals.costFen);
    expect(a.actions.addEntry).toBe(true);
    // A payment confirmed in December belongs to December's account.
    clock.now = new Date('2026-11-30T16:30:00Z');
    const p3 = await charge({ amountFen: 700 });
    await svc.confirm(w.actors['swq.keeper'], null, p3.id, { method: 'counter_cash' });
    const dec = await svc.accounts(w.actors['swq.admin'], hubId, '2026-12');
    expect(dec.income.find((i) => i.purpose === 'lodging')?.amountFen).toBe(700);
    clock.now = new Date('2026-11-20T04:00:00Z');
  });

  it('keeps accounts to managers: keepers read, outsiders are refused, future months and old lines refused', async () => {
    const k = await svc.accounts(w.actors['swq.keeper'], hubId, '2026-11');
    expect(k.actions.addEntry).toBe(false);
    expect(await codeOf(svc.accounts(w.actors['szq.admin'], hubId, '2026-11'))).toBe('common.forbidden');
    expect(
      await codeOf(
        svc.addEntry(w.actors['swq.keeper'], null, hubId, {
          month: '2026-11',
          stream: 'charity',
          amountFen: 1,
        }),
      ),
    ).toBe('common.forbidden');
    expect(
      await codeOf(
        svc.addEntry(w.actors['swq.admin'], null, hubId, {
          month: '2027-01',
          stream: 'charity',
          amountFen: 1,
        }),
      ),
    ).toBe('common.validation');
    const old = await svc.addEntry(w.actors['swq.admin'], null, hubId, {
      month: '2026-10',
      stream: 'charity',
      amountFen: 1,
    });
    expect(await codeOf(svc.deleteEntry(w.actors['swq.admin'], null, hubId, old.id))).toBe(
      'payment.entry_closed',
    );
    const cur = await svc.addEntry(w.actors['swq.admin'], null, hubId, {
      month: '2026-11',
      stream: 'charity',
      amountFen: 1,
    });
    expect(await codeOf(svc.deleteEntry(w.actors['szq.admin'], null, hubId, cur.id))).toBe(
      'payment.entry_not_found',
    );
    expect(await svc.deleteEntry(w.actors['swq.admin'], null, hubId, cur.id)).toEqual({ ok: true });
    expect(await codeOf(svc.deleteEntry(w.actors['swq.admin'], null, szqStationId, cur.id))).toBe(
      'payment.entry_not_found',
    );
    const left = await w.t.database.query('select 1 from operating_entry where id = $1', [cur.id]);
    expect(left.rows).toHaveLength(0);
  });
});
