import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { residentScope } from '../deliveries.policy.ts';
import { createResidentService } from '../deliveries.resident.ts';
import { beneficiary } from '../deliveries.tables.ts';
import { countRows, type DeliveriesWorld, deliveriesWorld } from './fixtures.ts';

/**
 * CAN-05 residents' self-service on both engines: of many taps filing the same window at once
 * exactly one request is made (the resident row is locked), and the start-up backfill gives rows
 * registered before the phone index existed their index, so those residents can sign in.
 */
describe.each(testEngines())('CAN-05 residents on %s', (engine) => {
  let w: DeliveriesWorld;
  // 2026-03-10 08:00 Asia/Shanghai.
  const clock = { now: new Date('2026-03-10T00:00:00Z') };

  beforeAll(async () => {
    w = await deliveriesWorld(engine, clock);
  }, 180_000);
  afterAll(async () => w?.t.close());

  it('files one request of twenty concurrent taps for the same window', async () => {
    const [b] = await w.t.database.db
      .select({ id: beneficiary.id })
      .from(beneficiary)
      .where(eq(beneficiary.name, '赵永福'));
    const scope = residentScope('test-session', [b!.id]);
    const body = {
      beneficiaryId: b!.id,
      stationId: w.canteenId,
      date: '2026-03-11',
      windowStart: '11:00',
      windowEnd: '11:30',
      dishes: '两荤一素套餐',
    };
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => w.svc.residentFile(scope, null, body)),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter(
      (r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'delivery.duplicate',
    );
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(19);
    expect(
      await countRows(
        w.t.database.db,
        'meal_delivery',
        sql`beneficiary_id = ${b!.id} and date = '2026-03-11' and filed_by_resident`,
      ),
    ).toBe(1);
    // A window that does not overlap is another meal.
    const dinner = await w.svc.residentFile(scope, null, {
      ...body,
      windowStart: '17:00',
      windowEnd: '17:30',
    });
    expect(dinner.filedByResident).toBe(true);
  });

  it('backfills the phone index of residents registered before it existed', async () => {
    const db = w.t.database.db;
    await db.update(beneficiary).set({ phoneIndex: null });
    const n = await countRows(db, 'beneficiary');
    expect(await countRows(db, 'beneficiary', sql`phone_index is null`)).toBe(n);
    const residents = createResidentService(w.t.deps);
    expect(await residents.backfillPhoneIndex()).toBe(n);
    expect(await countRows(db, 'beneficiary', sql`phone_index is null`)).toBe(0);
    const [row] = await db.select().from(beneficiary).where(eq(beneficiary.name, '黄玉珍'));
    expect(row!.phoneIndex).toBe(w.t.deps.pii.blindIndex('13700000107'));
    expect(await residents.backfillPhoneIndex()).toBe(0);
  });
});
